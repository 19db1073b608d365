package org.recoder.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoder.io.Tensor;

/**
 * A trainable rows×cols float tensor (row-major) with its gradient, named for the model file. The gradient is
 * allocated on first use, so a network built for inference (weights loaded from a file or a snapshot) holds its
 * weights once and nothing else.
 */
public final class Param {
    private final String name;
    private final int rows;
    private final int cols;
    final float[] value;
    private float[] grad;

    /** A zero-filled parameter. */
    public Param(String name, int rows, int cols) {
        this(name, rows, cols, null);
    }

    /** A parameter over {@code values} (kept, not copied), or zero-filled when {@code values} is null. */
    public Param(String name, int rows, int cols, float[] values) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(name + ": shape must be positive, got " + rows + "×" + cols);
        }
        if (values != null && values.length != (long) rows * cols) {
            throw new IllegalArgumentException("tensor " + name + " holds " + values.length + " values, expected "
                    + rows + "×" + cols + " = " + (long) rows * cols);
        }
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.value = values != null ? values : new float[rows * cols];
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

    /** Parameters as F32 tensors of their shapes, by name (views, not copies): what a model file saves of them. */
    public static Map<String, Tensor> tensors(List<Param> params) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (Param p : params) {
            t.put(p.name(), Tensor.of(p.value(), p.shape()));
        }
        return t;
    }

    /** The shape as saved: {@code [cols]} for a single row (biases, gains), else {@code [rows, cols]}. */
    public long[] shape() {
        return rows == 1 ? new long[] {cols} : new long[] {rows, cols};
    }

    /** The live values (not a copy): optimizers and layers update them in place. */
    public float[] value() {
        return value;
    }

    /** The live gradient, accumulated by backward passes and cleared by {@link #zeroGrad()}. */
    public float[] grad() {
        if (grad == null) {
            grad = new float[value.length];
        }
        return grad;
    }

    public void zeroGrad() {
        if (grad != null) {
            Arrays.fill(grad, 0f);
        }
    }
}
