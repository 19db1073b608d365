package org.recoder.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowSparseOptimizerTest {
    private static Param filled(String name, int rows, int cols, long seed) {
        Param p = new Param(name, rows, cols);
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < p.value().length; k++) {
            p.value()[k] = (float) (r.nextDouble() - 0.5);
        }
        return p;
    }

    private static void gradients(Param p, int step, int[] rows) {
        int w = p.cols();
        for (int row : rows) {
            for (int j = 0; j < w; j++) {
                p.grad()[row * w + j] = (float) Math.sin(7 * step + 3 * row + j);
            }
        }
    }

    /** Rows touched every step: exactly the updates of dense Adam; a row never touched does not move. */
    @Test
    void adamOnTouchedRowsIsDenseAdamAndUntouchedRowsStay() {
        Param table = filled("t", 5, 3, 1);
        Param dense = filled("d", 2, 2, 2);
        Param tableRef = filled("t", 5, 3, 1);
        Param denseRef = filled("d", 2, 2, 2);
        float[] untouched = java.util.Arrays.copyOfRange(table.value(), 4 * 3, 5 * 3);
        RowSparseOptimizer lazy = new RowSparseOptimizer(RowSparseOptimizer.Rule.ADAM, 0.01f, List.of(dense), List.of(table));
        Adam ref = new Adam(List.of(denseRef, tableRef), 0.01f, 0f);
        int[] rows = {0, 1, 2, 3};
        for (int s = 0; s < 10; s++) {
            gradients(table, s, rows);
            gradients(tableRef, s, rows);
            gradients(dense, s, new int[] {0, 1});
            gradients(denseRef, s, new int[] {0, 1});
            for (int r : new int[] {2, 0, 1, 3, 0}) {
                lazy.markRow(0, r);
            }
            lazy.step();
            ref.step();
        }
        for (int k = 0; k < 4 * 3; k++) {
            assertThat(table.value()[k]).as("table[" + k + "]").isCloseTo(tableRef.value()[k], offset(1e-6f));
        }
        for (int k = 0; k < 4; k++) {
            assertThat(dense.value()[k]).isCloseTo(denseRef.value()[k], offset(1e-6f));
        }
        assertThat(java.util.Arrays.copyOfRange(table.value(), 12, 15)).containsExactly(untouched);
        assertThat(table.grad()).containsOnly(0f);
        // A step that touches row 0 only: dense Adam still moves row 3 by its momentum, the lazy rule leaves it.
        float[] row3 = java.util.Arrays.copyOfRange(table.value(), 9, 12);
        float[] row3Ref = java.util.Arrays.copyOfRange(tableRef.value(), 9, 12);
        gradients(table, 10, new int[] {0});
        gradients(tableRef, 10, new int[] {0});
        lazy.markRow(0, 0);
        lazy.step();
        ref.step();
        assertThat(java.util.Arrays.copyOfRange(table.value(), 9, 12)).containsExactly(row3);
        assertThat(java.util.Arrays.copyOfRange(tableRef.value(), 9, 12)).isNotEqualTo(row3Ref);
        for (int k = 0; k < 3; k++) {
            assertThat(table.value()[k]).isCloseTo(tableRef.value()[k], offset(1e-6f));
        }
    }

    @Test
    void sgdMovesMarkedRowsByTheStepTimesTheGradient() {
        Param table = filled("t", 3, 2, 5);
        float[] before = table.value().clone();
        RowSparseOptimizer sgd = new RowSparseOptimizer(RowSparseOptimizer.Rule.SGD, 0.5f, List.of(), List.of(table));
        gradients(table, 0, new int[] {1});
        float[] g = table.grad().clone();
        sgd.markRow(0, 1);
        sgd.step();
        for (int k = 0; k < 6; k++) {
            assertThat(table.value()[k]).isEqualTo(before[k] - 0.5f * g[k]);
        }
        assertThat(table.grad()).containsOnly(0f);
    }
}
