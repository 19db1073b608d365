package org.recoder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExperimentProgressTest {
    @Test
    void theStatusNamesTheUnitModelTrialEpochAndEta() {
        assertThat(ExperimentProgress.status("seed 1", "ease", "trial 2/5", 0, 0, "0:01:10"))
                .isEqualTo(" seed 1 | ease | trial 2/5 | ETA 0:01:10");
        assertThat(ExperimentProgress.status("seed 98765, repeat 2", "dae", "final", 3, 20, ""))
                .isEqualTo(" seed 98765, repeat 2 | dae | final | epoch 3/20");
    }

    @Test
    void withoutATerminalNothingIsShownAndTheListenerIsHarmless() {
        try (ExperimentProgress p = ExperimentProgress.none()) {
            assertThat(p.active()).isFalse();
            p.starting("seed 1", "dae", "final", 2).onEpoch(new org.recoder.train.EpochReport("r", 1, 0.5, java.util.Map.of(), "ndcg@100",
                    0.3, true, 0.1), null);
            p.runDone("0:00:01");
        }
    }
}
