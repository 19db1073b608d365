package org.recoder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The paired tests, Holm's correction and the exposure summary on hand-made cases. */
class SignificanceTest {
    @Test
    void pairedTestsOnAHandCase() {
        double[] x = {2, 3, 4, 5, 6};
        double[] y = {1, 1, 1, 1, 1};
        // d = 1..5: mean 3, sd √2.5, t = 3 / (√2.5 / √5) = 4.2426 on 4 degrees of freedom: p = 0.0132356 (the t
        // density integrated numerically).
        assertThat(Significance.pairedT(x, y)).isCloseTo(0.0132356, within(1e-6));
        // Five positive differences of distinct ranks: W+ = 15, the largest of 2⁵ equally likely sign patterns, so the
        // exact two-sided p is 2 / 32.
        assertThat(Significance.wilcoxon(x, y)).isCloseTo(2.0 / 32, within(1e-12));
        assertThat(Significance.pairedT(y, y)).isEqualTo(1.0);
        assertThat(Significance.wilcoxon(y, y)).isEqualTo(1.0);
    }

    /**
     * A binary metric over 941 users: 881 tie (difference 0), 42 lose and 18 gain a hit. Zeros dropped: n = 60
     * differences all of size 1, so every rank is 30.5; W+ = 18 · 30.5 = 549 against a mean of 60 · 61 / 4 = 915;
     * the tie-corrected variance n(n+1)(2n+1)/24 − (60³ − 60)/48 = 60 · 61² / 16 = 13,953.75; with the continuity
     * correction z = (915 − 549 − 0.5) / √13,953.75 = 3.09418, two-sided p = 0.0019737.
     */
    @Test
    void wilcoxonDropsZeroDifferencesAndCorrectsForTies() {
        double[] x = new double[941];
        double[] y = new double[941];
        for (int i = 0; i < 42; i++) {
            y[i] = 1;
        }
        for (int i = 42; i < 60; i++) {
            x[i] = 1;
        }
        assertThat(Significance.wilcoxon(x, y)).isCloseTo(0.0019737, within(1e-6));
        // The same pairs without the tied users: the same test.
        assertThat(Significance.wilcoxon(java.util.Arrays.copyOf(x, 60), java.util.Arrays.copyOf(y, 60)))
                .isEqualTo(Significance.wilcoxon(x, y));
    }

    @Test
    void holmStepsDownAndStaysMonotone() {
        // Sorted 0.01, 0.03, 0.04, 0.5 times 4, 3, 2, 1: 0.04, 0.09, 0.08 → 0.09 (monotone), 0.5.
        assertThat(Significance.holm(new double[] {0.01, 0.04, 0.03, 0.5})).containsExactly(new double[] {0.04, 0.09, 0.09, 0.5}, within(1e-12));
        // 0.6 · 2 caps at 1, and 0.7 · 1 is raised to it: adjusted p-values never fall below an earlier one's.
        assertThat(Significance.holm(new double[] {0.6, 0.7})).containsExactly(1.0, 1.0);
    }

    @Test
    void exposureByPopularityDecileCoverageAndGini() {
        // Ten items, item 0 the most popular and item 9 the least; item 0 recommended 5 times, item 1 3, item 9 2.
        int[] popularity = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        int[] counts = {5, 3, 0, 0, 0, 0, 0, 0, 0, 2};
        PartScores.Exposure e = PartScores.Exposure.of(counts, popularity, 20);
        assertThat(e.deciles()).containsExactly(new double[] {0.2, 0, 0, 0, 0, 0, 0, 0, 0.3, 0.5}, within(1e-12));
        assertThat(e.coverage()).isEqualTo(0.3);
        // Sorted counts 0 (×7), 2, 3, 5: G = 2·(8·2 + 9·3 + 10·5) / (10·10) − 11/10 = 0.76.
        assertThat(e.gini()).isCloseTo(0.76, within(1e-12));
    }
}
