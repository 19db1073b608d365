package org.recoder.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoder.api.Capability;
import org.recoder.api.Hyperparameters;
import org.recoder.io.Json;
import org.recoder.io.ModelFile;
import org.recoder.models.family.ModelFamily;
import org.recoder.models.Models;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the model types with what they can do; `models show TYPE` lists a type's hyperparameters; "
                + "`models inspect FILE` describes a saved model without loading its weights.",
        subcommands = {ModelsCommand.Show.class, ModelsCommand.Inspect.class})
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ModelFamily<?> f : Models.FAMILIES) {
            rows.add(summary(f));
        }
        if (json) {
            out.println(Json.compact(rows));
            return 0;
        }
        out.printf(Locale.ROOT, "%-11s %-22s %-27s %s%n", "TYPE", "CAPABILITIES", "PROTOCOLS", "DESCRIPTION");
        for (Map<String, Object> r : rows) {
            out.printf(Locale.ROOT, "%-11s %-22s %-27s %s%n", r.get("type"), String.join(",", strings(r.get("capabilities"))),
                    String.join(",", strings(r.get("protocols"))), r.get("description"));
        }
        out.println();
        out.println("`recoder models show TYPE` lists a type's hyperparameters; set them with `recoder train TYPE --set name=value`.");
        return 0;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return (List<String>) o;
    }

    static Map<String, Object> summary(ModelFamily<?> f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", f.type());
        m.put("description", f.description());
        m.put("capabilities", Arrays.stream(Capability.values()).filter(f.capabilities()::contains).map(Capability::label).toList());
        m.put("protocols", f.protocols().stream().sorted().toList());
        m.put("trains_by_epochs", f.iterative());
        m.put("seeded", f.seeded());
        m.put("training_data", f.preparation().name().toLowerCase(Locale.ROOT));
        return m;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A model type's hyperparameters: name, type, default, description.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", description = "Model type.")
        String type;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        /** Each preset's hyperparameters that differ from the defaults, in the record's order. */
        private static Map<String, Map<String, String>> presetDifferences(ModelFamily<?> f, List<Hyperparameters.Entry> defaults) {
            Map<String, Map<String, String>> out = new java.util.LinkedHashMap<>();
            f.presets().forEach((name, config) -> {
                Map<String, String> diff = new java.util.LinkedHashMap<>();
                List<Hyperparameters.Entry> entries = Hyperparameters.describe(config);
                for (int k = 0; k < entries.size(); k++) {
                    if (!entries.get(k).defaultValue().equals(defaults.get(k).defaultValue())) {
                        diff.put(entries.get(k).name(), entries.get(k).defaultValue());
                    }
                }
                out.put(name, diff);
            });
            return out;
        }

        @Override
        public Integer call() {
            ModelFamily<?> f;
            try {
                f = Models.family(type);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            List<Hyperparameters.Entry> entries = Hyperparameters.describe(f.defaults());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = summary(f);
                m.put("hyperparameters", entries);
                m.put("presets", presetDifferences(f, entries));
                out.println(Json.compact(m));
                return 0;
            }
            out.printf(Locale.ROOT, "%s: %s%n", f.type(), f.description());
            out.printf(Locale.ROOT, "capabilities: %s; protocols: %s%n",
                    String.join(", ", Arrays.stream(Capability.values()).filter(f.capabilities()::contains).map(Capability::label).toList()),
                    String.join(", ", f.protocols().stream().sorted().toList()));
            List<String> run = new ArrayList<>();
            if (f.iterative()) {
                run.add("trained by epochs: --patience, --checkpoint, --validation-metric apply");
            } else if (f.seeded()) {
                run.add("trained for all its epochs, without per-epoch validation: --patience, --checkpoint, --validation-metric do not apply");
            } else {
                run.add("fitted in closed form");
            }
            run.add(f.seeded() ? "--seed applies" : "no randomness: --seed does not apply");
            out.println(String.join("; ", run));
            if (entries.isEmpty()) {
                out.println("no hyperparameters");
                return 0;
            }
            out.println();
            int w = Math.max(4, entries.stream().mapToInt(e -> e.name().length()).max().orElse(4));
            int t = Math.max(4, entries.stream().mapToInt(e -> e.type().length()).max().orElse(4));
            int d = Math.max(7, entries.stream().mapToInt(e -> e.defaultValue().length()).max().orElse(7));
            String fmt = "  %-" + w + "s  %-" + t + "s  %-" + d + "s  %s%n";
            out.printf(Locale.ROOT, fmt, "NAME", "TYPE", "DEFAULT", "DESCRIPTION");
            for (Hyperparameters.Entry e : entries) {
                out.printf(Locale.ROOT, fmt, e.name(), e.type(), e.defaultValue(), e.description());
            }
            out.println();
            Map<String, Map<String, String>> presets = presetDifferences(f, entries);
            presets.forEach((name, diff) -> out.printf(Locale.ROOT, "preset %s: %s%n", name, String.join(" ",
                    diff.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())));
            if (!presets.isEmpty()) {
                out.printf(Locale.ROOT, "start from a preset with: recoder train %s --preset NAME%n", f.type());
            }
            out.printf(Locale.ROOT, "set with: recoder train %s --set NAME=VALUE ...%n", f.type());
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "A saved model's type, hyperparameters, provenance and tensors (names, types, shapes), read from its headers only: the weights are not loaded.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", description = "Model file.")
        Path file;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            ModelFile.Headers h = ModelFile.readHeaders(file);
            JsonNode header = h.header();
            PrintWriter out = spec.commandLine().getOut();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file.toString());
            m.put("bytes", h.fileBytes());
            m.put("format_version", header.path("format_version").asInt());
            m.put("model_type", header.path("model_type").asString());
            m.put("items", header.path("items").size());
            m.put("known_users", header.path("known_users").size());
            m.put("config", header.path("config"));
            m.put("provenance", header.path("provenance"));
            List<Map<String, Object>> tensors = new ArrayList<>();
            h.tensors().forEach((name, t) -> {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("name", name);
                tm.put("dtype", t.dtype());
                tm.put("shape", t.shape());
                tm.put("bytes", t.bytes());
                tensors.add(tm);
            });
            m.put("tensors", tensors);
            if (json) {
                out.println(Json.compact(m));
                return 0;
            }
            out.printf(Locale.ROOT, "%s: %s model, format version %d, %,d bytes%n", file, m.get("model_type"), m.get("format_version"), h.fileBytes());
            out.printf(Locale.ROOT, "items %,d; known users %,d%n", m.get("items"), m.get("known_users"));
            out.println("hyperparameters:");
            for (var e : header.path("config").properties()) {
                out.printf(Locale.ROOT, "  %-16s %s%n", e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
            }
            out.println("provenance:");
            for (var e : header.path("provenance").properties()) {
                out.printf(Locale.ROOT, "  %-18s %s%n", e.getKey(), e.getValue().isString() ? e.getValue().asString() : e.getValue().toString());
            }
            out.println("tensors:");
            for (Map<String, Object> t : tensors) {
                out.printf(Locale.ROOT, "  %-24s %-4s %-18s %,d bytes%n", t.get("name"), t.get("dtype"),
                        Arrays.toString((long[]) t.get("shape")), (Long) t.get("bytes"));
            }
            return 0;
        }
    }
}
