package org.recoder.cli;

import java.util.Arrays;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.TTest;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * Paired tests between two models on the same test units (Apache Commons Statistics): the two-sided paired t-test
 * and the Wilcoxon signed-rank test on the non-zero differences (exact below 50 of them without ties, the normal
 * approximation with continuity and tie corrections otherwise), and Holm's step-down correction of a family of p-values.
 */
final class Significance {
    private Significance() {
    }

    /** The paired t-test's two-sided p-value of x − y; 1 when every difference is 0 (no evidence of any). */
    static double pairedT(double[] x, double[] y) {
        check(x, y);
        if (allEqual(x, y)) {
            return 1;
        }
        return TTest.withDefaults().pairedTest(x, y).getPValue();
    }

    /**
     * The Wilcoxon signed-rank test's two-sided p-value of x − y; 1 when every difference is 0. Zero differences are
     * dropped first (Wilcoxon's own rule, scipy's default {@code zero_method="wilcox"}): Commons Statistics ranks
     * them with the rest, and on per-user metrics, where most users tie, that gave NaN or p-values of 1e-40 for a
     * difference the t-test puts at 0.004. With tied |differences| (binary metrics such as hit@10 tie almost all of
     * them) the exact distribution does not apply, so the normal approximation with the tie correction is used.
     */
    static double wilcoxon(double[] x, double[] y) {
        check(x, y);
        double[] d = new double[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            double diff = x[i] - y[i];
            if (diff != 0) {
                d[n++] = diff;
            }
        }
        if (n == 0) {
            return 1;
        }
        d = Arrays.copyOf(d, n);
        double[] magnitudes = new double[n];
        for (int i = 0; i < n; i++) {
            magnitudes[i] = Math.abs(d[i]);
        }
        Arrays.sort(magnitudes);
        boolean ties = false;
        for (int i = 1; i < n && !ties; i++) {
            ties = magnitudes[i] == magnitudes[i - 1];
        }
        WilcoxonSignedRankTest test = WilcoxonSignedRankTest.withDefaults();
        return (ties ? test.with(PValueMethod.ASYMPTOTIC) : test).test(d).getPValue();
    }

    /**
     * Holm's adjusted p-values (in the input order): sorted ascending, p₍ᵢ₎ · (m − i + 1), made non-decreasing, capped
     * at 1. Controls the family-wise error rate over the m comparisons.
     */
    static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] out = new double[m];
        double running = 0;
        for (int r = 0; r < m; r++) {
            double adj = Math.min(1, p[order[r]] * (m - r));
            running = Math.max(running, adj);
            out[order[r]] = running;
        }
        return out;
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired samples of different sizes: " + x.length + " and " + y.length);
        }
    }

    private static boolean allEqual(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) {
                return false;
            }
        }
        return true;
    }
}
