/**
 * Mult-VAE and Mult-DAE (Liang et al., WWW 2018), the two multinomial-likelihood autoencoders: one config record,
 * one network (trained and served through the same layers), trainer, model, and their family (two model types).
 */
package org.recoder.models.multae;
