/**
 * Numeric kernels on float32 (and, for the SPD inverse, float64) row-major arrays, in pure Java on the Vector API:
 * packed, register-tiled GEMM in the three training layouts ({@link org.recoder.linalg.Sgemm},
 * {@link org.recoder.linalg.Dgemm}); CSR × dense products and the sparse Gram matrix
 * ({@link org.recoder.linalg.SparseDense}); row-wise softmax, log-softmax, logsumexp, L2 normalization and
 * activations ({@link org.recoder.linalg.RowOps}); top-k with exclusions ({@link org.recoder.linalg.TopK}); blocked
 * Cholesky factorization and SPD inverse ({@link org.recoder.linalg.Cholesky}); and an optional OpenBLAS reached
 * through the FFM API ({@link org.recoder.linalg.NativeBlas}). Kernels run on the one shared pool and take their
 * outputs from the caller, so hot loops allocate nothing.
 */
package org.recoder.linalg;
