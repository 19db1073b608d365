/**
 * The recommender API, the shapes every model and every caller (evaluation, the CLI, the service) share.
 *
 * <ul>
 *   <li>{@link org.recoder.api.ItemScorer} scores every item for a history given as a <em>set</em> of item indices
 *       with values (fold-in of a new user), and {@code scoreRows} scores a batch of known users; {@code canFoldIn}
 *       says whether anonymous histories work at all (not for CDAE, which learns a vector per user).</li>
 *   <li>{@link org.recoder.api.History} is a history as a caller gives it: item ids <em>in order</em>, repeats
 *       allowed, with a value each (1 for implicit feedback, the rating for explicit).
 *       {@link org.recoder.api.Recommender#forHistory(History, int, java.util.Collection)} hands it in order to
 *       {@link org.recoder.api.SessionScorer}s (GRU4Rec, NARM: the order is their input) and as a set, each item
 *       once with its last value, to every other model, so existing models see exactly what they saw before.</li>
 *   <li>{@link org.recoder.api.RatingPredictor} is the capability of explicit-feedback models (AutoRec, biased MF):
 *       predicted ratings of given items for a known user or for a rated history;
 *       {@link org.recoder.api.Recommender#predictForUser} and {@link org.recoder.api.Recommender#predictForHistory}
 *       call it in external ids.</li>
 *   <li>{@link org.recoder.api.Model} adds type, config record, provenance, known users and its named tensors;
 *       {@link org.recoder.api.ModelIO} reads and writes any model in the one file format;
 *       {@link org.recoder.api.Capability} names what a model type can do, as its family declares it.</li>
 *   <li>{@link org.recoder.api.Hyperparameters} reads and sets a config record's components by name: the one
 *       vocabulary of {@code train --set}, {@code models show}, model file headers and (later) experiments and HTTP.</li>
 * </ul>
 *
 * <p>Layering: {@code api} sits on {@code data}, {@code io} (the container format) and {@code linalg} (top-k), and
 * below {@code protocol}, {@code eval}, {@code nn} and {@code train}; see {@code LayeringTest}.
 */
package org.recoder.api;
