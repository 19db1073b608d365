package org.recoder.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KernelTuningTest {
    @Test
    void theTileFitsTheRegisterFileUnlessOverridden() {
        String forced = System.getProperty("recoder.gemm.tile");
        if (forced == null) {
            assertThat(Sgemm.MR).isEqualTo(KernelTuning.VECTOR_REGISTERS >= 32 ? 8 : 4);
        } else {
            assertThat(Sgemm.MR + "x" + Sgemm.NR / Sgemm.L).isEqualTo(forced);
        }
        assertThat(Sgemm.NR).isEqualTo(2 * Sgemm.L);
        assertThat(KernelTuning.VECTOR_REGISTERS).isIn(16, 32);
    }

    @Test
    void blockingIsWholeTilesAndTheSameBytesInBothPrecisions() {
        assertThat(Sgemm.MC % Sgemm.MR).isZero();
        assertThat(Sgemm.NC % Sgemm.NR).isZero();
        assertThat(Dgemm.MC % Dgemm.MR).isZero();
        if (System.getProperty("recoder.gemm.kc") == null) {
            assertThat(Sgemm.KC * Float.BYTES).isEqualTo(Dgemm.KC * Double.BYTES).isEqualTo(3072);
        }
        // MC × KC of A in half of L2, never more than 96 rows nor fewer than four tiles.
        assertThat(KernelTuning.mc(4, 768, 4)).isEqualTo((int) Math.max(16, Math.min(96, KernelTuning.L2 / 2 / 3072)) / 4 * 4);
    }

    @Test
    void aBadTileOverrideNamesThePropertyAndTheChoices() {
        withProperty("recoder.gemm.tile", "6x2", () -> assertThatThrownBy(KernelTuning::tileRows)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recoder.gemm.tile").hasMessageContaining("8x2 or 4x2").hasMessageContaining("6x2"));
    }

    /** Runs {@code body} with a system property set (null: cleared), then restores it. */
    private static void withProperty(String name, String value, Runnable body) {
        String old = System.getProperty(name);
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
        try {
            body.run();
        } finally {
            if (old == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, old);
            }
        }
    }

    @Test
    void theTileOrderFollowsTheTileUnlessOverridden() {
        String forced = System.getProperty("recoder.gemm.order");
        assertThat(Sgemm.TILES_ALONG_ROWS).isEqualTo(forced == null ? Sgemm.MR == 4 : forced.equals("rows"));
        withProperty("recoder.gemm.order", "diagonal", () -> assertThatThrownBy(() -> KernelTuning.tilesAlongRows(4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recoder.gemm.order").hasMessageContaining("rows or columns").hasMessageContaining("diagonal"));
        withProperty("recoder.gemm.order", null, () -> {
            assertThat(KernelTuning.tilesAlongRows(4)).isTrue();
            assertThat(KernelTuning.tilesAlongRows(8)).isFalse();
        });
    }

    @Test
    void theDescriptionNamesMachineTileAndBlocking() {
        assertThat(KernelTuning.describe()).containsKeys("cpu", "vectorBits", "vectorRegisters", "tile", "mc", "kc", "nc", "l2")
                .containsEntry("tile", Sgemm.MR + "x" + Sgemm.NR).containsEntry("kc", Sgemm.KC)
                .containsEntry("order", Sgemm.TILES_ALONG_ROWS ? "rows" : "columns");
        assertThat(KernelTuning.summary()).contains("micro-tile " + Sgemm.MR + "x" + Sgemm.NR + " along ").contains("KC " + Sgemm.KC);
        assertThat(KernelTuning.cpuModel()).isNotBlank();
    }
}
