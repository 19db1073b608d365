package org.recoder.io;

import java.util.Arrays;

/**
 * A named little-endian array for a model file: {@code float[]} (F32), {@code int[]} (I32) or {@code long[]}
 * (I64), with a shape whose product is the array length.
 */
public record Tensor(String dtype, long[] shape, Object data) {
    public Tensor {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        int len = switch (data) {
            case float[] f when dtype.equals("F32") -> f.length;
            case int[] i when dtype.equals("I32") -> i.length;
            case long[] l when dtype.equals("I64") -> l.length;
            default -> throw new IllegalArgumentException("dtype " + dtype + " does not match " + data.getClass().getSimpleName());
        };
        if (n != len) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + len + " values");
        }
    }

    public static Tensor of(float[] data, long... shape) {
        return new Tensor("F32", shape.length == 0 ? new long[] {data.length} : shape, data);
    }

    public static Tensor of(int[] data, long... shape) {
        return new Tensor("I32", shape.length == 0 ? new long[] {data.length} : shape, data);
    }

    public static Tensor of(long[] data, long... shape) {
        return new Tensor("I64", shape.length == 0 ? new long[] {data.length} : shape, data);
    }

    /** Bytes of data. */
    public long byteSize() {
        return switch (data) {
            case float[] f -> 4L * f.length;
            case int[] i -> 4L * i.length;
            case long[] l -> 8L * l.length;
            default -> throw new IllegalStateException();
        };
    }

    public float[] floats() {
        return (float[]) data;
    }

    public int[] ints() {
        return (int[]) data;
    }

    public long[] longs() {
        return (long[]) data;
    }
}
