package org.recoder.protocol;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.EventLog;
import org.recoder.data.IdIndex;
import org.recoder.data.IdIndexBuilder;
import org.recoder.data.Interactions;
import org.recoder.data.read.DataFormatException;
import org.recoder.data.read.Delimiter;
import org.recoder.data.read.LineScanner;
import org.recoder.io.AtomicFiles;
import org.recoder.io.Json;
import tools.jackson.databind.JsonNode;
import org.recoder.data.HeldOut;
import org.recoder.data.SessionEvents;
import org.recoder.data.SplitInfo;

/**
 * Reads and writes split directories, a public contract that other tools read (docs/split-format.md):
 * {@code train.tsv}, {@code validation_foldin.tsv}, {@code validation_holdout.tsv}, {@code test_foldin.tsv},
 * {@code test_holdout.tsv}, {@code test_negatives.tsv} (those that apply) and {@code split.json}.
 *
 * <p>Each TSV starts with the header {@code user<TAB>item<TAB>value}, with a fourth column {@code time} (epoch
 * milliseconds) when the protocol keeps time; ids are external ids. A holdout file without its fold-in file
 * takes the training data as fold-in (rating, leave-one-out and temporal splits). A directory is written whole
 * into a temporary sibling and renamed into place, so a reader never sees a partial split.
 */
public final class SplitIO {
    public static final String TRAIN = "train.tsv";
    public static final String VALIDATION_FOLDIN = "validation_foldin.tsv";
    public static final String VALIDATION_HOLDOUT = "validation_holdout.tsv";
    public static final String TEST_FOLDIN = "test_foldin.tsv";
    public static final String TEST_HOLDOUT = "test_holdout.tsv";
    public static final String TEST_NEGATIVES = "test_negatives.tsv";
    public static final String SPLIT_JSON = "split.json";
    public static final int FORMAT_VERSION = 1;

    private SplitIO() {
    }

    /** The files a split directory may hold: all that {@code replace} ever deletes. */
    private static final java.util.Set<String> SPLIT_FILES = java.util.Set.of(TRAIN, VALIDATION_FOLDIN, VALIDATION_HOLDOUT,
            TEST_FOLDIN, TEST_HOLDOUT, TEST_NEGATIVES, SPLIT_JSON);

