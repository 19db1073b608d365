package org.recoder.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.recoder.io.Json;
import tools.jackson.databind.JsonNode;

/**
 * An experiment file ({@code recoder experiment FILE}), JSON as {@code docs/experiment.schema.json} describes it:
 * the data (an input file and its reader, or an existing split directory), the protocol and its parameters (the
 * options of {@code recoder split PROTOCOL}, by name without the dashes), the seeds, the metrics, the metric that
 * selects, and the models, each with fixed hyperparameters and optionally a search space. Every error names the
 * file and the field ({@code models[1].search.lambda}).
 *
 * @param file     the experiment file
 * @param text     its text, kept for the report
 * @param name     a title
 * @param input    the data file (null with {@code split})
 * @param format   its reader ({@code recoder split --format})
 * @param split    an existing split directory instead of {@code input} (its one seed; {@code seeds} are then the
 *                 training seeds)
 * @param fetch    a {@code recoder data fetch} name instead of {@code input}: downloaded (or found in the cache) when
 *                 the experiment first splits it, and read with that dataset's format
 * @param protocol the split protocol ({@code strong}, {@code ratings}, {@code loo}, {@code temporal}, {@code session})
 * @param params   the protocol's options without dashes ({@code "heldout-users": 0.1}); true for a flag
 * @param seeds    one split (and training seed) each, or training seeds only with {@code splitSeed} or {@code split}
 * @param splitSeed one split made with this seed for every training seed (null: one split per seed), as the
 *                 leave-one-out papers do (one split, models trained with several seeds)
 * @param trainSeed every model trained with this seed on each seed's split (null: with that seed), so the spread is
 *                 the splits' alone
 * @param metrics  the metrics evaluated (null: the protocol's defaults, as {@code evaluate})
 * @param select   the validation metric that selects a configuration (null: the first of the metrics)
 * @param models   the models
 * @param repeats  splits per seed of the {@code ratings} protocol ({@code protocol.repeats}, as {@code recoder split
 *                 ratings --repeats}: the r-th random stream of the one seed; 1 for one split per seed)
 * @param spread   what follows ± when there are several splits or training seeds: {@code sd} (the standard deviation
 *                 of their test means) or {@code ci95} (the 95% confidence interval of the mean, Student's t with
 *                 n − 1 degrees of freedom: AutoRec's way of reporting five repeats)
 */
