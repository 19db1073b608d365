package org.recoder.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.recoder.api.Model;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.HeldOut;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.eval.EvaluationResult;
import org.recoder.eval.Evaluator;
import org.recoder.eval.MetricSpec;
import org.recoder.eval.Summary;
import org.recoder.linalg.TopK;
import org.recoder.models.Models;
import scala.Tuple2;

/**
 * Batch scoring and evaluation of any saved model on Spark: the model file goes to every executor (Spark's
 * {@code addFile}, streamed, so a model of several GB travels as well as a small one; read in place in local
 * mode), each executor JVM loads it once, and each partition scores its users by fold-in from their histories, as
 * {@code recoder recommend} and {@code recoder evaluate} do one at a time. Items a model does not know are ignored.
 */
public final class SparkScore {
    /** The rows of {@link #topN}. */
    public static final StructType TOP_SCHEMA = new StructType()
            .add("user", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("item", DataTypes.StringType, false)
            .add("score", DataTypes.FloatType, false);

    /** Models loaded in this JVM, by where they were read: an executor loads each once, whatever its task count. */
    private static final Map<String, Model> LOADED = new ConcurrentHashMap<>();

    private SparkScore() {
    }

    /**
     * Where the executors find the model: its path in local mode (one JVM), else the name {@code addFile} gives it
     * (found with {@code SparkFiles.get} on each executor). Only its existence is checked on the driver (reading a
     * model of several GB twice would cost its load time); a file that is not a model fails in the first task, its
     * message naming the file.
     */
    static String distribute(SparkSession spark, Path modelFile) {
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("--model " + modelFile + ": no such file");
        }
        if (spark.sparkContext().isLocal()) {
            return "path:" + modelFile.toAbsolutePath();
        }
        spark.sparkContext().addFile(modelFile.toAbsolutePath().toString());
        return "file:" + modelFile.getFileName();
    }

    /** The model, loaded once per JVM. */
    static Model model(String source) {
        return LOADED.computeIfAbsent(source, s -> {
            Path f = s.startsWith("path:") ? Path.of(s.substring(5)) : Path.of(org.apache.spark.SparkFiles.get(s.substring(5)));
            Model m = Models.load(f);
            m.freezeForServing();
            return m;
        });
    }

    /** Each user's events of an interaction frame, grouped on the executors: (user, [(item, value)…]). */
    static JavaPairRDD<String, Iterable<Tuple2<String, Double>>> byUser(Dataset<Row> events) {
        return events.select("user", "item", "value").javaRDD()
                .mapToPair(r -> new Tuple2<>(r.getString(0), new Tuple2<>(r.getString(1), r.getDouble(2))))
                .groupByKey();
    }

