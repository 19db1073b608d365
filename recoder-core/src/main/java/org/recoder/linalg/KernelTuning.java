package org.recoder.linalg;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dense kernels need to know about the machine, read once: the vector width the JVM gives the Vector API,
 * how many vector registers compiled code may use, and the L2 size; and the micro-tile and blocking chosen from them.
 *
 * <p><b>Tile.</b> C2 schedules every load of a micro-kernel step (the broadcasts of A and the vectors of B) ahead of
 * the FMAs, so a tile of r rows × v vectors needs r·v accumulators plus r + v registers at once. With 32 vector
 * registers (AVX-512, AArch64) the 8 × 2 tile (16 + 10) fits; with 16 (AVX2, SSE) it spills, and so do the textbook
 * AVX2 tiles 6 × 2 and 4 × 3 (12 + 8, 12 + 7), while 4 × 2 (8 + 6) fits. Measured on a Zen 3 (AVX2) core with the
 * operands in L1, best of 8: 4 × 2 at 81–92 GFLOP/s against 35–38 for 6 × 2 and 43–46 for 8 × 2 (the FMA peak is
 * ~90); in the full SGEMM at the Mult-VAE shapes the Java/OpenBLAS ratio went from 46–55% (one shape 81%) to 54–87%
 * (docs/performance.md). The register
 * count is read from the JVM's own {@code UseAVX} flag (3 means AVX-512 and 32 registers; {@code -XX:UseAVX=2} on
 * an AVX-512 machine gives 16, as on an AVX2 one), not from the CPU, because that flag is what C2 compiles for.
 *
 * <p><b>Blocking.</b> KC is 3 KB of a packed row whatever the element size (768 floats: the B sliver streams from
 * L2, which measured better than smaller KC that keep it in L1 but reread C once per k-block), MC the rows of A whose
 * MC × KC block fits half of L2, at most 96, and NC 2,048.
 *
 * <p><b>Order.</b> The 4-row tile walks along C's rows, the 8-row one down its columns (as each was measured,
 * docs/performance.md); the order changes only which tile is computed when, never the sums inside one.
 *
 * <p>The system properties {@code recoder.gemm.tile} ({@code 8x2} or {@code 4x2}, rows × vectors), {@code
 * recoder.gemm.order} ({@code rows} or {@code columns}), {@code recoder.gemm.mc}, {@code .kc} and {@code .nc}
 * override each choice, for tuning and for the tests, which run every tile at every vector width and each tile in
 * both orders.
 */
public final class KernelTuning {
    /** Vector registers the compiled code can use. */
    public static final int VECTOR_REGISTERS = vectorRegisters();
    /** L2 cache per core in bytes (512 KiB if it cannot be read). */
    public static final long L2 = cacheBytes(2, 512 << 10);

    private KernelTuning() {
    }

    /** Micro-tile rows: 8 with 32 vector registers, 4 with 16, unless {@code recoder.gemm.tile} says. */
    static int tileRows() {
        String s = System.getProperty("recoder.gemm.tile");
        if (s == null || s.isBlank()) {
            return VECTOR_REGISTERS >= 32 ? 8 : 4;
        }
        return switch (s.trim()) {
            case "8x2" -> 8;
            case "4x2" -> 4;
            default -> throw new IllegalArgumentException("recoder.gemm.tile must be 8x2 or 4x2 (rows x vectors), not " + s);
        };
    }

    /**
     * Whether the tile loop walks along C's rows (the 4-row tile) or down its columns (the 8-row one), unless {@code
     * recoder.gemm.order} says {@code rows} or {@code columns}.
     */
    static boolean tilesAlongRows(int mr) {
        String s = System.getProperty("recoder.gemm.order");
        if (s == null || s.isBlank()) {
            return mr == 4;
        }
        return switch (s.trim()) {
            case "rows" -> true;
            case "columns" -> false;
            default -> throw new IllegalArgumentException("recoder.gemm.order must be rows or columns, not " + s);
        };
    }

