package org.recoder.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.recoder.api.ItemScorer;
import org.recoder.data.Interactions;
import org.recoder.linalg.TopK;
import org.recoder.data.HeldOut;
import org.recoder.util.Parallel;

/**
 * Full-ranking and sampled-negative evaluation of an {@link ItemScorer} on held-out users.
 *
 * <p>For each user with held-out items: score all items from the fold-in, mask the fold-in items, select the top
 * k (k = the largest cut-off asked for) without a full sort, and apply each metric. Users are scored in batches
 * on all cores; results do not depend on the number of threads. Users without held-out items are left out.
 */
public final class Evaluator {
    private static final int BATCH = 64;
    private final List<MetricSpec> metrics;
    private final int threads;
    private final int exposureK;

    /** An evaluator for {@code metrics}; {@code threads} 1 runs on the caller's thread, else on the shared pool. */
    public Evaluator(List<MetricSpec> metrics, int threads) {
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("no metrics");
        }
        this.metrics = List.copyOf(metrics);
        this.threads = threads;
        this.exposureK = 0;
    }

    private Evaluator(List<MetricSpec> metrics, int threads, int exposureK) {
        this.metrics = metrics;
        this.threads = threads;
        this.exposureK = exposureK;
    }

    /**
     * The same evaluator that also counts each item's appearances in the users' top {@code k} of the full ranking
     * ({@link EvaluationResult#exposure}): the popularity-bias view of an experiment report.
     */
    public Evaluator withExposure(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("exposure k must be ≥ 1, got " + k);
        }
        return new Evaluator(metrics, threads, k);
    }

    /** Ranks all items (fold-in masked). */
    public EvaluationResult evaluate(ItemScorer scorer, HeldOut data) {
        return run(scorer, data, null);
    }

    /**
     * Ranks each user's held-out items among that user's sampled negatives only (NCF protocol: 1 + 99). Fold-in
     * masking does not apply, since negatives were drawn from unseen items.
     */
    public EvaluationResult evaluateSampled(ItemScorer scorer, HeldOut data, Interactions negatives) {
        if (!negatives.users().equals(data.holdout().users())) {
            throw new IllegalArgumentException("negatives and holdout must share the user index");
        }
        return run(scorer, data, negatives);
    }

    private static final class Workspace {
        final float[][] scores;
        final int[] top;
        final float[] heap;
        final boolean[] relevant;
        final boolean[][] covered;
        final float[] sub;
        final int[] subItems;
        final int[] exposed;

        Workspace(int items, int maxK, int coverageMetrics, boolean exposure) {
            exposed = exposure ? new int[items] : null;
            scores = new float[BATCH][items];
            top = new int[maxK];
            heap = new float[maxK];
            relevant = new boolean[items];
            covered = new boolean[coverageMetrics][items];
            sub = new float[items];
            subItems = new int[items];
        }
    }

    private EvaluationResult run(ItemScorer scorer, HeldOut data, Interactions negatives) {
        long t0 = System.nanoTime();
        Interactions fold = data.foldIn();
        Interactions hold = data.holdout();
        int ni = scorer.items().size();
        if (ni != hold.numItems()) {
            throw new IllegalArgumentException("model scores " + ni + " items but the split has " + hold.numItems()
                    + " (was the model trained on this split's train.tsv?)");
        }
        int[] users = hold.nonEmptyUsers();
        int exposure = negatives == null ? exposureK : 0;
        int maxK = Math.max(exposure, metrics.stream().mapToInt(MetricSpec::k).max().orElseThrow());
        List<MetricSpec> perUserSpecs = metrics.stream().filter(s -> !s.isCoverage()).toList();
        List<MetricSpec> coverageSpecs = metrics.stream().filter(MetricSpec::isCoverage).toList();
        RankingMetric[] fns = perUserSpecs.stream().map(s -> RankingMetric.byName(s.name())).toArray(RankingMetric[]::new);
        double[][] values = new double[perUserSpecs.size()][users.length];
        ConcurrentLinkedQueue<boolean[][]> coverage = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<int[]> exposures = new ConcurrentLinkedQueue<>();
        // Buffers are per worker thread and reused across its batches: |I|-wide arrays are too big to allocate per batch.
        ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(() -> {
            Workspace w = new Workspace(ni, maxK, coverageSpecs.size(), exposure > 0);
            if (!coverageSpecs.isEmpty()) {
                coverage.add(w.covered);
            }
            if (w.exposed != null) {
                exposures.add(w.exposed);
            }
            return w;
        });
        Parallel.forRange(users.length, BATCH, threads, (from, to) -> {
            Workspace w = workspaces.get();
            float[][] scores = w.scores;
            int[] top = w.top;
            float[] heap = w.heap;
            boolean[] relevant = w.relevant;
            boolean[][] covered = w.covered;
            float[] sub = w.sub;
            int[] subItems = w.subItems;
            scorer.scoreRows(fold, users, from, to, scores);
            for (int r = from; r < to; r++) {
                int u = users[r];
                float[] s = scores[r - from];
                int length;
                int[] ranked;
                if (negatives == null) {
                    for (int k = fold.rowStart(u); k < fold.rowEnd(u); k++) {
                        s[fold.columnIndices()[k]] = Float.NEGATIVE_INFINITY;
                    }
                    length = TopK.select(s, ni, maxK, top, heap);
                    ranked = top;
                } else {
                    int c = 0;
                    for (int k = hold.rowStart(u); k < hold.rowEnd(u); k++) {
                        subItems[c++] = hold.columnIndices()[k];
                    }
                    for (int k = negatives.rowStart(u); k < negatives.rowEnd(u); k++) {
                        subItems[c++] = negatives.columnIndices()[k];
                    }
                    for (int q = 0; q < c; q++) {
                        sub[q] = s[subItems[q]];
                    }
                    length = TopK.select(sub, c, maxK, top, heap);
                    for (int q = 0; q < length; q++) {
                        top[q] = subItems[top[q]];
                    }
                    ranked = top;
                }
                int nRel = hold.degree(u);
                for (int k = hold.rowStart(u); k < hold.rowEnd(u); k++) {
                    relevant[hold.columnIndices()[k]] = true;
                }
                for (int m = 0; m < fns.length; m++) {
                    values[m][r] = fns[m].score(ranked, length, relevant, nRel, perUserSpecs.get(m).k());
                }
                for (int k = hold.rowStart(u); k < hold.rowEnd(u); k++) {
                    relevant[hold.columnIndices()[k]] = false;
                }
                for (int m = 0; m < coverageSpecs.size(); m++) {
                    for (int q = 0; q < Math.min(length, coverageSpecs.get(m).k()); q++) {
                        covered[m][ranked[q]] = true;
                    }
                }
                if (w.exposed != null) {
                    for (int q = 0; q < Math.min(length, exposure); q++) {
                        w.exposed[ranked[q]]++;
                    }
                }
            }
        });
        Map<String, Summary> summaries = new LinkedHashMap<>();
        int pm = 0;
        int cm = 0;
        for (MetricSpec spec : metrics) {
            if (spec.isCoverage()) {
                int m = cm++;
                boolean[] all = new boolean[ni];
                for (boolean[][] c : coverage) {
                    for (int i = 0; i < ni; i++) {
                        all[i] |= c[m][i];
                    }
                }
                int n = 0;
                for (boolean b : all) {
                    if (b) {
                        n++;
                    }
                }
                summaries.put(spec.toString(), new Summary(ni == 0 ? 0 : n / (double) ni, Double.NaN, users.length));
            } else {
                summaries.put(spec.toString(), Summary.of(values[pm++]));
            }
        }
        List<String> ids = new ArrayList<>(users.length);
        for (int u : users) {
            ids.add(hold.users().id(u));
        }
        int[] exposed = null;
        if (exposure > 0) {
            exposed = new int[ni];
            for (int[] e : exposures) {
                for (int i = 0; i < ni; i++) {
                    exposed[i] += e[i];
                }
            }
        }
        return new EvaluationResult(metrics, summaries, List.copyOf(ids), values, exposed, (System.nanoTime() - t0) / 1e9);
    }
}
