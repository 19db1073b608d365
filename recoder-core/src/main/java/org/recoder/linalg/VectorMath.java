package org.recoder.linalg;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, log, tanh and sigmoid from basic IEEE operations only (Cephes' expf: range reduction by ln 2 and a degree-6
 * polynomial, ~1 ulp; Cephes' logf: exponent split and a degree-8 polynomial on [√½, √2), ~1 ulp), in vector and scalar forms that give identical results. The Vector API's own
 * {@code lanewise(EXP)} is not used on purpose: its results differ between the interpreter's fallback and the
 * compiled SVML intrinsic, which made training results depend on JIT timing.
 */
final class VectorMath {
    private static final VectorSpecies<Float> S = Sgemm.SPECIES;
    private static final float HI = 88.3762626647949f;
    private static final float LO = -87.3365447504f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float C1 = 0.693359375f;
    private static final float C2 = -2.12194440e-4f;
    private static final float P0 = 1.9875691500E-4f;
    private static final float P1 = 1.3981999507E-3f;
    private static final float P2 = 8.3334519073E-3f;
    private static final float P3 = 4.1665795894E-2f;
    private static final float P4 = 1.6666665459E-1f;
    private static final float P5 = 5.0000001201E-1f;

    private static final float SQRT_HALF = 0.707106781186547524f;
    private static final float[] LOG_P = {7.0376836292E-2f, -1.1514610310E-1f, 1.1676998740E-1f, -1.2420140846E-1f,
        1.4249322787E-1f, -1.6668057665E-1f, 2.0000714765E-1f, -2.4999993993E-1f, 3.3333331174E-1f};

    private VectorMath() {
    }

    /** Natural log for positive, finite, normal x (what the callers pass: 1 + e^{−|z|} ∈ (1, 2]). */
    static FloatVector log(FloatVector v) {
        IntVector bits = (IntVector) v.reinterpretAsInts();
        FloatVector e = ((IntVector) bits.lanewise(VectorOperators.LSHR, 23).and(0xff).sub(126))
                .convert(VectorOperators.I2F, 0).reinterpretAsFloats();
        FloatVector m = bits.and(0x807fffff).or(0x3f000000).reinterpretAsFloats();
        VectorMask<Float> small = m.compare(VectorOperators.LT, SQRT_HALF);
        e = e.sub(FloatVector.broadcast(S, 1f), small);
        m = m.add(m, small).sub(1f);
        FloatVector z = m.mul(m);
        FloatVector y = FloatVector.broadcast(S, LOG_P[0]);
        for (int k = 1; k < LOG_P.length; k++) {
            y = y.fma(m, FloatVector.broadcast(S, LOG_P[k]));
        }
        y = y.mul(m).mul(z);
        y = e.fma(FloatVector.broadcast(S, C2), y);
        y = z.fma(FloatVector.broadcast(S, -0.5f), y);
        return e.fma(FloatVector.broadcast(S, C1), m.add(y));
    }

    static float log(float v) {
        int bits = Float.floatToRawIntBits(v);
        float e = ((bits >>> 23) & 0xff) - 126;
        float m = Float.intBitsToFloat((bits & 0x807fffff) | 0x3f000000);
        if (m < SQRT_HALF) {
            e -= 1f;
            m = m + m;
        }
        m -= 1f;
        float z = m * m;
        float y = LOG_P[0];
        for (int k = 1; k < LOG_P.length; k++) {
            y = Math.fma(y, m, LOG_P[k]);
        }
        y = y * m * z;
        y = Math.fma(e, C2, y);
        y = Math.fma(z, -0.5f, y);
        return Math.fma(e, C1, m + y);
    }

    static FloatVector exp(FloatVector v) {
        FloatVector x = v.max(LO).min(HI);
        FloatVector t = x.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, 0.5f));
        FloatVector fx = ((IntVector) t.convert(VectorOperators.F2I, 0)).convert(VectorOperators.I2F, 0)
                .reinterpretAsFloats();
        VectorMask<Float> over = fx.compare(VectorOperators.GT, t);
        fx = fx.sub(FloatVector.broadcast(S, 1f), over);
        x = fx.fma(FloatVector.broadcast(S, -C1), x);
        x = fx.fma(FloatVector.broadcast(S, -C2), x);
        FloatVector z = x.mul(x);
        FloatVector y = x.fma(FloatVector.broadcast(S, P0), FloatVector.broadcast(S, P1));
        y = y.fma(x, FloatVector.broadcast(S, P2));
        y = y.fma(x, FloatVector.broadcast(S, P3));
        y = y.fma(x, FloatVector.broadcast(S, P4));
        y = y.fma(x, FloatVector.broadcast(S, P5));
        y = y.fma(z, x).add(1f);
        IntVector k = (IntVector) fx.convert(VectorOperators.F2I, 0);
        FloatVector pow2 = k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(pow2);
    }

    static float exp(float v) {
        float x = Math.min(Math.max(v, LO), HI);
        float t = Math.fma(x, LOG2E, 0.5f);
        float fx = (float) (int) t;
        if (fx > t) {
            fx -= 1f;
        }
        x = Math.fma(fx, -C1, x);
        x = Math.fma(fx, -C2, x);
        float z = x * x;
        float y = Math.fma(x, P0, P1);
        y = Math.fma(y, x, P2);
        y = Math.fma(y, x, P3);
        y = Math.fma(y, x, P4);
        y = Math.fma(y, x, P5);
        y = Math.fma(y, z, x) + 1f;
        return y * Float.intBitsToFloat(((int) fx + 127) << 23);
    }

    /** tanh(x) = 1 − 2/(e^{2x} + 1). */
    static FloatVector tanh(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.sub(FloatVector.broadcast(S, 2f).div(exp(x.add(x)).add(one)));
    }

    static float tanh(float x) {
        return 1f - 2f / (exp(x + x) + 1f);
    }

    /** 1/(1 + e^{−x}). */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(exp(x.neg()).add(one));
    }

    static float sigmoid(float x) {
        return 1f / (exp(-x) + 1f);
    }
}
