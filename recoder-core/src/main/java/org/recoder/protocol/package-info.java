/**
 * Evaluation protocols of the papers, each deterministic by seed: strong generalization with fold-in (Liang et
 * al. 2018), random rating splits (AutoRec), leave-one-out with sampled negatives (NCF), global temporal and
 * session splits (GRU4Rec, NARM); and the split directory format ({@link org.recoder.protocol.SplitIO}).
 */
package org.recoder.protocol;
