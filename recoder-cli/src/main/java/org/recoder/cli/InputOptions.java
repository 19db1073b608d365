package org.recoder.cli;

import java.nio.file.Path;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.EventLog;
import org.recoder.data.Interactions;
import org.recoder.data.read.ColumnSpec;
import org.recoder.data.read.DatasetFormat;
import org.recoder.data.read.DelimitedReader;
import org.recoder.data.read.Delimiter;
import org.recoder.synth.SyntheticData;
import picocli.CommandLine.Option;

/** Options shared by every command that reads a dataset. */
public final class InputOptions {
    @Option(names = "--input", description = "Dataset file or directory; 'synthetic:PRESET' (small, ml-20m, ml-20m-ratings, netflix, msd; sessions: sessions-small, rsc15) generates one.")
    String input;

    @Option(names = "--format", defaultValue = "csv", description = "ml-100k, ml-1m, ml-10m, ml-20m, ml-25m, ml-latest(-small), netflix, msd, lastfm, citeulike, sessions, tsv, csv (default: ${DEFAULT-VALUE}, with the column options).")
    String format;

    @Option(names = "--delimiter", defaultValue = ",", description = "csv: field separator (',', 'tab', 'space', 'whitespace', ';', '::'). Default: '${DEFAULT-VALUE}'.")
    String delimiter;

    @Option(names = "--header", description = "csv: the first line names the columns.")
    boolean header;

    @Option(names = "--user-col", defaultValue = "0", description = "csv: user (or session) column, 0-based index or header name. Default: ${DEFAULT-VALUE}.")
    String userCol;

    @Option(names = "--item-col", defaultValue = "1", description = "csv: item column. Default: ${DEFAULT-VALUE}.")
    String itemCol;

    @Option(names = "--value-col", description = "csv: value column; without it every event has value 1.")
    String valueCol;

    @Option(names = "--time-col", description = "csv: time column (numbers, or ISO dates).")
    String timeCol;

    @Option(names = "--time-unit", defaultValue = "s", description = "csv: unit of numeric times, s or ms. Default: ${DEFAULT-VALUE}.")
    String timeUnit;

    @Option(names = "--duplicates", defaultValue = "last", description = "Repeated (user, item) pairs: last, max or sum. Default: ${DEFAULT-VALUE}.")
    String duplicates;

    @Option(names = "--synthetic-seed", defaultValue = "42", description = "Seed for 'synthetic:' inputs. Default: ${DEFAULT-VALUE}.")
    long syntheticSeed;

    /** --input as given. */
    public String input() {
        return input;
    }

    /** --user-col as given (a header name, or a 0-based index). */
    public String userColumn() {
        return userCol;
    }

    /** --item-col as given. */
    public String itemColumn() {
        return itemCol;
    }

    /** --time-col as given, or null. */
    public String timeColumn() {
        return timeCol;
    }

    /** --value-col as given, or null. */
    public String valueColumn() {
        return valueCol;
    }

    /** The same options with {@code positional} as input when given (data stats FILE). */
    InputOptions withInput(String positional) {
        if (positional != null) {
            input = positional;
        }
        return this;
    }

    EventLog events() {
        if (input == null) {
            throw new IllegalArgumentException("no input: give --input FILE (or synthetic:PRESET)");
        }
        if (input.startsWith("synthetic:")) {
            String preset = input.substring("synthetic:".length());
            return org.recoder.synth.SyntheticSessions.isPreset(preset)
                    ? org.recoder.synth.SyntheticSessions.preset(preset).generate(syntheticSeed)
                    : SyntheticData.preset(preset).generate(syntheticSeed);
        }
        Path path = Path.of(input);
        if (format.equals("csv")) {
            return new DelimitedReader(new ColumnSpec(Delimiter.of(delimiter), header, userCol, itemCol, valueCol, timeCol, timeUnit))
                    .read(path);
        }
        return DatasetFormat.byName(format).load(path);
    }

    public Interactions interactions() {
        return events().toInteractions(DuplicatePolicy.parse(duplicates));
    }

    java.util.Map<String, Object> describe() {
        if (input == null) {
            throw new IllegalArgumentException("no input: give --input FILE (or synthetic:PRESET)");
        }
        return java.util.Map.of("input", input, "format", input.startsWith("synthetic:") ? "synthetic" : format);
    }
}
