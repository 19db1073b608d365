package org.recoder.data;

import java.util.Arrays;

/**
 * Raw events as read from a file, in file order: (user, item, value, time) columns over two id indices.
 *
 * <p>Unlike {@link Interactions} it keeps repeats and order, which session protocols need. {@code times} is
 * epoch milliseconds, or null when the source has no time column.
 */
public record EventLog(IdIndex users, IdIndex items, int[] user, int[] item, float[] value, long[] times) {

    /** Validates that the columns have one length and the indices are in range. */
    public EventLog {
        int n = user.length;
        if (item.length != n || value.length != n || (times != null && times.length != n)) {
            throw new IllegalArgumentException("event columns differ in length");
        }
    }

    /** The number of events. */
    public int size() {
        return user.length;
    }

    /** Whether events carry timestamps. */
    public boolean hasTimes() {
        return times != null;
    }

    /** Folds repeated (user, item) pairs by {@code policy} into the canonical CSR structure. */
    public Interactions toInteractions(DuplicatePolicy policy) {
        return Interactions.fromTriples(users, items, user, item, value, times, policy);
    }

    /**
     * Each user's (session's) event positions in event order: by time where there are times, ties and logs without
     * times in file order (a stable sort). Row u lists user u's positions, oldest first; users without events get an
     * empty row. O(n log n).
     */
    public int[][] eventsByUser() {
        int[] count = new int[users.size()];
        for (int u : user) {
            count[u]++;
        }
        int[][] rows = new int[users.size()][];
        for (int u = 0; u < rows.length; u++) {
            rows[u] = new int[count[u]];
        }
        int[] fill = new int[users.size()];
        for (int p = 0; p < user.length; p++) {
            rows[user[p]][fill[user[p]]++] = p;
        }
        if (times != null) {
            for (int[] row : rows) {
                boolean sorted = true;
                for (int k = 1; k < row.length && sorted; k++) {
                    sorted = times[row[k - 1]] <= times[row[k]];
                }
                if (!sorted) {
                    // (time, position) pairs: positions are ascending within a row, so equal times keep file order.
                    Integer[] boxed = java.util.Arrays.stream(row).boxed().toArray(Integer[]::new);
                    java.util.Arrays.sort(boxed, java.util.Comparator.comparingLong((Integer p) -> times[p]));
                    for (int k = 0; k < row.length; k++) {
                        row[k] = boxed[k];
                    }
                }
            }
        }
        return rows;
    }

    /** The events at the given positions, in that order, over the same id indices. */
    public EventLog select(int[] positions) {
        int[] u = new int[positions.length];
        int[] i = new int[positions.length];
        float[] v = new float[positions.length];
        long[] t = times == null ? null : new long[positions.length];
        for (int k = 0; k < positions.length; k++) {
            int p = positions[k];
            u[k] = user[p];
            i[k] = item[p];
            v[k] = value[p];
            if (t != null) {
                t[k] = times[p];
            }
        }
        return new EventLog(users, items, u, i, v, t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventLog e && users.equals(e.users) && items.equals(e.items) && Arrays.equals(user, e.user)
                && Arrays.equals(item, e.item) && Arrays.equals(value, e.value) && Arrays.equals(times, e.times);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(user) * 31 + Arrays.hashCode(item);
    }

    @Override
    public String toString() {
        return "EventLog[" + users.size() + " users, " + items.size() + " items, " + size() + " events]";
    }
}
