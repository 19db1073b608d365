/** The mean-rating baselines of rating prediction: the global, user or item mean of the training ratings. */
package org.recoder.models.ratingmean;
