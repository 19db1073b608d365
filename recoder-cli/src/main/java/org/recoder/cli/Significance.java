package org.recoder.cli;

import java.util.Arrays;
import org.apache.commons.statistics.inference.TTest;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * Paired tests between two models on the same test units (Apache Commons Statistics): the two-sided paired t-test
 * and the Wilcoxon signed-rank test (exact below 50 non-zero differences, the normal approximation with continuity
 * correction above, as the library chooses), and Holm's step-down correction of a family of p-values.
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

    /** The Wilcoxon signed-rank test's two-sided p-value of x − y; 1 when every difference is 0. */
    static double wilcoxon(double[] x, double[] y) {
        check(x, y);
        if (allEqual(x, y)) {
            return 1;
        }
        return WilcoxonSignedRankTest.withDefaults().test(x, y).getPValue();
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
