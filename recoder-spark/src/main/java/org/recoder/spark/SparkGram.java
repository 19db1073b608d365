package org.recoder.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * XᵀX of a binarized user × item matrix on Spark, as item-block co-occurrence counts: G_ij is the number of users
 * with both items i and j.
 *
 * <p>The items are cut into row blocks of {@code blockRows} items. Each user's sorted item list goes to every row
 * block it has an item in (a user with k items in b blocks is sent b times), and one task per row block adds up its
 * panel of G: rows of the block, all n columns, dense, {@code blockRows × n} floats. The panels are the only dense
 * state: no task holds n² numbers (Spark's {@code RowMatrix.computeGramianMatrix} keeps a dense n² buffer per task
 * and stops at 65,535 columns). The driver then copies the panels into one n×n matrix when it fits, or they are
 * written as blocks ({@link SparkCommands}).
 *
 * <p>Cost: Σ_u |x_u|² additions, as on one machine; shuffle: each user's list once per row block it touches; memory
 * per task: one panel (4 · blockRows · n bytes) and its share of the lists.
 */
public final class SparkGram {
    private SparkGram() {
    }

    /** The default row block: a panel of at most 64 MB (16 M floats), at least one row. */
    public static int defaultBlockRows(int n) {
        return Math.max(1, Math.min(n, (16 << 20) / Math.max(1, n)));
    }

    /**
     * The panels of G, keyed by row block r (rows {@code r · blockRows} to {@code min(n, (r + 1) · blockRows)}, all
     * columns, row-major). Only blocks with an item in them come back. {@code users}: each user's distinct item
     * indices in [0, n), in any order.
     */
    public static JavaPairRDD<Integer, float[]> panels(JavaRDD<int[]> users, int n, int blockRows) {
        if (blockRows < 1) {
            throw new IllegalArgumentException("block rows must be ≥ 1, got " + blockRows);
        }
        int blocks = (n + blockRows - 1) / blockRows;
        JavaPairRDD<Integer, int[]> byBlock = users.flatMapToPair(items -> {
            int[] sorted = items.clone();
            Arrays.sort(sorted);
            for (int k = 0; k < sorted.length; k++) {
                if (sorted[k] < 0 || sorted[k] >= n) {
                    throw new IllegalArgumentException("item index " + sorted[k] + " outside [0, " + n + ")");
                }
                if (k > 0 && sorted[k] == sorted[k - 1]) {
                    throw new IllegalArgumentException("item " + sorted[k] + " twice in one user's list (binarize first)");
                }
            }
            List<Tuple2<Integer, int[]>> out = new ArrayList<>();
            int last = -1;
            for (int item : sorted) {
                int b = item / blockRows;
                if (b != last) {
                    out.add(new Tuple2<>(b, sorted));
                    last = b;
                }
            }
            return out.iterator();
        });
        return byBlock.partitionBy(new BlockPartitioner(blocks)).mapPartitionsToPair(it -> panel(it, n, blockRows));
    }

    /** The one panel of a partition (all its lists share the row block: {@link BlockPartitioner} keys by block). */
    private static Iterator<Tuple2<Integer, float[]>> panel(Iterator<Tuple2<Integer, int[]>> it, int n, int blockRows) {
        if (!it.hasNext()) {
            return java.util.Collections.emptyIterator();
        }
        Tuple2<Integer, int[]> first = it.next();
        int block = first._1();
        int from = block * blockRows;
        int to = Math.min(n, from + blockRows);
        float[] p = new float[(to - from) * n];
        add(p, first._2(), from, to, n);
        while (it.hasNext()) {
            Tuple2<Integer, int[]> t = it.next();
            if (t._1() != block) {
                throw new IllegalStateException("row blocks " + block + " and " + t._1() + " in one partition");
            }
            add(p, t._2(), from, to, n);
        }
        return List.of(new Tuple2<>(block, p)).iterator();
    }

    /** Adds one user's co-occurrences to the rows [from, to) of the panel; {@code sorted} ascending. */
    static void add(float[] panel, int[] sorted, int from, int to, int n) {
        int lo = lowerBound(sorted, from);
        for (int a = lo; a < sorted.length && sorted[a] < to; a++) {
            int row = (sorted[a] - from) * n;
            for (int item : sorted) {
                panel[row + item] += 1f;
            }
        }
    }

    private static int lowerBound(int[] sorted, int value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** G as one n×n row-major float matrix on the driver, the panels copied in one at a time. */
    public static float[] dense(JavaRDD<int[]> users, int n, int blockRows) {
        if ((long) n * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format("%,d items: the %,d×%,d Gram matrix does not fit one Java array; "
                    + "write it as blocks instead", n, n, n));
        }
        float[] g = new float[n * n];
        Iterator<Tuple2<Integer, float[]>> it = panels(users, n, blockRows).toLocalIterator();
        while (it.hasNext()) {
            Tuple2<Integer, float[]> t = it.next();
            System.arraycopy(t._2(), 0, g, t._1() * blockRows * n, t._2().length);
        }
        return g;
    }

    /** Partition r holds row block r: the identity on the key. */
    static final class BlockPartitioner extends Partitioner {
        private final int blocks;

        BlockPartitioner(int blocks) {
            this.blocks = blocks;
        }

        @Override
        public int numPartitions() {
            return blocks;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BlockPartitioner b && b.blocks == blocks;
        }

        @Override
        public int hashCode() {
            return blocks;
        }
    }
}
