package org.recoder.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.recoder.api.TrainingData;
import org.recoder.data.IdIndex;
import org.recoder.models.Models;
import org.recoder.models.itemknn.ItemKnnConfig;
import org.recoder.models.itemknn.ItemKnnModel;
import org.recoder.models.itemknn.ItemKnnTrainer;
import org.recoder.protocol.SplitIO;
import scala.Tuple2;

/**
 * Item-kNN's similarities from the co-occurrence job ({@link SparkGram}): each task turns its Gram panel into its
 * items' top neighbours (cosine with shrinkage, {@link ItemKnnTrainer#similarity}, {@link ItemKnnTrainer#select}),
 * so no Gram row reaches the driver, only k neighbours an item. The model equals {@code recoder train itemknn}'s.
 */
public final class SparkItemKnn {
    private SparkItemKnn() {
    }

    /** The item-kNN model of {@code splitDir}'s training part, its co-occurrences on {@code spark}. */
    public static ItemKnnModel fit(SparkSession spark, Path splitDir, ItemKnnConfig config, int blockRows) {
        long t0 = System.nanoTime();
        TrainingData data = SplitIO.read(splitDir).trainingData(Models.family(ItemKnnModel.TYPE).preparation());
        IdIndex items = data.train().items();
        int n = items.size();
        JavaRDD<int[]> lists = SparkEase.trainLists(spark, splitDir, items).cache();
        // Users per item: the Gram's diagonal, needed by every row's similarities, so counted first and broadcast.
        int[] users = new int[n];
        for (Map.Entry<Integer, Long> e : lists.flatMap(l -> Arrays.stream(l).boxed().iterator()).countByValue().entrySet()) {
            users[e.getKey()] = (int) (long) e.getValue();
        }
        Broadcast<int[]> deg = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(users);
        ItemKnnTrainer trainer = new ItemKnnTrainer(config);
        int k = trainer.neighboursFor(n);
        double shrinkage = trainer.shrinkage();
        int b = blockRows > 0 ? blockRows : SparkGram.defaultBlockRows(n);
        List<Tuple2<Integer, Tuple2<int[], float[]>>> rows = SparkGram.panels(lists, n, b).flatMap(panel -> {
            int[] d = deg.value();
            int from = panel._1() * b;
            int rowsInPanel = panel._2().length / n;
            float[] s = new float[n];
            int[] top = new int[k];
            float[] heap = new float[k];
            List<Tuple2<Integer, Tuple2<int[], float[]>>> out = new ArrayList<>(rowsInPanel);
            for (int r = 0; r < rowsInPanel; r++) {
                int i = from + r;
                for (int j = 0; j < n; j++) {
                    float c = panel._2()[r * n + j];
                    s[j] = c > 0 && j != i ? ItemKnnTrainer.similarity(c, d[i], d[j], shrinkage) : Float.NEGATIVE_INFINITY;
                }
                int kept = ItemKnnTrainer.select(s, n, k, top, heap);
                float[] sim = new float[kept];
                for (int q = 0; q < kept; q++) {
                    sim[q] = s[top[q]];
                }
                out.add(new Tuple2<>(i, new Tuple2<>(Arrays.copyOf(top, kept), sim)));
            }
            return out.iterator();
        }).collect();
        int[][] nbr = new int[n][0];
        float[][] sim = new float[n][0];
        for (Tuple2<Integer, Tuple2<int[], float[]>> t : rows) {
            nbr[t._1()] = t._2()._1();
            sim[t._1()] = t._2()._2();
        }
        lists.unpersist();
        return trainer.fromNeighbours(data, nbr, sim, (System.nanoTime() - t0) / 1e9);
    }
}
