/** Synthetic interaction data with planted structure, deterministic by seed, in the shapes of real datasets. */
package org.recoder.synth;
