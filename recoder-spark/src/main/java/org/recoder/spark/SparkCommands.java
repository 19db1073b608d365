package org.recoder.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.recoder.api.Hyperparameters;
import org.recoder.cli.InputOptions;
import org.recoder.data.IdIndex;
import org.recoder.eval.MetricSpec;
import org.recoder.io.AtomicFiles;
import org.recoder.io.Json;
import org.recoder.models.Models;
import org.recoder.models.ease.EaseConfig;
import org.recoder.models.ease.EaseModel;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitIO;
import org.recoder.protocol.StrongGeneralization;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import scala.Tuple2;

/**
 * {@code recoder spark split|gram|ease|score}: the Spark jobs from the command line, in local mode by default
 * ({@code --master local[*]}); the same class is the {@code spark-submit --class org.recoder.spark.SparkCommands}
 * entry point on a cluster (there {@code --master} is left out and spark-submit's own applies). docs/spark.md.
 */
@Command(name = "recoder spark", mixinStandardHelpOptions = true, version = "recoder spark 0.1.0",
        description = "Recoder's jobs on Apache Spark: split, Gram matrix, EASE and batch scoring (docs/spark.md).",
        subcommands = {SparkCommands.SplitJobs.class, SparkCommands.GramJob.class, SparkCommands.EaseJob.class, SparkCommands.ItemKnnJob.class,
            SparkCommands.ScoreJob.class})
