package org.recoder.nn;

import java.util.SplittableRandom;

/** Weight initializers; all draw from the caller's seeded generator, so initialization is reproducible. */
public final class Init {
    private Init() {
    }

    /** Glorot/Xavier uniform: U(−a, a), a = √(6 / (fan_in + fan_out)); fan_in = rows, fan_out = cols. */
    public static void xavierUniform(Param p, SplittableRandom rng) {
        double a = Math.sqrt(6.0 / (p.rows() + p.cols()));
        for (int i = 0; i < p.value.length; i++) {
            p.value[i] = (float) rng.nextDouble(-a, a);
        }
    }

    /** Glorot/Xavier normal: N(0, 2 / (fan_in + fan_out)). */
    public static void xavierNormal(Param p, SplittableRandom rng) {
        normal(p, Math.sqrt(2.0 / (p.rows() + p.cols())), rng);
    }

    /** He (Kaiming) normal for ReLU layers: N(0, 2 / fan_in). */
    public static void heNormal(Param p, SplittableRandom rng) {
        normal(p, Math.sqrt(2.0 / p.rows()), rng);
    }

    /** Normal with the given std, redrawn outside two standard deviations (TensorFlow's truncated normal). */
    public static void truncatedNormal(Param p, double std, SplittableRandom rng) {
        for (int i = 0; i < p.value.length; i++) {
            double g;
            do {
                g = gaussian(rng);
            } while (Math.abs(g) > 2);
            p.value[i] = (float) (g * std);
        }
    }

    private static void normal(Param p, double std, SplittableRandom rng) {
        for (int i = 0; i < p.value.length; i++) {
            p.value[i] = (float) (gaussian(rng) * std);
        }
    }

    /** A standard normal draw (Box-Muller, one of the pair). */
    public static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
