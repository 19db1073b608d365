package org.recoder.models.popularity;

/** Popularity has no hyperparameters; the record exists so that every model carries a config. */
public record PopularityConfig() {
}
