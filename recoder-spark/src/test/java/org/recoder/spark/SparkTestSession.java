package org.recoder.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] Spark session for the module's tests (starting one takes seconds), without the web UI. */
final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {
    }

    static synchronized SparkSession get() {
        // A command-line test stops its session (the jobs do when they end): start another then.
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkJobs.session("local[2]", "recoder-spark-tests");
        }
        return session;
    }
}
