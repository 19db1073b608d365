package org.recoder.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.HeldOut;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.data.SplitInfo;
import org.recoder.protocol.HashAssignment;
import org.recoder.protocol.LeaveOneOut;
import org.recoder.protocol.RatingSplit;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitIO;
import org.recoder.protocol.StrongGeneralization;

/**
 * The strong-generalization split (Liang et al., WWW 2018) on a Spark DataFrame, with hash assignment
 * ({@link HashAssignment}): the same steps and the same split as {@code recoder split strong --assignment hash} on
 * one machine ({@link StrongGeneralization} with {@code HASH}): binarize (value &gt; threshold), items with at
 * least {@code minItemUsers} users, then users with at least {@code minUserEvents} events; a user's part from the
 * hash of (seed, user id); training items only for the held-out users, whose targets are their
 * {@code floor(holdoutFraction · n)} events (n ≥ {@code minHoldoutEvents}) with the smallest hash of (seed, user,
 * item). No global sort or shuffle of the users: grouping by item, then by user, is all the data moves.
 *
 * <p>Input rows: {@code user} and {@code item} (strings) and {@code value} (double). Repeated (user, item) pairs
 * keep their largest value (one machine's {@code --duplicates max}; "last" needs an order Spark does not keep).
 */
public final class SparkSplit {
    private SparkSplit() {
    }

    /** The five parts, each with columns user, item and value (1). */
    public record Parts(Dataset<Row> train, Dataset<Row> validationFoldIn, Dataset<Row> validationHoldout,
                        Dataset<Row> testFoldIn, Dataset<Row> testHoldout) {
    }

    /** The split of {@code events} as {@code p} describes it; {@code p} must use hash assignment. */
    public static Parts strong(Dataset<Row> events, StrongGeneralization p) {
        if (p.assignment() != StrongGeneralization.Assignment.HASH) {
            throw new IllegalArgumentException("a split on Spark assigns by hashing: give --assignment hash (the default of recoder spark split)");
        }
        long seed = p.seed();
        Dataset<Row> e = events.select(col("user").cast("string"), col("item").cast("string"), col("value").cast("double"))
                .groupBy("user", "item").agg(functions.max("value").as("value"));
        if (p.threshold() != null) {
            e = e.filter(col("value").gt(lit((double) p.threshold())));
        }
        e = e.select(col("user"), col("item"), lit(1.0).as("value"));
        if (p.minItemSupport() > 0) {
            Dataset<Row> items = e.groupBy("item").agg(count(lit(1)).as("n")).filter(col("n").geq(p.minItemSupport())).select("item");
            e = e.join(items, scalaSeq("item"), "left_semi");
        }
        Dataset<Row> users = e.groupBy("user").agg(count(lit(1)).as("n")).filter(col("n").geq(Math.max(1, p.minUserEvents()))).select("user");
        e = e.join(users, scalaSeq("user"), "left_semi");
        double f = p.heldoutUsers();
        UserDefinedFunction userDraw = functions.udf((UDF1<String, Double>) u -> HashAssignment.user(seed, u), DataTypes.DoubleType);
        Dataset<Row> withRole = e.withColumn("h", userDraw.apply(col("user")))
                .withColumn("role", when(col("h").lt(f), lit(2)).when(col("h").lt(2 * f), lit(1)).otherwise(lit(0))).drop("h")
                .cache();
        Dataset<Row> train = withRole.filter(col("role").equalTo(0)).select("user", "item", "value");
        Dataset<Row> trainItems = train.select(col("item").as("train_item")).distinct();
        UserDefinedFunction eventDraw = functions.udf((UDF2<String, String, Double>) (u, i) -> HashAssignment.event(seed, u, i),
                DataTypes.DoubleType);
        Dataset<Row> heldRoles = withRole.filter(col("role").gt(0));
        Dataset<Row> held = heldRoles.join(trainItems, heldRoles.col("item").equalTo(trainItems.col("train_item")), "left_semi")
                .withColumn("h", eventDraw.apply(col("user"), col("item")));
        var byUser = Window.partitionBy("user");
        Dataset<Row> ranked = held.withColumn("d", count(lit(1)).over(byUser))
                .withColumn("rank", row_number().over(byUser.orderBy(col("h"), col("item"))))
                .withColumn("k", when(col("d").geq(p.minHoldoutEvents()), floor(col("d").multiply(p.holdoutFraction()))).otherwise(lit(0L)))
                .withColumn("target", col("rank").leq(col("k")))
                .cache();
        return new Parts(train,
                part(ranked, 1, false), part(ranked, 1, true), part(ranked, 2, false), part(ranked, 2, true));
    }

    /** A rating split's parts: train, and the validation (may be empty) and test ratings, columns user, item, value. */
    public record RatingParts(Dataset<Row> train, Dataset<Row> validation, Dataset<Row> test, long droppedTest, long droppedValidation) {
    }

