/**
 * Session-based k-nearest-neighbours baselines (Jannach &amp; Ludewig, RecSys 2017; Ludewig &amp; Jannach, UMUAI 2018):
 * SKNN and its sequence-aware variant V-SKNN, the simple baselines the session literature shows neural session
 * models must beat. Trained on a session split; fitting only indexes the training sessions.
 */
package org.recoder.models.sknn;
