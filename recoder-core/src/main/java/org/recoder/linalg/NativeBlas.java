package org.recoder.linalg;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An optional OpenBLAS, called through the Foreign Function &amp; Memory API (no JNI, no native jar): SGEMM/DGEMM
 * through CBLAS and the SPD inverse through LAPACK's {@code ?potrf} + {@code ?potri}. Heap arrays are passed to
 * the native code directly (critical downcalls), so nothing is copied.
 *
 * <p>Which path runs is chosen by the system property {@code recoder.blas} (the CLI's {@code --blas}): {@code java}
 * (the default: results do not depend on what the machine has installed, and on this project's machines the Vector
 * API kernels outrun Debian's OpenBLAS 0.3.21, see docs/performance.md), {@code auto} (OpenBLAS when the library
 * loads, otherwise pure Java) or {@code native} (fail if the library is missing). {@code recoder.blas.library} names the shared object; by default {@code libopenblas.so.0} and
 * Debian's {@code /usr/lib/x86_64-linux-gnu/libopenblas.so.0} are tried ({@code apt-get install
 * libopenblas0-pthread}). The pure-Java kernels need none of this and are what CI tests.
 */
public final class NativeBlas {
    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;
    private static final List<String> CANDIDATES = List.of("libopenblas.so.0",
            "/usr/lib/x86_64-linux-gnu/libopenblas.so.0", "/usr/lib64/libopenblas.so.0", "libopenblas.so");

    private static final Optional<NativeBlas> INSTANCE = load();

    private final String library;
    private final MethodHandle sgemm;
    private final MethodHandle dgemm;
    private final MethodHandle spotrf;
    private final MethodHandle spotri;
    private final MethodHandle dpotrf;
    private final MethodHandle dpotri;

    private NativeBlas(String library, SymbolLookup lookup) {
        this.library = library;
        Linker linker = Linker.nativeLinker();
        Linker.Option critical = Linker.Option.critical(true);
        ValueLayout.OfInt i = ValueLayout.JAVA_INT;
        FunctionDescriptor gemmF = FunctionDescriptor.ofVoid(i, i, i, i, i, i, ValueLayout.JAVA_FLOAT,
                ValueLayout.ADDRESS, i, ValueLayout.ADDRESS, i, ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, i);
        FunctionDescriptor gemmD = FunctionDescriptor.ofVoid(i, i, i, i, i, i, ValueLayout.JAVA_DOUBLE,
                ValueLayout.ADDRESS, i, ValueLayout.ADDRESS, i, ValueLayout.JAVA_DOUBLE, ValueLayout.ADDRESS, i);
        // Fortran: (char* uplo, int* n, T* a, int* lda, int* info, size_t uplo_len).
        FunctionDescriptor lapack = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);
        sgemm = linker.downcallHandle(find(lookup, "cblas_sgemm"), gemmF, critical);
        dgemm = linker.downcallHandle(find(lookup, "cblas_dgemm"), gemmD, critical);
        spotrf = linker.downcallHandle(find(lookup, "spotrf_"), lapack, critical);
        spotri = linker.downcallHandle(find(lookup, "spotri_"), lapack, critical);
        dpotrf = linker.downcallHandle(find(lookup, "dpotrf_"), lapack, critical);
        dpotri = linker.downcallHandle(find(lookup, "dpotri_"), lapack, critical);
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("symbol " + name + " not found"));
    }

    private static Optional<NativeBlas> load() {
        String configured = System.getProperty("recoder.blas.library");
        List<String> names = configured == null || configured.isBlank() ? CANDIDATES : List.of(configured);
        for (String name : names) {
            try {
                if (name.startsWith("/") && !Files.exists(Path.of(name))) {
                    continue;
                }
                SymbolLookup lookup = SymbolLookup.libraryLookup(name, Arena.global());
                return Optional.of(new NativeBlas(name, lookup));
            } catch (IllegalArgumentException | IllegalStateException | UnsatisfiedLinkError e) {
                // Not there or not OpenBLAS: try the next name.
            }
        }
        return Optional.empty();
    }

    /** The loaded library, if any (regardless of {@code recoder.blas}). */
    public static Optional<NativeBlas> library() {
        return INSTANCE;
    }

    /** The library to use under the {@code recoder.blas} setting, or empty for the pure-Java kernels. */
    public static Optional<NativeBlas> selected() {
        return select(System.getProperty("recoder.blas", "java"));
    }

    /**
     * The library to use for {@code mode}: {@code java} (empty: the pure-Java kernels), {@code auto} (OpenBLAS when it
     * loads) or {@code native} (OpenBLAS, failing when it is missing). EASE passes its {@code blas} hyperparameter.
     */
    public static Optional<NativeBlas> select(String requested) {
        String mode = requested.trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "auto" -> INSTANCE;
            case "java" -> Optional.empty();
            case "native" -> Optional.of(INSTANCE.orElseThrow(() -> new IllegalStateException(
                    "blas native was asked for but no OpenBLAS was found (tried " + CANDIDATES
                            + "; set recoder.blas.library or apt-get install libopenblas0-pthread)")));
            default -> throw new IllegalArgumentException("blas must be auto, java or native, not " + mode);
        };
    }

    /** The shared object that was loaded. */
    public String libraryName() {
        return library;
    }

    /** Row-major {@code C = alpha·op(A)·op(B) + beta·C} through {@code cblas_sgemm}. */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        try {
            sgemm.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                    MemorySegment.ofArray(a).asSlice(4L * aOff), lda, MemorySegment.ofArray(b).asSlice(4L * bOff), ldb,
                    beta, MemorySegment.ofArray(c).asSlice(4L * cOff), ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Row-major DGEMM through {@code cblas_dgemm}. */
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        try {
            dgemm.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                    MemorySegment.ofArray(a).asSlice(8L * aOff), lda, MemorySegment.ofArray(b).asSlice(8L * bOff), ldb,
                    beta, MemorySegment.ofArray(c).asSlice(8L * cOff), ldc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** As {@link Cholesky#invert(float[], int)}: {@code spotrf} + {@code spotri}, then the upper half mirrored. */
    public void invertSpd(float[] a, int n) {
        lapack(spotrf, spotri, MemorySegment.ofArray(a), n);
        Cholesky.mirrorLower(a, n, 0);
    }

    /** As {@link Cholesky#invert(double[], int)} through {@code dpotrf} + {@code dpotri}. */
    public void invertSpd(double[] a, int n) {
        lapack(dpotrf, dpotri, MemorySegment.ofArray(a), n);
        Cholesky.mirrorLower(a, n, 0);
    }

    private static void lapack(MethodHandle factor, MethodHandle invert, MemorySegment a, int n) {
        try (Arena arena = Arena.ofConfined()) {
            // A row-major lower triangle is LAPACK's column-major upper one.
            MemorySegment uplo = arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 'U');
            MemorySegment order = arena.allocateFrom(ValueLayout.JAVA_INT, n);
            MemorySegment info = arena.allocateFrom(ValueLayout.JAVA_INT, 0);
            factor.invokeExact(uplo, order, a, order, info, 1L);
            int f = info.get(ValueLayout.JAVA_INT, 0);
            if (f > 0) {
                throw new NotPositiveDefiniteException(f - 1, Double.NaN);
            }
            invert.invokeExact(uplo, order, a, order, info, 1L);
            if (info.get(ValueLayout.JAVA_INT, 0) != 0) {
                throw new ArithmeticException("?potri failed with info " + info.get(ValueLayout.JAVA_INT, 0));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
