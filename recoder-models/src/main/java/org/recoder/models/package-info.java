/**
 * Model families, one package each with its config record, trainer and immutable model, and
 * {@link org.recoder.models.Models} to load any saved model by type.
 */
package org.recoder.models;
