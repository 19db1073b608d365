package org.recoder.data;

import java.util.Arrays;

/** Accumulates events column-wise; readers feed it one row at a time without per-row objects. */
public final class EventLogBuilder {
    private final IdIndexBuilder users = new IdIndexBuilder();
    private final IdIndexBuilder items = new IdIndexBuilder();
    private int[] user = new int[1024];
    private int[] item = new int[1024];
    private float[] value = new float[1024];
    private long[] times;
    private int size;
    private final boolean withTimes;

    /** A builder whose events carry timestamps when {@code withTimes}. */
    public EventLogBuilder(boolean withTimes) {
        this.withTimes = withTimes;
        this.times = withTimes ? new long[1024] : null;
    }

    /** The user id interner: readers intern ids from their buffers directly. */
    public IdIndexBuilder users() {
        return users;
    }

    /** The item id interner. */
    public IdIndexBuilder items() {
        return items;
    }

    /** Adds one event by indices already interned. */
    public void add(int u, int i, float v, long t) {
        if (size == user.length) {
            int cap = size + (size >> 1) + 16;
            user = Arrays.copyOf(user, cap);
            item = Arrays.copyOf(item, cap);
            value = Arrays.copyOf(value, cap);
            if (withTimes) {
                times = Arrays.copyOf(times, cap);
            }
        }
        user[size] = u;
        item[size] = i;
        value[size] = v;
        if (withTimes) {
            times[size] = t;
        }
        size++;
    }

    /** Adds one event by external ids. */
    public void add(String userId, String itemId, float v, long t) {
        add(users.intern(userId), items.intern(itemId), v, t);
    }

    /** The number of events added. */
    public int size() {
        return size;
    }

    /** The immutable log. */
    public EventLog build() {
        return new EventLog(users.build(), items.build(), Arrays.copyOf(user, size), Arrays.copyOf(item, size),
                Arrays.copyOf(value, size), withTimes ? Arrays.copyOf(times, size) : null);
    }
}
