package org.recoder.linalg;


import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.recoder.util.Parallel;

/**
 * Single-precision general matrix multiply, {@code C = alpha·op(A)·op(B) + beta·C}, on row-major arrays with
 * offsets and leading dimensions, in pure Java on the Vector API.
 *
 * <p>The structure is Goto's (as in BLIS): a KC×NC panel of op(B) and an MC×KC block of op(A) are packed into
 * contiguous per-thread buffers (so transposed layouts cost only a different packing loop), and a register-tiled
 * micro-kernel of {@link #MR} rows × 2 vectors keeps its accumulators in registers, doing one broadcast of A per row
 * and two vector loads of B per step: 8 rows (16 accumulators) with 32 vector registers, 4 rows (8) with 16, as
 * {@link KernelTuning} explains. The vector width is {@link FloatVector#SPECIES_PREFERRED} (16 floats with AVX-512,
 * 8 with AVX2); the system property {@code recoder.vector.bits} (64, 128, 256 or 512) overrides it, which is how the
 * tests cover narrower machines. Work is split across the shared pool by column blocks, or by row blocks when
 * {@code m > n}; nothing is allocated per call once a thread's packing buffers exist.
 *
 * <p>Two triangular modes serve the blocked Cholesky routines: {@link Shape#LOWER_C} computes only the
 * micro-tiles of C that touch its lower triangle (a SYRK when {@code B = A}; tiles crossing the diagonal also write
 * their upper part, so callers must not rely on C's strict upper triangle), and {@link Shape#LOWER_A} treats A as
 * lower-triangular, skipping blocks above its diagonal and reading zeros there (a TRMM).
 *
 * <p>Blocking (KC = 768, NC = 2048, MC = 96 or what fits half of L2: {@link KernelTuning}, docs/performance.md) can
 * be overridden for tuning with the system properties {@code recoder.gemm.tile}, {@code .order}, {@code .mc},
 * {@code .kc} and {@code .nc}. {@link Dgemm} is generated
 * from this file ({@code DgemmSourceTest}), so every change here reaches the float64 kernel too. Cost: 2·m·n·k flops;
 * memory traffic O(mn·⌈k/KC⌉ + mk·⌈n/NC⌉ + kn) per call.
 */
public final class Sgemm {
    /** Which parts of the operands take part. */
    public enum Shape {
        /** Plain product. */
        FULL,
        /** Only C's lower triangle (tiles on or below the diagonal, in C's own coordinates) is computed. */
        LOWER_C,
        /** op(A) is lower-triangular: entries above its diagonal are read as zero. Only without transposing A. */
        LOWER_A
    }

    static final VectorSpecies<Float> SPECIES = pickSpecies();
    static final int L = SPECIES.length();
    /** Rows of the micro-tile: 8 with 32 vector registers, 4 with 16 ({@link KernelTuning}). */
    public static final int MR = KernelTuning.tileRows();
    /** Columns of the micro-tile: two vectors. */
    static final int NR = 2 * L;
    // KC and MC are chosen in bytes, so the generated Dgemm keeps the same cache footprint.
    static final int KC = KernelTuning.kc(Float.BYTES);
    static final int MC = KernelTuning.mc(MR, KC, Float.BYTES);
    static final int NC = KernelTuning.nc(NR);
    /** Tiles along C's rows (the 4-row tile) or down its columns (the 8-row one, as tuned on AVX-512); see serial. */
    static final boolean TILES_ALONG_ROWS = KernelTuning.tilesAlongRows(MR);
    /**
     * Up to this many rows, a product with B stored transposed (n×k, {@code transB}) skips packing and takes row dot
     * products straight from B's rows ({@link #rowDots}): packing reads and writes all of B, which for a few rows
     * costs more than the product (a 600 × 20,108 output layer scored for 1–8 histories, as a server does).
     */
    public static final int DOT_ROWS = 8;
    /** Rows of B (columns of C) per block of the dot path: 256 rows of a 600-wide B are 600 KB, kept in L2 across row groups. */
    private static final int DOT_COLUMNS = 256;
    /** Below this many flops the call stays on the caller's thread. */
    private static final long PARALLEL_FLOPS = 1L << 21;

    private static final ThreadLocal<float[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new float[][] {new float[MC * KC], new float[KC * NC], new float[MR * NR]});

    private Sgemm() {
    }

    private static VectorSpecies<Float> pickSpecies() {
        String bits = System.getProperty("recoder.vector.bits");
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        return switch (bits.trim()) {
            case "64" -> FloatVector.SPECIES_64;
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException("recoder.vector.bits must be 64, 128, 256 or 512, not " + bits);
        };
    }

    /** {@code C[m×n] = alpha·A[m×k]·B[k×n] + beta·C}, compact row-major, all threads. */
    public static void ab(int m, int n, int k, float alpha, float[] a, float[] b, float beta, float[] c) {
        gemm(false, false, m, n, k, alpha, a, 0, k, b, 0, n, beta, c, 0, n, 0);
    }

    /** {@code C[m×n] = alpha·A[m×k]·B[n×k]ᵀ + beta·C}, compact row-major, all threads. */
    public static void abT(int m, int n, int k, float alpha, float[] a, float[] b, float beta, float[] c) {
        gemm(false, true, m, n, k, alpha, a, 0, k, b, 0, k, beta, c, 0, n, 0);
    }

    /** {@code C[m×n] = alpha·A[k×m]ᵀ·B[k×n] + beta·C}, compact row-major, all threads. */
    public static void aTb(int m, int n, int k, float alpha, float[] a, float[] b, float beta, float[] c) {
        gemm(true, false, m, n, k, alpha, a, 0, m, b, 0, n, beta, c, 0, n, 0);
    }

