/**
 * NARM (Li, Ren, Chen, Ren, Lian &amp; Ma, "Neural Attentive Session-based Recommendation", CIKM 2017): a GRU over
 * the session's items, a global encoder (the last state) and an attentive local encoder over all states, and a
 * bilinear decoder against the shared item embeddings, trained by full-softmax cross-entropy on every prefix of the
 * training sessions, as the reference code {@code lijingsdu/sessionRec_NARM} does.
 */
package org.recoder.models.narm;
