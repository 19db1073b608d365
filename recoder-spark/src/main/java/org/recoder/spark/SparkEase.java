package org.recoder.spark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.recoder.api.TrainingData;
import org.recoder.data.IdIndex;
import org.recoder.models.Models;
import org.recoder.models.ease.EaseConfig;
import org.recoder.models.ease.EaseModel;
import org.recoder.models.ease.EaseTrainer;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitIO;

/**
 * EASE (Steck, WWW 2019) with its Gram matrix computed on Spark ({@link SparkGram}) and the rest on the driver:
 * λ on the diagonal, the Vector-API inverse and B, exactly as {@code recoder train ease} does
 * ({@link EaseTrainer#fitFromGram}). The model is an ordinary EASE model file: the same item index and known users
 * as the single-machine one (the driver reads the split, as {@code recoder train} does), and the same weights to
 * float rounding (the Gram is an exact count either way). Binarized EASE only (the default, {@code binary=true}):
 * the co-occurrence job counts users.
 *
 * <p>Driver memory: the n² floats of G (1.7 GB at 20,000 items, 6.8 GB at 41,140) plus the inverse's workspace
 * (float64: 2n² more bytes), as on one machine; the executors hold one Gram panel each.
 */
public final class SparkEase {
    private SparkEase() {
    }

    /** The EASE model of {@code splitDir}'s training part, its Gram on {@code spark}. */
    public static EaseModel fit(SparkSession spark, Path splitDir, EaseConfig config, int blockRows) {
        if (!config.binary()) {
            throw new IllegalArgumentException("recoder spark ease counts co-occurrences of the binarized matrix: "
                    + "binary=false is not supported here (use recoder train ease)");
        }
        Split s = SplitIO.read(splitDir);
        TrainingData data = s.trainingData(Models.family(EaseModel.TYPE).preparation());
        IdIndex items = data.train().items();
        JavaRDD<int[]> lists = trainLists(spark, splitDir, items);
        long events = lists.map(l -> (long) l.length).fold(0L, Long::sum);
        if (events != data.train().nnz()) {
            throw new IllegalStateException(splitDir.resolve(SplitIO.TRAIN) + ": Spark read " + events + " training events, "
                    + "the split reader " + data.train().nnz());
        }
        int n = items.size();
        float[] gram = SparkGram.dense(lists, n, blockRows > 0 ? blockRows : SparkGram.defaultBlockRows(n));
        return new EaseTrainer(config).fitFromGram(data, gram);
    }

    /**
     * Each user's training items of a split directory, read by Spark ({@code train.tsv}: user, item, value[, time],
     * tab-separated with a header), as indices of {@code items}.
     */
    static JavaRDD<int[]> trainLists(SparkSession spark, Path splitDir, IdIndex items) {
        Map<String, Integer> ids = new HashMap<>();
        for (int j = 0; j < items.size(); j++) {
            ids.put(items.id(j), j);
        }
        Broadcast<Map<String, Integer>> index = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(ids);
        String file = splitDir.resolve(SplitIO.TRAIN).toAbsolutePath().toString();
        return spark.read().option("sep", "\t").option("header", "true").csv(file).select("user", "item").javaRDD()
                .mapToPair(r -> {
                    Integer j = index.value().get(r.getString(1));
                    if (j == null) {
                        throw new IllegalArgumentException(file + ": item " + r.getString(1) + " is not in the split's item index");
                    }
                    return new scala.Tuple2<>(r.getString(0), j);
                })
                .groupByKey()
                .map(t -> {
                    int size = 0;
                    for (Integer ignored : t._2()) {
                        size++;
                    }
                    int[] l = new int[size];
                    int k = 0;
                    for (Integer j : t._2()) {
                        l[k++] = j;
                    }
                    return l;
                });
    }
}
