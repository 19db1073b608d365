package org.recoder.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A user's history as given: item ids in their order, with a value each (1 for implicit feedback, the rating for
 * explicit feedback), repeats allowed. Set-based models ({@link ItemScorer}) see it as a set, each item once with
 * the value of its last occurrence; session models ({@link SessionScorer}) see the order, repeats included; rating
 * predictors ({@link RatingPredictor}) read the values as ratings. Immutable.
 *
 * @param items  item ids, oldest first
 * @param values one value per item
 */
public record History(List<String> items, List<Float> values) {
    public History {
        items = List.copyOf(items);
        values = List.copyOf(values);
        if (items.size() != values.size()) {
            throw new IllegalArgumentException("a history needs one value per item: " + items.size() + " items, "
                    + values.size() + " values");
        }
        for (Float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("history values must be finite, got " + v);
            }
        }
    }

    /** Implicit feedback: each item with value 1, in the given order. */
    public static History of(List<String> items) {
        List<Float> ones = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ones.add(1f);
        }
        return new History(items, ones);
    }

    public int size() {
        return items.size();
    }

    /** The history in item indices of {@code index}, order kept; {@code unknown} collects ids it lacks (skipped). */
    public Indexed index(org.recoder.data.IdIndex index, List<String> unknown) {
        int[] idx = new int[items.size()];
        float[] val = new float[items.size()];
        int m = 0;
        for (int k = 0; k < items.size(); k++) {
            int i = index.tryIndex(items.get(k));
            if (i < 0) {
                unknown.add(items.get(k));
            } else {
                idx[m] = i;
                val[m++] = values.get(k);
            }
        }
        return new Indexed(Arrays.copyOf(idx, m), Arrays.copyOf(val, m));
    }

    /**
     * A history in item indices, in order.
     *
     * @param items  item indices, oldest first, repeats allowed
     * @param values their values
     */
    public record Indexed(int[] items, float[] values) {
        /** As a set: ascending distinct indices, each with the value of its last occurrence. */
        public Indexed asSet() {
            // (item, position) packed so that one primitive sort orders by item, repeats in history order.
            long[] keys = new long[items.length];
            for (int k = 0; k < keys.length; k++) {
                keys[k] = ((long) items[k] << 32) | k;
            }
            Arrays.sort(keys);
            int[] outItems = new int[items.length];
            float[] outValues = new float[items.length];
            int m = 0;
            for (long key : keys) {
                int item = (int) (key >>> 32);
                float value = values[(int) key];
                if (m > 0 && outItems[m - 1] == item) {
                    outValues[m - 1] = value;
                } else {
                    outItems[m] = item;
                    outValues[m++] = value;
                }
            }
            return new Indexed(Arrays.copyOf(outItems, m), Arrays.copyOf(outValues, m));
        }
    }
}
