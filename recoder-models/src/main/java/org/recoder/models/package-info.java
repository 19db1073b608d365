/**
 * The model families, one package each (config record, trainer, network, model and one {@code ModelFamily}), and
 * {@link org.recoder.models.Models}, the registry: one line per family in {@code Models.FAMILIES} (an explicit list,
 * not {@code ServiceLoader}, so the listing order is fixed and a missing registration fails a test). Adding a model
 * type touches its own package and that one line.
 *
 * <p>Packages and their dependencies, inward only (checked by {@code LayeringTest}): {@code family} and
 * {@code neural} (shared contracts) ← the model packages ({@code popularity}, {@code itemknn}, {@code ease},
 * {@code multae}, {@code recvae}, {@code cdae}; none imports another) ← this package (the registry).
 */
package org.recoder.models;
