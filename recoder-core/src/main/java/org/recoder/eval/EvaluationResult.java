package org.recoder.eval;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.recoder.io.AtomicFiles;

/**
 * An evaluation: per-user values for each per-user metric, their summaries, and catalogue coverage.
 *
 * @param metrics    the metrics asked for, in order
 * @param summaries  mean ± standard error by metric name ({@code ndcg@100}); coverage has stderr NaN
 * @param userIds    the evaluated users (those with at least one held-out item)
 * @param perUser    {@code perUser[m][u]} for the per-user metrics, in {@code metrics} order (coverage excluded)
 * @param exposure   per item, how many users' top k it is in ({@link Evaluator#withExposure}), or null
 * @param seconds    wall time
 */
public record EvaluationResult(List<MetricSpec> metrics, Map<String, Summary> summaries, List<String> userIds,
                               double[][] perUser, int[] exposure, double seconds) {

    /** The number of users evaluated. */
    public int users() {
        return userIds.size();
    }

    /** Means by metric name, in order. */
    public Map<String, Double> means() {
        Map<String, Double> m = new LinkedHashMap<>();
        summaries.forEach((k, v) -> m.put(k, v.mean()));
        return m;
    }

    /** Writes per-user values as TSV: {@code user} then one column per per-user metric. */
    public void writePerUser(Path file) {
        List<MetricSpec> perUserMetrics = metrics.stream().filter(s -> !s.isCoverage()).toList();
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("user");
            for (MetricSpec s : perUserMetrics) {
                w.write("\t" + s);
            }
            w.write("\n");
            for (int u = 0; u < userIds.size(); u++) {
                w.write(userIds.get(u));
                for (int m = 0; m < perUserMetrics.size(); m++) {
                    w.write(String.format(Locale.ROOT, "\t%.6f", perUser[m][u]));
                }
                w.write("\n");
            }
            w.flush();
        });
    }
}
