/**
 * What a model type declares about itself ({@link org.recoder.models.family.ModelFamily}): name, description,
 * hyperparameter record and defaults, capabilities, protocols, data preparation, trainer and loader. Each model
 * package implements it once; {@link org.recoder.models.Models} lists the implementations.
 */
package org.recoder.models.family;
