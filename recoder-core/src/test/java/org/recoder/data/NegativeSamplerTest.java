package org.recoder.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NegativeSamplerTest {
    /** Two users over five items: u0 has items 1 and 3, u1 has item 0. */
    private static Interactions twoUsers() {
        return new Interactions(IdIndex.of("u0", "u1"), IdIndex.of("a", "b", "c", "d", "e"), new int[] {0, 2, 3},
                new int[] {1, 3, 0}, new float[] {1f, 1f, 1f}, null);
    }

    @Test
    void drawsOnlyItemsOutsideTheRowAndEachOfThemAboutEquallyOften() {
        NegativeSampler sampler = new NegativeSampler(twoUsers());
        SplittableRandom rng = new SplittableRandom(5);
        int draws = 30_000;
        int[] counts = new int[5];
        for (int n = 0; n < draws; n++) {
            counts[sampler.draw(0, rng)]++;
        }
        assertThat(counts[1]).isZero();
        assertThat(counts[3]).isZero();
        // Uniform over {0, 2, 4}: each count is Binomial(30,000, 1/3), standard deviation 82; 5 of them is 408.
        for (int i : new int[] {0, 2, 4}) {
            assertThat(counts[i]).isBetween(draws / 3 - 408, draws / 3 + 408);
        }
        for (int n = 0; n < 1000; n++) {
            assertThat(sampler.draw(1, rng)).isNotZero();
        }
    }

    @Test
    void sameSeedSameDraws() {
        NegativeSampler sampler = new NegativeSampler(twoUsers());
        SplittableRandom a = new SplittableRandom(9);
        SplittableRandom b = new SplittableRandom(9);
        for (int n = 0; n < 100; n++) {
            assertThat(sampler.draw(n % 2, a)).isEqualTo(sampler.draw(n % 2, b));
        }
    }

    @Test
    void aUserWithEveryItemFailsNamingThem() {
        Interactions full = new Interactions(IdIndex.of("u0", "greedy"), IdIndex.of("a", "b"), new int[] {0, 1, 3},
                new int[] {0, 0, 1}, new float[] {1f, 1f, 1f}, null);
        assertThatThrownBy(() -> new NegativeSampler(full)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'greedy'").hasMessageContaining("every item");
    }
}
