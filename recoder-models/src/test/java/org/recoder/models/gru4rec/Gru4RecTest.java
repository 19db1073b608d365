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
import org.recoder.data.SessionEvents;
import org.recoder.data.SplitInfo;
import org.recoder.eval.MetricSpec;
import org.recoder.eval.SessionEvaluator;
import org.recoder.models.RoundTrip;
import org.recoder.models.popularity.PopularityConfig;
import org.recoder.models.popularity.PopularityTrainer;
import org.recoder.protocol.SessionSplit;
import org.recoder.synth.SyntheticSessions;

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

    private static double numeric(float[] x, int i, DoubleSupplier f) {
        double h = 1e-2;
        float keep = x[i];
        x[i] = (float) (keep + h);
        double up = f.getAsDouble();
        x[i] = (float) (keep - h);
        double down = f.getAsDouble();
        x[i] = keep;
        return (up - down) / (2 * h);
    }

    @Test
    void bothLossesGradientsMatchFiniteDifferences() {
        int rows = 3, cols = 7;
        float[] o = random(rows * cols, 1);
        float[] corr = random(cols, 2);
        float[] g = new float[rows * cols];
        float[] scratch = new float[rows * cols];
        DoubleSupplier xe = () -> Gru4RecLosses.crossEntropy(o, rows, cols, corr, 4, scratch);
        DoubleSupplier bpr = () -> Gru4RecLosses.bprMax(o, rows, cols, 1.0, 0.9, 4, scratch);
        DoubleSupplier bprPlain = () -> Gru4RecLosses.bprMax(o, rows, cols, 0, 0.5, 4, scratch);
        for (DoubleSupplier loss : new DoubleSupplier[] {xe, bpr, bprPlain}) {
            if (loss == xe) {
                Gru4RecLosses.crossEntropy(o, rows, cols, corr, 4, g);
            } else if (loss == bpr) {
                Gru4RecLosses.bprMax(o, rows, cols, 1.0, 0.9, 4, g);
            } else {
                Gru4RecLosses.bprMax(o, rows, cols, 0, 0.5, 4, g);
            }
            float[] analytic = g.clone();
            for (int i = 0; i < o.length; i++) {
                double num = numeric(o, i, loss);
                assertThat((double) analytic[i]).as("entry " + i).isCloseTo(num, within(2e-3 * Math.max(1, Math.abs(num))));
            }
        }
        // Cross-entropy by hand for one row of two columns: −log(e^a / (e^a + e^b)).
        float[] two = {1f, 3f};
        double l = Gru4RecLosses.crossEntropy(two, 1, 2, null, 1, new float[2]);
        assertThat(l).isCloseTo(-Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(3))), within(1e-9));
    }

    static TrainingData smallSessions(EventLog[] testOut) {
        EventLog all = SyntheticSessions.preset("sessions-small").generate(3);
        SessionSplit.Result r = new SessionSplit(2, 0, 5, 2).split(all);
        testOut[0] = r.test();
        return new TrainingData(r.train().toInteractions(DuplicatePolicy.LAST), null,
                new SplitInfo("session", Map.of(), 0, Map.of(), Map.of()), false, false, new SessionEvents(r.train(), null, r.test()));
    }

    @Test
    void learnsTheSequencesDeterministicallyAndRoundTrips() {
        EventLog[] test = new EventLog[1];
        TrainingData data = smallSessions(test);
        Gru4RecConfig c = new Gru4RecConfig("32", Gru4RecConfig.Loss.CROSS_ENTROPY, 32, 0, 0.1, 0.1, 0, 64, 0.5, 0, 0, 1, 2);
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
        Gru4RecConfig bpr = new Gru4RecConfig("32", Gru4RecConfig.Loss.BPR_MAX, 32, 0.2, 0.1, 0.05, 0.1, 64, 0.3, 0.9, 1, 0, 1);
        assertThat(ev.evaluate(new Gru4RecTrainer(bpr, 5).fit(data), sample).summaries().get("recall@20").mean()).isGreaterThan(pop);
    }

    private static EventLog firstSessions(EventLog log, int n) {
        java.util.List<Integer> keep = new java.util.ArrayList<>();
        java.util.Set<Integer> sessions = new java.util.HashSet<>();
        for (int p = 0; p < log.size(); p++) {
            if (sessions.size() < n || sessions.contains(log.user()[p])) {
                sessions.add(log.user()[p]);
                keep.add(p);
            }
        }
        assertThat(sessions).hasSize(n);
        return log.select(keep.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void configChecks() {
        assertThatThrownBy(() -> new Gru4RecConfig("32-x", Gru4RecConfig.Loss.CROSS_ENTROPY, 32, 0, 0, 0.1, 0, 64, 0.5, 0, 0, 1, 2))
                .hasMessageContaining("32-x");
        assertThatThrownBy(() -> new Gru4RecConfig("32", Gru4RecConfig.Loss.BPR_MAX, 32, 0, 0, 0.1, 0, 64, 0.5, 0, 0, 1, 2))
                .hasMessageContaining("logq");
        assertThat(Gru4RecConfig.diginetica().layerSizes()).containsExactly(512);
        assertThat(Gru4RecConfig.defaults().layerSizes()).containsExactly(480);
    }
}
