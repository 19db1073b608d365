package org.recoder.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code recoder spark}: the jobs live in the {@code recoder-spark} module, which needs Spark's jars on the class
 * path, so the launcher runs them itself ({@code ./recoder spark …}); this entry only lists them in the help and
 * says where they run when the CLI jar is started alone.
 */
@Command(name = "spark", description = "Jobs on Apache Spark: split strong, gram, ease, itemknn, score (run through ./recoder spark, "
        + "or spark-submit --class org.recoder.spark.SparkCommands recoder-spark-submit.jar; docs/spark.md).")
final class SparkCommand implements Runnable {
    @Parameters(arity = "0..*", hidden = true)
    java.util.List<String> rest;

    @Override
    public void run() {
        throw new UsageException("recoder spark runs from the launcher, which adds Spark's jars: ./recoder spark "
                + (rest == null ? "--help" : String.join(" ", rest)) + " (or spark-submit --class org.recoder.spark.SparkCommands "
                + "recoder-spark/target/recoder-spark-submit.jar …)");
    }
}
