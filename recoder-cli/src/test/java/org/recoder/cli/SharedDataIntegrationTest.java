package org.recoder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.EventLog;
import org.recoder.data.EventLogBuilder;
import org.recoder.data.Interactions;
import org.recoder.data.read.ColumnSpec;
import org.recoder.data.read.DatasetFormat;
import org.recoder.data.read.DelimitedReader;
import org.recoder.data.read.Delimiter;
import org.recoder.io.Json;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitIO;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;

/** Reads every dataset in ../shared/data and checks counts against their SOURCE.txt; runs the ml-100k pipeline. */
@Tag("integration")
class SharedDataIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void movielens100k() {
        EventLog log = DatasetFormat.ML_100K.load(TestData.shared("ml-100k/u.data"));
        assertThat(log.size()).isEqualTo(100_000);
        assertThat(log.users().size()).isEqualTo(943);
        assertThat(log.items().size()).isEqualTo(1682);
        assertThat(DatasetFormat.ML_100K.load(TestData.shared("ml-100k")).size()).isEqualTo(100_000);
    }

    @Test
    void movielensLatestSmall() {
        EventLog log = DatasetFormat.byName("ml-latest-small").load(TestData.shared("ml-latest-small/ml-latest-small/ratings.csv"));
        assertThat(log.size()).isEqualTo(100_836);
        assertThat(log.users().size()).isEqualTo(610);
        assertThat(log.items().size()).isEqualTo(9_724);
    }

    @Test
    void hetrecLastfm() {
        EventLog log = DatasetFormat.LASTFM.load(TestData.shared("hetrec2011-lastfm-2k/user_artists.dat"));
        assertThat(log.size()).isEqualTo(92_834);
        assertThat(log.users().size()).isEqualTo(1_892);
    }

    @Test
    void citeulike() {
        EventLog log = DatasetFormat.CITEULIKE.load(TestData.shared("citeulike-a/users.dat"));
        assertThat(log.users().size()).isEqualTo(5_551);
        assertThat(log.size()).isEqualTo(204_986);
        assertThat(log.items().size()).isEqualTo(16_980);
    }

    @Test
    void filmtrustFourPartsMixedLineEnds() throws Exception {
        DelimitedReader r = new DelimitedReader(new ColumnSpec(Delimiter.WHITESPACE, false, "0", "1", "2", null, "s"));
        EventLogBuilder b = new EventLogBuilder(false);
        Path d = TestData.shared("filmtrust");
        for (String part : new String[] {"ratings_1.txt", "ratings_2.txt", "ratings_3.txt", "ratings_0.txt"}) {
            r.readInto(d.resolve(part), b);
        }
        EventLog log = b.build();
        assertThat(log.size()).isEqualTo(35_497);
        assertThat(log.users().size()).isEqualTo(1_508);
        assertThat(log.items().size()).isEqualTo(2_071);
        assertThat(log.toInteractions(DuplicatePolicy.LAST).nnz()).isEqualTo(35_494);
    }

    @Test
    void yoochooseSessions() throws Exception {
        Path f = TestData.shared("yoochoose-sessionrec-100k/yoochoose-clicks-100k_train_full.txt");
        EventLog log = DatasetFormat.SESSIONS.load(f);
        long lines;
        try (Stream<String> s = Files.lines(f)) {
            lines = s.count();
        }
        assertThat(log.size()).isEqualTo(lines - 1);
        assertThat(log.hasTimes()).isTrue();
        EventLog test = DatasetFormat.SESSIONS.load(TestData.shared("yoochoose-sessionrec-100k/yoochoose-clicks-100k_test.txt"));
        assertThat(test.size()).isEqualTo(13_568);
    }

    @Test
    void digineticaPurchasesAndViews() {
        Path d = TestData.shared("diginetica");
        EventLog purchases = new DelimitedReader(new ColumnSpec(Delimiter.of(";"), true, "sessionId", "itemId", null, "eventdate", "s"))
                .read(d.resolve("train-purchases.csv"));
        assertThat(purchases.size()).isEqualTo(18_025);
        assertThat(purchases.users().size()).isEqualTo(12_630);
        assertThat(purchases.items().size()).isEqualTo(11_244);
        EventLog views = new DelimitedReader(new ColumnSpec(Delimiter.of(";"), true, "session_id", "item_id", null, "eventdate", "s"))
                .read(d.resolve("sample_train-item-views.csv"));
        assertThat(views.size()).isEqualTo(12_391);
        assertThat(views.users().size()).isEqualTo(2_986);
        assertThat(views.items().size()).isEqualTo(7_139);
    }

    @Test
    void ml100kStrongSplitReadsBackIdenticallyAndEaseBeatsItemKnnBeatsPopularity() {
        Path input = TestData.shared("ml-100k/u.data");
        Path split = dir.resolve("ml100k");
        CliTest.Run s = CliTest.run("split", "strong", "--input", input.toString(), "--format", "ml-100k", "--threshold", "3.5",
                "--heldout-users", "0.1", "--seed", "98765", "--out", split.toString());
        assertThat(s.code()).as(s.err()).isZero();
        Interactions data = DatasetFormat.ML_100K.load(input).toInteractions(DuplicatePolicy.LAST);
        Split expected = StrongGeneralization.liang(3.5f, 0.1, 98765).split(data);
        Split read = SplitIO.read(split);
        assertThat(read.train()).isEqualTo(expected.train());
        assertThat(read.validation().foldIn()).isEqualTo(expected.validation().foldIn());
        assertThat(read.validation().holdout()).isEqualTo(expected.validation().holdout());
        assertThat(read.test().foldIn()).isEqualTo(expected.test().foldIn());
        assertThat(read.test().holdout()).isEqualTo(expected.test().holdout());

        double[] ndcg = new double[4];
        String[] models = {"popularity", "itemknn", "ease", "ease"};
        for (int m = 0; m < models.length; m++) {
            Path f = dir.resolve(models[m] + ".recoder");
            CliTest.Run t = m < 3 ? CliTest.run("train", models[m], "--split", split.toString(), "--out", f.toString())
                    : CliTest.run("train", "ease", "--set", "precision=float64", "--split", split.toString(), "--out", f.toString(), "--force");
            assertThat(t.code()).as(t.err()).isZero();
            CliTest.Run e = CliTest.run("evaluate", "--model", f.toString(), "--split", split.toString(), "--json");
            assertThat(e.code()).as(e.err()).isZero();
            ndcg[m] = Json.parse(e.out()).path("ndcg@100").asDouble();
        }
        assertThat(ndcg[1]).isGreaterThan(ndcg[0]);
        // EASE (λ = 500) clearly above item-kNN on real data, and float32 equal to float64 within 0.001.
        assertThat(ndcg[2]).isGreaterThan(ndcg[1] + 0.05);
        assertThat(ndcg[3]).isCloseTo(ndcg[2], org.assertj.core.data.Offset.offset(0.001));
    }

    /** The autoencoders, trained with their CLI defaults on the Liang split of ml-100k, clearly above item-kNN. */
    @Test
    void ml100kAutoencodersBeatItemKnnAndPopularity() {
        Path input = TestData.shared("ml-100k/u.data");
        Path split = dir.resolve("ml100k-ae");
        assertThat(CliTest.run("split", "strong", "--input", input.toString(), "--format", "ml-100k", "--threshold", "3.5",
                "--heldout-users", "0.1", "--seed", "98765", "--out", split.toString()).code()).isZero();
        java.util.Map<String, Double> ndcg = new java.util.LinkedHashMap<>();
        for (String[] model : new String[][] {{"popularity"}, {"itemknn"}, {"multdae"}, {"multvae"}, {"recvae"},
                {"cdae", "--batch-size", "128"}}) {
            Path f = dir.resolve(model[0] + ".recoder");
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train"));
            args.addAll(java.util.List.of(model));
            args.addAll(java.util.List.of("--split", split.toString(), "--out", f.toString()));
            CliTest.Run t = CliTest.run(args.toArray(String[]::new));
            assertThat(t.code()).as(t.err()).isZero();
            CliTest.Run e = CliTest.run("evaluate", "--model", f.toString(), "--split", split.toString(), "--json");
            assertThat(e.code()).as(e.err()).isZero();
            ndcg.put(model[0], Json.parse(e.out()).path("ndcg@100").asDouble());
        }
        for (String m : java.util.List.of("multdae", "multvae", "recvae", "cdae")) {
            assertThat(ndcg.get(m)).as(m + " vs item-kNN " + ndcg).isGreaterThan(ndcg.get("itemknn") + 0.03);
            assertThat(ndcg.get(m)).as(m + " vs popularity " + ndcg).isGreaterThan(ndcg.get("popularity") + 0.1);
        }
    }

    @Test
    void yoochooseGivenSplitRanksSessionKnnAbovePopularity() {
        Path d = TestData.shared("yoochoose-sessionrec-100k");
        Path split = dir.resolve("yoochoose");
        CliTest.Run s = CliTest.run("split", "session", "--input", d.resolve("yoochoose-clicks-100k_train_full.txt").toString(),
                "--test-input", d.resolve("yoochoose-clicks-100k_test.txt").toString(), "--format", "session-rec",
                "--out", split.toString(), "--json");
        assertThat(s.code()).as(s.err()).isZero();
        // SOURCE.txt: train_full 70,278 clicks, test 13,568 clicks over items all in train_full.
        assertThat(Json.parse(s.out()).path("counts").path("train_events").asInt()).isEqualTo(70_278);
        assertThat(Json.parse(s.out()).path("counts").path("test_events").asInt()).isEqualTo(13_568);
        double[] recall = new double[3];
        String[] models = {"popularity", "sknn", "vsknn"};
        for (int m = 0; m < models.length; m++) {
            Path file = dir.resolve(models[m] + ".recoder");
            assertThat(CliTest.run("train", models[m], "--split", split.toString(), "--out", file.toString()).code()).isZero();
            CliTest.Run e = CliTest.run("evaluate", "--model", file.toString(), "--split", split.toString(), "--json");
            assertThat(e.code()).as(e.err()).isZero();
            // 13,568 test clicks in 3,416 sessions: 10,152 next-item targets.
            assertThat(Json.parse(e.out()).path("events").asInt()).isEqualTo(10_152);
            recall[m] = Json.parse(e.out()).path("recall@20").asDouble();
        }
        assertThat(recall[1]).isGreaterThan(recall[0] + 0.3);
        assertThat(recall[2]).isGreaterThan(recall[0] + 0.3);
    }

    @Test
    void digineticaSampleSplitsByNarmsLastSevenDays() {
        Path split = dir.resolve("diginetica");
        CliTest.Run s = CliTest.run("split", "session", "--input", TestData.shared("diginetica/sample_train-item-views.csv").toString(),
                "--format", "diginetica", "--test-days", "7", "--out", split.toString(), "--json");
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(Json.parse(s.out()).path("counts").path("test_events").asInt()).isPositive();
        Path file = dir.resolve("dg-sknn.recoder");
        assertThat(CliTest.run("train", "sknn", "--split", split.toString(), "--out", file.toString()).code()).isZero();
        CliTest.Run e = CliTest.run("evaluate", "--model", file.toString(), "--split", split.toString(), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(Json.parse(e.out()).path("recall@20").asDouble()).isBetween(0.0, 1.0);
    }
}
