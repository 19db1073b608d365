package org.recoder.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScoreBuffersTest {
    @Test
    void keepsGivenArraysUpToItsBoundAndOnlyOfItsSize() {
        ScoreBuffers b = new ScoreBuffers(5, 2);
        float[] x = b.take();
        float[] y = b.take();
        float[] z = b.take();
        assertThat(x).hasSize(5).isNotSameAs(y);
        b.give(x);
        b.give(y);
        b.give(z);
        // Two kept (the bound), the third dropped; an array of another size is never kept.
        b.give(new float[4]);
        assertThat(b.take()).isSameAs(x);
        assertThat(b.take()).isSameAs(y);
        float[] fresh = b.take();
        assertThat(fresh).hasSize(5).isNotSameAs(z);
    }
}
