package org.recoder.nn;

/** Updates parameters from their accumulated gradients, then clears the gradients. */
public interface Optimizer {
    void step();
}