    /**
     * The top {@code n} items of every user of {@code histories} (an interaction frame), their history excluded:
     * rows (user, rank from 1, item, score).
     */
    public static Dataset<Row> topN(SparkSession spark, Path modelFile, Dataset<Row> histories, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be ≥ 1, got " + n);
        }
        String b = distribute(spark, modelFile);
        JavaRDD<Row> rows = byUser(histories).mapPartitions(users -> {
            Model m = model(b);
            IdIndex items = m.items();
            int ni = items.size();
            float[] scores = new float[ni];
            int[] top = new int[Math.min(n, ni)];
            List<Row> out = new ArrayList<>();
            while (users.hasNext()) {
                Tuple2<String, Iterable<Tuple2<String, Double>>> u = users.next();
                int[][] hist = history(u._2(), items);
                float[] values = new float[hist[0].length];
                for (int k = 0; k < values.length; k++) {
                    values[k] = Float.intBitsToFloat(hist[1][k]);
                }
                m.score(hist[0], values, scores);
                for (int i : hist[0]) {
                    scores[i] = Float.NEGATIVE_INFINITY;
                }
                int length = TopK.select(scores, top.length, top);
                for (int r = 0; r < length; r++) {
                    if (scores[top[r]] == Float.NEGATIVE_INFINITY) {
                        break;
                    }
                    out.add(RowFactory.create(u._1(), r + 1, items.id(top[r]), scores[top[r]]));
                }
            }
            return out.iterator();
        });
        return spark.createDataFrame(rows, TOP_SCHEMA);
    }

    /** A user's known items (indices, sorted) and their values (as float bits), unknown ones left out. */
    private static int[][] history(Iterable<Tuple2<String, Double>> events, IdIndex items) {
        Map<Integer, Float> known = new java.util.TreeMap<>();
        for (Tuple2<String, Double> e : events) {
            int j = items.tryIndex(e._1());
            if (j >= 0) {
                known.put(j, (float) (double) e._2());
            }
        }
        int[][] h = new int[2][known.size()];
        int k = 0;
        for (Map.Entry<Integer, Float> e : known.entrySet()) {
            h[0][k] = e.getKey();
            h[1][k++] = Float.floatToIntBits(e.getValue());
        }
        return h;
    }

    /** Per-user metric values and their summaries: what {@code recoder evaluate} prints, computed on the executors. */
    public record Evaluation(Map<String, Summary> summaries, List<String> users, double[][] perUser) {
    }

    /**
     * Evaluates the model on held-out users: {@code foldIn} and {@code holdout} are interaction frames (a split's
     * {@code test_foldin.tsv} and {@code test_holdout.tsv}); each partition ranks all items for its users
     * ({@link Evaluator}, fold-in masked) and the driver gathers the per-user values, ordered by user id, into
     * mean ± standard error.
     */
    public static Evaluation evaluate(SparkSession spark, Path modelFile, Dataset<Row> foldIn, Dataset<Row> holdout, List<MetricSpec> metrics) {
        String b = distribute(spark, modelFile);
        List<MetricSpec> perUserMetrics = metrics.stream().filter(s -> !s.isCoverage()).toList();
        if (perUserMetrics.size() != metrics.size()) {
            throw new IllegalArgumentException("coverage metrics need every user's list in one place: not on Spark");
        }
        JavaPairRDD<String, Tuple2<Iterable<Tuple2<String, Double>>, Iterable<Tuple2<String, Double>>>> both =
                byUser(foldIn).fullOuterJoin(byUser(holdout)).mapValues(t -> new Tuple2<>(t._1().orElse(List.of()), t._2().orElse(List.of())));
        // The metrics travel as their text (MetricSpec is not Serializable) and are parsed again on the executors.
        String names = String.join(",", perUserMetrics.stream().map(MetricSpec::toString).toList());
        List<Tuple2<String, double[]>> values = both.mapPartitions(users -> partition(users, model(b), MetricSpec.parseList(names))).collect();
        List<Tuple2<String, double[]>> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparing(Tuple2::_1));
        double[][] perUser = new double[perUserMetrics.size()][sorted.size()];
        List<String> ids = new ArrayList<>();
        for (int u = 0; u < sorted.size(); u++) {
            ids.add(sorted.get(u)._1());
            for (int m = 0; m < perUserMetrics.size(); m++) {
                perUser[m][u] = sorted.get(u)._2()[m];
            }
        }
        Map<String, Summary> summaries = new LinkedHashMap<>();
        for (int m = 0; m < perUserMetrics.size(); m++) {
            summaries.put(perUserMetrics.get(m).toString(), Summary.of(perUser[m]));
        }
        return new Evaluation(summaries, ids, perUser);
    }

    /** One partition's users as a held-out part over the model's items, through the one-machine evaluator. */
    private static Iterator<Tuple2<String, double[]>> partition(
            Iterator<Tuple2<String, Tuple2<Iterable<Tuple2<String, Double>>, Iterable<Tuple2<String, Double>>>>> users,
            Model m, List<MetricSpec> metrics) {
        IdIndex items = m.items();
        List<String> ids = new ArrayList<>();
        List<int[]> fold = new ArrayList<>();
        List<int[]> hold = new ArrayList<>();
        while (users.hasNext()) {
            var u = users.next();
            int[] h = history(u._2()._2(), items)[0];
            if (h.length == 0) {
                continue;
            }
            ids.add(u._1());
            fold.add(history(u._2()._1(), items)[0]);
            hold.add(h);
        }
        if (ids.isEmpty()) {
            return java.util.Collections.emptyIterator();
        }
        IdIndex userIndex = IdIndex.of(ids);
        HeldOut part = new HeldOut(matrix(userIndex, items, fold), matrix(userIndex, items, hold));
        EvaluationResult r = new Evaluator(metrics, 1).evaluate(m, part);
        List<Tuple2<String, double[]>> out = new ArrayList<>();
        for (int u = 0; u < r.userIds().size(); u++) {
            double[] v = new double[metrics.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = r.perUser()[k][u];
            }
            out.add(new Tuple2<>(r.userIds().get(u), v));
        }
        return out.iterator();
    }

    private static Interactions matrix(IdIndex users, IdIndex items, List<int[]> rows) {
        int nnz = rows.stream().mapToInt(r -> r.length).sum();
        int[] user = new int[nnz];
        int[] item = new int[nnz];
        float[] value = new float[nnz];
        int k = 0;
        for (int u = 0; u < rows.size(); u++) {
            for (int j : rows.get(u)) {
                user[k] = u;
                item[k] = j;
                value[k++] = 1f;
            }
        }
        return Interactions.fromTriples(users, items, user, item, value, null, DuplicatePolicy.LAST);
    }
}
