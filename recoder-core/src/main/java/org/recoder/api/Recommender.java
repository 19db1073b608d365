package org.recoder.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.linalg.TopK;

/**
 * Top-N recommendations in external ids, for a known user by id or for any history (fold-in of a new user
 * without retraining). History items are excluded from the results; more exclusions can be given.
 */
public final class Recommender {
    private final ItemScorer scorer;
    private final Interactions known;

    /** A recommender over {@code scorer}; {@code knownUsers} may be null when users are only served by history. */
    public Recommender(ItemScorer scorer, Interactions knownUsers) {
        this.scorer = scorer;
        this.known = knownUsers;
    }

    /** A recommender for a trained model and its known users. */
    public static Recommender of(Model model) {
        return new Recommender(model, model.knownUsers());
    }

    /** Top {@code n} for the known user {@code userId}, excluding their training items and {@code exclude}. */
    public List<Recommendation> forUser(String userId, int n, Collection<String> exclude) {
        if (known == null) {
            throw new IllegalArgumentException("this model keeps no known users; recommend from a history instead");
        }
        int u = known.users().tryIndex(userId);
        if (u < 0) {
            throw new IllegalArgumentException("unknown user '" + userId + "'");
        }
        float[] scores = new float[scorer.items().size()];
        float[][] out = {scores};
        scorer.scoreRows(known, new int[] {u}, 0, 1, out);
        return top(scores, known.rowItems(u), n, exclude);
    }

    /** Top {@code n} for a history of item ids (value 1 each), excluding those items and {@code exclude}. */
    public List<Recommendation> forHistory(List<String> historyItems, int n, Collection<String> exclude) {
        return forHistory(History.of(historyItems), n, exclude);
    }

    /**
     * Top {@code n} for a history (fold-in of a new user), excluding its items and {@code exclude}. A
     * {@link SessionScorer} gets the history in order, repeats included; any other model gets it as a set, each item
     * once with the value of its last occurrence. Unknown items fail, naming them.
     */
    public List<Recommendation> forHistory(History history, int n, Collection<String> exclude) {
        if (!scorer.canFoldIn()) {
            throw new IllegalArgumentException("this model cannot fold in a new history (" + scorer.whyNoFoldIn()
                    + "); recommend for a known user by id, or retrain with the new user's events");
        }
        IdIndex items = scorer.items();
        List<String> unknown = new ArrayList<>();
        History.Indexed indexed = history.index(items, unknown);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown item" + (unknown.size() > 1 ? "s " : " ") + quoted(unknown));
        }
        History.Indexed set = indexed.asSet();
        float[] scores = new float[items.size()];
        if (scorer instanceof SessionScorer session) {
            session.scoreSession(indexed.items(), scores);
        } else {
            scorer.score(set.items(), set.values(), scores);
        }
        return top(scores, set.items(), n, exclude);
    }

    /**
     * Predicted ratings of {@code items} for the known user {@code userId}, in the order given; for models that
     * predict ratings ({@link RatingPredictor}).
     */
    public List<Prediction> predictForUser(String userId, List<String> items) {
        RatingPredictor p = predictor();
        if (known == null) {
            throw new IllegalArgumentException("this model keeps no known users; predict from a rated history instead");
        }
        int u = known.users().tryIndex(userId);
        if (u < 0) {
            throw new IllegalArgumentException("unknown user '" + userId + "'");
        }
        int[] idx = itemIndices(items);
        float[] out = new float[idx.length];
        p.predictKnown(u, idx, out);
        return predictions(items, out);
    }

    /** Predicted ratings of {@code items} for a new user's rated history (fold-in). */
    public List<Prediction> predictForHistory(History ratings, List<String> items) {
        RatingPredictor p = predictor();
        List<String> unknown = new ArrayList<>();
        History.Indexed set = ratings.index(scorer.items(), unknown).asSet();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown item" + (unknown.size() > 1 ? "s " : " ") + quoted(unknown));
        }
        int[] idx = itemIndices(items);
        float[] out = new float[idx.length];
        p.predict(set.items(), set.values(), idx, out);
        return predictions(items, out);
    }

    private RatingPredictor predictor() {
        if (scorer instanceof RatingPredictor p) {
            return p;
        }
        throw new IllegalArgumentException("this model does not predict ratings (it ranks items); rating prediction "
                + "needs an explicit-feedback model");
    }

    private int[] itemIndices(List<String> ids) {
        List<String> unknown = new ArrayList<>();
        int[] idx = new int[ids.size()];
        for (int k = 0; k < ids.size(); k++) {
            idx[k] = scorer.items().tryIndex(ids.get(k));
            if (idx[k] < 0) {
                unknown.add(ids.get(k));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown item" + (unknown.size() > 1 ? "s " : " ") + quoted(unknown));
        }
        return idx;
    }

    private static List<Prediction> predictions(List<String> items, float[] values) {
        List<Prediction> out = new ArrayList<>(items.size());
        for (int k = 0; k < items.size(); k++) {
            out.add(new Prediction(items.get(k), values[k]));
        }
        return List.copyOf(out);
    }

    private List<Recommendation> top(float[] scores, int[] hist, int n, Collection<String> exclude) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be ≥ 1, got " + n);
        }
        IdIndex items = scorer.items();
        for (int i : hist) {
            scores[i] = Float.NEGATIVE_INFINITY;
        }
        List<String> unknown = new ArrayList<>();
        for (String id : exclude) {
            int i = items.tryIndex(id);
            if (i < 0) {
                unknown.add(id);
            } else {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown excluded item" + (unknown.size() > 1 ? "s " : " ") + quoted(unknown));
        }
        int[] top = new int[Math.min(n, items.size())];
        int got = TopK.select(scores, top.length, top);
        List<Recommendation> out = new ArrayList<>(got);
        for (int r = 0; r < got; r++) {
            out.add(new Recommendation(items.id(top[r]), scores[top[r]]));
        }
        return List.copyOf(out);
    }

    private static String quoted(List<String> ids) {
        return String.join(", ", ids.stream().limit(10).map(s -> "'" + s + "'").toList()) + (ids.size() > 10 ? ", ..." : "");
    }
}
