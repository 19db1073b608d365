/**
 * What the neural model families share: the network contract ({@link org.recoder.models.neural.NeuralNetwork}),
 * the model base that scores, folds in and saves through it ({@link org.recoder.models.neural.NeuralModel}), and the
 * one training-loop adapter ({@link org.recoder.models.neural.NeuralLoop}).
 */
package org.recoder.models.neural;
