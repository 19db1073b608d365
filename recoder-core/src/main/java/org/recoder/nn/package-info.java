/**
 * The neural-network toolkit the autoencoders are built from: parameters, initializers, dense and sparse-input
 * layers with hand-written backward passes on the {@link org.recoder.linalg} kernels, losses (multinomial
 * likelihood, Gaussian KL) and Adam. Each op's gradient is checked against finite differences in the tests.
 */
package org.recoder.nn;