    /** KC in elements of {@code bytes} each: 3 KB of a packed row, unless {@code recoder.gemm.kc} says. */
    static int kc(int bytes) {
        return Integer.getInteger("recoder.gemm.kc", 3072 / bytes);
    }

    /** MC: an MC × KC block of A in half of L2, at most 96 rows and at least 4 tiles, a multiple of {@code mr}. */
    static int mc(int mr, int kc, int bytes) {
        Integer set = Integer.getInteger("recoder.gemm.mc");
        long rows = set != null ? set : Math.max(4L * mr, Math.min(96, L2 / 2 / ((long) kc * bytes)));
        return (int) Math.max(mr, rows / mr * mr);
    }

    /** NC, the columns of a packed B panel: 2,048 unless {@code recoder.gemm.nc} says, a multiple of {@code nr}. */
    static int nc(int nr) {
        return Math.max(nr, Integer.getInteger("recoder.gemm.nc", 2048) / nr * nr);
    }

    /** The machine facts and the choices, for provenance and benchmark reports. */
    public static Map<String, Object> describe() {
        Map<String, Object> m = new TreeMap<>();
        m.put("cpu", cpuModel());
        m.put("vectorBits", Sgemm.SPECIES.vectorBitSize());
        m.put("vectorRegisters", VECTOR_REGISTERS);
        m.put("tile", Sgemm.MR + "x" + Sgemm.NR);
        m.put("order", Sgemm.TILES_ALONG_ROWS ? "rows" : "columns");
        m.put("mc", Sgemm.MC);
        m.put("kc", Sgemm.KC);
        m.put("nc", Sgemm.NC);
        m.put("l2", L2);
        return m;
    }

    /** One line: CPU model, vector width, registers, tile and blocking. */
    public static String summary() {
        return String.format(Locale.ROOT, "%s; Vector API %d-bit (%d floats), %d vector registers, micro-tile %dx%d "
                        + "along %s, blocking MC %d KC %d NC %d (L2 %d KiB)", cpuModel(), Sgemm.SPECIES.vectorBitSize(),
                Sgemm.L, VECTOR_REGISTERS, Sgemm.MR, Sgemm.NR, Sgemm.TILES_ALONG_ROWS ? "rows" : "columns", Sgemm.MC,
                Sgemm.KC, Sgemm.NC, L2 >> 10);
    }

    private static int vectorRegisters() {
        String arch = System.getProperty("os.arch", "");
        if (arch.equals("aarch64")) {
            return 32;
        }
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            int useAvx = Integer.parseInt(bean.getVMOption("UseAVX").getValue());
            return useAvx >= 3 ? 32 : 16;
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot, or no UseAVX flag on this platform: assume the smaller register file.
            return 16;
        }
    }

    /** The CPU's model name from /proc/cpuinfo, or the architecture where that cannot be read. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall through.
        }
        return System.getProperty("os.arch", "unknown CPU");
    }

    /** A data or unified cache of this level from sysfs, or {@code fallback}. */
    private static long cacheBytes(int level, long fallback) {
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        for (int index = 0; index < 8; index++) {
            Path d = dir.resolve("index" + index);
            try {
                if (!Files.isDirectory(d)) {
                    break;
                }
                int lvl = Integer.parseInt(Files.readString(d.resolve("level")).trim());
                String type = Files.readString(d.resolve("type")).trim();
                if (lvl == level && !type.equals("Instruction")) {
                    String size = Files.readString(d.resolve("size")).trim().toUpperCase(Locale.ROOT);
                    long mult = size.endsWith("K") ? 1024 : size.endsWith("M") ? 1024 * 1024 : 1;
                    String digits = size.replaceAll("[^0-9]", "");
                    return digits.isEmpty() ? fallback : Long.parseLong(digits) * mult;
                }
            } catch (IOException | RuntimeException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