    /**
     * Refuses to write over anything Recoder did not write: an existing {@code dir} that is not empty may be replaced
     * only with {@code replace}, and only when it is a split directory (a Recoder {@code split.json} and nothing but
     * split files). A file, or a folder with anything else in it, is refused whatever the flags.
     */
    static void checkReplaceable(Path dir, boolean replace) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " exists and is a file, not a split directory; refusing to replace it"
                    + " (choose another --out)");
        }
        List<String> names;
        try (var list = Files.list(dir)) {
            names = list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        if (names.isEmpty()) {
            return;
        }
        List<String> foreign = names.stream().filter(n -> !SPLIT_FILES.contains(n)).toList();
        boolean recoderJson = false;
        if (names.contains(SPLIT_JSON)) {
            try {
                JsonNode n = Json.parse(Files.readString(dir.resolve(SPLIT_JSON)));
                recoderJson = n.has("format_version") && n.has("protocol") && n.has("files");
            } catch (IOException | RuntimeException e) {
                recoderJson = false;
            }
        }
        if (!recoderJson || !foreign.isEmpty()) {
            throw new IllegalArgumentException(dir + " exists and is not a split directory written by Recoder ("
                    + (!recoderJson ? "no Recoder split.json" : "it also holds " + String.join(", ", foreign.stream().limit(5).toList())
                    + (foreign.size() > 5 ? ", ..." : "")) + "); refusing to replace it, with or without --force (choose another --out)");
        }
        if (!replace) {
            throw new IllegalArgumentException(dir + " already holds a split (use --force to replace it)");
        }
    }

    /**
     * Writes {@code split} to {@code dir}; an existing split directory is replaced only with {@code replace}, and
     * anything else that exists there is never replaced ({@link #checkReplaceable}).
     */
    public static void write(Split split, Path dir, boolean replace) {
        checkReplaceable(dir, replace);
        AtomicFiles.writeDirectory(dir, replace, tmp -> {
            Map<String, Object> files = new LinkedHashMap<>();
            writeTsv(tmp.resolve(TRAIN), split.train());
            files.put("train", TRAIN);
            writeHeldOut(tmp, split, split.validation(), VALIDATION_FOLDIN, VALIDATION_HOLDOUT, "validation", files);
            writeHeldOut(tmp, split, split.test(), TEST_FOLDIN, TEST_HOLDOUT, "test", files);
            if (split.testNegatives() != null) {
                writeTsv(tmp.resolve(TEST_NEGATIVES), split.testNegatives());
                files.put("test_negatives", TEST_NEGATIVES);
            }
            Files.writeString(tmp.resolve(SPLIT_JSON), splitJson(split.info(), files));
        });
    }

    private static void writeHeldOut(Path dir, Split split, HeldOut h, String foldName, String holdName, String part,
                                     Map<String, Object> files) throws IOException {
        if (h == null) {
            return;
        }
        if (h.foldIn() == split.train()) {
            files.put(part + "_foldin", TRAIN);
        } else {
            writeTsv(dir.resolve(foldName), h.foldIn());
            files.put(part + "_foldin", foldName);
        }
        writeTsv(dir.resolve(holdName), h.holdout());
        files.put(part + "_holdout", holdName);
    }

    private static String splitJson(SplitInfo info, Map<String, Object> files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", FORMAT_VERSION);
        m.put("protocol", info.protocol());
        m.put("seed", info.seed());
        m.put("parameters", new java.util.TreeMap<>(info.parameters()));
        m.put("source", info.source());
        m.put("counts", info.counts());
        m.put("files", files);
        return Json.pretty(m);
    }

    /** Writes one matrix as TSV in external ids (time column only when it has times). */
    public static void writeTsv(Path file, Interactions x) throws IOException {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            writeTsv(w, x);
        }
    }

    /** Writes one matrix as TSV to {@code w} (not closed). */
    public static void writeTsv(Writer w, Interactions x) throws IOException {
        boolean times = x.hasTimes();
        w.write(times ? "user\titem\tvalue\ttime\n" : "user\titem\tvalue\n");
        StringBuilder sb = new StringBuilder(64);
        for (int u = 0; u < x.numUsers(); u++) {
            String uid = x.users().id(u);
            for (int k = x.rowStart(u); k < x.rowEnd(u); k++) {
                sb.setLength(0);
                sb.append(uid).append('\t').append(x.items().id(x.columnIndices()[k])).append('\t');
                appendValue(sb, x.valueArray()[k]);
                if (times) {
                    sb.append('\t').append(x.timeArray()[k]);
                }
                sb.append('\n');
                w.append(sb);
            }
        }
    }

    /** Integral values print without a fraction; others as the shortest float string, which reads back exactly. */
    static void appendValue(StringBuilder sb, float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9f) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }

    /** Reads a split directory. Only {@code train.tsv} is required. */
    public static Split read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, 0, "split directory not found");
        }
        Path trainFile = dir.resolve(TRAIN);
        if (!Files.exists(trainFile)) {
            throw new DataFormatException(dir, 0, "split directory is missing " + TRAIN);
        }
        SplitInfo info = readInfo(dir);
        if (info.protocol().equals("session")) {
            return readSessions(dir, info);
        }
        Interactions train = readMatrix(trainFile, new IdIndexBuilder(), true, null, new IdIndexBuilder(), true, null);
        HeldOut validation = readHeldOut(dir, train, VALIDATION_FOLDIN, VALIDATION_HOLDOUT);
        HeldOut test = readHeldOut(dir, train, TEST_FOLDIN, TEST_HOLDOUT);
        Interactions negatives = null;
        if (Files.exists(dir.resolve(TEST_NEGATIVES))) {
            if (test == null) {
                throw new DataFormatException(dir, 0, TEST_NEGATIVES + " without " + TEST_HOLDOUT);
            }
            negatives = readMatrix(dir.resolve(TEST_NEGATIVES), IdIndexBuilder.from(test.holdout().users()), false,
                    holdoutUsersSource(dir, TEST_FOLDIN), IdIndexBuilder.from(train.items()), false, TRAIN);
        }
        return new Split(info, train, validation, test, negatives);
    }

    private static String holdoutUsersSource(Path dir, String foldName) {
        return Files.exists(dir.resolve(foldName)) ? foldName : TRAIN;
    }

    /** Reads only {@code split.json}, or an "unknown" info when it is absent. */
    public static SplitInfo readInfo(Path dir) {
        Path json = dir.resolve(SPLIT_JSON);
        if (!Files.exists(json)) {
            return SplitInfo.unknown();
        }
        try {
            JsonNode n = Json.parse(Files.readString(json));
            int version = n.path("format_version").asInt(-1);
            if (version != FORMAT_VERSION) {
                throw new DataFormatException(json, 0, "split format version " + version + " is not supported (expected "
                        + FORMAT_VERSION + ")");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> params = Json.convert(n.path("parameters"), Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> source = Json.convert(n.path("source"), Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> counts = Json.convert(n.path("counts"), Map.class);
            return new SplitInfo(n.path("protocol").asString("unknown"), params == null ? Map.of() : withoutNulls(params),
                    n.path("seed").asLong(0), source == null ? Map.of() : withoutNulls(source), counts == null ? Map.of() : counts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (tools.jackson.core.JacksonException e) {
            throw new DataFormatException(json, 0, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static HeldOut readHeldOut(Path dir, Interactions train, String foldName, String holdName) {
        Path fold = dir.resolve(foldName);
        Path hold = dir.resolve(holdName);
        boolean hasFold = Files.exists(fold);
        boolean hasHold = Files.exists(hold);
        if (!hasHold) {
            if (hasFold) {
                throw new DataFormatException(dir, 0, "split directory has " + foldName + " but is missing " + holdName);
            }
            return null;
        }
        IdIndexBuilder trainItems = IdIndexBuilder.from(train.items());
        Interactions foldIn = hasFold
                ? readMatrix(fold, new IdIndexBuilder(), true, null, trainItems, false, TRAIN) : train;
        Interactions holdout = readMatrix(hold, IdIndexBuilder.from(foldIn.users()), false, hasFold ? foldName : TRAIN,
                trainItems, false, TRAIN);
        return new HeldOut(foldIn, holdout);
    }

    /** One split TSV's rows as read, in file order, over the id indices they were interned in. */
    private record Rows(IdIndex users, IdIndex items, int[] user, int[] item, float[] value, long[] time) {
    }

    /**
     * Reads one split TSV. Ids are interned in {@code users}/{@code items}; where adding is not allowed an
     * unknown id is an error naming the file and line and the file it should have come from.
     */
    static Interactions readMatrix(Path file, IdIndexBuilder users, boolean addUsers, String usersFrom,
                                   IdIndexBuilder items, boolean addItems, String itemsFrom) {
        Rows r = readRows(file, users, addUsers, usersFrom, items, addItems, itemsFrom);
        Interactions x = Interactions.fromTriples(r.users(), r.items(), r.user(), r.item(), r.value(), r.time(),
                DuplicatePolicy.LAST);
        if (x.nnz() != r.user().length) {
            throw new DataFormatException(file, 0, (r.user().length - x.nnz()) + " duplicate (user, item) rows");
        }
        return x;
    }

    private static Rows readRows(Path file, IdIndexBuilder users, boolean addUsers, String usersFrom,
                                 IdIndexBuilder items, boolean addItems, String itemsFrom) {
        int[][] ui = {new int[1024], new int[1024]};
        float[][] vs = {new float[1024]};
        long[][] ts = {null};
        int[] n = {0};
        boolean[] header = {true};
        new LineScanner(file, Delimiter.TAB).scan(s -> {
            if (header[0]) {
                header[0] = false;
                String h = s.lineText();
                if (h.equals("user\titem\tvalue\ttime")) {
                    ts[0] = new long[1024];
                } else if (!h.equals("user\titem\tvalue")) {
                    throw s.error("expected the header 'user<TAB>item<TAB>value[<TAB>time]', found '" + h + "'");
                }
                return;
            }
            s.requireFields(ts[0] == null ? 3 : 4, "user, item, value" + (ts[0] == null ? "" : ", time"));
            int u = addUsers ? users.intern(s.buffer(), s.start(0), s.length(0)) : users.tryIndex(s.buffer(), s.start(0), s.length(0));
            if (u < 0) {
                throw s.error("user '" + s.text(0) + "' is not in " + usersFrom);
            }
            int i = addItems ? items.intern(s.buffer(), s.start(1), s.length(1)) : items.tryIndex(s.buffer(), s.start(1), s.length(1));
            if (i < 0) {
                throw s.error("item '" + s.text(1) + "' is not in " + itemsFrom);
            }
            int k = n[0]++;
            if (k == ui[0].length) {
                ui[0] = Arrays.copyOf(ui[0], k * 2);
                ui[1] = Arrays.copyOf(ui[1], k * 2);
                vs[0] = Arrays.copyOf(vs[0], k * 2);
                if (ts[0] != null) {
                    ts[0] = Arrays.copyOf(ts[0], k * 2);
                }
            }
            ui[0][k] = u;
            ui[1][k] = i;
            vs[0][k] = s.floatField(2, "value");
            if (ts[0] != null) {
                ts[0][k] = s.longField(3, "time");
            }
        });
        if (header[0]) {
            throw new DataFormatException(file, 0, "empty file (expected at least the header line)");
        }
        int count = n[0];
        return new Rows(users.build(), items.build(), Arrays.copyOf(ui[0], count), Arrays.copyOf(ui[1], count),
                Arrays.copyOf(vs[0], count), ts[0] == null ? null : Arrays.copyOf(ts[0], count));
    }

    /** A session split TSV as an ordered event log, repeats kept; it must have the time column. */
    private static EventLog readEvents(Path file, IdIndexBuilder items, boolean addItems) {
        Rows r = readRows(file, new IdIndexBuilder(), true, null, items, addItems, TRAIN);
        if (r.time() == null) {
            throw new DataFormatException(file, 1, "a session split's events need the time column (header "
                    + "'user<TAB>item<TAB>value<TAB>time')");
        }
        return new EventLog(r.users(), r.items(), r.user(), r.item(), r.value(), r.time());
    }

    /**
     * Reads a session split ({@code split.json} protocol {@code session}): {@code train.tsv} and the held-out
     * {@code validation_holdout.tsv} and {@code test_holdout.tsv} as ordered event logs, a repeated (session, item)
     * pair kept as the event it is. The {@link Split}'s matrices are their set views: {@code train} has each
     * training session's distinct items (value and time of the last occurrence); a held-out part's fold-in is each
     * session without its last event and its holdout that last item, which is what set-based models validate on.
     * The session protocol itself scores every next event ({@code org.recoder.eval.SessionEvaluator}).
     */
    private static Split readSessions(Path dir, SplitInfo info) {
        EventLog train = readEvents(dir.resolve(TRAIN), new IdIndexBuilder(), true);
        EventLog validation = null;
        EventLog test = null;
        if (Files.exists(dir.resolve(VALIDATION_HOLDOUT))) {
            validation = readEvents(dir.resolve(VALIDATION_HOLDOUT), IdIndexBuilder.from(train.items()), false);
        }
        if (Files.exists(dir.resolve(TEST_HOLDOUT))) {
            test = readEvents(dir.resolve(TEST_HOLDOUT), IdIndexBuilder.from(train.items()), false);
        }
        return new Split(info, train.toInteractions(DuplicatePolicy.LAST), lastEventHeldOut(validation),
                lastEventHeldOut(test), null, new SessionEvents(train, validation, test));
    }

    /** Each session's events but its last as fold-in, its last item as the one target; null for null. */
    private static HeldOut lastEventHeldOut(EventLog log) {
        if (log == null) {
            return null;
        }
        int[][] rows = log.eventsByUser();
        int[] last = new int[rows.length];
        int[] rest = new int[log.size()];
        int m = 0;
        int l = 0;
        for (int[] row : rows) {
            if (row.length == 0) {
                continue;
            }
            for (int k = 0; k < row.length - 1; k++) {
                rest[m++] = row[k];
            }
            last[l++] = row[row.length - 1];
        }
        return new HeldOut(log.select(Arrays.copyOf(rest, m)).toInteractions(DuplicatePolicy.LAST),
                log.select(Arrays.copyOf(last, l)).toInteractions(DuplicatePolicy.LAST));
    }

    /** Writes a session split: train, optional validation and test events with times, in event order. */
    public static void writeSessions(SessionSplit.Result r, Path dir, boolean replace) {
        checkReplaceable(dir, replace);
        AtomicFiles.writeDirectory(dir, replace, tmp -> {
            Map<String, Object> files = new LinkedHashMap<>();
            writeEvents(tmp.resolve(TRAIN), r.train());
            files.put("train", TRAIN);
            if (r.validation() != null) {
                writeEvents(tmp.resolve(VALIDATION_HOLDOUT), r.validation());
                files.put("validation_holdout", VALIDATION_HOLDOUT);
            }
            writeEvents(tmp.resolve(TEST_HOLDOUT), r.test());
            files.put("test_holdout", TEST_HOLDOUT);
            Files.writeString(tmp.resolve(SPLIT_JSON), splitJson(r.info(), files));
        });
    }

    private static void writeEvents(Path file, EventLog log) throws IOException {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            w.write("user\titem\tvalue\ttime\n");
            StringBuilder sb = new StringBuilder();
            for (int p = 0; p < log.size(); p++) {
                sb.setLength(0);
                sb.append(log.users().id(log.user()[p])).append('\t').append(log.items().id(log.item()[p])).append('\t');
                appendValue(sb, log.value()[p]);
                sb.append('\t').append(log.times()[p]).append('\n');
                w.append(sb);
            }
        }
    }
}
