package org.recoder.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.recoder.data.Interactions;

/**
 * Interaction DataFrames: columns {@code user}, {@code item} (strings), {@code value} (double) and, from
 * {@link #of}, {@code time} (epoch milliseconds, null when the data has none).
 */
public final class SparkFrames {
    /** The schema of an interaction frame. */
    public static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.StringType, false)
            .add("item", DataTypes.StringType, false)
            .add("value", DataTypes.DoubleType, false)
            .add("time", DataTypes.LongType, true);

    private SparkFrames() {
    }

    /**
     * A frame of {@code x}'s events, read on the driver (Recoder's readers, for the formats {@code recoder split}
     * knows): for local files; data on a cluster is read with Spark's own sources ({@link #read}).
     */
    public static Dataset<Row> of(SparkSession spark, Interactions x) {
        List<Row> rows = new ArrayList<>(x.nnz());
        for (int u = 0; u < x.numUsers(); u++) {
            String user = x.users().id(u);
            for (int k = x.rowStart(u); k < x.rowEnd(u); k++) {
                rows.add(RowFactory.create(user, x.items().id(x.columnIndices()[k]), (double) x.valueArray()[k],
                        x.hasTimes() ? x.timeArray()[k] : null));
            }
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** One file of a split directory ({@code train.tsv}, {@code test_foldin.tsv}, …), read by Spark. */
    public static Dataset<Row> splitPart(SparkSession spark, java.nio.file.Path splitDir, String file) {
        java.nio.file.Path f = splitDir.resolve(file);
        if (!java.nio.file.Files.isRegularFile(f)) {
            throw new IllegalArgumentException(splitDir + ": no " + file + " (is it a split directory of recoder split?)");
        }
        return spark.read().option("sep", "\t").option("header", "true").csv(f.toAbsolutePath().toString())
                .select(org.apache.spark.sql.functions.col("user"), org.apache.spark.sql.functions.col("item"),
                        org.apache.spark.sql.functions.col("value").cast("double").as("value"));
    }

    /**
     * A frame read by Spark: {@code format} parquet, orc, json or csv (csv with a header line), the columns named
     * {@code userCol}, {@code itemCol} and {@code valueCol} (null: every event has value 1).
     */
    public static Dataset<Row> read(SparkSession spark, String path, String format, String userCol, String itemCol, String valueCol) {
        return read(spark, path, format, userCol, itemCol, valueCol, null);
    }

    /** As {@link #read(SparkSession, String, String, String, String, String)}, with a {@code time} column from {@code timeCol} (null: none). */
    public static Dataset<Row> read(SparkSession spark, String path, String format, String userCol, String itemCol, String valueCol,
                                    String timeCol) {
        var reader = spark.read().format(format);
        if (format.equals("csv")) {
            reader = reader.option("header", "true");
        }
        Dataset<Row> d = reader.load(path);
        for (String c : java.util.stream.Stream.of(userCol, itemCol, valueCol, timeCol).filter(java.util.Objects::nonNull).toList()) {
            if (!List.of(d.columns()).contains(c)) {
                throw new IllegalArgumentException(path + ": no column '" + c + "' (its columns: " + String.join(", ", d.columns()) + ")");
            }
        }
        return d.select(d.col(userCol).cast("string").as("user"), d.col(itemCol).cast("string").as("item"),
                valueCol == null ? org.apache.spark.sql.functions.lit(1.0).as("value") : d.col(valueCol).cast("double").as("value"),
                timeCol == null ? org.apache.spark.sql.functions.lit(null).cast("long").as("time") : d.col(timeCol).cast("long").as("time"));
    }
}
