package org.recoder.api;

/**
 * A model's own item-to-item similarity, for "more like this": EASE's weights B, item-kNN's neighbourhoods, the
 * cosine of an autoencoder's decoder item vectors. Implementations are thread-safe.
 */
public interface ItemSimilarity {
    /** Writes the similarity of every item to item {@code item} into {@code out}; higher is more similar. */
    void similarTo(int item, float[] out);

    /** What the similarity is, in a few words, for API responses ({@code "EASE weight B[i, j]"}, ...). */
    String similarityKind();
}
