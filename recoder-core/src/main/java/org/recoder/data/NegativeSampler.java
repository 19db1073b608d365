package org.recoder.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Uniform draws of items a user has not interacted with (the sampled negatives of NCF's pointwise loss and BPR's
 * pairs): an item drawn uniformly over all items, redrawn while it is in the user's row (binary search in the
 * sorted row). The expected number of draws is |I| / (|I| − degree), so it stays cheap for sparse rows.
 */
public final class NegativeSampler {
    private final int[] rowPointers;
    private final int[] columns;
    private final int numItems;

    /** Fails, naming the user, if some user has interacted with every item (no negative exists for them). */
    public NegativeSampler(Interactions x) {
        for (int u = 0; u < x.numUsers(); u++) {
            if (x.degree(u) >= x.numItems()) {
                throw new IllegalArgumentException("user '" + x.users().id(u) + "' has interacted with every item, "
                        + "so no negative can be drawn for them");
            }
        }
        rowPointers = x.rowPointers();
        columns = x.columnIndices();
        numItems = x.numItems();
    }

    /** An item {@code user} has not interacted with, uniform over those items. */
    public int draw(int user, SplittableRandom rng) {
        int a = rowPointers[user];
        int b = rowPointers[user + 1];
        int j;
        do {
            j = rng.nextInt(numItems);
        } while (Arrays.binarySearch(columns, a, b, j) >= 0);
        return j;
    }
}
