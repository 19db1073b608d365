/** Biased matrix factorization (Koren, Bell & Volinsky 2009), AutoRec's baseline for explicit ratings. */
package org.recoder.models.biasedmf;
