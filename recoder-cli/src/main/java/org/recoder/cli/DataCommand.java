package org.recoder.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.EventLog;
import org.recoder.data.Interactions;
import org.recoder.data.fetch.DatasetRegistry;
import org.recoder.data.fetch.DatasetSource;
import org.recoder.data.fetch.Downloader;
import org.recoder.io.AtomicFiles;
import org.recoder.io.Json;
import org.recoder.synth.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch, inspect, generate and convert datasets.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Stats.class, DataCommand.Synth.class, DataCommand.Convert.class})
final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true, description = "Download a dataset into the cache, resuming and verifying its checksum.")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", description = "Dataset: ml-100k, ml-1m, ml-10m, ml-20m, ml-25m, ml-latest-small.")
        String name;

        @Option(names = "--cache", description = "Cache directory. Default: $RECODER_CACHE or ~/.cache/recoder.")
        Path cache;

        @Option(names = "--url", description = "Download from this URL instead (a mirror); the registry's checksum still applies.")
        String url;

        @Option(names = "--sha256", description = "Require this SHA-256 of the archive.")
        String sha256;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            DatasetSource s = DatasetRegistry.builtIn().get(name);
            if (url != null || sha256 != null) {
                s = new DatasetSource(s.name(), url != null ? java.net.URI.create(url) : s.uri(), sha256 != null ? sha256 : s.sha256(),
                        s.md5(), s.format(), s.mainFile());
            }
            Downloader d = new Downloader(cache != null ? cache : Downloader.defaultCache());
            Downloader.Result r;
            if (System.console() != null && !json) {
                try (ProgressBar pb = new ProgressBarBuilder().setTaskName(name).setUnit(" MB", 1 << 20).build()) {
                    r = d.fetch(s, pb::stepTo);
                }
            } else {
                r = d.fetch(s, null);
            }
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.compact(Map.of("dataset", name, "archive", r.archive().toString(), "directory", r.directory().toString(),
                        "main_file", String.valueOf(r.mainFile()), "sha256", r.sha256(), "downloaded", r.downloaded(), "verified", r.verified())));
            } else {
                out.println((r.downloaded() ? "downloaded " : "cached ") + r.archive());
                out.println("sha256 " + r.sha256() + (r.verified() ? " (checksum verified)" : " (WARNING: no checksum pinned for " + name + "; unverified)"));
                out.println("data in " + r.directory() + (s.format() != null ? "; read with --format " + s.format() + " --input " + r.mainFile() : ""));
            }
            return 0;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Users, items, events, density and degree quantiles.")
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", description = "Dataset file (or use --input).")
        String file;

        @Mixin
        InputOptions in;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            InputOptions opts = in.withInput(file);
            long t0 = System.nanoTime();
            EventLog log = opts.events();
            Interactions x = log.toInteractions(DuplicatePolicy.parse(opts.duplicates));
            double secs = (System.nanoTime() - t0) / 1e9;
            Map<String, Object> m = stats(log, x);
            m.put("read_seconds", round(secs));
            var out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.compact(m));
                return 0;
            }
            out.printf(Locale.ROOT, "events     %,d (%,d distinct user-item pairs)%n", log.size(), x.nnz());
            out.printf(Locale.ROOT, "users      %,d%nitems      %,d%ndensity    %.4f%%%n", x.numUsers(), x.numItems(), 100 * (double) m.get("density"));
            out.printf(Locale.ROOT, "user degree quantiles %s%nitem degree quantiles %s%n", m.get("user_degree"), m.get("item_degree"));
            out.printf(Locale.ROOT, "values     %s%n", m.get("values"));
            out.printf(Locale.ROOT, "read in %.2f s%n", secs);
            return 0;
        }

        static Map<String, Object> stats(EventLog log, Interactions x) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("events", log.size());
            m.put("pairs", x.nnz());
            m.put("users", x.numUsers());
            m.put("items", x.numItems());
            m.put("density", x.nnz() / ((double) x.numUsers() * x.numItems()));
            int[] ud = new int[x.numUsers()];
            for (int u = 0; u < ud.length; u++) {
                ud[u] = x.degree(u);
            }
            m.put("user_degree", quantiles(ud));
            m.put("item_degree", quantiles(x.itemDegrees()));
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : log.value()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            m.put("values", Map.of("min", min, "max", max));
            m.put("has_times", log.hasTimes());
            return m;
        }

        static Map<String, Integer> quantiles(int[] d) {
            int[] s = d.clone();
            Arrays.sort(s);
            Map<String, Integer> q = new LinkedHashMap<>();
            for (double p : new double[] {0, 0.25, 0.5, 0.75, 0.9, 0.99, 1}) {
                q.put(p == 0 ? "min" : p == 1 ? "max" : "p" + Math.round(p * 100), s.length == 0 ? 0 : s[(int) Math.round(p * (s.length - 1))]);
            }
            return q;
        }
    }

    @Command(name = "synth", mixinStandardHelpOptions = true, description = "Generate a synthetic dataset with planted structure as ratings.csv (userId,movieId,rating,timestamp).")
    static final class Synth implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--preset", defaultValue = "small", description = "small, ml-20m, netflix or msd. Default: ${DEFAULT-VALUE}.")
        String preset;

        @Option(names = "--seed", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--out", required = true, description = "Output CSV (read it back with --format ml-20m).")
        Path out;

        @Override
        public Integer call() {
            EventLog log = SyntheticData.preset(preset).generate(seed);
            writeRatingsCsv(log, out);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %,d events (%,d users × %,d items) to %s%n", log.size(),
                    log.users().size(), log.items().size(), out);
            return 0;
        }
    }

    /** Writes a log in the MovieLens ratings.csv layout, atomically. */
    static void writeRatingsCsv(EventLog log, Path file) {
        AtomicFiles.write(file, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            w.write("userId,movieId,rating,timestamp\n");
            StringBuilder sb = new StringBuilder();
            for (int p = 0; p < log.size(); p++) {
                sb.setLength(0);
                String u = log.users().id(log.user()[p]);
                String i = log.items().id(log.item()[p]);
                sb.append(u, 1, u.length()).append(',').append(i, 1, i.length()).append(',').append(log.value()[p]).append(',')
                        .append(log.hasTimes() ? log.times()[p] / 1000 : 0).append('\n');
                w.append(sb);
            }
            w.flush();
        });
    }

    @Command(name = "convert", mixinStandardHelpOptions = true, description = "Convert any supported dataset to TSV (user, item, value[, time]) with duplicates folded.")
    static final class Convert implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        InputOptions in;

        @Option(names = "--out", required = true, description = "Output TSV.")
        Path out;

        @Override
        public Integer call() {
            Interactions x = in.interactions();
            AtomicFiles.write(out, os -> {
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
                org.recoder.protocol.SplitIO.writeTsv(w, x);
                w.flush();
            });
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %,d entries (%,d users × %,d items) to %s%n", x.nnz(),
                    x.numUsers(), x.numItems(), out);
            return 0;
        }
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
