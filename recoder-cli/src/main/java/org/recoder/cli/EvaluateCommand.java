package org.recoder.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoder.api.Model;
import org.recoder.api.RatingPredictor;
import org.recoder.eval.RatingEvaluation;
import org.recoder.eval.EvaluationResult;
import org.recoder.eval.Evaluator;
import org.recoder.eval.MetricSpec;
import org.recoder.eval.Summary;
import org.recoder.io.Json;
import org.recoder.models.Models;
import org.recoder.data.HeldOut;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model on a split's held-out users: score from fold-in, mask fold-in, rank all items.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model file.")
    Path model;

    @Option(names = "--split", required = true, description = "Split directory.")
    Path split;

    @Option(names = "--on", defaultValue = "test", description = "test or validation. Default: ${DEFAULT-VALUE}.")
    String on;

    /** Leave-one-out's one target per user: the NCF paper's hit ratio and NDCG at 10. */
    static final String LOO_METRICS = "hit@10,ndcg@10,mrr@10";
    static final String DEFAULT_METRICS = "ndcg@100,recall@20,recall@50";

    @Option(names = "--metrics",
            description = "Comma-separated name@k: ndcg, recall (hits/min(k,|T|)), recall_conventional (hits/|T|), hit, precision, mrr, map, coverage. Default: "
                    + DEFAULT_METRICS + "; on a leave-one-out split " + LOO_METRICS + "; on a session split " + SESSION_METRICS
                    + " (recall, hit, mrr, ndcg per next event).")
    String metrics;

    @Option(names = "--threads", defaultValue = "0", description = "Threads (0 = all cores). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--per-user", description = "Also write per-user values to this TSV.")
    Path perUser;

    @Option(names = "--json", description = "Print one JSON object: metrics as keys, users, timing, provenance.")
    boolean json;

    /** The session protocol's metrics (GRU4Rec, NARM): every next event of a test session, all items ranked. */
    static final String SESSION_METRICS = "recall@20,mrr@20";

    @Option(names = "--ties", description = "Session splits only: how items scored equal to the target rank: conservative "
            + "(all above it, the official GRU4Rec evaluation's default), standard (none), median (half). Default: conservative.")
    String ties;

    private void checkItems(Model m, Split s) {
        if (!m.items().equals(s.train().items())) {
            throw new IllegalArgumentException("model " + model + " was trained on other items than " + split + "/train.tsv ("
                    + m.items().size() + " vs " + s.train().numItems() + " items)");
        }
    }

    /** The model file, type, config and provenance, and the split's directory, protocol, seed and parameters. */
    private void putModelAndSplit(Map<String, Object> out, Model m, Split s) {
        out.put("model", Map.of("file", model.toString(), "type", m.type(), "config", m.config(), "provenance", m.provenance()));
        Map<String, Object> splitInfo = new LinkedHashMap<>();
        splitInfo.put("dir", split.toString());
        splitInfo.put("protocol", s.info().protocol());
        splitInfo.put("seed", s.info().seed());
        splitInfo.put("parameters", s.info().parameters());
        out.put("split", splitInfo);
    }

    private static void printSummaries(java.io.PrintWriter pw, Map<String, Summary> summaries) {
        for (var e : summaries.entrySet()) {
            Summary v = e.getValue();
            pw.printf(Locale.ROOT, "  %-24s %.4f%s%n", e.getKey(), v.mean(), Double.isNaN(v.stderr()) ? "" : String.format(Locale.ROOT, " ± %.4f", v.stderr()));
        }
    }

    /** Next-item evaluation of a session split: every event after the first of each held-out session. */
    private int evaluateSessions(Model m, Split s) {
        if (perUser != null) {
            throw new UsageException("option --per-user does not apply to a session split (its values are per event, not per user)");
        }
        org.recoder.eval.SessionEvaluator.Ties tieMode;
        try {
            tieMode = ties == null ? org.recoder.eval.SessionEvaluator.Ties.CONSERVATIVE : org.recoder.eval.SessionEvaluator.Ties.parse(ties);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ties: " + e.getMessage());
        }
        var events = s.sessionEvents().orElseThrow();
        var part = switch (on) {
            case "test" -> events.test();
            case "validation" -> events.validation();
            default -> throw new UsageException("--on must be test or validation, got '" + on + "'");
        };
        if (part == null) {
            throw new IllegalArgumentException(split + " has no " + on + " sessions (" + (on.equals("test")
                    ? SplitIO.TEST_HOLDOUT : SplitIO.VALIDATION_HOLDOUT) + ")");
        }
        checkItems(m, s);
        List<MetricSpec> specs = MetricSpec.parseList(metrics != null ? metrics : SESSION_METRICS);
        org.recoder.eval.SessionEvaluator.Result r;
        try {
            r = new org.recoder.eval.SessionEvaluator(specs, tieMode, threads == 0 ? org.recoder.util.Parallel.threads() : threads)
                    .evaluate(m, part);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model " + model + " (" + m.type() + ") on " + split + ": " + e.getMessage(), e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        r.summaries().forEach((k, v) -> out.put(k, v.mean()));
        Map<String, Object> stderr = new LinkedHashMap<>();
        r.summaries().forEach((k, v) -> stderr.put(k, Double.isNaN(v.stderr()) ? null : v.stderr()));
        out.put("stderr", stderr);
        out.put("sessions", r.sessions());
        out.put("events", r.events());
        out.put("ties", tieMode.name().toLowerCase(Locale.ROOT));
        out.put("on", on);
        out.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        putModelAndSplit(out, m, s);
        var pw = spec.commandLine().getOut();
        if (json) {
            pw.println(Json.compact(out));
            return 0;
        }
        pw.printf(Locale.ROOT, "%s on %s: %d sessions, %d next-item events (ties %s, %.2f s)%n", m.type(), on, r.sessions(),
                r.events(), tieMode.name().toLowerCase(Locale.ROOT), r.seconds());
        printSummaries(pw, r.summaries());
        return 0;
    }

    @Override
    public Integer call() {
        if (threads < 0) {
            throw new UsageException("--threads must be ≥ 0 (0 = all cores), got " + threads);
        }
        if (perUser != null && !java.nio.file.Files.isDirectory(perUser.toAbsolutePath().getParent())) {
            throw new IllegalArgumentException("cannot write " + perUser + ": the folder " + perUser.toAbsolutePath().getParent()
                    + " does not exist");
        }
        if (metrics != null) {
            MetricSpec.parseList(metrics);
        }
        Model m = Models.load(model);
        Split s = SplitIO.read(split);
        if (s.sessionEvents().isPresent()) {
            return evaluateSessions(m, s);
        }
        if (ties != null) {
            throw new UsageException("option --ties applies to session splits only (" + split + " is a '"
                    + s.info().protocol() + "' split)");
        }
        List<MetricSpec> specs = MetricSpec.parseList(metrics != null ? metrics
                : s.info().protocol().equals("loo") ? LOO_METRICS : DEFAULT_METRICS);
        HeldOut part = switch (on) {
            case "test" -> s.testPart().orElseThrow(() -> new IllegalArgumentException(split + " has no test set (test_holdout.tsv)"));
            case "validation" -> s.validationPart().orElseThrow(() -> new IllegalArgumentException(split + " has no validation set"));
            default -> throw new UsageException("--on must be test or validation, got '" + on + "'");
        };
        checkItems(m, s);
        Evaluator ev = new Evaluator(specs, threads == 0 ? org.recoder.util.Parallel.threads() : threads);
        EvaluationResult r = ev.evaluate(m, part);
        EvaluationResult sampled = on.equals("test") && s.negatives().isPresent()
                ? ev.evaluateSampled(m, part, s.testNegatives()) : null;
        if (perUser != null) {
            r.writePerUser(perUser);
        }
        RatingEvaluation ratings = null;
        if (s.info().protocol().equals("ratings") && m instanceof RatingPredictor predictor) {
            // Held-out ratings of the split's training users: the model's known users must be those users.
            if (!m.knownUsers().users().equals(part.holdout().users())) {
                throw new IllegalArgumentException("model " + model + " was not trained on " + split
                        + "/train.tsv: its known users differ, so its ratings cannot be matched to the held-out ones");
            }
            ratings = RatingEvaluation.of(predictor, part);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (ratings != null) {
            out.put("rmse", ratings.rmse());
            out.put("mae", ratings.mae());
            out.put("ratings", ratings.ratings());
        }
        r.summaries().forEach((k, v) -> out.put(k, v.mean()));
        if (sampled != null) {
            sampled.summaries().forEach((k, v) -> out.put("sampled_" + k, v.mean()));
        }
        Map<String, Object> stderr = new LinkedHashMap<>();
        r.summaries().forEach((k, v) -> stderr.put(k, Double.isNaN(v.stderr()) ? null : v.stderr()));
        out.put("stderr", stderr);
        out.put("users", r.users());
        out.put("on", on);
        out.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        boolean selectedOnTest = Boolean.TRUE.equals(m.provenance().split().get("selected_on_test"));
        if (selectedOnTest) {
            out.put("selected_on_test", true);
        }
        putModelAndSplit(out, m, s);
        var pw = spec.commandLine().getOut();
        if (json) {
            pw.println(Json.compact(out));
            return 0;
        }
        pw.printf(Locale.ROOT, "%s on %s (%s users, %.2f s)%n", m.type(), on, r.users(), r.seconds());
        if (selectedOnTest) {
            pw.println("  (its epoch was selected on the test targets, train --select-on-test: the test figures are optimistic)");
        }
        if (ratings != null) {
            pw.printf(Locale.ROOT, "  %-24s %.4f%n  %-24s %.4f%n  (%d held-out ratings)%n", "rmse", ratings.rmse(), "mae",
                    ratings.mae(), ratings.ratings());
        }
        printSummaries(pw, r.summaries());
        if (sampled != null) {
            for (var e : sampled.summaries().entrySet()) {
                pw.printf(Locale.ROOT, "  %-24s %.4f%n", "sampled " + e.getKey(), e.getValue().mean());
            }
        }
        return 0;
    }
}
