/** NCF (He et al., WWW 2017): GMF, MLP and NeuMF with pre-training, trained on sampled negatives. */
package org.recoder.models.ncf;
