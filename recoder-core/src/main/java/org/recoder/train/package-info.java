/**
 * The epoch loop the iterative models share, and its listeners: {@link org.recoder.train.TrainingLoop} runs the
 * epochs, guards against divergence, validates and keeps the best weights; {@link org.recoder.train.EpochListener}s
 * (early stopping, learning curves, progress bars) see every epoch's {@link org.recoder.train.EpochReport} and may
 * stop training. Models supply only their epoch of minibatch updates.
 */
package org.recoder.train;
