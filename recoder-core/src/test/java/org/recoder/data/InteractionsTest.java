package org.recoder.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.recoder.testing.TestData;

class InteractionsTest {
    private static Interactions build(DuplicatePolicy p) {
        IdIndex users = IdIndex.of("a", "b");
        IdIndex items = IdIndex.of("x", "y", "z");
        int[] u = {0, 0, 1, 0, 1, 0};
        int[] i = {2, 0, 1, 2, 1, 1};
        float[] v = {1, 2, 3, 5, 1, 4};
        long[] t = {10, 20, 30, 5, 40, 50};
        return Interactions.fromTriples(users, items, u, i, v, t, p);
    }

    @Test
    void rowsAreSortedAndDuplicatesFoldedByPolicy() {
        Interactions last = build(DuplicatePolicy.LAST);
        assertThat(last.rowItems(0)).containsExactly(0, 1, 2);
        // (a, z) appears at t=10 value 1 and t=5 value 5: the latest by time wins
        assertThat(last.rowValues(0)).containsExactly(2f, 4f, 1f);
        assertThat(last.rowItems(1)).containsExactly(1);
        assertThat(last.rowValues(1)).containsExactly(1f);
        assertThat(last.timeArray()).containsExactly(20, 50, 10, 40);

        assertThat(build(DuplicatePolicy.MAX).rowValues(0)).containsExactly(2f, 4f, 5f);
        assertThat(build(DuplicatePolicy.SUM).rowValues(0)).containsExactly(2f, 4f, 6f);
        assertThat(build(DuplicatePolicy.SUM).rowValues(1)).containsExactly(4f);
    }

    @Test
    void appendUsersStacksRowsUnderOneUserIndex() {
        IdIndex items = IdIndex.of("x", "y", "z");
        Interactions a = Interactions.fromTriples(IdIndex.of("a", "b"), items, new int[] {0, 1, 1}, new int[] {2, 0, 1},
                new float[] {1, 2, 3}, null, DuplicatePolicy.LAST);
        Interactions b = Interactions.fromTriples(IdIndex.of("c"), items, new int[] {0}, new int[] {1}, new float[] {4}, null,
                DuplicatePolicy.LAST);
        Interactions ab = a.appendUsers(b);
        assertThat(ab.users().ids()).containsExactly("a", "b", "c");
        assertThat(ab.rowItems(1)).containsExactly(0, 1);
        assertThat(ab.rowValues(1)).containsExactly(2f, 3f);
        assertThat(ab.rowItems(2)).containsExactly(1);
        assertThat(ab.rowValues(2)).containsExactly(4f);
        assertThat(ab.nnz()).isEqualTo(4);
        assertThatThrownBy(() -> ab.appendUsers(b)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'c'");
    }

    @Test
    void lastWithoutTimesIsInputOrder() {
        IdIndex users = IdIndex.of("a");
        IdIndex items = IdIndex.of("x");
        Interactions x = Interactions.fromTriples(users, items, new int[] {0, 0, 0}, new int[] {0, 0, 0}, new float[] {3, 1, 2}, null,
                DuplicatePolicy.LAST);
        assertThat(x.rowValues(0)).containsExactly(2f);
    }

    @Test
    void transposeTwiceIsIdentity() {
        Interactions x = TestData.tiny(50, 30, 1);
        assertThat(x.transpose().transpose()).isEqualTo(x);
        assertThat(x.transpose().nnz()).isEqualTo(x.nnz());
    }

    @Test
    void compactDropsEmptyUsersAndOrdersItemsByFirstAppearance() {
        IdIndex users = IdIndex.of("a", "b", "c");
        IdIndex items = IdIndex.of("x", "y", "z", "w");
        Interactions x = Interactions.fromTriples(users, items, new int[] {0, 0, 2}, new int[] {3, 1, 0}, new float[] {1, 1, 1}, null,
                DuplicatePolicy.LAST);
        Interactions c = x.compact();
        assertThat(c.users().ids()).containsExactly("a", "c");
        assertThat(c.items().ids()).containsExactly("y", "w", "x");
        assertThat(c.rowItems(0)).containsExactly(0, 1);
    }

    @Test
    void rejectsUnsortedColumns() {
        assertThatThrownBy(() -> new Interactions(IdIndex.of("a"), IdIndex.of("x", "y"), new int[] {0, 2}, new int[] {1, 0},
                new float[] {1, 1}, null)).hasMessageContaining("out of order");
    }

    @Test
    void fingerprintDependsOnContent() {
        Interactions a = TestData.tiny(40, 20, 1);
        assertThat(a.fingerprint()).isEqualTo(TestData.tiny(40, 20, 1).fingerprint()).hasSize(64);
        assertThat(a.fingerprint()).isNotEqualTo(TestData.tiny(40, 20, 2).fingerprint());
    }

    @Test
    void idIndexBuilderInternsBytesWithoutDuplicates() {
        IdIndexBuilder b = new IdIndexBuilder();
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < 5000; i++) {
                assertThat(b.intern("id" + i)).isEqualTo(i);
            }
        }
        IdIndex idx = b.build();
        assertThat(idx.size()).isEqualTo(5000);
        assertThat(idx.tryIndex("id4999")).isEqualTo(4999);
        assertThat(idx.tryIndex("nope")).isEqualTo(-1);
        assertThatThrownBy(() -> idx.index("nope")).hasMessageContaining("unknown id 'nope'");
        assertThatThrownBy(() -> IdIndex.of("a", "a")).hasMessageContaining("duplicate id");
    }
}
