package org.recoder.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Assigns contiguous indices to ids in first-seen order, reading ids straight from byte buffers.
 *
 * <p>Readers call {@link #intern(byte[], int, int)} per field: an id seen before costs a hash and a byte
 * comparison and allocates nothing, so a 20M-row file does not create a String per field. Not thread-safe.
 */
public final class IdIndexBuilder {
    private byte[] pool = new byte[1 << 16];
    private int poolSize;
    private int[] offsets = new int[1024];
    private int[] lengths = new int[1024];
    private int size;
    private int[] table = new int[2048]; // open addressing, stores index + 1, 0 = empty
    private int mask = table.length - 1;

    /** The index of the id spelled by {@code buf[off, off+len)} (UTF-8), adding it when new. */
    public int intern(byte[] buf, int off, int len) {
        int h = hash(buf, off, len);
        int slot = h & mask;
        while (true) {
            int entry = table[slot];
            if (entry == 0) {
                break;
            }
            int idx = entry - 1;
            if (lengths[idx] == len && Arrays.equals(pool, offsets[idx], offsets[idx] + len, buf, off, off + len)) {
                return idx;
            }
            slot = (slot + 1) & mask;
        }
        int idx = add(buf, off, len);
        table[slot] = idx + 1;
        if (size * 2 > table.length) {
            rehash();
        }
        return idx;
    }

    /** A builder pre-filled with {@code index}'s ids, in order. */
    public static IdIndexBuilder from(IdIndex index) {
        IdIndexBuilder b = new IdIndexBuilder();
        for (int i = 0; i < index.size(); i++) {
            b.intern(index.id(i));
        }
        return b;
    }

    /** The index of {@code id}, adding it when new. */
    public int intern(String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        return intern(b, 0, b.length);
    }

    /** The index of {@code id}, or -1 if it has not been interned. */
    public int tryIndex(byte[] buf, int off, int len) {
        int slot = hash(buf, off, len) & mask;
        while (true) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            int idx = entry - 1;
            if (lengths[idx] == len && Arrays.equals(pool, offsets[idx], offsets[idx] + len, buf, off, off + len)) {
                return idx;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The number of distinct ids so far. */
    public int size() {
        return size;
    }

    /** The id at {@code index} as a String. */
    public String id(int index) {
        return new String(pool, offsets[index], lengths[index], StandardCharsets.UTF_8);
    }

    /** A frozen index of all ids interned so far, in first-seen order. */
    public IdIndex build() {
        String[] ids = new String[size];
        for (int i = 0; i < size; i++) {
            ids[i] = id(i);
        }
        return IdIndex.of(ids);
    }

    private int add(byte[] buf, int off, int len) {
        if (poolSize + len > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        }
        System.arraycopy(buf, off, pool, poolSize, len);
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        offsets[size] = poolSize;
        lengths[size] = len;
        poolSize += len;
        return size++;
    }

    private void rehash() {
        int[] bigger = new int[table.length * 2];
        int m = bigger.length - 1;
        for (int idx = 0; idx < size; idx++) {
            int slot = hash(pool, offsets[idx], lengths[idx]) & m;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & m;
            }
            bigger[slot] = idx + 1;
        }
        table = bigger;
        mask = m;
    }

    private static int hash(byte[] buf, int off, int len) {
        int h = 0x9E3779B9;
        for (int i = off, end = off + len; i < end; i++) {
            h = (h ^ buf[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
