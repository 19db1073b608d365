package org.recoder.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A metric at a cut-off, as written on the command line and in reports: {@code ndcg@100}, {@code recall@20}.
 * {@code coverage@k} is catalogue coverage: the share of items that appear in some user's top k.
 */
public record MetricSpec(String name, int k) {
    public MetricSpec {
        name = name.toLowerCase(Locale.ROOT);
        if (k < 1) {
            throw new IllegalArgumentException("cut-off must be ≥ 1 in " + name + "@" + k);
        }
        if (!name.equals("coverage")) {
            RankingMetric.byName(name);
        }
    }

    /** Parses {@code name@k}. */
    public static MetricSpec parse(String s) {
        int at = s.indexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            throw new IllegalArgumentException("metric '" + s + "' must look like name@k, e.g. ndcg@100");
        }
        try {
            return new MetricSpec(s.substring(0, at).trim(), Integer.parseInt(s.substring(at + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metric '" + s + "': cut-off is not a number");
        }
    }

    /** Parses a comma-separated list. */
    public static List<MetricSpec> parseList(String s) {
        List<MetricSpec> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(parse(p.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no metrics given");
        }
        return out;
    }

    /** The default set of Liang et al.: NDCG@100, Recall@20, Recall@50. */
    public static List<MetricSpec> liang() {
        return List.of(new MetricSpec("ndcg", 100), new MetricSpec("recall", 20), new MetricSpec("recall", 50));
    }

    public boolean isCoverage() {
        return name.equals("coverage");
    }

    @Override
    public String toString() {
        return name + "@" + k;
    }
}
