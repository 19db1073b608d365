package org.recoder.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs only where OpenBLAS is installed: the native path must agree with the pure-Java kernels. */
class NativeBlasTest {
    private NativeBlas blas;

    @BeforeEach
    void needsLibrary() {
        Assumptions.assumeTrue(NativeBlas.library().isPresent(), "OpenBLAS not installed");
        blas = NativeBlas.library().orElseThrow();
    }

    @Test
    void sgemmAgreesWithJavaInAllLayouts() {
        int m = 70;
        int n = 300;
        int k = 129;
        for (int layout = 0; layout < 4; layout++) {
            boolean ta = (layout & 1) != 0;
            boolean tb = (layout & 2) != 0;
            float[] a = Naive.random(m * k + 3, layout);
            float[] b = Naive.random(k * n + 5, layout + 10);
            float[] c1 = Naive.random(m * n, 20);
            float[] c2 = c1.clone();
            Sgemm.gemm(ta, tb, m, n, k, 0.5f, a, 3, ta ? m : k, b, 5, tb ? k : n, 1f, c1, 0, n, 0);
            blas.sgemm(ta, tb, m, n, k, 0.5f, a, 3, ta ? m : k, b, 5, tb ? k : n, 1f, c2, 0, n);
            SgemmTest.assertClose(c1, c2, k);
        }
    }

    @Test
    void spdInverseAgreesWithJava() {
        int n = 513;
        double[] g = Naive.spd(n, 0.5, 3);
        float[] f1 = new float[n * n];
        for (int i = 0; i < f1.length; i++) {
            f1[i] = (float) g[i];
        }
        float[] f2 = f1.clone();
        Cholesky.invert(f1, n);
        blas.invertSpd(f2, n);
        double[] d1 = g.clone();
        double[] d2 = g.clone();
        Cholesky.invert(d1, n);
        blas.invertSpd(d2, n);
        for (int i = 0; i < f1.length; i++) {
            assertThat(f1[i]).isCloseTo(f2[i], offset(1e-4f));
            assertThat(d1[i]).isCloseTo(d2[i], offset(1e-10));
        }
    }
}
