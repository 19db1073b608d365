package org.recoder.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EpochLogTest {
    @Test
    void anEpochWithoutValidationHasNoValidationField() {
        EpochReport validated = new EpochReport("multvae", 3, 1.25, Map.of("kl", 0.5), "ndcg@100", 0.4321, true, 1.5);
        assertThat(EpochLog.describe(validated))
                .isEqualTo("multvae epoch 3: loss 1.2500, kl 0.5000, validation ndcg@100 0.4321 (best) (1.50 s)");
        EpochReport none = new EpochReport("multvae", 3, 1.25, Map.of(), "ndcg@100", Double.NaN, true, 1.5);
        assertThat(EpochLog.describe(none)).isEqualTo("multvae epoch 3: loss 1.2500 (1.50 s)");
    }
}
