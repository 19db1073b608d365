/**
 * The narrow recommender API: {@link org.recoder.api.ItemScorer} scores a history, {@link org.recoder.api.Model}
 * adds type, config and provenance, {@link org.recoder.api.Recommender} turns scores into immutable top-N lists
 * in external ids, for known users by id and for new users by their history (fold-in, no retraining).
 */
package org.recoder.api;
