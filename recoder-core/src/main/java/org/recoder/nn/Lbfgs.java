package org.recoder.nn;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Limited-memory BFGS (Liu &amp; Nocedal, 1989), full batch: the two-loop recursion over the last {@code memory}
 * (s, y) pairs gives the search direction, scaled by sᵀy/yᵀy as Nocedal &amp; Wright (7.20) do; a backtracking line
 * search with safeguarded quadratic interpolation finds a step meeting the Armijo condition (c₁ = 10⁻⁴), trying
 * the unit step first. AutoRec's paper trains with RProp or L-BFGS.
 *
 * <p>Each {@link #step} is one iteration and calls the objective once, or a few times when the unit step is
 * rejected. A pair whose curvature sᵀy is not positive is not stored (the update would lose positive
 * definiteness); a direction that is not a descent direction, or a line search that fails, clears the memory and
 * restarts from the steepest descent.
 *
 * <p>Memory: 2·memory + 3 float copies of all parameters (at 10 pairs, 23 × the weights).
 */
public final class Lbfgs {
    private static final double ARMIJO = 1e-4;
    private static final int MAX_EVALUATIONS = 20;
    private final List<Param> params;
    private final int memory;
    private final float firstStep;
    private final int size;
    private final float[][] s;
    private final float[][] y;
    private final double[] rho;
    private final float[] x0;
    private final float[] g0;
    private final float[] direction;
    private int stored;
    private int newest = -1;
    private double value = Double.NaN;
    private int evaluations;

    /**
     * @param params    the parameters, updated in place
     * @param memory    correction pairs kept (≥ 1; 5–20 are usual)
     * @param firstStep the root-mean-square move per weight of the first trial step along the steepest descent
     *                  (later iterations try the quasi-Newton unit step)
     */
    public Lbfgs(List<Param> params, int memory, float firstStep) {
        if (memory < 1) {
            throw new IllegalArgumentException("L-BFGS memory must be ≥ 1, got " + memory);
        }
        if (!(firstStep > 0) || Float.isInfinite(firstStep)) {
            throw new IllegalArgumentException("L-BFGS first step must be > 0, got " + firstStep);
        }
        this.params = List.copyOf(params);
        this.memory = memory;
        this.firstStep = firstStep;
        long n = 0;
        for (Param p : this.params) {
            n += p.value().length;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("L-BFGS holds at most 2^31 parameters, got " + n);
        }
        size = (int) n;
        s = new float[memory][];
        y = new float[memory][];
        rho = new double[memory];
        x0 = new float[size];
        g0 = new float[size];
        direction = new float[size];
    }

    /**
     * One iteration. {@code objective} must return the full-batch objective at the parameters' current values and
     * add its gradient to their (cleared) gradients; this class clears them before each call and after the step.
     *
     * @return the objective at the accepted point (at the old point, unchanged, when no decrease was found)
     */
    public double step(DoubleSupplier objective) {
        if (Double.isNaN(value)) {
            value = evaluate(objective);
            gather(x0, g0);
            clearGrads();
        }
        double f0 = value;
        double slope = searchDirection();
        if (!(slope < 0)) {
            // Not a descent direction (rounding, or a curvature pair gone bad): restart from steepest descent.
            stored = 0;
            slope = searchDirection();
            if (!(slope < 0)) {
                clearGrads();
                return f0; // zero gradient: a stationary point
            }
        }
        double t = stored == 0 ? firstStep * Math.sqrt(size / Math.max(-slope, Double.MIN_NORMAL)) : 1.0;
        for (int k = 0; k < MAX_EVALUATIONS; k++) {
            move(t);
            double f = evaluate(objective);
            if (Double.isFinite(f) && f <= f0 + ARMIJO * t * slope) {
                remember();
                value = f;
                return f;
            }
            // Minimum of the quadratic through f0, the slope at 0 and f(t), kept within [0.1 t, 0.5 t].
            double q = Double.isFinite(f) ? -slope * t * t / (2 * (f - f0 - slope * t)) : 0.1 * t;
            t = Math.min(0.5 * t, Math.max(0.1 * t, q));
        }
        // No decrease found: go back to the old point and forget the curvature pairs.
        restore();
        stored = 0;
        clearGrads();
        return f0;
    }

    /** Objective evaluations so far (one per accepted unit step, more when a line search backtracks). */
    public int evaluations() {
        return evaluations;
    }

    private double evaluate(DoubleSupplier objective) {
        clearGrads();
        evaluations++;
        return objective.getAsDouble();
    }

    /** direction = −H·g0 by the two-loop recursion; returns g0ᵀ·direction. */
    private double searchDirection() {
        float[] q = direction;
        System.arraycopy(g0, 0, q, 0, size);
        double[] alpha = new double[memory];
        for (int k = 0; k < stored; k++) {
            int i = Math.floorMod(newest - k, memory);
            alpha[i] = rho[i] * dot(s[i], q);
            axpy(-alpha[i], y[i], q);
        }
        if (stored > 0) {
            double yy = dot(y[newest], y[newest]);
            scale(q, 1 / (rho[newest] * yy));
        }
        for (int k = stored - 1; k >= 0; k--) {
            int i = Math.floorMod(newest - k, memory);
            double beta = rho[i] * dot(y[i], q);
            axpy(alpha[i] - beta, s[i], q);
        }
        scale(q, -1);
        return dot(g0, q);
    }

    /** Parameters = x0 + t·direction. */
    private void move(double t) {
        int off = 0;
        float ft = (float) t;
        for (Param p : params) {
            float[] w = p.value();
            for (int i = 0; i < w.length; i++) {
                w[i] = x0[off + i] + ft * direction[off + i];
            }
            off += w.length;
        }
    }

    private void restore() {
        int off = 0;
        for (Param p : params) {
            float[] w = p.value();
            System.arraycopy(x0, off, w, 0, w.length);
            off += w.length;
        }
    }

    /**
     * Stores s = x − x0 and y = g − g0 when sᵀy > 0 (the slot overwritten is the oldest pair's), makes the accepted
     * point the current one, then clears the gradients.
     */
    private void remember() {
        int slot = (newest + 1) % memory;
        float[] si = s[slot] != null ? s[slot] : new float[size];
        float[] yi = y[slot] != null ? y[slot] : new float[size];
        int off = 0;
        for (Param p : params) {
            float[] w = p.value();
            float[] g = p.grad();
            for (int i = 0; i < w.length; i++) {
                si[off + i] = w[i] - x0[off + i];
                yi[off + i] = g[i] - g0[off + i];
            }
            off += w.length;
        }
        double sy = dot(si, yi);
        s[slot] = si;
        y[slot] = yi;
        if (sy > 1e-10 * Math.sqrt(dot(si, si) * dot(yi, yi))) {
            rho[slot] = 1 / sy;
            newest = slot;
            stored = Math.min(stored + 1, memory);
        } else if (stored == memory) {
            stored--; // the oldest pair's slot was overwritten by the rejected one
        }
        gather(x0, g0);
        clearGrads();
    }

    private void gather(float[] x, float[] g) {
        int off = 0;
        for (Param p : params) {
            float[] w = p.value();
            System.arraycopy(w, 0, x, off, w.length);
            System.arraycopy(p.grad(), 0, g, off, w.length);
            off += w.length;
        }
    }

    private void clearGrads() {
        for (Param p : params) {
            Arrays.fill(p.grad(), 0f);
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, float[] x, float[] y) {
        float fa = (float) a;
        for (int i = 0; i < y.length; i++) {
            y[i] += fa * x[i];
        }
    }

    private static void scale(float[] x, double a) {
        float fa = (float) a;
        for (int i = 0; i < x.length; i++) {
            x[i] *= fa;
        }
    }
}
