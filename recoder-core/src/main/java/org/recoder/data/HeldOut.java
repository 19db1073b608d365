package org.recoder.data;

import org.recoder.data.Interactions;

/**
 * Held-out users for evaluation: what the model sees ({@code foldIn}) and what it must find ({@code holdout}).
 * Both share one user index and the training item index; a user with an empty holdout row has no targets
 * and is left out of the metrics.
 */
public record HeldOut(Interactions foldIn, Interactions holdout) {
    public HeldOut {
        if (!foldIn.users().equals(holdout.users()) || !foldIn.items().equals(holdout.items())) {
            throw new IllegalArgumentException("fold-in and holdout must share user and item indices");
        }
    }

    /** The number of users with at least one held-out item. */
    public int evaluableUsers() {
        int n = 0;
        for (int u = 0; u < holdout.numUsers(); u++) {
            if (holdout.degree(u) > 0) {
                n++;
            }
        }
        return n;
    }
}
