/**
 * Metrics as small pure functions ({@link org.recoder.eval.RankingMetric}, {@link org.recoder.eval.RatingMetrics})
 * and the {@link org.recoder.eval.Evaluator}, which keeps per-user values and reports mean ± standard error.
 */
package org.recoder.eval;
