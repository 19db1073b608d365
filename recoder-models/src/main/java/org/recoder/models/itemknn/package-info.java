/** Item-based k-nearest-neighbour collaborative filtering with cosine similarity. */
package org.recoder.models.itemknn;
