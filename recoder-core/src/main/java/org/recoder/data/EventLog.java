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