record ExperimentSpec(Path file, String text, String name, Path input, String format, Path split, String fetch, String protocol,
                      Map<String, Object> params, List<Long> seeds, Long splitSeed, Long trainSeed, String metrics, String select, List<ModelSpec> models,
                      int repeats, String spread) {
    static final Set<String> PROTOCOLS = Set.of("strong", "ratings", "loo", "temporal", "session");

    /** The seed of the split that training seed {@code seed} runs on. */
    long splitOf(long seed) {
        return splitSeed != null ? splitSeed : seed;
    }

    /** The training seed of the runs on seed {@code seed}'s split. */
    long trainOf(long seed) {
        return trainSeed != null ? trainSeed : seed;
    }

    /** How many different splits the experiment runs on. */
    int splitCount() {
        return (split != null || splitSeed != null ? 1 : seeds.size()) * repeats;
    }

    /**
     * One split-and-training-seed combination of the experiment: each model is trained once on it (after its trials).
     *
     * @param seed   the seed (the split's, and the training seed, as {@link #splitOf} and {@link #trainOf} map it)
     * @param repeat which of {@code repeats} random splits of that seed (1-based), or 0 without repeats
     */
    record Unit(long seed, int repeat) {
        /** The file and key name: {@code 98765}, or {@code 98765-repeat-2}. */
        String key() {
            return repeat == 0 ? Long.toString(seed) : seed + "-repeat-" + repeat;
        }

        /** As the tables show it: {@code seed 98765}, or {@code seed 98765, repeat 2}. */
        String title() {
            return repeat == 0 ? "seed " + seed : "seed " + seed + ", repeat " + repeat;
        }
    }

    /** Every unit, seed by seed, each seed's repeats in order. */
    List<Unit> units() {
        List<Unit> u = new ArrayList<>();
        for (long s : seeds) {
            if (repeats == 1) {
                u.add(new Unit(s, 0));
            } else {
                for (int r = 1; r <= repeats; r++) {
                    u.add(new Unit(s, r));
                }
            }
        }
        return u;
    }

    /** "seeds", "repeats" or "splits": what the units differ by, for the tables' captions. */
    String unitNoun() {
        if (repeats > 1) {
            return seeds.size() == 1 ? "repeats" : "splits (seeds × repeats)";
        }
        return "seeds";
    }

    /**
     * One model of the experiment.
     *
     * @param label   its name in the tables (default its type; unique)
     * @param type    the model type
     * @param preset  a named hyperparameter set to start from (null: the defaults)
     * @param set     fixed hyperparameters by name, as {@code train --set}
     * @param search  the searched hyperparameters, in file order
     * @param method  {@code grid} (every combination of lists and ranges) or {@code random} ({@code trials} draws)
     * @param trials  the trial budget: a grid larger than it is an error, random search draws this many
     * @param patience early stopping for models trained by epochs (null: every epoch runs)
     * @param halving  successive halving of the candidates (null: every candidate trains its full epochs)
     */
    record ModelSpec(String label, String type, String preset, Map<String, String> set, Map<String, Dimension> search,
                     String method, int trials, Integer patience, Halving halving) {
    }

    /**
     * Successive halving (Jamieson &amp; Talwalkar, AISTATS 2016; the inner loop of Hyperband, Li et al., JMLR 2018)
     * for a model trained by epochs: every candidate trains {@code minEpochs} epochs, the best 1/{@code eta} of them
     * (by the validation metric) train {@code eta} times as many, and so on while more than one would go on and the
     * rung is below the model's own {@code epochs}; the last rung's best is chosen (and trained its full epochs by
     * the final run). Each rung trains its candidates
     * from the start (deterministic with the seed, so a rung repeats the earlier one's epochs; no checkpoint is
     * kept between rungs): with n candidates the selection costs about n · minEpochs · (number of rungs) epochs in
     * all, against n · epochs for the plain search.
     *
     * @param minEpochs the first rung's epochs
     * @param eta       the factor between rungs: 1/eta of the candidates go on, with eta times the epochs
     */
    record Halving(int minEpochs, int eta) {
        /**
         * The rungs for {@code candidates} candidates of a model of {@code maxEpochs} epochs: each rung's
         * {@code [epochs, candidates]}.
         */
        List<int[]> rungs(int candidates, int maxEpochs) {
            List<int[]> out = new ArrayList<>();
            long epochs = Math.min(minEpochs, maxEpochs);
            int alive = candidates;
            while (true) {
                out.add(new int[] {(int) epochs, alive});
                int next = alive / eta;
                if (next <= 1 || epochs >= maxEpochs) {
                    // This rung's best is the choice: a rung of one would only repeat the final run.
                    return out;
                }
                alive = next;
                epochs = Math.min(epochs * eta, maxEpochs);
            }
        }
    }

    /**
     * One searched hyperparameter: a list of values, an integer range {@code from..to} by {@code step}, or a
     * continuous interval drawn uniformly or log-uniformly (for rates and λ; random search only).
     */
    record Dimension(List<String> values, double from, double to, double step, Kind kind) {
        enum Kind { LIST, RANGE, UNIFORM, LOG_UNIFORM }

        boolean discrete() {
            return kind == Kind.LIST || kind == Kind.RANGE;
        }

        /** The grid points of a list or a range. */
        List<String> points() {
            if (kind == Kind.LIST) {
                return values;
            }
            List<String> out = new ArrayList<>();
            for (double v = from; v <= to + 1e-9 * Math.max(1, Math.abs(to)); v += step) {
                out.add(format(v));
            }
            return out;
        }

        /** A draw from this dimension. */
        String draw(java.util.SplittableRandom rng) {
            return switch (kind) {
                case LIST, RANGE -> {
                    List<String> p = points();
                    yield p.get(rng.nextInt(p.size()));
                }
                case UNIFORM -> format(from + (to - from) * rng.nextDouble());
                case LOG_UNIFORM -> format(Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * rng.nextDouble()));
            };
        }

        static String format(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
        }
    }

    private static final Set<String> TOP = Set.of("name", "data", "protocol", "seeds", "split-seed", "train-seed", "spread", "metrics", "select", "models");
    private static final Set<String> MODEL_FIELDS = Set.of("label", "type", "preset", "set", "search", "method", "trials", "patience", "halving");

    /** Reads and checks {@code file}; paths in it are relative to the file's folder. */
    static ExperimentSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read experiment file " + file + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage());
        }
        Reader r = new Reader(file);
        if (!root.isObject()) {
            throw r.error("", "the file must hold one JSON object");
        }
        r.known(root, "", TOP);
        String name = root.has("name") ? r.string(root.get("name"), "name") : file.getFileName().toString();
        JsonNode data = r.object(root.path("data"), "data");
        r.known(data, "data", Set.of("input", "format", "split", "fetch"));
        Path base = file.toAbsolutePath().getParent();
        Path input = null;
        Path split = null;
        String format = null;
        String fetch = null;
        if (data.has("input") ? data.has("split") || data.has("fetch") : data.has("split") && data.has("fetch")) {
            throw r.error("data", "give one of input (with format), fetch (a data fetch name) or split (an existing split directory)");
        }
        if (data.has("split")) {
            if (data.has("format")) {
                throw r.error("data.format", "does not apply to data.split");
            }
            split = base.resolve(r.string(data.get("split"), "data.split"));
        } else if (data.has("fetch")) {
            fetch = r.string(data.get("fetch"), "data.fetch");
            try {
                org.recoder.data.fetch.DatasetRegistry.builtIn().get(fetch);
            } catch (IllegalArgumentException e) {
                throw r.error("data.fetch", e.getMessage());
            }
            format = data.has("format") ? r.string(data.get("format"), "data.format") : null;
        } else {
            input = base.resolve(r.string(r.required(data, "input", "data"), "data.input"));
            format = data.has("format") ? r.string(data.get("format"), "data.format") : null;
        }
        String protocol = null;
        int repeats = 1;
        Map<String, Object> params = new LinkedHashMap<>();
        if (root.has("protocol")) {
            JsonNode p = r.object(root.get("protocol"), "protocol");
            protocol = r.string(r.required(p, "name", "protocol"), "protocol.name");
            if (!PROTOCOLS.contains(protocol)) {
                throw r.error("protocol.name", "unknown protocol '" + protocol + "' (strong, ratings, loo, temporal, session)");
            }
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                if (e.getKey().equals("name")) {
                    continue;
                }
                if (Set.of("input", "format", "out", "seed", "force", "json").contains(e.getKey())) {
                    throw r.error("protocol." + e.getKey(), "is set by the experiment itself (data, seeds and the output directory)");
                }
                if (e.getKey().equals("repeats")) {
                    // Not passed through as it is: each repeat is a unit of the experiment (its own final runs).
                    if (!e.getValue().isIntegralNumber() || e.getValue().intValue() < 1) {
                        throw r.error("protocol.repeats", "must be an integer ≥ 1");
                    }
                    if (!protocol.equals("ratings")) {
                        throw r.error("protocol.repeats", "recoder split " + protocol + " has no option --repeats (only ratings has)");
                    }
                    repeats = e.getValue().intValue();
                    continue;
                }
                JsonNode v = e.getValue();
                if (!(v.isNumber() || v.isString() || v.isBoolean())) {
                    throw r.error("protocol." + e.getKey(), "must be a number, a string or true/false");
                }
                params.put(e.getKey(), v.isBoolean() ? (Object) v.booleanValue() : v.isNumber() ? v.numberValue() : v.asString());
            }
            // The names are recoder split's options: checked against that command, before anything runs.
            picocli.CommandLine.Model.CommandSpec splitCommand = new picocli.CommandLine(new RecoderCli()).getSubcommands().get("split")
                    .getSubcommands().get(protocol).getCommandSpec();
            for (String n : List.copyOf(params.keySet())) {
                picocli.CommandLine.Model.OptionSpec option = splitCommand.findOption("--" + n);
                if (option != null && (option.type() == Path.class || option.type() == java.io.File.class)) {
                    // A file option (session's test-input) is relative to the experiment file, as data.input is.
                    params.put(n, base.resolve(params.get(n).toString()).toString());
                }
                if (option == null) {
                    List<String> known = splitCommand.options().stream().map(o -> o.longestName().replaceFirst("^--", ""))
                            .filter(o -> !Set.of("input", "format", "out", "seed", "force", "json", "help", "version", "h", "V").contains(o))
                            .sorted().toList();
                    throw r.error("protocol." + n, "recoder split " + protocol + " has no option --" + n + " (its options: "
                            + String.join(", ", known) + ")");
                }
            }
        } else if (split == null) {
            throw r.error("protocol", "is required with data.input (the split to make of it)");
        }
        if (split != null && root.has("protocol")) {
            throw r.error("protocol", "does not apply to data.split (the split directory has its protocol already)");
        }
        List<Long> seeds = new ArrayList<>();
        if (root.has("seeds")) {
            JsonNode s = root.get("seeds");
            if (!s.isArray() || s.isEmpty()) {
                throw r.error("seeds", "must be a non-empty list of integers");
            }
            for (int k = 0; k < s.size(); k++) {
                if (!s.get(k).isIntegralNumber()) {
                    throw r.error("seeds[" + k + "]", "must be an integer");
                }
                if (seeds.contains(s.get(k).longValue())) {
                    throw r.error("seeds[" + k + "]", "repeats seed " + s.get(k).longValue());
                }
                seeds.add(s.get(k).longValue());
            }
        } else {
            seeds.add(ModelTraining.DEFAULT_SEED);
        }
        Long splitSeed = null;
        if (root.has("split-seed")) {
            if (split != null) {
                throw r.error("split-seed", "does not apply to data.split (the split directory has its seed already)");
            }
            if (!root.get("split-seed").isIntegralNumber()) {
                throw r.error("split-seed", "must be an integer");
            }
            splitSeed = root.get("split-seed").longValue();
        }
        Long trainSeed = null;
        if (root.has("train-seed")) {
            if (splitSeed != null || split != null) {
                throw r.error("train-seed", "does not apply with " + (split != null ? "data.split" : "split-seed")
                        + " (one split and one training seed: every seed would repeat the same run)");
            }
            if (!root.get("train-seed").isIntegralNumber()) {
                throw r.error("train-seed", "must be an integer");
            }
            trainSeed = root.get("train-seed").longValue();
        }
        String spread = root.has("spread") ? r.string(root.get("spread"), "spread") : "sd";
        if (!Set.of("sd", "ci95").contains(spread)) {
            throw r.error("spread", "unknown spread '" + spread + "' (sd: standard deviation over the splits or seeds; ci95: 95% confidence interval of the mean)");
        }
        String metrics = root.has("metrics") ? r.string(root.get("metrics"), "metrics") : null;
        if (metrics != null) {
            try {
                org.recoder.eval.MetricSpec.parseList(metrics);
            } catch (IllegalArgumentException e) {
                throw r.error("metrics", e.getMessage());
            }
        }
        String select = root.has("select") ? r.string(root.get("select"), "select") : null;
        JsonNode ms = root.path("models");
        if (!ms.isArray() || ms.isEmpty()) {
            throw r.error("models", "must be a non-empty list of models");
        }
        List<ModelSpec> models = new ArrayList<>();
        Set<String> labels = new java.util.HashSet<>();
        for (int k = 0; k < ms.size(); k++) {
            ModelSpec m = model(r, ms.get(k), "models[" + k + "]");
            if (!labels.add(m.label())) {
                throw r.error("models[" + k + "].label", "repeats the label '" + m.label() + "' (give each model its own)");
            }
            models.add(m);
        }
        return new ExperimentSpec(file, text, name, input, format, split, fetch, protocol, params, List.copyOf(seeds), splitSeed, trainSeed, metrics, select,
                List.copyOf(models), repeats, spread);
    }

    private static ModelSpec model(Reader r, JsonNode m, String at) {
        r.object(m, at);
        r.known(m, at, MODEL_FIELDS);
        String type = r.string(r.required(m, "type", at), at + ".type");
        org.recoder.models.family.ModelFamily<?> family;
        try {
            family = org.recoder.models.Models.family(type);
        } catch (IllegalArgumentException e) {
            throw r.error(at + ".type", e.getMessage());
        }
        String label = m.has("label") ? r.string(m.get("label"), at + ".label") : type;
        if (!label.matches("[A-Za-z0-9._+=-]+")) {
            throw r.error(at + ".label", "'" + label + "' must be letters, digits and . _ + = - (it names files)");
        }
        String preset = m.has("preset") ? r.string(m.get("preset"), at + ".preset") : null;
        Map<String, String> set = new LinkedHashMap<>();
        if (m.has("set")) {
            for (Map.Entry<String, JsonNode> e : r.object(m.get("set"), at + ".set").properties()) {
                set.put(e.getKey(), scalar(r, e.getValue(), at + ".set." + e.getKey()));
            }
        }
        Map<String, Dimension> search = new LinkedHashMap<>();
        if (m.has("search")) {
            for (Map.Entry<String, JsonNode> e : r.object(m.get("search"), at + ".search").properties()) {
                String where = at + ".search." + e.getKey();
                if (set.containsKey(e.getKey())) {
                    throw r.error(where, "is also fixed in " + at + ".set; give it in one of them");
                }
                search.put(e.getKey(), dimension(r, e.getValue(), where));
            }
        }
        String method = m.has("method") ? r.string(m.get("method"), at + ".method") : "grid";
        if (!method.equals("grid") && !method.equals("random")) {
            throw r.error(at + ".method", "must be grid or random, got '" + method + "'");
        }
        if (method.equals("grid")) {
            for (Map.Entry<String, Dimension> d : search.entrySet()) {
                if (!d.getValue().discrete()) {
                    throw r.error(at + ".search." + d.getKey(), "a uniform or log-uniform interval needs method random (a grid needs a list or a range)");
                }
            }
        }
        if (search.isEmpty() && (m.has("method") || m.has("trials"))) {
            throw r.error(at + (m.has("method") ? ".method" : ".trials"), "applies only with a search");
        }
        int trials;
        if (m.has("trials")) {
            if (!m.get("trials").isIntegralNumber() || m.get("trials").intValue() < 1) {
                throw r.error(at + ".trials", "must be an integer ≥ 1");
            }
            trials = m.get("trials").intValue();
        } else {
            trials = method.equals("random") ? 10 : Integer.MAX_VALUE;
        }
        if (method.equals("grid")) {
            long size = 1;
            for (Dimension d : search.values()) {
                size *= d.points().size();
            }
            if (size > trials) {
                throw r.error(at + ".trials", "the grid has " + size + " points, more than the budget of " + trials
                        + " (raise trials or use method random)");
            }
        }
        Integer patience = null;
        if (m.has("patience")) {
            if (!m.get("patience").isIntegralNumber() || m.get("patience").intValue() < 1) {
                throw r.error(at + ".patience", "must be an integer ≥ 1");
            }
            if (!family.iterative()) {
                throw r.error(at + ".patience", "does not apply to " + family.type() + " (not trained by epochs)");
            }
            patience = m.get("patience").intValue();
        }
        Halving halving = null;
        if (m.has("halving")) {
            JsonNode h = r.object(m.get("halving"), at + ".halving");
            r.known(h, at + ".halving", Set.of("min-epochs", "eta"));
            if (!family.iterative() || !org.recoder.api.Hyperparameters.has(family.configType(), "epochs")) {
                throw r.error(at + ".halving", "does not apply to " + family.type() + " (it has no epochs hyperparameter to halve on)");
            }
            if (search.isEmpty()) {
                throw r.error(at + ".halving", "applies only with a search (it chooses among the candidates)");
            }
            if (search.containsKey("epochs")) {
                throw r.error(at + ".search.epochs", "does not apply with halving (each rung sets the epochs; the model's epochs are the last rung's)");
            }
            JsonNode me = r.required(h, "min-epochs", at + ".halving");
            if (!me.isIntegralNumber() || me.intValue() < 1) {
                throw r.error(at + ".halving.min-epochs", "must be an integer ≥ 1");
            }
            int eta = 3;
            if (h.has("eta")) {
                if (!h.get("eta").isIntegralNumber() || h.get("eta").intValue() < 2) {
                    throw r.error(at + ".halving.eta", "must be an integer ≥ 2");
                }
                eta = h.get("eta").intValue();
            }
            halving = new Halving(me.intValue(), eta);
        }
        return new ModelSpec(label, type, preset, set, search, method, trials, patience, halving);
    }

    private static Dimension dimension(Reader r, JsonNode v, String at) {
        if (v.isArray()) {
            if (v.isEmpty()) {
                throw r.error(at, "an empty list");
            }
            List<String> values = new ArrayList<>();
            for (int k = 0; k < v.size(); k++) {
                values.add(scalar(r, v.get(k), at + "[" + k + "]"));
            }
            return new Dimension(List.copyOf(values), 0, 0, 0, Dimension.Kind.LIST);
        }
        if (!v.isObject() || v.size() != 1) {
            throw r.error(at, "must be a list of values, or one of {\"range\": [from, to, step]}, {\"uniform\": [low, high]}, "
                    + "{\"log-uniform\": [low, high]}");
        }
        String kind = v.propertyNames().iterator().next();
        JsonNode a = v.get(kind);
        int n = kind.equals("range") ? 3 : 2;
        if (!a.isArray() || a.size() != n) {
            throw r.error(at + "." + kind, "must be a list of " + n + " numbers");
        }
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            if (!a.get(k).isNumber()) {
                throw r.error(at + "." + kind + "[" + k + "]", "must be a number");
            }
            x[k] = a.get(k).doubleValue();
        }
        switch (kind) {
            case "range" -> {
                if (!(x[2] > 0) || x[1] < x[0]) {
                    throw r.error(at + ".range", "needs from ≤ to and a step > 0");
                }
                return new Dimension(List.of(), x[0], x[1], x[2], Dimension.Kind.RANGE);
            }
            case "uniform" -> {
                if (!(x[1] > x[0])) {
                    throw r.error(at + ".uniform", "needs low < high");
                }
                return new Dimension(List.of(), x[0], x[1], 0, Dimension.Kind.UNIFORM);
            }
            case "log-uniform" -> {
                if (!(x[0] > 0 && x[1] > x[0])) {
                    throw r.error(at + ".log-uniform", "needs 0 < low < high");
                }
                return new Dimension(List.of(), x[0], x[1], 0, Dimension.Kind.LOG_UNIFORM);
            }
            default -> throw r.error(at, "unknown kind '" + kind + "' (range, uniform, log-uniform, or a list)");
        }
    }

    private static String scalar(Reader r, JsonNode v, String at) {
        if (v.isString()) {
            return v.asString();
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asString();
        }
        throw r.error(at, "must be a number, a string or true/false");
    }

    /** Field access that names the file and the field in every error. */
    private record Reader(Path file) {
        IllegalArgumentException error(String field, String message) {
            return new IllegalArgumentException(file + (field.isEmpty() ? "" : ": " + field) + ": " + message);
        }

        JsonNode required(JsonNode parent, String name, String at) {
            if (!parent.has(name)) {
                throw error(at.isEmpty() ? name : at + "." + name, "is required");
            }
            return parent.get(name);
        }

        JsonNode object(JsonNode v, String at) {
            if (v == null || !v.isObject()) {
                throw error(at, v == null || v.isMissingNode() ? "is required (an object)" : "must be an object");
            }
            return v;
        }

        String string(JsonNode v, String at) {
            if (!v.isString() || v.asString().isBlank()) {
                throw error(at, "must be a non-empty string");
            }
            return v.asString();
        }

        void known(JsonNode v, String at, Set<String> names) {
            for (String n : v.propertyNames()) {
                if (!names.contains(n)) {
                    throw error(at.isEmpty() ? n : at + "." + n, "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(names)) + ")");
                }
            }
        }
    }
}
