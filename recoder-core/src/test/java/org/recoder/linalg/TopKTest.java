package org.recoder.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class TopKTest {
    @RepeatedTest(20)
    void agreesWithAFullSort(org.junit.jupiter.api.RepetitionInfo info) {
        SplittableRandom rng = new SplittableRandom(info.getCurrentRepetition());
        int n = 1 + rng.nextInt(500);
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            // few distinct values, so ties are common; some entries masked
            s[i] = rng.nextInt(10) == 0 ? Float.NEGATIVE_INFINITY : rng.nextInt(20);
        }
        int k = 1 + rng.nextInt(60);
        int[] expected = IntStream.range(0, n).boxed().filter(i -> s[i] > Float.NEGATIVE_INFINITY)
                .sorted(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i)).limit(k).mapToInt(Integer::intValue).toArray();
        int[] out = new int[k];
        int got = TopK.select(s, k, out);
        assertThat(got).isEqualTo(expected.length);
        assertThat(java.util.Arrays.copyOf(out, got)).containsExactly(expected);
    }

    @Test
    void nanAndMaskedAreNeverSelected() {
        int[] out = new int[3];
        assertThat(TopK.select(new float[] {Float.NaN, 1, Float.NEGATIVE_INFINITY}, 3, out)).isEqualTo(1);
        assertThat(out[0]).isEqualTo(1);
    }
}
