/**
 * Numeric kernels on float32 arrays: top-k selection now; the Vector API GEMM, sparse products and
 * factorizations sit here too. Kernels take optional output buffers so that hot loops allocate nothing.
 */
package org.recoder.linalg;
