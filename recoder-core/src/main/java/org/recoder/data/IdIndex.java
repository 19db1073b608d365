package org.recoder.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A frozen two-way map between external ids (strings) and contiguous indices {@code 0..size()-1}.
 *
 * <p>Immutable and safe to share between threads. Built once by {@link IdIndexBuilder} or {@link #of(List)},
 * saved inside every model file so that results are reported in external ids.
 */
public final class IdIndex {
    private final String[] ids;
    private final Map<String, Integer> indexById;

    private IdIndex(String[] ids) {
        this.ids = ids;
        this.indexById = new HashMap<>(Math.max(16, (int) (ids.length / 0.7)));
        for (int i = 0; i < ids.length; i++) {
            if (indexById.put(ids[i], i) != null) {
                throw new IllegalArgumentException("duplicate id in id index: '" + ids[i] + "'");
            }
        }
    }

    /** An index whose index {@code i} is {@code ids.get(i)}; ids must be distinct. */
    public static IdIndex of(List<String> ids) {
        return new IdIndex(ids.toArray(String[]::new));
    }

    /** An index over the given ids, in the given order; the array is copied. */
    public static IdIndex of(String... ids) {
        return new IdIndex(ids.clone());
    }

    /** The number of ids. */
    public int size() {
        return ids.length;
    }

    /** The index of {@code id}, or -1 when it is not in the index. */
    public int tryIndex(String id) {
        Integer i = indexById.get(id);
        return i == null ? -1 : i;
    }

    /** The index of {@code id}; throws {@link NoSuchElementException} naming the id when it is unknown. */
    public int index(String id) {
        int i = tryIndex(id);
        if (i < 0) {
            throw new NoSuchElementException("unknown id '" + id + "'");
        }
        return i;
    }

    /** The external id at {@code index}. */
    public String id(int index) {
        return ids[index];
    }

    /** A copy of all ids in index order. */
    public List<String> ids() {
        return List.of(ids);
    }

    /** An index holding only the ids at {@code keep} (ascending), in that order. */
    public IdIndex subset(int[] keep) {
        String[] sub = new String[keep.length];
        for (int i = 0; i < keep.length; i++) {
            sub[i] = ids[keep[i]];
        }
        return new IdIndex(sub);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdIndex other && Arrays.equals(ids, other.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "IdIndex[" + ids.length + " ids]";
    }
}
