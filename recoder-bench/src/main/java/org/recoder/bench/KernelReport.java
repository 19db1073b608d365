package org.recoder.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.recoder.linalg.NativeBlas;
import org.recoder.linalg.KernelTuning;

/**
 * Runs the JMH kernel benchmarks (all, or those matching the arguments as JMH include patterns) and prints a
 * table of GFLOP/s with the pure-Java / OpenBLAS ratio from the same run. The forked benchmark JVMs get this JVM's
 * {@code -XX:UseAVX} flag and {@code -Drecoder.*} properties, so {@code java -XX:UseAVX=2 -jar benchmarks.jar}
 * measures the AVX2 path (and prints the tile that path chose) on an AVX-512 machine.
 */
public final class KernelReport {
    private KernelReport() {
    }

    public static void main(String[] args) throws Exception {
        OptionsBuilder b = new OptionsBuilder();
        if (args.length == 0) {
            b.include("org.recoder.bench.*");
        }
        for (String a : args) {
            b.include(a);
        }
        List<String> forwarded = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:UseAVX=") || a.startsWith("-Drecoder.")).toList();
        if (!forwarded.isEmpty()) {
            b.jvmArgsPrepend(forwarded.toArray(String[]::new));
        }
        Options opts = b.build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, Double> gflops = new LinkedHashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            double ms = r.getPrimaryResult().getScore();
            double flops;
            String shape;
            if (bench.contains("GemmBenchmark")) {
                int batch = Integer.parseInt(r.getParams().getParam("batch"));
                flops = 2.0 * batch * GemmBenchmark.HIDDEN * GemmBenchmark.ITEMS;
                shape = method + " batch " + batch;
            } else if (bench.contains("ServingLayerBenchmark")) {
                int rows = Integer.parseInt(r.getParams().getParam("rows"));
                flops = 2.0 * rows * GemmBenchmark.HIDDEN * GemmBenchmark.ITEMS;
                shape = "serving layer " + method + " rows " + rows;
            } else if (bench.contains("SparseBenchmark")) {
                SparseBenchmark s = new SparseBenchmark();
                s.batch = Integer.parseInt(r.getParams().getParam("batch"));
                s.setUp();
                flops = 2.0 * s.nnz() * SparseBenchmark.HIDDEN;
                shape = method + " batch " + s.batch + " (nnz " + s.nnz() + ")";
            } else {
                long n = Long.parseLong(r.getParams().getParam("n"));
                flops = (double) n * n * n;
                shape = method + " n " + n;
            }
            String impl = r.getParams().getParam("impl");
            gflops.put(shape + "|" + (impl == null ? "java" : impl), flops / (ms / 1e3) / 1e9);
        }
        System.out.println();
        System.out.println("Kernels: " + KernelTuning.summary() + "; OpenBLAS: "
                + NativeBlas.library().map(NativeBlas::libraryName).orElse("not installed"));
        System.out.printf(Locale.ROOT, "%-46s %12s %12s %8s%n", "operation", "Java GFLOP/s", "OpenBLAS", "ratio");
        List<String> shapes = new ArrayList<>();
        for (String k : gflops.keySet()) {
            String s = k.substring(0, k.indexOf('|'));
            if (!shapes.contains(s)) {
                shapes.add(s);
            }
        }
        for (String s : shapes) {
            Double java = gflops.get(s + "|java");
            Double nat = gflops.get(s + "|openblas");
            System.out.printf(Locale.ROOT, "%-46s %12s %12s %8s%n", s, fmt(java), fmt(nat),
                    java != null && nat != null ? String.format(Locale.ROOT, "%.0f%%", 100 * java / nat) : "-");
        }
    }

    private static String fmt(Double x) {
        return x == null ? "-" : String.format(Locale.ROOT, "%.1f", x);
    }
}