public final class SparkCommands implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a job is required (split, gram, ease, score)");
    }

    /** The entry point, for ./recoder spark and spark-submit. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the jobs' command line; errors are one line on stderr naming the option, the file or the field. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new SparkCommands());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            Throwable t = e;
            while (t.getCause() != null && (t instanceof UncheckedIOException || t.getMessage() == null)) {
                t = t.getCause();
            }
            line.getErr().println("recoder spark: error: " + t.getMessage());
            return 1;
        });
        return cl.execute(args);
    }

    /** Options every job has. */
    static final class Master {
        @Option(names = "--master", description = "Spark master: local[*] (the default: this machine's cores), local[N], or a "
                + "cluster's URL; under spark-submit give 'submit' to take spark-submit's own.")
        String master = "local[*]";

        SparkSession session(String job) {
            return SparkJobs.session(master.equals("submit") ? null : master, "recoder spark " + job);
        }
    }

    @Command(name = "split", mixinStandardHelpOptions = true, description = "Splits on Spark, as recoder split makes them: strong, ratings, loo.",
            subcommands = {SplitJob.class, RatingsJob.class, LooJob.class})
    static final class SplitJobs implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a protocol is required: strong, ratings or loo (the temporal "
                    + "and session splits are recoder split's alone so far)");
        }
    }

    /** What every split job reads and writes: the input (as recoder split reads it, or by Spark), the seed, the directory. */
    static final class SplitIn {
        @Mixin
        InputOptions in;

        @Option(names = "--spark-format", description = "Read --input with Spark instead (parquet, orc, json, or csv with a header), "
                + "its columns named by --user-col, --item-col, --value-col and --time-col; without it the driver reads --input with --format.")
        String sparkFormat;

        @Option(names = "--seed", defaultValue = "98765", description = "Seed of the hashes. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--force", description = "Replace an existing split directory.")
        boolean force;

        Dataset<Row> events(SparkSession spark) {
            return sparkFormat == null ? SparkFrames.of(spark, in.interactions())
                    : SparkFrames.read(spark, in.input(), sparkFormat, in.userColumn(), in.itemColumn(), in.valueColumn(), in.timeColumn());
        }

        /** Runs {@code make} on the input and writes the split it returns to {@code out}. */
        int write(Master master, String protocol, Path out, java.util.function.Function<Dataset<Row>, Split> make) {
            SparkSession spark = master.session("split " + protocol);
            try {
                Split s = make.apply(events(spark));
                SplitIO.write(s, out, force);
                System.out.println("wrote " + protocol + " split to " + out + ": " + Json.compact(s.counts()));
                return 0;
            } finally {
                spark.stop();
            }
        }
    }

    @Command(name = "strong", mixinStandardHelpOptions = true, description = "Strong generalization with fold-in (Liang et al.), "
            + "assigned by hashing ids as recoder split strong --assignment hash does (the same split): a split directory, "
            + "and Parquet parts with --parquet.")
    static final class SplitJob implements Callable<Integer> {
        @Mixin
        Master master;

        @Mixin
        SplitIn source;

        @Mixin
        org.recoder.cli.SplitCommand.StrongOptions options;

        @Option(names = "--out", description = "The split directory to write (the contract of recoder split: train.tsv, …, split.json).")
        Path out;

        @Option(names = "--parquet", description = "Also (or only) write the five parts as Parquet under this directory.")
        Path parquet;

        @Override
        public Integer call() {
            if (out == null && parquet == null) {
                throw new CommandLine.ParameterException(new CommandLine(this), "give --out (a split directory), --parquet DIR, or both");
            }
            StrongGeneralization p = options.protocol(source.seed, StrongGeneralization.Assignment.HASH);
            if (out == null) {
                SparkSession spark = master.session("split strong");
                try {
                    SparkSplit.writeParquet(SparkSplit.strong(source.events(spark), p), parquet);
                    return 0;
                } finally {
                    spark.stop();
                }
            }
            return source.write(master, "strong", out, events -> {
                SparkSplit.Parts parts = SparkSplit.strong(events, p);
                if (parquet != null) {
                    SparkSplit.writeParquet(parts, parquet);
                }
                return SparkSplit.collect(parts, p);
            });
        }
    }

    @Command(name = "ratings", mixinStandardHelpOptions = true, description = "Random split of ratings for rating prediction (AutoRec: "
            + "90/10), each rating drawn by hashing ids as recoder split ratings --assignment hash does (the same split).")
    static final class RatingsJob implements Callable<Integer> {
        @Mixin
        Master master;

        @Mixin
        SplitIn source;

        @Mixin
        org.recoder.cli.SplitCommand.RatingOptions options;

        @Option(names = "--out", required = true, description = "The split directory to write.")
        Path out;

        @Override
        public Integer call() {
            org.recoder.protocol.RatingSplit p = options.protocol(0, source.seed, StrongGeneralization.Assignment.HASH);
            return source.write(master, "ratings", out, events -> SparkSplit.collect(SparkSplit.ratings(events, p), p));
        }
    }

    @Command(name = "loo", mixinStandardHelpOptions = true, description = "Leave-one-out (NCF): each user's latest (or, with --random, "
            + "a hashed random) event is the test target, with sampled negatives, as recoder split loo --assignment hash makes it.")
    static final class LooJob implements Callable<Integer> {
        @Mixin
        Master master;

        @Mixin
        SplitIn source;

        @Mixin
        org.recoder.cli.SplitCommand.LooOptions options;

        @Option(names = "--out", required = true, description = "The split directory to write.")
        Path out;

        @Override
        public Integer call() {
            org.recoder.protocol.LeaveOneOut p = options.protocol(source.seed, StrongGeneralization.Assignment.HASH);
            return source.write(master, "loo", out, events -> SparkSplit.collect(SparkSplit.loo(events, p), p));
        }
    }

    @Command(name = "gram", mixinStandardHelpOptions = true, description = "XᵀX of a split's binarized training matrix, as item-block "
            + "co-occurrence counts on Spark, written as row blocks: OUT/gram.json, OUT/items.txt and OUT/rows-R.f32 (little-endian floats).")
    static final class GramJob implements Callable<Integer> {
        @Mixin
        Master master;

        @Option(names = "--split", required = true, description = "A split directory (its train.tsv).")
        Path split;

        @Option(names = "--out", required = true, description = "The directory to write the blocks into (must not exist).")
        Path out;

        @Option(names = "--block-rows", description = "Items per row block (default: a block of at most 64 MB).")
        Integer blockRows;

        @Override
        public Integer call() throws IOException {
            if (Files.exists(out)) {
                throw new IllegalArgumentException("--out " + out + " exists; the Gram blocks go into a new directory");
            }
            SparkSession spark = master.session("gram");
            try {
                Split s = SplitIO.read(split);
                IdIndex items = s.trainingData().train().items();
                int n = items.size();
                int b = blockRows != null ? blockRows : SparkGram.defaultBlockRows(n);
                JavaRDD<int[]> lists = SparkEase.trainLists(spark, split, items);
                Path tmp = Files.createDirectories(out.resolveSibling(out.getFileName() + ".partial"));
                Iterator<Tuple2<Integer, float[]>> it = SparkGram.panels(lists, n, b).toLocalIterator();
                int written = 0;
                while (it.hasNext()) {
                    Tuple2<Integer, float[]> t = it.next();
                    writeFloats(tmp.resolve(String.format(Locale.ROOT, "rows-%05d.f32", t._1())), t._2());
                    written++;
                }
                Files.write(tmp.resolve("items.txt"), items.ids());
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("items", n);
                info.put("block_rows", b);
                info.put("blocks_written", written);
                info.put("layout", "rows-R.f32: rows R·block_rows up to (R+1)·block_rows of XᵀX, all columns, row-major little-endian "
                        + "float32; a block with no item of any user is not written (all zero)");
                info.put("split", split.toAbsolutePath().toString());
                AtomicFiles.writeString(tmp.resolve("gram.json"), Json.pretty(info));
                Files.move(tmp, out);
                System.out.println("wrote the " + n + "×" + n + " Gram matrix as " + written + " row block" + (written == 1 ? "" : "s")
                        + " of " + b + " rows to " + out);
                return 0;
            } finally {
                spark.stop();
            }
        }

        private static void writeFloats(Path f, float[] v) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            try (var ch = Files.newByteChannel(f, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                for (float x : v) {
                    if (!buf.hasRemaining()) {
                        buf.flip();
                        ch.write(buf);
                        buf.clear();
                    }
                    buf.putFloat(x);
                }
                buf.flip();
                ch.write(buf);
            }
        }
    }

    /** What the jobs that write a model share: the split, the model file, hyperparameters by name and the Gram's blocks. */
    static final class ModelOptions {
        @Option(names = "--split", required = true, description = "A split directory.")
        Path split;

        @Option(names = "--out", required = true, description = "The model file to write.")
        Path out;

        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A hyperparameter by name (recoder models show TYPE).")
        Map<String, String> set = new LinkedHashMap<>();

        @Option(names = "--block-rows", description = "Items per row block of the co-occurrence job (default: a block of at most 64 MB).")
        Integer blockRows;

        @Option(names = "--force", description = "Replace an existing model file.")
        boolean force;

        int blockRows() {
            return blockRows == null ? 0 : blockRows;
        }

        /** Checks --out before anything runs, fits the model on a session, saves it and says so. */
        int run(Master master, String type, java.util.function.Function<SparkSession, org.recoder.api.Model> fit) {
            if (Files.exists(out) && !force) {
                throw new IllegalArgumentException(out + " exists; give --force to replace it");
            }
            SparkSession spark = master.session(type);
            try {
                long t0 = System.nanoTime();
                org.recoder.api.Model m = fit.apply(spark);
                Models.save(m, out);
                System.out.printf(Locale.ROOT, "wrote %s model (%d items) to %s in %.1f s%n", type, m.items().size(), out,
                        (System.nanoTime() - t0) / 1e9);
                return 0;
            } finally {
                spark.stop();
            }
        }
    }

    @Command(name = "ease", mixinStandardHelpOptions = true, description = "EASE with its Gram matrix on Spark and the inverse on "
            + "the driver: an ordinary EASE model file, equal to recoder train ease's on the same split.")
    static final class EaseJob implements Callable<Integer> {
        @Mixin
        Master master;

        @Mixin
        ModelOptions model;

        @Option(names = "--lambda", description = "Shorthand for --set lambda=L.")
        Float lambda;

        @Override
        public Integer call() {
            Map<String, String> settings = new LinkedHashMap<>(model.set);
            if (lambda != null) {
                if (settings.containsKey("lambda")) {
                    throw new IllegalArgumentException("--lambda and --set lambda both given; give one");
                }
                settings.put("lambda", lambda.toString());
            }
            EaseConfig config = Hyperparameters.set(EaseConfig.defaults(), settings, EaseModel.TYPE);
            return model.run(master, EaseModel.TYPE, spark -> SparkEase.fit(spark, model.split, config, model.blockRows()));
        }
    }

    @Command(name = "itemknn", mixinStandardHelpOptions = true, description = "Item-kNN from the co-occurrence job: each task turns "
            + "its Gram panel into its items' neighbours; an ordinary itemknn model file, equal to recoder train itemknn's.")
    static final class ItemKnnJob implements Callable<Integer> {
        @Mixin
        Master master;

        @Mixin
        ModelOptions model;

        @Override
        public Integer call() {
            var config = Hyperparameters.set(org.recoder.models.itemknn.ItemKnnConfig.defaults(), model.set,
                    org.recoder.models.itemknn.ItemKnnModel.TYPE);
            return model.run(master, org.recoder.models.itemknn.ItemKnnModel.TYPE,
                    spark -> SparkItemKnn.fit(spark, model.split, config, model.blockRows()));
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true, description = "Any saved model, broadcast: the top N of every user "
            + "(fold-in from each history) as Parquet with --out; with --split, also per-user metrics on the executors, printed as "
            + "recoder evaluate --json does.")
    static final class ScoreJob implements Callable<Integer> {
        @Mixin
        Master master;

        @Option(names = "--model", required = true, description = "A model file.")
        Path model;

        @Option(names = "--split", description = "A split directory: its test fold-in are the histories, its test held-out the targets.")
        Path split;

        @Option(names = "--histories", description = "Instead of --split: an interaction file read by Spark (--histories-format).")
        String histories;

        @Option(names = "--histories-format", defaultValue = "parquet", description = "parquet, orc, json or csv (header). Default: ${DEFAULT-VALUE}.")
        String historiesFormat;

        @Option(names = {"--user-col"}, defaultValue = "user", description = "--histories: the user column. Default: ${DEFAULT-VALUE}.")
        String userCol;

        @Option(names = {"--item-col"}, defaultValue = "item", description = "--histories: the item column. Default: ${DEFAULT-VALUE}.")
        String itemCol;

        @Option(names = "-n", defaultValue = "10", description = "Items per user. Default: ${DEFAULT-VALUE}.")
        int n;

        @Option(names = "--out", description = "Write the top N per user (user, rank, item, score) as Parquet here.")
        Path out;

        @Option(names = "--metrics", defaultValue = "ndcg@100,recall@20,recall@50", description = "With --split. Default: ${DEFAULT-VALUE}.")
        String metrics;

        @Override
        public Integer call() {
            if ((split == null) == (histories == null)) {
                throw new IllegalArgumentException("give one of --split DIR or --histories FILE");
            }
            if (split == null && out == null) {
                throw new IllegalArgumentException("--histories without --out would compute nothing to keep: give --out DIR");
            }
            List<MetricSpec> specs = MetricSpec.parseList(metrics);
            SparkSession spark = master.session("score");
            try {
                var hist = split != null ? SparkFrames.splitPart(spark, split, SplitIO.TEST_FOLDIN)
                        : SparkFrames.read(spark, histories, historiesFormat, userCol, itemCol, null);
                if (out != null) {
                    SparkScore.topN(spark, model, hist, n).write().mode("errorifexists").parquet(out.toString());
                }
                if (split != null) {
                    SparkScore.Evaluation e = SparkScore.evaluate(spark, model, hist, SparkFrames.splitPart(spark, split, SplitIO.TEST_HOLDOUT), specs);
                    Map<String, Object> json = new LinkedHashMap<>();
                    Map<String, Object> stderr = new LinkedHashMap<>();
                    e.summaries().forEach((k, v) -> {
                        json.put(k, v.mean());
                        stderr.put(k, v.stderr());
                    });
                    json.put("stderr", stderr);
                    json.put("users", e.users().size());
                    json.put("model", model.toString());
                    json.put("split", split.toString());
                    System.out.println(Json.compact(json));
                }
                return 0;
            } finally {
                spark.stop();
            }
        }
    }
}
