package org.recoder.models.sknn;

import java.util.Arrays;
import java.util.Map;
import java.util.PriorityQueue;
import org.recoder.api.Model;
import org.recoder.api.ModelIO;
import org.recoder.api.Provenance;
import org.recoder.api.SessionScorer;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.ModelFormatException;
import org.recoder.io.Tensor;

/**
 * SKNN (Jannach &amp; Ludewig, "When Recurrent Neural Networks meet the Neighborhood for Session-Based
 * Recommendation", RecSys 2017) and V-SKNN (Ludewig &amp; Jannach, "Evaluation of Session-based Recommendation
 * Algorithms", UMUAI 2018), as session-rec ({@code algorithms/knn/sknn.py}, {@code vsknn.py}) computes them: the
 * candidates are the training sessions that share an item with the current session, the {@code sampleSize} most
 * recent of them (by their last event); the {@code neighbours} most similar candidates each add their similarity to
 * the score of every item they hold (V-SKNN: times the discount of the latest current event they share, plus the idf
 * term). Items in no neighbour score 0, and the current session's own items are not removed (a session may return to
 * them). session-rec divides the scores by their maximum at the end, which changes no ranking and is not done here.
 *
 * <p>Ties are broken so that a query has one answer: among candidates of equal recency the later session in the
 * training file counts as more recent, and among neighbours of equal similarity the more recent one is taken first
 * (session-rec leaves both to Python's set order). session-rec's "random" candidate sampling is not offered.
 *
 * <p>Cost: fitting indexes the sessions, O(events). A query reads the sessions of its items from most recent
 * back, O(sampleSize · log |session|), compares each candidate, O(sampleSize · (|session| + |candidate|)), and sums k
 * neighbours' items; memory is the training sessions' item sets plus their inverted index. Thread-safe.
 */
public final class SessionKnnModel implements Model, SessionScorer {
    public static final String SKNN = "sknn";
    public static final String VSKNN = "vsknn";

    private final String type;
    private final Record config;
    private final Interactions known;
    private final long[] sessionTime;
    private final int[] itemEvents;
    private final Provenance provenance;
    /** Sessions of each item, most recent first (CSR over items). */
    private final int[] itemPtr;
    private final int[] itemSessions;
    /** Each session's place in recency order: higher is more recent. */
    private final int[] recency;
    private final double[] idf;

    SessionKnnModel(String type, Record config, Interactions known, long[] sessionTime, int[] itemEvents, Provenance provenance) {
        this.type = type;
        this.config = config;
        this.known = known;
        this.sessionTime = sessionTime;
        this.itemEvents = itemEvents;
        this.provenance = provenance;
        int sessions = known.numUsers();
        Integer[] order = new Integer[sessions];
        for (int s = 0; s < sessions; s++) {
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> sessionTime[a] != sessionTime[b] ? Long.compare(sessionTime[a], sessionTime[b])
                : Integer.compare(a, b));
        recency = new int[sessions];
        for (int r = 0; r < sessions; r++) {
            recency[order[r]] = r;
        }
        int items = known.numItems();
        itemPtr = new int[items + 1];
        for (int i : known.columnIndices()) {
            itemPtr[i + 1]++;
        }
        for (int i = 0; i < items; i++) {
            itemPtr[i + 1] += itemPtr[i];
        }
        itemSessions = new int[known.nnz()];
        int[] fill = Arrays.copyOf(itemPtr, items);
        // Walking sessions from the most recent down leaves every item's list in that order.
        for (int r = sessions - 1; r >= 0; r--) {
            int s = order[r];
            for (int k = known.rowStart(s); k < known.rowEnd(s); k++) {
                itemSessions[fill[known.columnIndices()[k]]++] = s;
            }
        }
        idf = new double[items];
        for (int i = 0; i < items; i++) {
            idf[i] = itemEvents[i] > 0 ? Math.log(sessions / (double) itemEvents[i]) : 0;
        }
    }

    @Override
    public IdIndex items() {
        return known.items();
    }

    /** The history in the order given (the order matters to V-SKNN). */
    @Override
    public void score(int[] historyItems, float[] historyValues, float[] out) {
        scoreSession(historyItems, out);
    }

