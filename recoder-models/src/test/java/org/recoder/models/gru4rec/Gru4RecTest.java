package org.recoder.models.gru4rec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.TrainingData;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.EventLog;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.eval.MetricSpec;
import org.recoder.eval.SessionEvaluator;
import org.recoder.models.RoundTrip;
import static org.recoder.models.SessionTesting.firstSessions;
import static org.recoder.models.SessionTesting.numeric;
import static org.recoder.models.SessionTesting.smallSessions;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;

class Gru4RecTest {
    @TempDir
    Path dir;

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-2, 2);
        }
        return x;
    }

    @Test
    void bothLossesGradientsMatchFiniteDifferences() {
        int rows = 3, cols = 7;
        float[] o = random(rows * cols, 1);
        float[] corr = random(cols, 2);
        float[] g = new float[rows * cols];
        float[] scratch = new float[rows * cols];
        DoubleSupplier xe = () -> Gru4RecLosses.crossEntropy(o, rows, cols, corr, 4, scratch, new double[cols]);
        DoubleSupplier bpr = () -> Gru4RecLosses.bprMax(o, rows, cols, 1.0, 0.9, 4, scratch, new Gru4RecLosses.Work(cols));
        DoubleSupplier bprPlain = () -> Gru4RecLosses.bprMax(o, rows, cols, 0, 0.5, 4, scratch, new Gru4RecLosses.Work(cols));
        for (DoubleSupplier loss : new DoubleSupplier[] {xe, bpr, bprPlain}) {
            if (loss == xe) {
                Gru4RecLosses.crossEntropy(o, rows, cols, corr, 4, g, new double[cols]);
            } else if (loss == bpr) {
                Gru4RecLosses.bprMax(o, rows, cols, 1.0, 0.9, 4, g, new Gru4RecLosses.Work(cols));
            } else {
                Gru4RecLosses.bprMax(o, rows, cols, 0, 0.5, 4, g, new Gru4RecLosses.Work(cols));
            }
            float[] analytic = g.clone();
            for (int i = 0; i < o.length; i++) {
                double num = numeric(o, i, loss);
                assertThat((double) analytic[i]).as("entry " + i).isCloseTo(num, within(2e-3 * Math.max(1, Math.abs(num))));
            }
        }
        for (Gru4RecConfig.Loss kind : new Gru4RecConfig.Loss[] {Gru4RecConfig.Loss.BPR, Gru4RecConfig.Loss.TOP1, Gru4RecConfig.Loss.TOP1_MAX}) {
            Gru4RecLosses.pairwise(kind, o, rows, cols, 4, g);
            float[] analytic = g.clone();
            for (int i = 0; i < o.length; i++) {
                double num = numeric(o, i, () -> Gru4RecLosses.pairwise(kind, o, rows, cols, 4, scratch));
                assertThat((double) analytic[i]).as(kind + " entry " + i).isCloseTo(num, within(2e-3 * Math.max(1, Math.abs(num))));
            }
        }
        // The pairwise losses by hand for one row of a target 1 and one negative 3.
        float[] pair = {1f, 3f};
        double sg = 1 / (1 + Math.exp(-(1 - 3)));
        assertThat(Gru4RecLosses.pairwise(Gru4RecConfig.Loss.BPR, pair, 1, 2, 1, new float[2])).isCloseTo(-Math.log(sg), within(1e-9));
        double top1 = 1 / (1 + Math.exp(-(3 - 1))) + 1 / (1 + Math.exp(-9));
        assertThat(Gru4RecLosses.pairwise(Gru4RecConfig.Loss.TOP1, pair, 1, 2, 1, new float[2])).isCloseTo(top1, within(1e-9));
        assertThat(Gru4RecLosses.pairwise(Gru4RecConfig.Loss.TOP1_MAX, pair, 1, 2, 1, new float[2])).isCloseTo(top1, within(1e-9));
        // Cross-entropy by hand for one row of two columns: −log(e^a / (e^a + e^b)).
        float[] two = {1f, 3f};
        double l = Gru4RecLosses.crossEntropy(two, 1, 2, null, 1, new float[2], new double[2]);
        assertThat(l).isCloseTo(-Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(3))), within(1e-9));
    }

    @Test
    void learnsTheSequencesDeterministicallyAndRoundTrips() {
        EventLog[] test = new EventLog[1];
        TrainingData data = smallSessions(test, false);
        Gru4RecConfig c = new Gru4RecConfig("32", Gru4RecConfig.Loss.CROSS_ENTROPY, 32, 0, 0.1, 0.1, 0, Gru4RecConfig.Optimizer.ADAGRAD, Gru4RecConfig.Input.SHARED, 0, 64, 0.5, 0, 0, 1, 2, 1);
        Gru4RecModel m = new Gru4RecTrainer(c, 5).fit(data);
        Gru4RecModel again = new Gru4RecTrainer(c, 5).fit(data);
        float[] a = new float[m.items().size()];
        float[] b = new float[m.items().size()];
        m.scoreSession(new int[] {3, 17, 3}, a);
        again.scoreSession(new int[] {3, 17, 3}, b);
        assertThat(a).containsExactly(b);
        // Scoring is the GRU stepped by hand from a zero state: h1 = cell(e_3, 0), h2 = cell(e_17, h1), h3 = cell(e_3, h2).
        Map<String, float[]> w = new java.util.HashMap<>();
        m.tensors().forEach((name, t) -> w.put(name, t.floats()));
        org.recoder.nn.GruCell cell = new org.recoder.nn.GruCell(org.recoder.nn.ParamSource.of(w), "gru0", 32, 32);
        float[] emb = w.get("item.embedding");
        float[] h = new float[32];
        for (int item : new int[] {3, 17, 3}) {
            float[] next = new float[32];
            cell.forward(java.util.Arrays.copyOfRange(emb, item * 32, item * 32 + 32), h, 1, next, null, 1);
            h = next;
        }
        for (int i = 0; i < a.length; i += 97) {
            double byHand = w.get("item.bias")[i];
            for (int k = 0; k < 32; k++) {
                byHand += (double) h[k] * emb[i * 32 + k];
            }
            assertThat((double) a[i]).as("item " + i).isCloseTo(byHand, within(1e-5));
        }
        // Carrying the state forward gives each prefix's scores exactly.
        int[] session = {3, 17, 3, 8};
        m.scorePrefixes(session, new float[a.length], (t, sc) -> {
            float[] direct = new float[sc.length];
            m.scoreSession(java.util.Arrays.copyOf(session, t), direct);
            assertThat(sc).as("prefix " + t).containsExactly(direct);
        });
        // Over 200 of the test sessions, against popularity on the same targets.
        SessionEvaluator ev = new SessionEvaluator(MetricSpec.parseList("recall@20,mrr@20"), SessionEvaluator.Ties.CONSERVATIVE, 1);
        EventLog sample = firstSessions(test[0], 200);
        double gru = ev.evaluate(m, sample).summaries().get("recall@20").mean();
        double pop = ev.evaluate(new PopularityTrainer(new PopularityConfig()).fit(data), sample).summaries().get("recall@20").mean();
        assertThat(gru).isGreaterThan(pop + 0.1);
        Interactions fresh = Interactions.fromTriples(IdIndex.of("n"), m.items(), new int[] {0}, new int[] {4}, new float[] {1}, null,
                DuplicatePolicy.LAST);
        Gru4RecModel back = (Gru4RecModel) RoundTrip.assertIdentical(m, dir.resolve("g.recoder"), fresh);
        back.scoreSession(new int[] {3, 17, 3}, b);
        assertThat(b).containsExactly(a);
        // BPR-max trains too.
        Gru4RecConfig bpr = new Gru4RecConfig("32", Gru4RecConfig.Loss.BPR_MAX, 32, 0.2, 0.1, 0.05, 0.1, Gru4RecConfig.Optimizer.ADAGRAD, Gru4RecConfig.Input.SHARED, 0, 64, 0.3, 0.9, 1, 0, 1, 1);
        assertThat(ev.evaluate(new Gru4RecTrainer(bpr, 5).fit(data), sample).summaries().get("recall@20").mean()).isGreaterThan(pop);
        // A separate input embedding of its own size, Adam and TOP1-max: it trains, and saves and loads.
        Gru4RecConfig other = new Gru4RecConfig("32", Gru4RecConfig.Loss.TOP1_MAX, 32, 0, 0.1, 0.01, 0, Gru4RecConfig.Optimizer.ADAM, Gru4RecConfig.Input.SEPARATE, 24, 64, 0.5, 0, 0, 0, 2, 1);
        Gru4RecModel separate = new Gru4RecTrainer(other, 5).fit(data);
        assertThat(separate.tensors().get("item.input").shape()).containsExactly(separate.items().size(), 24);
        assertThat(ev.evaluate(separate, sample).summaries().get("recall@20").mean()).isGreaterThan(pop);
        RoundTrip.assertIdentical(separate, dir.resolve("s.recoder"), fresh);
    }

    /**
     * One-hot input (the official GRUEmbedding) under a second GRU layer: it trains above popularity, its first
     * layer is an items × 3H table, scoring is the two cells stepped by hand, and it saves and loads.
     */
    @Test
    void oneHotInputUnderASecondLayer() {
        EventLog[] test = new EventLog[1];
        TrainingData data = smallSessions(test, false);
        Gru4RecConfig c = new Gru4RecConfig("48-32", Gru4RecConfig.Loss.CROSS_ENTROPY, 32, 0.1, 0.1, 0.1, 0, Gru4RecConfig.Optimizer.ADAGRAD, Gru4RecConfig.Input.ONE_HOT, 0, 64, 0.5, 0, 0, 1, 2, 1);
        Gru4RecModel m = new Gru4RecTrainer(c, 5).fit(data);
        int items = m.items().size();
        assertThat(m.tensors().get("gru0.x").shape()).containsExactly(items, 144);
        assertThat(m.tensors()).doesNotContainKeys("item.input", "gru0.ih.weight").containsKey("gru1.ih.weight");
        Map<String, float[]> w = new java.util.HashMap<>();
        m.tensors().forEach((name, t) -> w.put(name, t.floats()));
        org.recoder.nn.ParamSource src = org.recoder.nn.ParamSource.of(w);
        org.recoder.nn.OneHotGruCell first = new org.recoder.nn.OneHotGruCell(src, "gru0", items, 48);
        org.recoder.nn.GruCell second = new org.recoder.nn.GruCell(src, "gru1", 48, 32);
        float[] h0 = new float[48];
        float[] h1 = new float[32];
        for (int item : new int[] {3, 17, 3}) {
            float[] n0 = new float[48];
            first.forward(new int[] {item}, h0, 1, n0, null, 1, first.scratch(1));
            float[] n1 = new float[32];
            second.forward(n0, h1, 1, n1, null, 1);
            h0 = n0;
            h1 = n1;
        }
        float[] a = new float[items];
        m.scoreSession(new int[] {3, 17, 3}, a);
        float[] emb = w.get("item.embedding");
        for (int i = 0; i < items; i += 97) {
            double byHand = w.get("item.bias")[i];
            for (int k = 0; k < 32; k++) {
                byHand += (double) h1[k] * emb[i * 32 + k];
            }
            assertThat((double) a[i]).as("item " + i).isCloseTo(byHand, within(1e-5));
        }
        SessionEvaluator ev = new SessionEvaluator(MetricSpec.parseList("recall@20"), SessionEvaluator.Ties.CONSERVATIVE, 1);
        EventLog sample = firstSessions(test[0], 200);
        double pop = ev.evaluate(new PopularityTrainer(new PopularityConfig()).fit(data), sample).summaries().get("recall@20").mean();
        assertThat(ev.evaluate(m, sample).summaries().get("recall@20").mean()).isGreaterThan(pop + 0.1);
        Interactions fresh = Interactions.fromTriples(IdIndex.of("n"), m.items(), new int[] {0}, new int[] {4}, new float[] {1}, null,
                DuplicatePolicy.LAST);
        RoundTrip.assertIdentical(m, dir.resolve("o.recoder"), fresh);
        // Deterministic with the seed.
        float[] again = new float[items];
        new Gru4RecTrainer(c, 5).fit(data).scoreSession(new int[] {3, 17, 3}, again);
        assertThat(again).containsExactly(a);
    }

    /** The products large enough to split across threads: two threads train the same weights as one, to the bit. */
    @Test
    void twoThreadsTrainTheSameModelAsOne() {
        EventLog[] test = new EventLog[1];
        TrainingData data = smallSessions(test, false);
        float[][] scores = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            Gru4RecConfig c = new Gru4RecConfig("64", Gru4RecConfig.Loss.CROSS_ENTROPY, 32, 0, 0.1, 0.1, 0, Gru4RecConfig.Optimizer.ADAGRAD, Gru4RecConfig.Input.SHARED, 0, 600, 0.5, 0, 0, 1, 1, threads);
            Gru4RecModel m = new Gru4RecTrainer(c, 5).fit(data);
            scores[threads - 1] = new float[m.items().size()];
            m.scoreSession(new int[] {3, 17, 3}, scores[threads - 1]);
        }
        assertThat(scores[1]).containsExactly(scores[0]);
    }

    @Test
    void configChecks() {
        assertThatThrownBy(() -> new Gru4RecConfig("32-x", Gru4RecConfig.Loss.CROSS_ENTROPY, 32, 0, 0, 0.1, 0, Gru4RecConfig.Optimizer.ADAGRAD, Gru4RecConfig.Input.SHARED, 0, 64, 0.5, 0, 0, 1, 2, 1))
                .hasMessageContaining("32-x");
        assertThatThrownBy(() -> new Gru4RecConfig("32", Gru4RecConfig.Loss.BPR_MAX, 32, 0, 0, 0.1, 0, Gru4RecConfig.Optimizer.ADAGRAD, Gru4RecConfig.Input.SHARED, 0, 64, 0.5, 0, 0, 1, 2, 1))
                .hasMessageContaining("logq");
        assertThatThrownBy(() -> new Gru4RecConfig("32", Gru4RecConfig.Loss.TOP1, 32, 0, 0, 0.1, 0, Gru4RecConfig.Optimizer.ADAGRAD, Gru4RecConfig.Input.SHARED, 0, 64, 0.5, 0.5, 0, 0, 2, 1))
                .hasMessageContaining("bpreg and eluParam apply to the BPR_MAX loss only");
        assertThatThrownBy(() -> new Gru4RecConfig("32", Gru4RecConfig.Loss.BPR, 32, 0, 0, 0.1, 0.5, Gru4RecConfig.Optimizer.ADAM, Gru4RecConfig.Input.SHARED, 0, 64, 0.5, 0, 0, 0, 2, 1))
                .hasMessageContaining("momentum applies to the ADAGRAD optimizer only");
        assertThatThrownBy(() -> new Gru4RecConfig("32", Gru4RecConfig.Loss.BPR, 32, 0, 0, 0.1, 0, Gru4RecConfig.Optimizer.ADAM, Gru4RecConfig.Input.ONE_HOT, 16, 64, 0.5, 0, 0, 0, 2, 1))
                .hasMessageContaining("embedding applies to input=SEPARATE only (input is ONE_HOT)");
        assertThatThrownBy(() -> new Gru4RecConfig("32", Gru4RecConfig.Loss.BPR, 32, 0, 0, 0.1, 0, Gru4RecConfig.Optimizer.ADAM, Gru4RecConfig.Input.SEPARATE, 0, 64, 0.5, 0, 0, 0, 2, 1))
                .hasMessageContaining("input SEPARATE needs its size");
        assertThat(Gru4RecConfig.diginetica().layerSizes()).containsExactly(512);
        assertThat(Gru4RecConfig.defaults().layerSizes()).containsExactly(480);
    }
}
