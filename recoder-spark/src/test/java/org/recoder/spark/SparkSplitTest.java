package org.recoder.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.cli.RecoderCli;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.Interactions;
import org.recoder.data.read.DatasetFormat;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitIO;
import org.recoder.protocol.StrongGeneralization;

class SparkSplitTest {
    @TempDir
    Path dir;

    private static Set<String> pairs(Interactions x) {
        Set<String> s = new HashSet<>();
        for (int u = 0; u < x.numUsers(); u++) {
            for (int k = x.rowStart(u); k < x.rowEnd(u); k++) {
                s.add(x.users().id(u) + "\t" + x.items().id(x.columnIndices()[k]) + "\t" + x.valueArray()[k]);
            }
        }
        return s;
    }

    /** recoder spark split's strong split is recoder split strong --assignment hash's: every part, row for row. */
    @Test
    void theSparkSplitEqualsTheSingleMachineHashSplit() {
        Path csv = dir.resolve("ratings.csv");
        assertThat(RecoderCli.execute("data", "synth", "--preset", "small", "--out", csv.toString())).isZero();
        Path single = dir.resolve("single");
        assertThat(RecoderCli.execute("split", "strong", "--input", csv.toString(), "--format", "ml-20m", "--threshold", "3.5",
                "--heldout-users", "0.1", "--min-item-users", "2", "--assignment", "hash", "--seed", "7", "--out", single.toString())).isZero();
        Split a = SplitIO.read(single);
        StrongGeneralization p = new StrongGeneralization(3.5f, 2, 5, 0.1, 0.2, 5, 7, StrongGeneralization.Assignment.HASH);
        Interactions data = DatasetFormat.byName("ml-20m").load(csv).toInteractions(DuplicatePolicy.LAST);
        SparkSplit.Parts parts = SparkSplit.strong(SparkFrames.of(SparkTestSession.get(), data), p);
        Split b = SparkSplit.collect(parts, p);
        assertThat(a.train().nnz()).isGreaterThan(10_000);
        assertThat(pairs(b.train())).isEqualTo(pairs(a.train()));
        assertThat(pairs(b.validation().foldIn())).isEqualTo(pairs(a.validation().foldIn()));
        assertThat(pairs(b.validation().holdout())).isEqualTo(pairs(a.validation().holdout())).isNotEmpty();
        assertThat(pairs(b.test().foldIn())).isEqualTo(pairs(a.test().foldIn()));
        assertThat(pairs(b.test().holdout())).isEqualTo(pairs(a.test().holdout())).isNotEmpty();
        assertThat(new HashSet<>(b.train().items().ids())).isEqualTo(new HashSet<>(a.train().items().ids()));
        assertThat(b.counts()).isEqualTo(a.counts());
        // Written as a split directory, it reads back as the same split.
        SplitIO.write(b, dir.resolve("spark"), false);
        assertThat(pairs(SplitIO.read(dir.resolve("spark")).test().holdout())).isEqualTo(pairs(a.test().holdout()));
        assertThatThrownBy(() -> SparkSplit.strong(SparkFrames.of(SparkTestSession.get(), data),
                new StrongGeneralization(3.5f, 2, 5, 0.1, 0.2, 5, 7)))
                .hasMessageContaining("--assignment hash");
    }

    /** recoder spark split ratings is recoder split ratings --assignment hash: the same training, validation and test ratings. */
    @Test
    void theSparkRatingSplitEqualsTheSingleMachineHashSplit() {
        Path csv = dir.resolve("ratings.csv");
        assertThat(RecoderCli.execute("data", "synth", "--preset", "small", "--out", csv.toString())).isZero();
        Path single = dir.resolve("single-ratings");
        assertThat(RecoderCli.execute("split", "ratings", "--input", csv.toString(), "--format", "ml-20m", "--assignment", "hash",
                "--seed", "3", "--out", single.toString())).isZero();
        Split a = SplitIO.read(single);
        org.recoder.protocol.RatingSplit p = new org.recoder.protocol.RatingSplit(0.1, 0.1, 0, 3, StrongGeneralization.Assignment.HASH);
        Interactions data = DatasetFormat.byName("ml-20m").load(csv).toInteractions(DuplicatePolicy.LAST);
        Split b = SparkSplit.collect(SparkSplit.ratings(SparkFrames.of(SparkTestSession.get(), data), p), p);
        assertThat(pairs(b.train())).isEqualTo(pairs(a.train()));
        assertThat(pairs(b.validation().holdout())).isEqualTo(pairs(a.validation().holdout())).isNotEmpty();
        assertThat(pairs(b.test().holdout())).isEqualTo(pairs(a.test().holdout())).isNotEmpty();
        assertThat(b.info().parameters().get("dropped_test_ratings")).isEqualTo(a.info().parameters().get("dropped_test_ratings"));
        assertThat(b.counts()).isEqualTo(a.counts());
        // About a tenth each, by hash: not exactly.
        double share = a.test().holdout().nnz() / (double) data.nnz();
        assertThat(share).isBetween(0.09, 0.11);
    }

    /**
     * recoder spark split loo is recoder split loo --assignment hash: the latest (or the hashed random) target, the
     * one before it for validation, and the same sampled negatives.
     */
    @Test
    void theSparkLeaveOneOutEqualsTheSingleMachineHashSplit() {
        Path csv = dir.resolve("ratings.csv");
        assertThat(RecoderCli.execute("data", "synth", "--preset", "small", "--out", csv.toString())).isZero();
        Interactions data = DatasetFormat.byName("ml-20m").load(csv).toInteractions(DuplicatePolicy.LAST);
        for (boolean random : new boolean[] {false, true}) {
            Path single = dir.resolve("single-loo-" + random);
            java.util.List<String> args = new java.util.ArrayList<>(List.of("split", "loo", "--input", csv.toString(), "--format", "ml-20m",
                    "--validation", "--negatives", "20", "--assignment", "hash", "--seed", "11", "--out", single.toString()));
            if (random) {
                args.add("--random");
            }
            assertThat(RecoderCli.execute(args.toArray(String[]::new))).isZero();
            Split a = SplitIO.read(single);
            org.recoder.protocol.LeaveOneOut p = new org.recoder.protocol.LeaveOneOut(!random, true, 20, 11, StrongGeneralization.Assignment.HASH);
            Split b = SparkSplit.collect(SparkSplit.loo(SparkFrames.of(SparkTestSession.get(), data), p), p);
            assertThat(pairs(b.train())).as("random %s", random).isEqualTo(pairs(a.train()));
            assertThat(pairs(b.validation().holdout())).isEqualTo(pairs(a.validation().holdout())).isNotEmpty();
            assertThat(pairs(b.test().holdout())).isEqualTo(pairs(a.test().holdout())).hasSizeGreaterThan(1000);
            assertThat(pairs(b.testNegatives())).isEqualTo(pairs(a.testNegatives())).hasSize(20 * a.test().holdout().nnz());
            assertThat(b.counts()).isEqualTo(a.counts());
        }
    }
}
