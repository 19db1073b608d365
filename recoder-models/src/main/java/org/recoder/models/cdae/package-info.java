/** CDAE (Wu et al., WSDM 2016): a denoising autoencoder with a learned vector per training user. */
package org.recoder.models.cdae;
