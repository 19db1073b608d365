package org.recoder.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoder.api.Model;
import org.recoder.api.Recommendation;
import org.recoder.api.Recommender;
import org.recoder.io.Json;
import org.recoder.models.Models;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Top-N items for a known user, or for a new user's items (fold-in, no retraining).")
final class RecommendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model file.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--user", description = "A user known to the model (from its training data).")
        String user;

        @Option(names = "--items", split = ",", description = "A new user's items, comma-separated; ITEM=RATING for a rating predictor (uautorec, biasedmf, ...).")
        List<String> items;
    }

    @Option(names = {"-n", "--count"}, defaultValue = "10", description = "How many. Default: ${DEFAULT-VALUE}.")
    int n;

    @Option(names = "--exclude", split = ",", description = "Items never to recommend.")
    List<String> exclude = List.of();

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (n < 1) {
            throw new UsageException("-n must be ≥ 1, got " + n);
        }
        Model m = Models.load(model);
        if (who.user == null && !m.canFoldIn()) {
            throw new IllegalArgumentException("--items: " + m.type() + " cannot fold in a new history: " + m.whyNoFoldIn()
                    + ", so it serves the users of its training data only; give one with --user ID, or retrain with the "
                    + "new user's events");
        }
        Recommender r = Recommender.of(m);
        List<Recommendation> recs = who.user != null ? r.forUser(who.user, n, exclude) : r.forHistory(history(m), n, exclude);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.compact(Map.of("model", m.type(), "items", recs)));
        } else {
            for (int i = 0; i < recs.size(); i++) {
                out.printf(Locale.ROOT, "%3d  %-20s %.4f%n", i + 1, recs.get(i).item(), recs.get(i).score());
            }
        }
        return 0;
    }

    /**
     * The --items history: plain ids (value 1) for ranking models; ITEM=RATING pairs for a rating predictor, whose
     * input is the ratings themselves, so a plain id is an error rather than a rating of 1.
     */
    private org.recoder.api.History history(Model m) {
        boolean rated = who.items.stream().anyMatch(s -> s.contains("="));
        boolean predictor = m instanceof org.recoder.api.RatingPredictor;
        if (!rated) {
            if (predictor) {
                throw new UsageException("--items: " + m.type() + " predicts ratings, so give each item with its rating, ITEM=RATING (e.g. 50=5,181=4)");
            }
            return org.recoder.api.History.of(who.items);
        }
        if (!predictor) {
            throw new UsageException("--items: " + m.type() + " ranks items from the items alone; give plain ids, not ITEM=RATING");
        }
        java.util.List<String> ids = new java.util.ArrayList<>();
        java.util.List<Float> ratings = new java.util.ArrayList<>();
        for (String s : who.items) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--items: '" + s + "' is not ITEM=RATING");
            }
            try {
                float v = Float.parseFloat(s.substring(eq + 1));
                if (!Float.isFinite(v)) {
                    throw new NumberFormatException();
                }
                ratings.add(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--items: the rating in '" + s + "' is not a number");
            }
            ids.add(s.substring(0, eq));
        }
        return new org.recoder.api.History(ids, ratings);
    }
}