    /**
     * The random rating split (Sedhain et al.: 90/10) with hash assignment, as {@code recoder split ratings
     * --assignment hash} makes it ({@link RatingSplit} with {@code HASH}): a rating is a test rating when its test
     * draw is below the test fraction; of the rest, a validation rating when its validation draw is below the
     * validation fraction; held-out ratings of users or items without a training rating are dropped (counted).
     */
    public static RatingParts ratings(Dataset<Row> events, RatingSplit p) {
        if (p.assignment() != StrongGeneralization.Assignment.HASH) {
            throw new IllegalArgumentException("a split on Spark assigns by hashing: give --assignment hash (the default of recoder spark split)");
        }
        long seed = p.seed();
        int repeat = p.repeat();
        Dataset<Row> e = events.select(col("user").cast("string"), col("item").cast("string"), col("value").cast("double"))
                .groupBy("user", "item").agg(functions.max("value").as("value"));
        UserDefinedFunction testDraw = functions.udf((UDF2<String, String, Double>) (u, i) -> RatingSplit.testDraw(seed, repeat, u, i),
                DataTypes.DoubleType);
        Dataset<Row> flagged = e.withColumn("t", testDraw.apply(col("user"), col("item")).lt(p.testFraction())).cache();
        Dataset<Row> train = flagged.filter(col("t").equalTo(false)).select("user", "item", "value");
        Dataset<Row> test = flagged.filter(col("t")).select("user", "item", "value");
        Dataset<Row> validation = train.limit(0);
        if (p.validationFraction() > 0) {
            UserDefinedFunction validationDraw = functions.udf((UDF2<String, String, Double>) (u, i) -> RatingSplit.validationDraw(seed, repeat, u, i),
                    DataTypes.DoubleType);
            Dataset<Row> v = train.withColumn("v", validationDraw.apply(col("user"), col("item")).lt(p.validationFraction())).cache();
            train = v.filter(col("v").equalTo(false)).select("user", "item", "value");
            validation = v.filter(col("v")).select("user", "item", "value");
        }
        train = train.cache();
        // One machine drops the test ratings unknown to the first training part and then to the final one: the same
        // set as those unknown to the final one, which is a subset of the first.
        Dataset<Row> keptTest = known(test, train);
        Dataset<Row> keptValidation = known(validation, train);
        long droppedTest = test.count() - keptTest.count();
        long droppedValidation = validation.count() - keptValidation.count();
        return new RatingParts(train, keptValidation, keptTest, droppedTest, droppedValidation);
    }

    /** A leave-one-out split's parts: train, the validation and test targets, and the test users' negatives (or null). */
    public record LooParts(Dataset<Row> train, Dataset<Row> validation, Dataset<Row> test, Dataset<Row> negatives, long dropped) {
    }

