package org.recoder.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.recoder.data.EventLog;

class SyntheticSessionsTest {
    @Test
    void theSmallPresetHasItsShapeAndItsSequentialStructure() {
        SyntheticSessions shape = SyntheticSessions.preset("sessions-small");
        EventLog log = shape.generate(7);
        assertThat(log).isEqualTo(shape.generate(7));
        assertThat(log.users().size()).isEqualTo(20_000);
        assertThat(log.size() / 20_000.0).isBetween(3.9, 4.1);
        int[][] rows = log.eventsByUser();
        long inGroup = 0;
        long pairs = 0;
        long lastStart = Long.MIN_VALUE;
        for (int[] row : rows) {
            assertThat(row.length).isGreaterThanOrEqualTo(2);
            // Sessions start in time order, and their events in it.
            assertThat(log.times()[row[0]]).isGreaterThanOrEqualTo(lastStart);
            lastStart = log.times()[row[0]];
            for (int k = 1; k < row.length; k++) {
                assertThat(log.times()[row[k]]).isGreaterThan(log.times()[row[k - 1]]);
                pairs++;
                inGroup += log.item()[row[k]] / 20 == log.item()[row[k - 1]] / 20 ? 1 : 0;
            }
        }
        // Repeats (15%) mostly stay in the group too; a jump lands in it 1 time in 50: ~0.15 + 0.85·0.6 ≈ 0.66.
        assertThat(inGroup / (double) pairs).isBetween(0.6, 0.75);
        assertThat(SyntheticSessions.preset("rsc15").items()).isEqualTo(37_483);
        assertThat(SyntheticSessions.isPreset("ml-20m")).isFalse();
        assertThatThrownBy(() -> SyntheticSessions.preset("nope")).hasMessageContaining("sessions-small, rsc15");
    }
}
