package org.recoder.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoder.data.EventLog;
import org.recoder.data.Interactions;
import org.recoder.io.Json;
import org.recoder.protocol.LeaveOneOut;
import org.recoder.protocol.RatingSplit;
import org.recoder.protocol.SessionSplit;
import org.recoder.protocol.Split;
import org.recoder.protocol.SplitIO;
import org.recoder.data.SplitInfo;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.protocol.TemporalSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "split", mixinStandardHelpOptions = true, description = "Split a dataset by a paper's protocol into a split directory.",
        subcommands = {SplitCommand.Strong.class, SplitCommand.Ratings.class, SplitCommand.Loo.class, SplitCommand.Temporal.class,
            SplitCommand.Session.class})
public final class SplitCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every split command has. */
    static final class Common {
        @Mixin
        InputOptions in;

        @Option(names = "--out", required = true, description = "Split directory to write.")
        Path out;

        @Option(names = "--seed", defaultValue = "98765", description = "Seed. Default: ${DEFAULT-VALUE} (Liang et al.).")
        long seed;

        @Option(names = "--force", description = "Replace an existing split directory.")
        boolean force;

        @Option(names = "--json", description = "Print split.json's counts as JSON.")
        boolean json;

        void write(CommandSpec spec, Split s) {
            SplitInfo i = s.info();
            Split withSource = s.withInfo(new SplitInfo(i.protocol(), i.parameters(), i.seed(), in.describe(), i.counts()));
            SplitIO.write(withSource, out, force);
            report(spec, i.protocol(), i.counts());
        }

        void report(CommandSpec spec, String protocol, Map<String, Object> counts) {
            if (json) {
                spec.commandLine().getOut().println(Json.compact(Map.of("split", out.toString(), "protocol", protocol, "counts", counts)));
            } else {
                spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s split to %s: %s%n", protocol, out, Json.compact(counts));
            }
        }
    }

    /** recoder split strong's protocol options; recoder spark split strong takes the same (a mixin). */
    public static final class StrongOptions {
        @Option(names = "--threshold", description = "Keep events with value > threshold (3.5 for MovieLens); omit to keep all events.")
        Float threshold;

        @Option(names = "--heldout-users", required = true, description = "Validation and test users each: a count (≥ 1) or a fraction "
                + "(< 1; below 0.5 with hash assignment).")
        double heldoutUsers;

        @Option(names = "--min-user-events", defaultValue = "5", description = "Users need at least this many events. Default: ${DEFAULT-VALUE}.")
        int minUserEvents;

        @Option(names = "--min-item-users", defaultValue = "0", description = "Items need at least this many users. Default: ${DEFAULT-VALUE}.")
        int minItemUsers;

        @Option(names = "--holdout-fraction", defaultValue = "0.2", description = "Share of a held-out user's events to hide. Default: ${DEFAULT-VALUE}.")
        double holdoutFraction;

        /** The protocol of these options; a count for --heldout-users with hash assignment names the option. */
        public StrongGeneralization protocol(long seed, StrongGeneralization.Assignment a) {
            if (a == StrongGeneralization.Assignment.HASH && !(heldoutUsers > 0 && heldoutUsers < 0.5)) {
                throw new IllegalArgumentException("--heldout-users must be a fraction below 0.5 with hash assignment (a count needs "
                        + "the shuffle), got " + heldoutUsers);
            }
            return new StrongGeneralization(threshold, minItemUsers, minUserEvents, heldoutUsers, holdoutFraction, 5, seed, a);
        }
    }

    /** recoder split ratings' protocol options, shared with recoder spark split ratings. */
    public static final class RatingOptions {
        @Option(names = "--test-fraction", defaultValue = "0.1", description = "Share of ratings held out. Default: ${DEFAULT-VALUE}.")
        double testFraction;

        @Option(names = "--validation-fraction", defaultValue = "0.1", description = "Share of the remaining training ratings held out for validation (early stopping, hyperparameter choice; 0 for none). Default: ${DEFAULT-VALUE}.")
        double validationFraction;

        /** The protocol of these options for repeat {@code repeat} (0-based). */
        public RatingSplit protocol(int repeat, long seed, StrongGeneralization.Assignment a) {
            return new RatingSplit(testFraction, validationFraction, repeat, seed, a);
        }
    }

    /** recoder split loo's protocol options, shared with recoder spark split loo. */
    public static final class LooOptions {
        @Option(names = "--random", description = "Hold out a random event instead of the latest.")
        boolean random;

        @Option(names = "--validation", description = "Also hold out the event before for validation.")
        boolean validation;

        @Option(names = "--negatives", defaultValue = "99", description = "Sampled negatives per test user (0 for none). Default: ${DEFAULT-VALUE}.")
        int negatives;

        /** The protocol of these options. */
        public LeaveOneOut protocol(long seed, StrongGeneralization.Assignment a) {
            return new LeaveOneOut(!random, validation, negatives, seed, a);
        }
    }

    /** --assignment's value. */
    static StrongGeneralization.Assignment assignment(String value) {
        return switch (value) {
            case "shuffle" -> StrongGeneralization.Assignment.SHUFFLE;
            case "hash" -> StrongGeneralization.Assignment.HASH;
            default -> throw new IllegalArgumentException("--assignment must be shuffle or hash, got '" + value + "'");
        };
    }

    @Command(name = "strong", mixinStandardHelpOptions = true,
            description = "Strong generalization with fold-in (Liang et al., WWW 2018): held-out users, 80/20 fold-in/held-out items.")
    static final class Strong implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common c;

        @Mixin
        StrongOptions options;

        @Option(names = "--assignment", defaultValue = "shuffle", description = "shuffle (a seeded shuffle of the users, the paper's) "
                + "or hash (hashes of the seed and the ids: the split recoder spark split makes; --heldout-users as a fraction). Default: ${DEFAULT-VALUE}.")
        String assignment;

        @Override
        public Integer call() {
            StrongGeneralization p = options.protocol(c.seed, assignment(assignment));
            Interactions data = c.in.interactions();
            c.write(spec, p.split(data));
            return 0;
        }
    }

    @Command(name = "ratings", mixinStandardHelpOptions = true, description = "Random split of ratings for rating prediction (AutoRec: 90/10, 5 repeats).")
    static final class Ratings implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common c;

        @Mixin
        RatingOptions options;

        @Option(names = "--repeats", defaultValue = "1", description = "Number of repeats; more than 1 writes OUT/repeat-1 ... OUT/repeat-k. Default: ${DEFAULT-VALUE}.")
        int repeats;

        @Option(names = "--assignment", defaultValue = "shuffle", description = "shuffle (seeded draws, the default) or hash (hashes of "
                + "the seed, the repeat and the ids: the split recoder spark split ratings makes). Default: ${DEFAULT-VALUE}.")
        String assignment;

        @Override
        public Integer call() {
            Interactions data = c.in.interactions();
            if (repeats < 1) {
                throw new IllegalArgumentException("--repeats must be ≥ 1");
            }
            Path base = c.out;
            for (int r = 0; r < repeats; r++) {
                if (repeats > 1) {
                    c.out = base.resolve("repeat-" + (r + 1));
                }
                c.write(spec, options.protocol(r, c.seed, assignment(assignment)).split(data));
            }
            return 0;
        }
    }

    @Command(name = "loo", mixinStandardHelpOptions = true, description = "Leave-one-out (NCF): each user's latest (or a random) event is the test target, ranked against sampled negatives and all items.")
    static final class Loo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common c;

        @Mixin
        LooOptions options;

        @Option(names = "--assignment", defaultValue = "shuffle", description = "shuffle (seeded draws, the default) or hash (hashes of "
                + "the seed and the ids for --random and the negatives: the split recoder spark split loo makes). Default: ${DEFAULT-VALUE}.")
        String assignment;

        @Override
        public Integer call() {
            LeaveOneOut p = options.protocol(c.seed, assignment(assignment));
            c.write(spec, p.split(c.in.interactions()));
            return 0;
        }
    }

    @Command(name = "temporal", mixinStandardHelpOptions = true, description = "Global temporal split: the latest events are the test set.")
    static final class Temporal implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common c;

        @Option(names = "--test-fraction", defaultValue = "0.2", description = "Share of events in the test period. Default: ${DEFAULT-VALUE}.")
        double testFraction;

        @Option(names = "--validation-fraction", defaultValue = "0", description = "Share of the rest in the validation period. Default: ${DEFAULT-VALUE}.")
        double validationFraction;

        @Override
        public Integer call() {
            c.write(spec, new TemporalSplit(testFraction, validationFraction).split(c.in.interactions()));
            return 0;
        }
    }

    @Command(name = "session", mixinStandardHelpOptions = true, description = "Session split (GRU4Rec, NARM): sessions ending in the last days are the test set.")
    static final class Session implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common c;

        @Option(names = "--test-days", defaultValue = "1", description = "Test period in days (1 YooChoose, 7 DIGINETICA). Default: ${DEFAULT-VALUE}.")
        double testDays;

        @Option(names = "--validation-days", defaultValue = "0", description = "Validation period cut from training, in days. Default: ${DEFAULT-VALUE}.")
        double validationDays;

        @Option(names = "--min-item-support", defaultValue = "5", description = "Items need this many events. Default: ${DEFAULT-VALUE}.")
        int minItemSupport;

        @Option(names = "--min-session-length", defaultValue = "2", description = "Sessions need this many events. Default: ${DEFAULT-VALUE}.")
        int minSessionLength;

        @Option(names = "--test-input", description = "A test file given beside --input (session-rec's *_test.txt beside *_train_full.txt), "
                + "in the same --format: --input is then kept as the training part, the test events on items it lacks are dropped, "
                + "then test sessions shorter than --min-session-length; --test-days and --min-item-support do not apply.")
        Path testInput;

        @Override
        public Integer call() {
            EventLog log = c.in.events();
            SessionSplit split = new SessionSplit(testDays, validationDays, minItemSupport, minSessionLength);
            SessionSplit.Result r;
            if (testInput != null) {
                var given = spec.commandLine().getParseResult();
                for (String name : new String[] {"--test-days", "--min-item-support"}) {
                    if (given.hasMatchedOption(name)) {
                        throw new UsageException("option " + name + " does not apply with --test-input (the test part is given)");
                    }
                }
                String input = c.in.input;
                EventLog test = c.in.withInput(testInput.toString()).events();
                c.in.withInput(input);
                r = split.splitGiven(log, test);
            } else {
                r = split.split(log);
            }
            SplitInfo i = r.info();
            Map<String, Object> source = new java.util.LinkedHashMap<>(c.in.describe());
            if (testInput != null) {
                source.put("test_input", testInput.toString());
            }
            SplitIO.writeSessions(new SessionSplit.Result(new SplitInfo(i.protocol(), i.parameters(), i.seed(), source, i.counts()),
                    r.train(), r.validation(), r.test()), c.out, c.force);
            c.report(spec, "session", i.counts());
            return 0;
        }
    }
}