    /**
     * Leave-one-out (He et al., NCF) as {@code recoder split loo --assignment hash} makes it ({@link LeaveOneOut}
     * with {@code HASH}): each user's latest event by time (ties: the greater item id), or with {@code --random}
     * the event with the largest hash, is the test target, the one before it the validation target (users with
     * fewer than 2, or 3, events stay whole in training); targets on items without a training event are dropped;
     * each test user's negatives come from {@link LeaveOneOut#hashNegatives} over the training items in id order.
     * Needs the {@code time} column for the latest event.
     */
    public static LooParts loo(Dataset<Row> events, LeaveOneOut p) {
        if (p.assignment() != StrongGeneralization.Assignment.HASH) {
            throw new IllegalArgumentException("a split on Spark assigns by hashing: give --assignment hash (the default of recoder spark split)");
        }
        long seed = p.seed();
        if (p.byTime() && !List.of(events.columns()).contains("time")) {
            throw new IllegalArgumentException("leave-latest-out needs timestamps; this data has none (use --random)");
        }
        Dataset<Row> e = events.select(col("user").cast("string"), col("item").cast("string"), col("value").cast("double"),
                        p.byTime() ? col("time").cast("long").as("time") : lit(0L).as("time"))
                .groupBy("user", "item").agg(functions.max("value").as("value"), functions.max("time").as("time")).cache();
        if (p.byTime() && e.filter(col("time").isNull()).limit(1).count() > 0) {
            throw new IllegalArgumentException("leave-latest-out needs timestamps; some events have none (use --random)");
        }
        int need = p.validation() ? 3 : 2;
        var byUser = Window.partitionBy("user");
        Dataset<Row> ordered;
        if (p.byTime()) {
            ordered = e.withColumn("rank", row_number().over(byUser.orderBy(col("time"), col("item"))));
        } else {
            UserDefinedFunction draw = functions.udf((UDF2<String, String, Double>) (u, i) -> LeaveOneOut.targetDraw(seed, u, i),
                    DataTypes.DoubleType);
            ordered = e.withColumn("h", draw.apply(col("user"), col("item")))
                    .withColumn("rank", row_number().over(byUser.orderBy(col("h"), col("item"))));
        }
        Dataset<Row> roles = ordered.withColumn("d", count(lit(1)).over(byUser))
                .withColumn("role", when(col("d").geq(need).and(col("rank").equalTo(col("d"))), lit(2))
                        .when(col("d").geq(need).and(lit(p.validation())).and(col("rank").equalTo(col("d").minus(1))), lit(1))
                        .otherwise(lit(0)))
                .cache();
        Dataset<Row> train = roles.filter(col("role").equalTo(0)).select("user", "item", "value").cache();
        Dataset<Row> items = train.select(col("item").as("known_item")).distinct();
        Dataset<Row> validation = onKnownItems(roles.filter(col("role").equalTo(1)).select("user", "item", "value"), items);
        Dataset<Row> test = onKnownItems(roles.filter(col("role").equalTo(2)).select("user", "item", "value"), items).cache();
        long dropped = roles.filter(col("role").gt(0)).count() - validation.count() - test.count();
        Dataset<Row> negatives = null;
        if (p.negatives() > 0) {
            String[] sorted = items.collectAsList().stream().map(r -> r.getString(0)).sorted().toArray(String[]::new);
            var sc = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(events.sparkSession().sparkContext());
            var all = sc.broadcast(sorted);
            int want = p.negatives();
            Dataset<Row> testUsers = test.select(col("user").as("test_user"));
            Dataset<Row> histories = e.join(testUsers, e.col("user").equalTo(testUsers.col("test_user")), "left_semi")
                    .groupBy("user").agg(functions.collect_list("item").as("items"));
            var rows = histories.javaRDD().flatMap(r -> {
                String[] its = all.value();
                boolean[] seen = new boolean[its.length];
                int known = 0;
                for (Object item : r.getList(1)) {
                    int c = java.util.Arrays.binarySearch(its, (String) item);
                    if (c >= 0 && !seen[c]) {
                        seen[c] = true;
                        known++;
                    }
                }
                String user = r.getString(0);
                List<Row> out = new ArrayList<>();
                for (int c : LeaveOneOut.hashNegatives(seed, user, its, seen, Math.min(want, its.length - known))) {
                    out.add(org.apache.spark.sql.RowFactory.create(user, its[c], 1.0));
                }
                return out.iterator();
            });
            negatives = events.sparkSession().createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                    .add("user", DataTypes.StringType, false).add("item", DataTypes.StringType, false).add("value", DataTypes.DoubleType, false));
        }
        return new LooParts(train, validation, test, negatives, dropped);
    }

    private static Dataset<Row> onKnownItems(Dataset<Row> targets, Dataset<Row> knownItems) {
        return targets.join(knownItems, targets.col("item").equalTo(knownItems.col("known_item")), "left_semi");
    }

    /** The leave-one-out parts collected on the driver as a {@link Split}, over the training users and items in id order. */
    public static Split collect(LooParts parts, LeaveOneOut p) {
        Interactions t = training(parts.train());
        IdIndex users = t.users();
        IdIndex items = t.items();
        HeldOut validation = p.validation() ? new HeldOut(t, interactions(parts.validation().collectAsList(), users, items)) : null;
        HeldOut test = new HeldOut(t, interactions(parts.test().collectAsList(), users, items));
        Interactions negatives = parts.negatives() == null ? null : interactions(parts.negatives().collectAsList(), users, items);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("by_time", p.byTime());
        params.put("validation", p.validation());
        params.put("negatives", p.negatives());
        params.put("dropped_targets", (int) parts.dropped());
        params.put("assignment", "hash");
        params.put("made_by", "recoder spark split");
        Split s = new Split(new SplitInfo("loo", params, p.seed(), Map.of(), Map.of()), t, validation, test, negatives);
        return s.withInfo(new SplitInfo("loo", params, p.seed(), Map.of(), s.counts()));
    }

    /**
     * The rows of {@code heldOut} whose user and item both have a row in {@code train}. The keys are renamed on the
     * right: both sides come from one lineage, and a semi join on the same attribute could be resolved as always true.
     */
    private static Dataset<Row> known(Dataset<Row> heldOut, Dataset<Row> train) {
        Dataset<Row> users = train.select(col("user").as("known_user")).distinct();
        Dataset<Row> items = train.select(col("item").as("known_item")).distinct();
        return heldOut.join(users, heldOut.col("user").equalTo(users.col("known_user")), "left_semi")
                .join(items, col("item").equalTo(items.col("known_item")), "left_semi");
    }

    /** The rating parts collected on the driver as a {@link Split}, the held-out parts over the training users and items. */
    public static Split collect(RatingParts parts, RatingSplit p) {
        Interactions t = training(parts.train());
        IdIndex users = t.users();
        IdIndex items = t.items();
        HeldOut validation = p.validationFraction() > 0 ? new HeldOut(t, interactions(parts.validation().collectAsList(), users, items)) : null;
        HeldOut test = new HeldOut(t, interactions(parts.test().collectAsList(), users, items));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("test_fraction", p.testFraction());
        params.put("validation_fraction", p.validationFraction());
        params.put("repeat", p.repeat());
        params.put("dropped_test_ratings", (int) parts.droppedTest());
        params.put("dropped_validation_ratings", (int) parts.droppedValidation());
        params.put("assignment", "hash");
        params.put("made_by", "recoder spark split");
        Split s = new Split(new SplitInfo("ratings", params, p.seed(), Map.of(), Map.of()), t, validation, test, null);
        return s.withInfo(new SplitInfo("ratings", params, p.seed(), Map.of(), s.counts()));
    }

    private static Dataset<Row> part(Dataset<Row> ranked, int role, boolean target) {
        return ranked.filter(col("role").equalTo(role).and(col("target").equalTo(target))).select("user", "item", "value");
    }

    private static scala.collection.immutable.Seq<String> scalaSeq(String column) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(column)).toList();
    }

    /** Writes each part as Parquet under {@code dir} ({@code train/}, {@code validation_foldin/}, …). */
    public static void writeParquet(Parts parts, Path dir) {
        parts.train().write().mode("errorifexists").parquet(dir.resolve("train").toString());
        parts.validationFoldIn().write().mode("errorifexists").parquet(dir.resolve("validation_foldin").toString());
        parts.validationHoldout().write().mode("errorifexists").parquet(dir.resolve("validation_holdout").toString());
        parts.testFoldIn().write().mode("errorifexists").parquet(dir.resolve("test_foldin").toString());
        parts.testHoldout().write().mode("errorifexists").parquet(dir.resolve("test_holdout").toString());
    }

    /**
     * The parts collected on the driver as a {@link Split} (the split-directory contract, {@link SplitIO#write}):
     * users and items in id order, the held-out parts over the training items, as one machine's split has them.
     */
    public static Split collect(Parts parts, StrongGeneralization p) {
        Interactions t = training(parts.train());
        IdIndex items = t.items();
        HeldOut validation = heldOut(parts.validationFoldIn().collectAsList(), parts.validationHoldout().collectAsList(), items);
        HeldOut test = heldOut(parts.testFoldIn().collectAsList(), parts.testHoldout().collectAsList(), items);
        Map<String, Object> params = new LinkedHashMap<>();
        if (p.threshold() != null) {
            params.put("threshold", p.threshold());
        }
        params.put("min_item_support", p.minItemSupport());
        params.put("min_user_events", p.minUserEvents());
        params.put("heldout_users", p.heldoutUsers());
        params.put("heldout_users_resolved", test.foldIn().numUsers());
        params.put("holdout_fraction", p.holdoutFraction());
        params.put("min_holdout_events", p.minHoldoutEvents());
        params.put("assignment", "hash");
        params.put("made_by", "recoder spark split");
        Split s = new Split(new SplitInfo("strong", params, p.seed(), Map.of(), Map.of()), t, validation, test, null);
        return s.withInfo(new SplitInfo("strong", params, p.seed(), Map.of(), s.counts()));
    }

    /** A training part collected on the driver: its users and items in id order. */
    private static Interactions training(Dataset<Row> train) {
        List<Row> rows = train.collectAsList();
        TreeSet<String> users = new TreeSet<>();
        TreeSet<String> items = new TreeSet<>();
        for (Row r : rows) {
            users.add(r.getString(0));
            items.add(r.getString(1));
        }
        return interactions(rows, IdIndex.of(new ArrayList<>(users)), IdIndex.of(new ArrayList<>(items)));
    }

    private static HeldOut heldOut(List<Row> foldIn, List<Row> holdout, IdIndex items) {
        TreeSet<String> users = new TreeSet<>();
        foldIn.forEach(r -> users.add(r.getString(0)));
        holdout.forEach(r -> users.add(r.getString(0)));
        IdIndex u = IdIndex.of(new ArrayList<>(users));
        return new HeldOut(interactions(foldIn, u, items), interactions(holdout, u, items));
    }

    private static Interactions interactions(List<Row> rows, IdIndex users, IdIndex items) {
        int n = rows.size();
        int[] user = new int[n];
        int[] item = new int[n];
        float[] value = new float[n];
        for (int k = 0; k < n; k++) {
            Row r = rows.get(k);
            user[k] = users.index(r.getString(0));
            item[k] = items.index(r.getString(1));
            value[k] = (float) r.getDouble(2);
        }
        return Interactions.fromTriples(users, items, user, item, value, null, DuplicatePolicy.LAST);
    }
}
