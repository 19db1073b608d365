/** BPR-MF (Rendle et al., UAI 2009): matrix factorization trained by the pairwise BPR criterion. */
package org.recoder.models.bprmf;
