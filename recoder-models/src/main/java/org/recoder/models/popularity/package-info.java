/** The most-popular baseline. */
package org.recoder.models.popularity;
