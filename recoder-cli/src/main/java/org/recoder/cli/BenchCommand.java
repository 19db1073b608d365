package org.recoder.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoder.data.EventLog;
import org.recoder.data.read.DatasetFormat;
import org.recoder.io.Json;
import org.recoder.synth.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "End-to-end benchmarks (not part of the tests).",
        subcommands = {BenchCommand.Read.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Reader throughput on a MovieLens ratings.csv: generated in the ml-20m shape unless --input is given.")
    static final class Read implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--input", description = "An existing ratings.csv to read.")
        Path input;

        @Option(names = "--preset", defaultValue = "ml-20m", description = "Synthetic shape to generate. Default: ${DEFAULT-VALUE}.")
        String preset;

        @Option(names = "--repeats", defaultValue = "3", description = "Timed reads after one warm-up. Default: ${DEFAULT-VALUE}.")
        int repeats;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Path file = input;
            Path tmp = null;
            if (file == null) {
                tmp = Files.createTempFile("recoder-bench", ".csv");
                EventLog gen = SyntheticData.preset(preset).generate(42);
                DataCommand.writeRatingsCsv(gen, tmp);
                file = tmp;
            }
            try {
                long bytes = Files.size(file);
                DatasetFormat.ML_CSV.load(file);
                double best = Double.MAX_VALUE;
                int rows = 0;
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    EventLog log = DatasetFormat.ML_CSV.load(file);
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                    rows = log.size();
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", input == null ? "synthetic " + preset : file.toString());
                m.put("rows", rows);
                m.put("megabytes", Math.round(bytes / 1e5) / 10.0);
                m.put("best_seconds", Math.round(best * 1000) / 1000.0);
                m.put("rows_per_second", Math.round(rows / best));
                m.put("megabytes_per_second", Math.round(bytes / best / 1e5) / 10.0);
                if (json) {
                    spec.commandLine().getOut().println(Json.compact(m));
                } else {
                    spec.commandLine().getOut().printf(Locale.ROOT, "read %,d rows (%.1f MB) in %.3f s (best of %d): %,.0f rows/s, %.1f MB/s%n",
                            rows, bytes / 1e6, best, repeats, rows / best, bytes / best / 1e6);
                }
            } finally {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            }
            return 0;
        }
    }
}
