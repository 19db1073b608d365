package org.recoder.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The canonical interaction structure: an immutable user × item CSR matrix with float32 values and optional
 * timestamps, behind frozen user and item {@link IdIndex}es.
 *
 * <p>Within each row the item indices are strictly increasing. The arrays are never exposed for writing:
 * accessors return copies, or read single entries, except {@link #rowPointers()} and friends, which return the
 * internal arrays for kernels and must be treated as read-only.
 */
public final class Interactions {
    private final IdIndex users;
    private final IdIndex items;
    private final int[] rowPtr;
    private final int[] cols;
    private final float[] values;
    private final long[] times;

    /** Wraps CSR arrays; validates shapes and that every row's columns are strictly increasing and in range. */
    public Interactions(IdIndex users, IdIndex items, int[] rowPtr, int[] cols, float[] values, long[] times) {
        if (rowPtr.length != users.size() + 1) {
            throw new IllegalArgumentException("rowPtr length " + rowPtr.length + " != users + 1 = " + (users.size() + 1));
        }
        int nnz = rowPtr[users.size()];
        if (cols.length != nnz || values.length != nnz || (times != null && times.length != nnz)) {
            throw new IllegalArgumentException("CSR arrays disagree on the number of entries");
        }
        for (int u = 0; u < users.size(); u++) {
            int prev = -1;
            for (int k = rowPtr[u]; k < rowPtr[u + 1]; k++) {
                int c = cols[k];
                if (c <= prev || c >= items.size()) {
                    throw new IllegalArgumentException("row " + u + ": column " + c + " out of order or range");
                }
                prev = c;
            }
        }
        this.users = users;
        this.items = items;
        this.rowPtr = rowPtr;
        this.cols = cols;
        this.values = values;
        this.times = times;
    }

    /**
     * Builds CSR from parallel triples, folding repeated pairs by {@code policy}. Two stable counting sorts
     * (by item, then by user) give rows sorted by item with ties in input order, in O(n + users + items).
     */
    public static Interactions fromTriples(IdIndex users, IdIndex items, int[] user, int[] item, float[] value,
                                           long[] times, DuplicatePolicy policy) {
        int n = user.length;
        int nu = users.size();
        int ni = items.size();
        int[] byItem = countingSort(item, ni, identity(n));
        int[] order = countingSort(user, nu, byItem);
        int[] rowPtr = new int[nu + 1];
        int[] cols = new int[n];
        float[] vals = new float[n];
        long[] ts = times == null ? null : new long[n];
        int out = 0;
        int k = 0;
        for (int u = 0; u < nu; u++) {
            rowPtr[u] = out;
            while (k < n && user[order[k]] == u) {
                int p = order[k];
                int it = item[p];
                float v = value[p];
                long t = times == null ? 0 : times[p];
                k++;
                while (k < n && user[order[k]] == u && item[order[k]] == it) {
                    int q = order[k];
                    float w = value[q];
                    long tq = times == null ? 0 : times[q];
                    switch (policy) {
                        case LAST -> {
                            if (times == null || tq >= t) {
                                v = w;
                                t = tq;
                            }
                        }
                        case MAX -> {
                            if (w > v) {
                                v = w;
                                t = tq;
                            } else if (times != null) {
                                t = Math.max(t, tq);
                            }
                        }
                        case SUM -> {
                            v += w;
                            t = Math.max(t, tq);
                        }
                    }
                    k++;
                }
                cols[out] = it;
                vals[out] = v;
                if (ts != null) {
                    ts[out] = t;
                }
                out++;
            }
        }
        rowPtr[nu] = out;
        return new Interactions(users, items, rowPtr, Arrays.copyOf(cols, out), Arrays.copyOf(vals, out),
                ts == null ? null : Arrays.copyOf(ts, out));
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static int[] countingSort(int[] key, int range, int[] input) {
        int[] count = new int[range + 1];
        for (int p : input) {
            count[key[p] + 1]++;
        }
        for (int r = 0; r < range; r++) {
            count[r + 1] += count[r];
        }
        int[] out = new int[input.length];
        for (int p : input) {
            out[count[key[p]]++] = p;
        }
        return out;
    }

    public IdIndex users() {
        return users;
    }

    public IdIndex items() {
        return items;
    }

    public int numUsers() {
        return users.size();
    }

    public int numItems() {
        return items.size();
    }

    /** The number of stored (user, item) entries. */
    public int nnz() {
        return cols.length;
    }

    public boolean hasTimes() {
        return times != null;
    }

    /** Start offset of row {@code u} in {@link #columnIndices()}. */
    public int rowStart(int u) {
        return rowPtr[u];
    }

    /** End offset (exclusive) of row {@code u}. */
    public int rowEnd(int u) {
        return rowPtr[u + 1];
    }

    /** The number of items of user {@code u}. */
    public int degree(int u) {
        return rowPtr[u + 1] - rowPtr[u];
    }

    /** A copy of user {@code u}'s item indices, ascending. */
    public int[] rowItems(int u) {
        return Arrays.copyOfRange(cols, rowPtr[u], rowPtr[u + 1]);
    }

    /** A copy of user {@code u}'s values, aligned with {@link #rowItems(int)}. */
    public float[] rowValues(int u) {
        return Arrays.copyOfRange(values, rowPtr[u], rowPtr[u + 1]);
    }

    /** Internal row pointers (length users + 1); read-only. */
    public int[] rowPointers() {
        return rowPtr;
    }

    /** Internal column indices; read-only. */
    public int[] columnIndices() {
        return cols;
    }

    /** Internal values; read-only. */
    public float[] valueArray() {
        return values;
    }

    /** Internal timestamps (epoch ms) or null; read-only. */
    public long[] timeArray() {
        return times;
    }

    /** The number of users of each item. */
    public int[] itemDegrees() {
        int[] d = new int[numItems()];
        for (int c : cols) {
            d[c]++;
        }
        return d;
    }

    /** The item × user transpose (CSC view of this matrix), with the same values and times. */
    public Interactions transpose() {
        int nu = numUsers();
        int ni = numItems();
        int[] ptr = new int[ni + 1];
        for (int c : cols) {
            ptr[c + 1]++;
        }
        for (int i = 0; i < ni; i++) {
            ptr[i + 1] += ptr[i];
        }
        int[] next = Arrays.copyOf(ptr, ni);
        int[] rows = new int[nnz()];
        float[] vals = new float[nnz()];
        long[] ts = times == null ? null : new long[nnz()];
        for (int u = 0; u < nu; u++) {
            for (int k = rowPtr[u]; k < rowPtr[u + 1]; k++) {
                int dst = next[cols[k]]++;
                rows[dst] = u;
                vals[dst] = values[k];
                if (ts != null) {
                    ts[dst] = times[k];
                }
            }
        }
        return new Interactions(items, users, ptr, rows, vals, ts);
    }

    /** Entries with value strictly greater than {@code threshold}, each with value 1 (implicit feedback). */
    public Interactions binarize(float threshold) {

        int[] ptr = new int[numUsers() + 1];
        int[] c = new int[nnz()];
        float[] v = new float[nnz()];
        long[] t = times == null ? null : new long[nnz()];
        int out = 0;
        for (int u = 0; u < numUsers(); u++) {
            for (int k = rowPtr[u]; k < rowPtr[u + 1]; k++) {
                if (values[k] > threshold) {
                    c[out] = cols[k];
                    v[out] = 1f;
                    if (t != null) {
                        t[out] = times[k];
                    }
                    out++;
                }
            }
            ptr[u + 1] = out;
        }
        return new Interactions(users, items, ptr, Arrays.copyOf(c, out), Arrays.copyOf(v, out),
                t == null ? null : Arrays.copyOf(t, out));
    }

    /**
     * Keeps only the given users and items, re-indexing both in the order given (any order); entries on dropped
     * items disappear and each row is re-sorted by its new column indices.
     */
    public Interactions select(int[] keepUsers, int[] keepItems) {
        int[] itemMap = new int[numItems()];
        Arrays.fill(itemMap, -1);
        for (int j = 0; j < keepItems.length; j++) {
            itemMap[keepItems[j]] = j;
        }
        int[] ptr = new int[keepUsers.length + 1];
        int total = 0;
        for (int u : keepUsers) {
            for (int k = rowPtr[u]; k < rowPtr[u + 1]; k++) {
                if (itemMap[cols[k]] >= 0) {
                    total++;
                }
            }
        }
        int[] c = new int[total];
        float[] v = new float[total];
        long[] t = times == null ? null : new long[total];
        long[] keys = new long[16];
        int out = 0;
        for (int r = 0; r < keepUsers.length; r++) {
            int u = keepUsers[r];
            int n = 0;
            for (int k = rowPtr[u]; k < rowPtr[u + 1]; k++) {
                int m = itemMap[cols[k]];
                if (m >= 0) {
                    if (n == keys.length) {
                        keys = Arrays.copyOf(keys, n * 2);
                    }
                    keys[n++] = ((long) m << 32) | k;
                }
            }
            Arrays.sort(keys, 0, n);
            for (int q = 0; q < n; q++) {
                int k = (int) keys[q];
                c[out] = (int) (keys[q] >>> 32);
                v[out] = values[k];
                if (t != null) {
                    t[out] = times[k];
                }
                out++;
            }
            ptr[r + 1] = out;
        }
        return new Interactions(users.subset(keepUsers), items.subset(keepItems), ptr, c, v, t);
    }

    /**
     * This matrix with {@code more}'s rows appended as further users (same item index, no user in both). Used to
     * make held-out users' fold-in rows known to models that keep a parameter per user.
     */
    public Interactions appendUsers(Interactions more) {
        if (!items.equals(more.items)) {
            throw new IllegalArgumentException("cannot append users over a different item index");
        }
        List<String> ids = new java.util.ArrayList<>(users.ids());
        for (int u = 0; u < more.numUsers(); u++) {
            String id = more.users.id(u);
            if (users.tryIndex(id) >= 0) {
                throw new IllegalArgumentException("user '" + id + "' is in both matrices");
            }
            ids.add(id);
        }
        int n = nnz();
        int[] ptr = Arrays.copyOf(rowPtr, numUsers() + more.numUsers() + 1);
        for (int u = 1; u <= more.numUsers(); u++) {
            ptr[numUsers() + u] = n + more.rowPtr[u];
        }
        int[] c = Arrays.copyOf(cols, n + more.nnz());
        System.arraycopy(more.cols, 0, c, n, more.nnz());
        float[] v = Arrays.copyOf(values, n + more.nnz());
        System.arraycopy(more.values, 0, v, n, more.nnz());
        long[] t = null;
        if (times != null && more.times != null) {
            t = Arrays.copyOf(times, n + more.nnz());
            System.arraycopy(more.times, 0, t, n, more.nnz());
        }
        return new Interactions(IdIndex.of(ids), items, ptr, c, v, t);
    }

    /** The same entries without timestamps. */
    public Interactions withoutTimes() {
        return times == null ? this : new Interactions(users, items, rowPtr, cols, values, null);
    }

    /**
     * Splits the entries in two by {@code second[k]} (entry k goes to the second matrix when set); both parts
     * keep this matrix's user and item indices.
     */
    public Interactions[] partition(boolean[] second) {
        int[] pa = new int[numUsers() + 1];
        int[] pb = new int[numUsers() + 1];
        int nb = 0;
        for (boolean s : second) {
            if (s) {
                nb++;
            }
        }
        int na = nnz() - nb;
        int[] ca = new int[na];
        int[] cb = new int[nb];
        float[] va = new float[na];
        float[] vb = new float[nb];
        long[] ta = times == null ? null : new long[na];
        long[] tb = times == null ? null : new long[nb];
        int a = 0;
        int b = 0;
        for (int u = 0; u < numUsers(); u++) {
            for (int k = rowPtr[u]; k < rowPtr[u + 1]; k++) {
                if (second[k]) {
                    cb[b] = cols[k];
                    vb[b] = values[k];
                    if (tb != null) {
                        tb[b] = times[k];
                    }
                    b++;
                } else {
                    ca[a] = cols[k];
                    va[a] = values[k];
                    if (ta != null) {
                        ta[a] = times[k];
                    }
                    a++;
                }
            }
            pa[u + 1] = a;
            pb[u + 1] = b;
        }
        return new Interactions[] {new Interactions(users, items, pa, ca, va, ta), new Interactions(users, items, pb, cb, vb, tb)};
    }

    /** Users with at least one entry, ascending. */
    public int[] nonEmptyUsers() {
        int n = 0;
        for (int u = 0; u < numUsers(); u++) {
            if (degree(u) > 0) {
                n++;
            }
        }
        int[] out = new int[n];
        n = 0;
        for (int u = 0; u < numUsers(); u++) {
            if (degree(u) > 0) {
                out[n++] = u;
            }
        }
        return out;
    }

    /**
     * Items in order of first appearance when reading rows in order: the order in which a reader of this
     * matrix's row-major file assigns item indices, so that written and re-read matrices index items alike.
     */
    public int[] itemsByFirstAppearance() {
        boolean[] seen = new boolean[numItems()];
        int[] order = new int[numItems()];
        int n = 0;
        for (int u = 0; u < numUsers(); u++) {
            for (int k = rowPtr[u]; k < rowPtr[u + 1]; k++) {
                if (!seen[cols[k]]) {
                    seen[cols[k]] = true;
                    order[n++] = cols[k];
                }
            }
        }
        return Arrays.copyOf(order, n);
    }

    /**
     * The canonical form a split stores: users without entries dropped, items in first-appearance order (the
     * order of Liang et al.'s {@code unique_sid}), so that writing and re-reading gives an identical matrix.
     */
    public Interactions compact() {
        int[] users = nonEmptyUsers();
        Interactions rows = users.length == numUsers() ? this : select(users, identity(numItems()));
        return rows.select(identity(rows.numUsers()), rows.itemsByFirstAppearance());
    }

    /**
     * A SHA-256 over ids and CSR arrays, hex-encoded: two matrices with the same fingerprint hold the same data.
     */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String id : users.ids()) {
                md.update(id.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            md.update((byte) 1);
            for (String id : items.ids()) {
                md.update(id.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int u = 0; u < rowPtr.length; u++) {
                flushIfFull(md, buf, 4).putInt(rowPtr[u]);
            }
            for (int k = 0; k < cols.length; k++) {
                flushIfFull(md, buf, 8).putInt(cols[k]).putFloat(values[k]);
            }
            buf.flip();
            md.update(buf);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ByteBuffer flushIfFull(MessageDigest md, ByteBuffer buf, int need) {
        if (buf.remaining() < need) {
            buf.flip();
            md.update(buf);
            buf.clear();
        }
        return buf;
    }

    /** Same ids, same entries, same values and times. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Interactions x && users.equals(x.users) && items.equals(x.items)
                && Arrays.equals(rowPtr, x.rowPtr) && Arrays.equals(cols, x.cols) && Arrays.equals(values, x.values)
                && Arrays.equals(times, x.times);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cols) * 31 + Arrays.hashCode(rowPtr);
    }

    @Override
    public String toString() {
        return "Interactions[" + numUsers() + " users × " + numItems() + " items, " + nnz() + " entries]";
    }
}
