package org.recoder.util;

/**
 * Argument checks for config records, whose messages name the field, the allowed range and the value given:
 * {@code "batchSize must be ≥ 1, got 0"}. These messages reach users of {@code train --set} unchanged.
 */
public final class Require {
    private Require() {
    }

    public static void atLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be ≥ " + min + ", got " + value);
        }
    }

    public static void atLeast(String field, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number ≥ " + fmt(min) + ", got " + fmt(value));
        }
    }

    public static void positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number > 0, got " + fmt(value));
        }
    }

    /** {@code min ≤ value < max}. */
    public static void inRange(String field, double value, double min, double max) {
        if (!(value >= min && value < max)) {
            throw new IllegalArgumentException(field + " must be in [" + fmt(min) + ", " + fmt(max) + "), got " + fmt(value));
        }
    }

    public static <T> T notNull(String field, T value, String allowed) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required (" + allowed + ")");
        }
        return value;
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(Float.toString((float) v)).stripTrailingZeros().toPlainString();
    }
}