    @Override
    public void scoreSession(int[] session, float[] out) {
        Arrays.fill(out, 0f);
        if (session.length == 0) {
            return;
        }
        boolean sequential = config instanceof VsknnConfig;
        VsknnConfig v = sequential ? (VsknnConfig) config : null;
        int sampleSize = sequential ? v.sampleSize() : ((SknnConfig) config).sampleSize();
        int k = sequential ? v.neighbours() : ((SknnConfig) config).neighbours();
        // The events that count in the similarity (V-SKNN may keep the last few); candidates come from all of them.
        int[] counted = sequential && v.lastClicks() > 0 && session.length > v.lastClicks()
                ? Arrays.copyOfRange(session, session.length - v.lastClicks(), session.length) : session;
        int[] current = distinct(counted);
        double[] weight = null;
        if (sequential) {
            // Each item's weight is that of its latest occurrence, as session-rec's position map overwrites.
            weight = new double[current.length];
            for (int p = 0; p < counted.length; p++) {
                weight[Arrays.binarySearch(current, counted[p])] = v.weighting().position(p + 1, counted.length);
            }
        }
        int[] candidates = candidates(distinct(session), sampleSize);
        double[] sim = new double[candidates.length];
        int found = 0;
        int[] keep = new int[candidates.length];
        for (int c = 0; c < candidates.length; c++) {
            double s = sequential ? weightedOverlap(current, weight, candidates[c]) / current.length
                    : setSimilarity(current, candidates[c]);
            if (s > 0) {
                sim[found] = s;
                keep[found++] = candidates[c];
            }
        }
        Integer[] byScore = new Integer[found];
        for (int n = 0; n < found; n++) {
            byScore[n] = n;
        }
        double[] simF = sim;
        int[] keepF = keep;
        Arrays.sort(byScore, (a, b) -> simF[a] != simF[b] ? Double.compare(simF[b], simF[a])
                : Integer.compare(recency[keepF[b]], recency[keepF[a]]));
        int neighbours = Math.min(k, found);
        double[] scores = new double[out.length];
        for (int n = 0; n < neighbours; n++) {
            int s = keep[byScore[n]];
            double w = sim[byScore[n]];
            if (sequential) {
                w *= v.scoreWeighting().step(stepsBack(counted, s));
            }
            for (int q = known.rowStart(s); q < known.rowEnd(s); q++) {
                int item = known.columnIndices()[q];
                scores[item] += sequential && v.idfWeighting() > 0 ? w + w * idf[item] * v.idfWeighting() : w;
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) scores[i];
        }
    }

    /** Ascending distinct items. */
    private static int[] distinct(int[] items) {
        int[] sorted = items.clone();
        Arrays.sort(sorted);
        int m = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (m == 0 || sorted[m - 1] != sorted[i]) {
                sorted[m++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, m);
    }

    /**
     * The {@code limit} most recent sessions holding any of {@code items} (all of them when limit is 0), by merging
     * the items' session lists, each most recent first.
     */
    private int[] candidates(int[] items, int limit) {
        PriorityQueue<int[]> heads = new PriorityQueue<>((a, b) -> Integer.compare(recency[b[1]], recency[a[1]]));
        for (int i : items) {
            if (itemPtr[i] < itemPtr[i + 1]) {
                heads.add(new int[] {itemPtr[i], itemSessions[itemPtr[i]], itemPtr[i + 1]});
            }
        }
        int cap = limit == 0 ? Integer.MAX_VALUE : limit;
        int[] out = new int[Math.min(cap, 64)];
        int n = 0;
        int last = -1;
        while (!heads.isEmpty() && n < cap) {
            int[] h = heads.poll();
            int s = h[1];
            // Lists are in one global recency order, so repeats of a session come out of the heap one after another.
            if (s != last) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, Math.min(cap, n * 2));
                }
                out[n++] = s;
                last = s;
            }
            if (++h[0] < h[2]) {
                h[1] = itemSessions[h[0]];
                heads.add(h);
            }
        }
        return Arrays.copyOf(out, n);
    }

    private double setSimilarity(int[] current, int s) {
        int both = (int) weightedOverlap(current, null, s);
        if (both == 0) {
            return 0;
        }
        int other = known.degree(s);
        return switch (((SknnConfig) config).similarity()) {
            case COSINE -> both / Math.sqrt((double) current.length * other);
            case JACCARD -> both / (double) (current.length + other - both);
        };
    }

    /**
     * Σ of the current items' weights over the items session s shares (V-SKNN's dot product), or with null weights
     * their number, |a ∩ b|; a merge of the two ascending item lists.
     */
    private double weightedOverlap(int[] current, double[] weight, int s) {
        int[] cols = known.columnIndices();
        int p = known.rowStart(s);
        int end = known.rowEnd(s);
        int q = 0;
        double sum = 0;
        while (p < end && q < current.length) {
            if (cols[p] < current[q]) {
                p++;
            } else if (cols[p] > current[q]) {
                q++;
            } else {
                sum += weight == null ? 1 : weight[q];
                p++;
                q++;
            }
        }
        return sum;
    }

    /** 1 + how many events back from the end of {@code counted} the latest one that session s holds lies. */
    private int stepsBack(int[] counted, int s) {
        int[] cols = known.columnIndices();
        for (int back = 1; back <= counted.length; back++) {
            if (Arrays.binarySearch(cols, known.rowStart(s), known.rowEnd(s), counted[counted.length - back]) >= 0) {
                return back;
            }
        }
        throw new IllegalStateException("a neighbour shares no event with the session");
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Record config() {
        return config;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public Interactions knownUsers() {
        return known;
    }

    @Override
    public Map<String, Tensor> tensors() {
        return Map.of("session_time", Tensor.of(sessionTime), "item_events", Tensor.of(itemEvents));
    }

    /** Decodes a saved SKNN or V-SKNN model. */
    static SessionKnnModel load(ModelIO.Saved s, Record config) {
        long[] times = s.tensor("session_time").longs();
        int[] events = s.tensor("item_events").ints();
        if (times.length != s.knownUsers().numUsers()) {
            throw new ModelFormatException(s.file(), "session_time has " + times.length + " entries for "
                    + s.knownUsers().numUsers() + " training sessions");
        }
        if (events.length != s.items().size()) {
            throw new ModelFormatException(s.file(), "item_events has " + events.length + " entries for " + s.items().size() + " items");
        }
        return new SessionKnnModel(s.type(), config, s.knownUsers(), times, events, s.provenance());
    }
}
