package org.recoder.nn;

import java.util.Arrays;

/** A trainable rows×cols float tensor (row-major) with its gradient, named for the model file. */
public final class Param {
    private final String name;
    private final int rows;
    private final int cols;
    final float[] value;
    final float[] grad;

    public Param(String name, int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(name + ": shape must be positive, got " + rows + "×" + cols);
        }
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.value = new float[rows * cols];
        this.grad = new float[rows * cols];
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The live values (not a copy): optimizers and layers update them in place. */
    public float[] value() {
        return value;
    }

    /** The live gradient, accumulated by backward passes and cleared by {@link #zeroGrad()}. */
    public float[] grad() {
        return grad;
    }

    public void zeroGrad() {
        Arrays.fill(grad, 0f);
    }
}
