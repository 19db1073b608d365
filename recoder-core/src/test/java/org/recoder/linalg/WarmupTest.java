package org.recoder.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmupTest {
    @Test
    void runsItsRoundsWithinTheBudgetAndStartsOneDaemonThreadPerJvm() throws InterruptedException {
        long t0 = System.nanoTime();
        int rounds = Warmup.run();
        assertThat(rounds).isBetween(1, 24);
        // The budget bounds the loop; one round past it may still finish.
        assertThat(System.nanoTime() - t0).isLessThan(3 * Warmup.BUDGET_NANOS);

        Warmup.startInBackground();
        Warmup.startInBackground();
        long threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("recoder-kernel-warmup")).peek(t -> assertThat(t.isDaemon()).isTrue()).count();
        assertThat(threads).isLessThanOrEqualTo(1);
    }
}
