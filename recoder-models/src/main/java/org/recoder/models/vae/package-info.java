/** Mult-VAE and Mult-DAE (Liang et al., WWW 2018): network, trainer, model and hyperparameters. */
package org.recoder.models.vae;
