package org.recoder.api;

/** A predicted rating of one item. */
public record Prediction(String item, float rating) {
}
