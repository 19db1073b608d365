package org.recoder.spark;

import org.apache.spark.sql.SparkSession;

/** What every Recoder job on Spark shares: the session. */
public final class SparkJobs {
    private SparkJobs() {
    }

    /**
     * The session of a job: {@code master} as {@code --master} gives it ({@code local[*]}, {@code local[2]}, or a
     * cluster's under {@code spark-submit}, where the submit's own master wins when {@code master} is null).
     */
    public static SparkSession session(String master, String app) {
        SparkSession.Builder b = SparkSession.builder().appName(app).config("spark.ui.enabled", "false")
                // Recoder's records (int[] lists, float[] panels) travel best with Kryo.
                .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        if (master != null) {
            b = b.master(master);
            if (master.startsWith("local")) {
                // Spark SQL's 200 shuffle partitions are for clusters: on one machine they are 200 tiny tasks a stage.
                b = b.config("spark.sql.shuffle.partitions", "8");
            }
        }
        SparkSession s = b.getOrCreate();
        if (master != null && master.startsWith("local")) {
            // On a terminal Spark's INFO lines bury the job's own; a cluster keeps its log4j2 configuration.
            s.sparkContext().setLogLevel("WARN");
        }
        return s;
    }
}