    /** The general form with {@link Shape#FULL}; {@code threads <= 0} means the whole shared pool. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc, int threads) {
        gemm(Shape.FULL, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, threads);
    }

    /**
     * {@code C = alpha·op(A)·op(B) + beta·C} where op(A) is m×k and op(B) is k×n. Row-major: element (i, j) of a
     * stored matrix X lives at {@code x[xOff + i·ldx + j]}; a transposed operand is stored as its transpose. With
     * {@code beta == 0} C is not read, so it may hold anything.
     */
    public static void gemm(Shape shape, boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc, int threads) {
        check(m >= 0 && n >= 0 && k >= 0, "negative dimension");
        check(shape != Shape.LOWER_A || (!transA && m == k), "LOWER_A needs an untransposed square A");
        check(shape != Shape.LOWER_C || m == n, "LOWER_C needs a square C");
        check(ldc >= Math.max(1, n), "ldc < n");
        check(lda >= Math.max(1, transA ? m : k), "lda too small");
        check(ldb >= Math.max(1, transB ? k : n), "ldb too small");
        if (m == 0 || n == 0) {
            return;
        }
        int workers = threads <= 0 ? Parallel.threads() : threads;
        if (shape == Shape.FULL && !transA && transB && m <= DOT_ROWS && k > 0 && alpha != 0f) {
            dots(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, workers);
            return;
        }
        if (workers <= 1 || 2L * m * n * k < PARALLEL_FLOPS) {
            serial(shape, transA, transB, 0, m, 0, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (shape != Shape.FULL) {
            // Work in row i grows with i in both triangular shapes: cut rows at equal areas, sqrt spacing.
            int[] cuts = new int[workers + 1];
            for (int t = 1; t <= workers; t++) {
                cuts[t] = Math.min(m, roundUp((int) Math.round(m * Math.sqrt((double) t / workers)), MR));
            }
            cuts[workers] = m;
            Parallel.forRange(workers, 1, workers, (from, to) -> {
                for (int t = from; t < to; t++) {
                    if (cuts[t + 1] > cuts[t]) {
                        serial(shape, transA, transB, cuts[t], cuts[t + 1], 0, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                                beta, c, cOff, ldc);
                    }
                }
            });
        } else if (m > n) {
            int chunk = roundUp((m + workers - 1) / workers, MR);
            Parallel.forRange(m, chunk, workers, (from, to) -> serial(shape, transA, transB, from, to, 0, n, k, alpha,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
        } else {
            int chunk = roundUp((n + workers - 1) / workers, NR);
            Parallel.forRange(n, chunk, workers, (from, to) -> serial(shape, transA, transB, 0, m, from, to, k, alpha,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
        }
    }

    private static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * {@code C[m×n] = alpha·A[m×k]·B[n×k]ᵀ + beta·C} as row dot products, without packing, for any m: the path
     * {@link #gemm} takes for up to {@link #DOT_ROWS} rows. Each element of C is summed in the same order whatever m
     * is, so a row's result does not depend on which other rows share the call (a server's micro-batches answer
     * exactly as one request alone). {@code threads <= 0} means the whole shared pool.
     */
    public static void dots(int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc, int threads) {
        check(m >= 0 && n >= 0 && k >= 0, "negative dimension");
        check(lda >= Math.max(1, k) && ldb >= Math.max(1, k) && ldc >= Math.max(1, n), "leading dimension too small");
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(0, m, 0, n, beta, c, cOff, ldc, false);
            return;
        }
        int workers = threads <= 0 ? Parallel.threads() : threads;
        if (workers <= 1 || 2L * m * n * k < PARALLEL_FLOPS) {
            rowDots(0, n, m, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            Parallel.forRange(n, (n + workers - 1) / workers, workers, (from, to) -> rowDots(from, to, m, k, alpha, a, aOff,
                    lda, b, bOff, ldb, beta, c, cOff, ldc));
        }
    }

    /**
     * Columns [j0, j1) of {@code C = alpha·A·Bᵀ + beta·C} for B stored n×k, as dot products of A's rows with B's rows:
     * four rows of A at a time against one row of B, so each vector of B is loaded once for four FMAs and B streams
     * from memory in its stored order. Blocks of {@link #DOT_COLUMNS} rows of B stay in cache across the row groups.
     */
    private static void rowDots(int j0, int j1, int m, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff,
                                int ldb, float beta, float[] c, int cOff, int ldc) {
        int kv = SPECIES.loopBound(k);
        for (int jc = j0; jc < j1; jc += DOT_COLUMNS) {
            int je = Math.min(j1, jc + DOT_COLUMNS);
            for (int i0 = 0; i0 < m; i0 += 4) {
                int rows = Math.min(4, m - i0);
                // Fewer than four rows left: the missing ones repeat the last row and their sums are dropped.
                int a0 = aOff + i0 * lda;
                int a1 = aOff + (i0 + Math.min(1, rows - 1)) * lda;
                int a2 = aOff + (i0 + Math.min(2, rows - 1)) * lda;
                int a3 = aOff + (i0 + Math.min(3, rows - 1)) * lda;
                for (int j = jc; j < je; j++) {
                    int bo = bOff + j * ldb;
                    FloatVector s0 = FloatVector.zero(SPECIES);
                    FloatVector s1 = s0;
                    FloatVector s2 = s0;
                    FloatVector s3 = s0;
                    for (int p = 0; p < kv; p += L) {
                        FloatVector w = FloatVector.fromArray(SPECIES, b, bo + p);
                        s0 = FloatVector.fromArray(SPECIES, a, a0 + p).fma(w, s0);
                        s1 = FloatVector.fromArray(SPECIES, a, a1 + p).fma(w, s1);
                        s2 = FloatVector.fromArray(SPECIES, a, a2 + p).fma(w, s2);
                        s3 = FloatVector.fromArray(SPECIES, a, a3 + p).fma(w, s3);
                    }
                    float t0 = laneSum(s0);
                    float t1 = laneSum(s1);
                    float t2 = laneSum(s2);
                    float t3 = laneSum(s3);
                    for (int p = kv; p < k; p++) {
                        float w = b[bo + p];
                        t0 += a[a0 + p] * w;
                        t1 += a[a1 + p] * w;
                        t2 += a[a2 + p] * w;
                        t3 += a[a3 + p] * w;
                    }
                    int at = cOff + i0 * ldc + j;
                    c[at] = alpha * t0 + (beta == 0f ? 0f : beta * c[at]);
                    if (rows > 1) {
                        c[at + ldc] = alpha * t1 + (beta == 0f ? 0f : beta * c[at + ldc]);
                    }
                    if (rows > 2) {
                        c[at + 2 * ldc] = alpha * t2 + (beta == 0f ? 0f : beta * c[at + 2 * ldc]);
                    }
                    if (rows > 3) {
                        c[at + 3 * ldc] = alpha * t3 + (beta == 0f ? 0f : beta * c[at + 3 * ldc]);
                    }
                }
            }
        }
    }

    /** Rotations by L/2, L/4, …, 1 lanes, for {@link #laneSum}. */
    private static final VectorShuffle<Float>[] HALVES = halves();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] halves() {
        int steps = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] h = new VectorShuffle[steps];
        for (int s = 0; s < steps; s++) {
            int by = L >> (s + 1);
            h[s] = VectorShuffle.fromOp(SPECIES, i -> (i + by) & (L - 1));
        }
        return h;
    }

    /**
     * The sum of the lanes by a fixed pairwise tree. {@code reduceLanes(ADD)} is not used: its order differs between
     * the compiled intrinsic and the fallback, so a result would depend on JIT timing (see RowOps).
     */
    private static float laneSum(FloatVector v) {
        for (VectorShuffle<Float> h : HALVES) {
            v = v.add(v.rearrange(h));
        }
        return v.lane(0);
    }

    /** Rows [i0, i1) and columns [j0, j1) of C on the calling thread. */
    private static void serial(Shape shape, boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                               float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        if (k == 0 || alpha == 0f) {
            scale(i0, i1, j0, j1, beta, c, cOff, ldc, shape == Shape.LOWER_C);
            return;
        }
        float[][] buffers = BUFFERS.get();
        float[] ap = buffers[0];
        float[] bp = buffers[1];
        float[] tile = buffers[2];
        // Equal k-blocks (600 = 1 × 600 rather than 512 + 88): a short last block costs a full pass over C.
        int kStep = (k + (k + KC - 1) / KC - 1) / ((k + KC - 1) / KC);
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            // In LOWER_C, rows above this column panel have no tile on or below the diagonal.
            int rowStart = shape == Shape.LOWER_C ? Math.max(i0, jc / MR * MR) : i0;
            if (rowStart >= i1) {
                continue;
            }
            for (int pc = 0; pc < k; pc += kStep) {
                int kc = Math.min(kStep, k - pc);
                // In LOWER_A, rows before pc read only zeros from this k-block.
                int rowFrom = shape == Shape.LOWER_A ? Math.max(rowStart, pc / MR * MR) : rowStart;
                if (rowFrom >= i1) {
                    continue;
                }
                packB(transB, b, bOff, ldb, pc, jc, kc, nc, bp);
                for (int ic = rowFrom; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(shape, transA, a, aOff, lda, ic, pc, mc, kc, ap);
                    // Every row sees the first k-block (LOWER_A skips only later ones), so beta is applied exactly once.
                    float betaNow = pc == 0 ? beta : 1f;
                    // The order of the tiles: along each row of C for the 4-row tile (A's sliver stays in L1 while
                    // B's slivers and C's rows are read in address order, which the hardware prefetchers follow; C's
                    // rows are far apart, so walking down a column of tiles met a cache miss at every tile: 10–15%
                    // slower on Zen 3), down each column for the 8-row one (B's sliver in L1, as it was tuned).
                    int rowTiles = (mc + MR - 1) / MR;
                    int colTiles = (nc + NR - 1) / NR;
                    int outer = TILES_ALONG_ROWS ? rowTiles : colTiles;
                    int inner = TILES_ALONG_ROWS ? colTiles : rowTiles;
                    for (int o = 0; o < outer; o++) {
                        for (int t = 0; t < inner; t++) {
                            int ir = (TILES_ALONG_ROWS ? o : t) * MR;
                            int jr = (TILES_ALONG_ROWS ? t : o) * NR;
                            int row = ic + ir;
                            int col = jc + jr;
                            if (shape == Shape.LOWER_C && col > row + MR - 1) {
                                continue;
                            }
                            int mr = Math.min(MR, mc - ir);
                            int nr = Math.min(NR, nc - jr);
                            int aAt = ir * kc;
                            int bAt = jr * kc;
                            int cAt = cOff + row * ldc + col;
                            if (mr == MR && nr == NR) {
                                tile(kc, ap, aAt, bp, bAt, alpha, betaNow, c, cAt, ldc);
                            } else {
                                kernelEdge(kc, ap, aAt, bp, bAt, alpha, betaNow, c, cAt, ldc, mr, nr, tile);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void scale(int i0, int i1, int j0, int j1, float beta, float[] c, int cOff, int ldc, boolean lower) {
        for (int i = i0; i < i1; i++) {
            int end = lower ? Math.min(j1, i + 1) : j1;
            int row = cOff + i * ldc;
            for (int j = j0; j < end; j++) {
                c[row + j] = beta == 0f ? 0f : beta * c[row + j];
            }
        }
    }

    /** Packs op(A)[ic:ic+mc, pc:pc+kc] as MR-row slivers, k-major inside each, zero-padded to MR rows. */
    private static void packA(Shape shape, boolean transA, float[] a, int aOff, int lda, int ic, int pc, int mc, int kc,
                              float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int base = ir * kc;
            int rows = Math.min(MR, mc - ir);
            if (transA) {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int dst = base + p * MR;
                    System.arraycopy(a, src, ap, dst, rows);
                    for (int r = rows; r < MR; r++) {
                        ap[dst + r] = 0f;
                    }
                }
            } else {
                // Columns p < full are valid in all MR rows (in LOWER_A the sliver's first row bounds them): those go
                // through the vector transpose L columns at a time, the rest (and short slivers) one by one below.
                int i0 = ic + ir;
                int full = rows < MR ? 0 : shape == Shape.LOWER_A ? Math.max(0, Math.min(kc, i0 - pc + 1)) : kc;
                int vectorEnd = full / L * L;
                for (int p0 = 0; p0 < vectorEnd; p0 += L) {
                    for (int g = 0; g < MR; g += A_GROUP) {
                        transpose(A_GROUP, a, aOff + (i0 + g) * lda + pc + p0, lda, ap, base + p0 * MR + g,
                                A_GROUP < L ? L : MR);
                    }
                }
                // Row r's columns p ≥ valid[r] read as zero (padding rows, and LOWER_A above the diagonal).
                for (int p0 = vectorEnd; p0 < kc; p0 += 16) {
                    int pEnd = Math.min(kc, p0 + 16);
                    for (int r = 0; r < MR; r++) {
                        int dst = base + r;
                        int i = ic + ir + r;
                        int valid = r >= rows ? 0 : shape == Shape.LOWER_A ? Math.max(0, Math.min(kc, i - pc + 1)) : kc;
                        int src = aOff + i * lda + pc;
                        int copyEnd = Math.min(pEnd, valid);
                        for (int p = p0; p < copyEnd; p++) {
                            ap[dst + p * MR] = a[src + p];
                        }
                        for (int p = Math.max(p0, copyEnd); p < pEnd; p++) {
                            ap[dst + p * MR] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** Packs op(B)[pc:pc+kc, jc:jc+nc] as NR-column slivers, k-major inside each, zero-padded to NR columns. */
    private static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int jc, int kc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int base = jr * kc;
            int cols = Math.min(NR, nc - jr);
            if (transB) {
                for (int j = 0; j < NR; j++) {
                    int dst = base + j;
                    if (j >= cols) {
                        for (int p = 0; p < kc; p++) {
                            bp[dst + p * NR] = 0f;
                        }
                    }
                }
                // A full sliver: L × L blocks through the vector transpose, each of its two vector columns apart.
                int vectorEnd = cols == NR ? kc / L * L : 0;
                for (int p0 = 0; p0 < vectorEnd; p0 += L) {
                    for (int g = 0; g < NR; g += L) {
                        transpose(L, b, bOff + (jc + jr + g) * ldb + pc + p0, ldb, bp, base + p0 * NR + g, NR);
                    }
                }
                // The rest one by one: each source row a cache line (16 values of p) at a time, so the 16×NR target
                // block stays in L1 instead of streaming NR strided passes over the whole sliver.
                for (int p0 = vectorEnd; p0 < kc; p0 += 16) {
                    int pEnd = Math.min(kc, p0 + 16);
                    for (int j = 0; j < cols; j++) {
                        int src = bOff + (jc + jr + j) * ldb + pc;
                        int dst = base + j;
                        for (int p = p0; p < pEnd; p++) {
                            bp[dst + p * NR] = b[src + p];
                        }
                    }
                }
            } else if (cols == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    int dst = base + p * NR;
                    FloatVector.fromArray(SPECIES, b, src).intoArray(bp, dst);
                    FloatVector.fromArray(SPECIES, b, src + L).intoArray(bp, dst + L);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * ldb + jc + jr;
                    int dst = base + p * NR;
                    System.arraycopy(b, src, bp, dst, cols);
                    for (int j = cols; j < NR; j++) {
                        bp[dst + j] = 0f;
                    }
                }
            }
        }
    }

    /** Rows the vector transpose of {@link #packA} takes at a time: all MR of a sliver, or L when MR > L. */
    private static final int A_GROUP = Math.min(MR, L);
    /** Interleaves the low halves of two vectors: lane t takes lane t/2 of the first (t even) or of the second (odd). */
    private static final VectorShuffle<Float> ZIP_LO = VectorShuffle.fromOp(SPECIES, t -> t / 2 + (t % 2) * L);
    /** The same for the high halves: lane t takes lane L/2 + t/2. */
    private static final VectorShuffle<Float> ZIP_HI = VectorShuffle.fromOp(SPECIES, t -> L / 2 + t / 2 + (t % 2) * L);

    /**
     * Transposes g rows of L values (row r at {@code src[at + r·stride]}, g a power of two ≤ L) into column-major
     * order, g values per column: the g·L results are written as g vectors, vector o at {@code dst[to + o·step]}
     * (vector o holds columns o·L/g to (o+1)·L/g − 1). The network is log₂ g rounds of pairing row r with row
     * r + g/2 by {@link #ZIP_LO} and {@link #ZIP_HI} (a perfect shuffle), which is the transpose for every g ≤ L:
     * 2–3 vector permutations a vector instead of a scalar load and store a value (2.3× faster on Zen 3 for the
     * 4 × 8 case). Only moves values, so the packed buffers, and every result, are the same bits as one by one.
     */
    private static void transpose(int g, float[] src, int at, int stride, float[] dst, int to, int step) {
        switch (g) {
            case 2 -> {
                FloatVector r0 = FloatVector.fromArray(SPECIES, src, at);
                FloatVector r1 = FloatVector.fromArray(SPECIES, src, at + stride);
                r0.rearrange(ZIP_LO, r1).intoArray(dst, to);
                r0.rearrange(ZIP_HI, r1).intoArray(dst, to + step);
            }
            case 4 -> {
                FloatVector r0 = FloatVector.fromArray(SPECIES, src, at);
                FloatVector r1 = FloatVector.fromArray(SPECIES, src, at + stride);
                FloatVector r2 = FloatVector.fromArray(SPECIES, src, at + 2 * stride);
                FloatVector r3 = FloatVector.fromArray(SPECIES, src, at + 3 * stride);
                FloatVector s0 = r0.rearrange(ZIP_LO, r2);
                FloatVector s1 = r0.rearrange(ZIP_HI, r2);
                FloatVector s2 = r1.rearrange(ZIP_LO, r3);
                FloatVector s3 = r1.rearrange(ZIP_HI, r3);
                s0.rearrange(ZIP_LO, s2).intoArray(dst, to);
                s0.rearrange(ZIP_HI, s2).intoArray(dst, to + step);
                s1.rearrange(ZIP_LO, s3).intoArray(dst, to + 2 * step);
                s1.rearrange(ZIP_HI, s3).intoArray(dst, to + 3 * step);
            }
            case 8 -> transpose8(src, at, stride, dst, to, step);
            case 16 -> transpose16(src, at, stride, dst, to, step);
            default -> throw new IllegalStateException("no vector transpose of " + g + " rows");
        }
    }

    private static void transpose8(float[] src, int at, int stride, float[] dst, int to, int step) {
        FloatVector r0 = FloatVector.fromArray(SPECIES, src, at);
        FloatVector r1 = FloatVector.fromArray(SPECIES, src, at + stride);
        FloatVector r2 = FloatVector.fromArray(SPECIES, src, at + 2 * stride);
        FloatVector r3 = FloatVector.fromArray(SPECIES, src, at + 3 * stride);
        FloatVector r4 = FloatVector.fromArray(SPECIES, src, at + 4 * stride);
        FloatVector r5 = FloatVector.fromArray(SPECIES, src, at + 5 * stride);
        FloatVector r6 = FloatVector.fromArray(SPECIES, src, at + 6 * stride);
        FloatVector r7 = FloatVector.fromArray(SPECIES, src, at + 7 * stride);
        FloatVector s0 = r0.rearrange(ZIP_LO, r4);
        FloatVector s1 = r0.rearrange(ZIP_HI, r4);
        FloatVector s2 = r1.rearrange(ZIP_LO, r5);
        FloatVector s3 = r1.rearrange(ZIP_HI, r5);
        FloatVector s4 = r2.rearrange(ZIP_LO, r6);
        FloatVector s5 = r2.rearrange(ZIP_HI, r6);
        FloatVector s6 = r3.rearrange(ZIP_LO, r7);
        FloatVector s7 = r3.rearrange(ZIP_HI, r7);
        FloatVector t0 = s0.rearrange(ZIP_LO, s4);
        FloatVector t1 = s0.rearrange(ZIP_HI, s4);
        FloatVector t2 = s1.rearrange(ZIP_LO, s5);
        FloatVector t3 = s1.rearrange(ZIP_HI, s5);
        FloatVector t4 = s2.rearrange(ZIP_LO, s6);
        FloatVector t5 = s2.rearrange(ZIP_HI, s6);
        FloatVector t6 = s3.rearrange(ZIP_LO, s7);
        FloatVector t7 = s3.rearrange(ZIP_HI, s7);
        t0.rearrange(ZIP_LO, t4).intoArray(dst, to);
        t0.rearrange(ZIP_HI, t4).intoArray(dst, to + step);
        t1.rearrange(ZIP_LO, t5).intoArray(dst, to + 2 * step);
        t1.rearrange(ZIP_HI, t5).intoArray(dst, to + 3 * step);
        t2.rearrange(ZIP_LO, t6).intoArray(dst, to + 4 * step);
        t2.rearrange(ZIP_HI, t6).intoArray(dst, to + 5 * step);
        t3.rearrange(ZIP_LO, t7).intoArray(dst, to + 6 * step);
        t3.rearrange(ZIP_HI, t7).intoArray(dst, to + 7 * step);
    }

    /** Sixteen rows: B's slivers with 512-bit vectors. */
    private static void transpose16(float[] src, int at, int stride, float[] dst, int to, int step) {
        FloatVector r0 = FloatVector.fromArray(SPECIES, src, at);
        FloatVector r1 = FloatVector.fromArray(SPECIES, src, at + stride);
        FloatVector r2 = FloatVector.fromArray(SPECIES, src, at + 2 * stride);
        FloatVector r3 = FloatVector.fromArray(SPECIES, src, at + 3 * stride);
        FloatVector r4 = FloatVector.fromArray(SPECIES, src, at + 4 * stride);
        FloatVector r5 = FloatVector.fromArray(SPECIES, src, at + 5 * stride);
        FloatVector r6 = FloatVector.fromArray(SPECIES, src, at + 6 * stride);
        FloatVector r7 = FloatVector.fromArray(SPECIES, src, at + 7 * stride);
        FloatVector r8 = FloatVector.fromArray(SPECIES, src, at + 8 * stride);
        FloatVector r9 = FloatVector.fromArray(SPECIES, src, at + 9 * stride);
        FloatVector r10 = FloatVector.fromArray(SPECIES, src, at + 10 * stride);
        FloatVector r11 = FloatVector.fromArray(SPECIES, src, at + 11 * stride);
        FloatVector r12 = FloatVector.fromArray(SPECIES, src, at + 12 * stride);
        FloatVector r13 = FloatVector.fromArray(SPECIES, src, at + 13 * stride);
        FloatVector r14 = FloatVector.fromArray(SPECIES, src, at + 14 * stride);
        FloatVector r15 = FloatVector.fromArray(SPECIES, src, at + 15 * stride);
        FloatVector s0 = r0.rearrange(ZIP_LO, r8);
        FloatVector s1 = r0.rearrange(ZIP_HI, r8);
        FloatVector s2 = r1.rearrange(ZIP_LO, r9);
        FloatVector s3 = r1.rearrange(ZIP_HI, r9);
        FloatVector s4 = r2.rearrange(ZIP_LO, r10);
        FloatVector s5 = r2.rearrange(ZIP_HI, r10);
        FloatVector s6 = r3.rearrange(ZIP_LO, r11);
        FloatVector s7 = r3.rearrange(ZIP_HI, r11);
        FloatVector s8 = r4.rearrange(ZIP_LO, r12);
        FloatVector s9 = r4.rearrange(ZIP_HI, r12);
        FloatVector s10 = r5.rearrange(ZIP_LO, r13);
        FloatVector s11 = r5.rearrange(ZIP_HI, r13);
        FloatVector s12 = r6.rearrange(ZIP_LO, r14);
        FloatVector s13 = r6.rearrange(ZIP_HI, r14);
        FloatVector s14 = r7.rearrange(ZIP_LO, r15);
        FloatVector s15 = r7.rearrange(ZIP_HI, r15);
        FloatVector t0 = s0.rearrange(ZIP_LO, s8);
        FloatVector t1 = s0.rearrange(ZIP_HI, s8);
        FloatVector t2 = s1.rearrange(ZIP_LO, s9);
        FloatVector t3 = s1.rearrange(ZIP_HI, s9);
        FloatVector t4 = s2.rearrange(ZIP_LO, s10);
        FloatVector t5 = s2.rearrange(ZIP_HI, s10);
        FloatVector t6 = s3.rearrange(ZIP_LO, s11);
        FloatVector t7 = s3.rearrange(ZIP_HI, s11);
        FloatVector t8 = s4.rearrange(ZIP_LO, s12);
        FloatVector t9 = s4.rearrange(ZIP_HI, s12);
        FloatVector t10 = s5.rearrange(ZIP_LO, s13);
        FloatVector t11 = s5.rearrange(ZIP_HI, s13);
        FloatVector t12 = s6.rearrange(ZIP_LO, s14);
        FloatVector t13 = s6.rearrange(ZIP_HI, s14);
        FloatVector t14 = s7.rearrange(ZIP_LO, s15);
        FloatVector t15 = s7.rearrange(ZIP_HI, s15);
        FloatVector u0 = t0.rearrange(ZIP_LO, t8);
        FloatVector u1 = t0.rearrange(ZIP_HI, t8);
        FloatVector u2 = t1.rearrange(ZIP_LO, t9);
        FloatVector u3 = t1.rearrange(ZIP_HI, t9);
        FloatVector u4 = t2.rearrange(ZIP_LO, t10);
        FloatVector u5 = t2.rearrange(ZIP_HI, t10);
        FloatVector u6 = t3.rearrange(ZIP_LO, t11);
        FloatVector u7 = t3.rearrange(ZIP_HI, t11);
        FloatVector u8 = t4.rearrange(ZIP_LO, t12);
        FloatVector u9 = t4.rearrange(ZIP_HI, t12);
        FloatVector u10 = t5.rearrange(ZIP_LO, t13);
        FloatVector u11 = t5.rearrange(ZIP_HI, t13);
        FloatVector u12 = t6.rearrange(ZIP_LO, t14);
        FloatVector u13 = t6.rearrange(ZIP_HI, t14);
        FloatVector u14 = t7.rearrange(ZIP_LO, t15);
        FloatVector u15 = t7.rearrange(ZIP_HI, t15);
        u0.rearrange(ZIP_LO, u8).intoArray(dst, to);
        u0.rearrange(ZIP_HI, u8).intoArray(dst, to + step);
        u1.rearrange(ZIP_LO, u9).intoArray(dst, to + 2 * step);
        u1.rearrange(ZIP_HI, u9).intoArray(dst, to + 3 * step);
        u2.rearrange(ZIP_LO, u10).intoArray(dst, to + 4 * step);
        u2.rearrange(ZIP_HI, u10).intoArray(dst, to + 5 * step);
        u3.rearrange(ZIP_LO, u11).intoArray(dst, to + 6 * step);
        u3.rearrange(ZIP_HI, u11).intoArray(dst, to + 7 * step);
        u4.rearrange(ZIP_LO, u12).intoArray(dst, to + 8 * step);
        u4.rearrange(ZIP_HI, u12).intoArray(dst, to + 9 * step);
        u5.rearrange(ZIP_LO, u13).intoArray(dst, to + 10 * step);
        u5.rearrange(ZIP_HI, u13).intoArray(dst, to + 11 * step);
        u6.rearrange(ZIP_LO, u14).intoArray(dst, to + 12 * step);
        u6.rearrange(ZIP_HI, u14).intoArray(dst, to + 13 * step);
        u7.rearrange(ZIP_LO, u15).intoArray(dst, to + 14 * step);
        u7.rearrange(ZIP_HI, u15).intoArray(dst, to + 15 * step);
    }

    /** One full MR×NR micro-tile with the kernel of the chosen shape (constants, so C2 keeps one branch). */
    private static void tile(int kc, float[] ap, int aAt, float[] bp, int bAt, float alpha, float beta,
                             float[] c, int cAt, int ldc) {
        if (MR == 8) {
            kernel(kc, ap, aAt, bp, bAt, alpha, beta, c, cAt, ldc);
        } else {
            kernel4x2(kc, ap, aAt, bp, bAt, alpha, beta, c, cAt, ldc);
        }
    }

    /** The 8 × 2-vector micro-tile: 16 accumulators stay in registers across the k loop (32 vector registers). */
    private static void kernel(int kc, float[] ap, int aAt, float[] bp, int bAt, float alpha, float beta,
                               float[] c, int cAt, int ldc) {
        FloatVector c0a = FloatVector.zero(SPECIES), c0b = FloatVector.zero(SPECIES);
        FloatVector c1a = FloatVector.zero(SPECIES), c1b = FloatVector.zero(SPECIES);
        FloatVector c2a = FloatVector.zero(SPECIES), c2b = FloatVector.zero(SPECIES);
        FloatVector c3a = FloatVector.zero(SPECIES), c3b = FloatVector.zero(SPECIES);
        FloatVector c4a = FloatVector.zero(SPECIES), c4b = FloatVector.zero(SPECIES);
        FloatVector c5a = FloatVector.zero(SPECIES), c5b = FloatVector.zero(SPECIES);
        FloatVector c6a = FloatVector.zero(SPECIES), c6b = FloatVector.zero(SPECIES);
        FloatVector c7a = FloatVector.zero(SPECIES), c7b = FloatVector.zero(SPECIES);
        int ai = aAt;
        int bi = bAt;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
            FloatVector x = FloatVector.broadcast(SPECIES, ap[ai]);
            c0a = b0.fma(x, c0a);
            c0b = b1.fma(x, c0b);
            x = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c1a = b0.fma(x, c1a);
            c1b = b1.fma(x, c1b);
            x = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c2a = b0.fma(x, c2a);
            c2b = b1.fma(x, c2b);
            x = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c3a = b0.fma(x, c3a);
            c3b = b1.fma(x, c3b);
            x = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c4a = b0.fma(x, c4a);
            c4b = b1.fma(x, c4b);
            x = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c5a = b0.fma(x, c5a);
            c5b = b1.fma(x, c5b);
            x = FloatVector.broadcast(SPECIES, ap[ai + 6]);
            c6a = b0.fma(x, c6a);
            c6b = b1.fma(x, c6b);
            x = FloatVector.broadcast(SPECIES, ap[ai + 7]);
            c7a = b0.fma(x, c7a);
            c7b = b1.fma(x, c7b);
        }
        // Written out rather than through a helper: a call here would exceed C2's inlining budget and box the
        // accumulators.
        FloatVector av = FloatVector.broadcast(SPECIES, alpha);
        int r1 = cAt + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        if (beta == 0f) {
            c0a.mul(av).intoArray(c, cAt);
            c0b.mul(av).intoArray(c, cAt + L);
            c1a.mul(av).intoArray(c, r1);
            c1b.mul(av).intoArray(c, r1 + L);
            c2a.mul(av).intoArray(c, r2);
            c2b.mul(av).intoArray(c, r2 + L);
            c3a.mul(av).intoArray(c, r3);
            c3b.mul(av).intoArray(c, r3 + L);
            c4a.mul(av).intoArray(c, r4);
            c4b.mul(av).intoArray(c, r4 + L);
            c5a.mul(av).intoArray(c, r5);
            c5b.mul(av).intoArray(c, r5 + L);
            c6a.mul(av).intoArray(c, r6);
            c6b.mul(av).intoArray(c, r6 + L);
            c7a.mul(av).intoArray(c, r7);
            c7b.mul(av).intoArray(c, r7 + L);
        } else {
            FloatVector bv = FloatVector.broadcast(SPECIES, beta);
            c0a.fma(av, FloatVector.fromArray(SPECIES, c, cAt).mul(bv)).intoArray(c, cAt);
            c0b.fma(av, FloatVector.fromArray(SPECIES, c, cAt + L).mul(bv)).intoArray(c, cAt + L);
            c1a.fma(av, FloatVector.fromArray(SPECIES, c, r1).mul(bv)).intoArray(c, r1);
            c1b.fma(av, FloatVector.fromArray(SPECIES, c, r1 + L).mul(bv)).intoArray(c, r1 + L);
            c2a.fma(av, FloatVector.fromArray(SPECIES, c, r2).mul(bv)).intoArray(c, r2);
            c2b.fma(av, FloatVector.fromArray(SPECIES, c, r2 + L).mul(bv)).intoArray(c, r2 + L);
            c3a.fma(av, FloatVector.fromArray(SPECIES, c, r3).mul(bv)).intoArray(c, r3);
            c3b.fma(av, FloatVector.fromArray(SPECIES, c, r3 + L).mul(bv)).intoArray(c, r3 + L);
            c4a.fma(av, FloatVector.fromArray(SPECIES, c, r4).mul(bv)).intoArray(c, r4);
            c4b.fma(av, FloatVector.fromArray(SPECIES, c, r4 + L).mul(bv)).intoArray(c, r4 + L);
            c5a.fma(av, FloatVector.fromArray(SPECIES, c, r5).mul(bv)).intoArray(c, r5);
            c5b.fma(av, FloatVector.fromArray(SPECIES, c, r5 + L).mul(bv)).intoArray(c, r5 + L);
            c6a.fma(av, FloatVector.fromArray(SPECIES, c, r6).mul(bv)).intoArray(c, r6);
            c6b.fma(av, FloatVector.fromArray(SPECIES, c, r6 + L).mul(bv)).intoArray(c, r6 + L);
            c7a.fma(av, FloatVector.fromArray(SPECIES, c, r7).mul(bv)).intoArray(c, r7);
            c7b.fma(av, FloatVector.fromArray(SPECIES, c, r7 + L).mul(bv)).intoArray(c, r7 + L);
        }
    }

    /**
     * The 4 × 2-vector micro-tile for 16 registers: 8 accumulators, and the 4 broadcasts and 2 B vectors of one step
     * all live at once, which is how C2 schedules the step (every load first). Wider tiles (6 × 2, 4 × 3) fit 16
     * registers only if the loads are interleaved with the FMAs, which C2 does not do: they spill (docs/performance.md).
     */
    private static void kernel4x2(int kc, float[] ap, int aAt, float[] bp, int bAt, float alpha, float beta,
                                  float[] c, int cAt, int ldc) {
        FloatVector c0a = FloatVector.zero(SPECIES), c0b = FloatVector.zero(SPECIES);
        FloatVector c1a = FloatVector.zero(SPECIES), c1b = FloatVector.zero(SPECIES);
        FloatVector c2a = FloatVector.zero(SPECIES), c2b = FloatVector.zero(SPECIES);
        FloatVector c3a = FloatVector.zero(SPECIES), c3b = FloatVector.zero(SPECIES);
        int ai = aAt;
        int bi = bAt;
        for (int p = 0; p < kc; p++, ai += 4, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
            FloatVector x = FloatVector.broadcast(SPECIES, ap[ai]);
            c0a = b0.fma(x, c0a);
            c0b = b1.fma(x, c0b);
            x = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c1a = b0.fma(x, c1a);
            c1b = b1.fma(x, c1b);
            x = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c2a = b0.fma(x, c2a);
            c2b = b1.fma(x, c2b);
            x = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c3a = b0.fma(x, c3a);
            c3b = b1.fma(x, c3b);
        }
        FloatVector av = FloatVector.broadcast(SPECIES, alpha);
        int r1 = cAt + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        if (beta == 0f) {
            c0a.mul(av).intoArray(c, cAt);
            c0b.mul(av).intoArray(c, cAt + L);
            c1a.mul(av).intoArray(c, r1);
            c1b.mul(av).intoArray(c, r1 + L);
            c2a.mul(av).intoArray(c, r2);
            c2b.mul(av).intoArray(c, r2 + L);
            c3a.mul(av).intoArray(c, r3);
            c3b.mul(av).intoArray(c, r3 + L);
        } else {
            FloatVector bv = FloatVector.broadcast(SPECIES, beta);
            c0a.fma(av, FloatVector.fromArray(SPECIES, c, cAt).mul(bv)).intoArray(c, cAt);
            c0b.fma(av, FloatVector.fromArray(SPECIES, c, cAt + L).mul(bv)).intoArray(c, cAt + L);
            c1a.fma(av, FloatVector.fromArray(SPECIES, c, r1).mul(bv)).intoArray(c, r1);
            c1b.fma(av, FloatVector.fromArray(SPECIES, c, r1 + L).mul(bv)).intoArray(c, r1 + L);
            c2a.fma(av, FloatVector.fromArray(SPECIES, c, r2).mul(bv)).intoArray(c, r2);
            c2b.fma(av, FloatVector.fromArray(SPECIES, c, r2 + L).mul(bv)).intoArray(c, r2 + L);
            c3a.fma(av, FloatVector.fromArray(SPECIES, c, r3).mul(bv)).intoArray(c, r3);
            c3b.fma(av, FloatVector.fromArray(SPECIES, c, r3 + L).mul(bv)).intoArray(c, r3 + L);
        }
    }

    /** A partial tile at the right or bottom edge: accumulate a full tile into a buffer, write the valid part. */
    private static void kernelEdge(int kc, float[] ap, int aAt, float[] bp, int bAt, float alpha, float beta,
                                   float[] c, int cAt, int ldc, int mr, int nr, float[] tile) {
        java.util.Arrays.fill(tile, 0f);
        tile(kc, ap, aAt, bp, bAt, 1f, 1f, tile, 0, NR);
        for (int r = 0; r < mr; r++) {
            int row = cAt + r * ldc;
            for (int j = 0; j < nr; j++) {
                float v = alpha * tile[r * NR + j];
                c[row + j] = beta == 0f ? v : v + beta * c[row + j];
            }
        }
    }
}
