package org.recoder.api;

/** One recommended item with its score. */
public record Recommendation(String item, float score) {
}
