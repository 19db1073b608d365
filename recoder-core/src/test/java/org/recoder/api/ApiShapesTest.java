package org.recoder.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;

/** Ordered histories, session scorers and rating predictors through {@link Recommender}, on hand-made fakes. */
class ApiShapesTest {
    private static final IdIndex ITEMS = IdIndex.of("a", "b", "c", "d", "e");

    /** Scores the item after the session's last item (by index, mod 5) 1 and every other item 0. */
    private static final class FakeSession implements SessionScorer {
        final List<int[]> sessions = new ArrayList<>();

        @Override
        public IdIndex items() {
            return ITEMS;
        }

        @Override
        public void score(int[] historyItems, float[] historyValues, float[] out) {
            throw new AssertionError("a session model must get the ordered session");
        }

        @Override
        public void scoreSession(int[] items, float[] out) {
            sessions.add(items.clone());
            Arrays.fill(out, 0f);
            // The next item after the last one scores highest: the order matters.
            out[(items[items.length - 1] + 1) % out.length] = 1f;
        }
    }

    /** Records the set it is given; scores 1 for every item not in the history. */
    private static final class FakeSet implements ItemScorer {
        int[] items;
        float[] values;

        @Override
        public IdIndex items() {
            return ITEMS;
        }

        @Override
        public void score(int[] historyItems, float[] historyValues, float[] out) {
            items = historyItems.clone();
            values = historyValues.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] = i;
            }
        }
    }

    /** Predicts the mean of the history's ratings plus the item index / 10; known user u has mean u + 1. */
    private static final class FakeRatings implements RatingPredictor {
        @Override
        public IdIndex items() {
            return ITEMS;
        }

        @Override
        public void score(int[] historyItems, float[] historyValues, float[] out) {
            Arrays.fill(out, 0f);
        }

        @Override
        public void predictKnown(int user, int[] items, float[] out) {
            for (int k = 0; k < items.length; k++) {
                out[k] = user + 1 + items[k] / 10f;
            }
        }

        @Override
        public void predict(int[] historyItems, float[] historyRatings, int[] items, float[] out) {
            double mean = 0;
            for (float r : historyRatings) {
                mean += r / historyRatings.length;
            }
            for (int k = 0; k < items.length; k++) {
                out[k] = (float) mean + items[k] / 10f;
            }
        }
    }

    @Test
    void sessionModelsGetTheOrderAndRepeatsOtherModelsASet() {
        FakeSession session = new FakeSession();
        Recommender r = new Recommender(session, null);
        assertThat(r.forHistory(History.of(List.of("a", "c", "a", "c")), 1, List.of())).extracting(Recommendation::item).containsExactly("d");
        assertThat(session.sessions.get(0)).containsExactly(0, 2, 0, 2);
        // The same items in another order: another next item.
        assertThat(r.forHistory(History.of(List.of("c", "a")), 1, List.of())).extracting(Recommendation::item).containsExactly("b");
        assertThat(session.sessions.get(1)).containsExactly(2, 0);

        FakeSet set = new FakeSet();
        List<Recommendation> recs = new Recommender(set, null).forHistory(
                new History(List.of("d", "a", "d", "b"), List.of(1f, 2f, 5f, 3f)), 2, List.of());
        assertThat(set.items).containsExactly(0, 1, 3);
        // Each item once, with its last value (d: 5, not 1).
        assertThat(set.values).containsExactly(2f, 3f, 5f);
        assertThat(recs).extracting(Recommendation::item).containsExactly("e", "c");
    }

    @Test
    void ratingPredictorsPredictForKnownUsersAndRatedHistories() {
        Interactions known = Interactions.fromTriples(IdIndex.of("u1", "u2"), ITEMS, new int[] {0, 1}, new int[] {0, 1},
                new float[] {4f, 2f}, null, DuplicatePolicy.LAST);
        Recommender r = new Recommender(new FakeRatings(), known);
        assertThat(r.predictForUser("u2", List.of("e", "a"))).containsExactly(new Prediction("e", 2.4f), new Prediction("a", 2f));
        assertThat(r.predictForHistory(new History(List.of("a", "b"), List.of(4f, 2f)), List.of("c")))
                .containsExactly(new Prediction("c", 3.2f));
        assertThatThrownBy(() -> r.predictForUser("nobody", List.of("a"))).hasMessageContaining("unknown user 'nobody'");
        assertThatThrownBy(() -> r.predictForUser("u1", List.of("zz"))).hasMessageContaining("unknown item 'zz'");
        assertThatThrownBy(() -> new Recommender(new FakeSet(), known).predictForUser("u1", List.of("a")))
                .hasMessageContaining("does not predict ratings");
    }

    @Test
    void historiesValidate() {
        assertThatThrownBy(() -> new History(List.of("a"), List.of())).hasMessageContaining("one value per item");
        assertThatThrownBy(() -> new History(List.of("a"), List.of(Float.NaN))).hasMessageContaining("finite");
        List<String> unknown = new ArrayList<>();
        History.Indexed h = History.of(List.of("b", "x", "a")).index(ITEMS, unknown);
        assertThat(h.items()).containsExactly(1, 0);
        assertThat(unknown).containsExactly("x");
        assertThat(Capability.FOLD_IN.label()).isEqualTo("fold-in");
    }
}
