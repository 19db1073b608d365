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

        @Option(names = "--items", split = ",", description = "A new user's items, comma-separated.")
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
        Recommender r = Recommender.of(m);
        List<Recommendation> recs = who.user != null ? r.forUser(who.user, n, exclude) : r.forHistory(who.items, n, exclude);
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
}
