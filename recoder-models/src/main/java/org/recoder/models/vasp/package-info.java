/** VASP: FLVAE ⊙ Neural EASE with focal loss and split-brain augmentation (Vančura &amp; Kordík, ICANN 2021). */
package org.recoder.models.vasp;
