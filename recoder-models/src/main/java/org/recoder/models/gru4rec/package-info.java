/**
 * GRU4Rec (Hidasi et al., ICLR 2016; Hidasi &amp; Karatzoglou, CIKM 2018), as the official code
 * ({@code hidasib/GRU4Rec_PyTorch_Official}) trains it: GRU layers stepped one event at a time over session-parallel
 * mini-batches, the item embedding shared between input and output, sampled negatives shared by the mini-batch,
 * cross-entropy or BPR-max, Adagrad.
 */
package org.recoder.models.gru4rec;
