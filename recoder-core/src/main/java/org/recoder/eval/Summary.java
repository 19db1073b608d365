package org.recoder.eval;

/**
 * Mean ± standard error of per-user values, as Liang et al. report: stderr = std / √n with the population
 * standard deviation (numpy's default, ddof = 0).
 */
public record Summary(double mean, double stderr, int n) {
    public static Summary of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Summary(Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        var /= n;
        return new Summary(mean, Math.sqrt(var) / Math.sqrt(n), n);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.4f ± %.4f", mean, stderr);
    }
}
