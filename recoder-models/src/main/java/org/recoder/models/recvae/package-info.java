/** RecVAE (Shenbin et al., WSDM 2020): encoder, composite prior, alternating trainer and model. */
package org.recoder.models.recvae;
