package org.recoder.data.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.recoder.data.EventLog;
import org.recoder.data.EventLogBuilder;

/**
 * The dataset layouts Recoder reads. Each streams its file(s) into an {@link EventLog} and reports bad input
 * with file and line. A directory may be given instead of a file: the format's usual file name is looked up in it.
 */
public enum DatasetFormat {
    /** MovieLens 100K {@code u.data}: user TAB item TAB rating TAB unix-seconds. */
    ML_100K("ml-100k", "u.data") {
        @Override
        EventLog readFile(Path f) {
            return new DelimitedReader(new ColumnSpec(Delimiter.TAB, false, "0", "1", "2", "3", "s")).read(f);
        }
    },
    /** MovieLens 1M / 10M {@code ratings.dat}: {@code user::item::rating::unix-seconds}. */
    ML_1M("ml-1m", "ratings.dat") {
        @Override
        EventLog readFile(Path f) {
            return new DelimitedReader(new ColumnSpec(Delimiter.DOUBLE_COLON, false, "0", "1", "2", "3", "s")).read(f);
        }
    },
    /** MovieLens 20M / 25M / latest {@code ratings.csv}: header {@code userId,movieId,rating,timestamp}. */
    ML_CSV("ml-20m", "ratings.csv") {
        @Override
        EventLog readFile(Path f) {
            return new DelimitedReader(new ColumnSpec(Delimiter.COMMA, true, "userId", "movieId", "rating", "timestamp", "s"))
                    .read(f);
        }
    },
    /**
     * Netflix Prize: {@code combined_data_*.txt} or {@code training_set/mv_*.txt}. A line {@code 123:} starts
     * movie 123; each following line is {@code customer,rating,yyyy-mm-dd}. A directory reads every such file.
     */
    NETFLIX("netflix", null) {
        @Override
        EventLog read(Path path) {
            List<Path> files = netflixFiles(path);
            EventLogBuilder b = new EventLogBuilder(true);
            for (Path f : files) {
                readNetflix(f, b);
            }
            return DelimitedReader.requireNonEmpty(path, b.build());
        }

        @Override
        EventLog readFile(Path f) {
            return read(f);
        }
    },
    /** Million Song Dataset taste profile {@code train_triplets.txt}: user TAB song TAB play-count. */
    MSD("msd", "train_triplets.txt") {
        @Override
        EventLog readFile(Path f) {
            return new DelimitedReader(new ColumnSpec(Delimiter.TAB, false, "0", "1", "2", null, "s")).read(f);
        }
    },
    /** HetRec 2011 Last.fm {@code user_artists.dat}: header {@code userID artistID weight}, tab-separated. */
    LASTFM("lastfm", "user_artists.dat") {
        @Override
        EventLog readFile(Path f) {
            return new DelimitedReader(new ColumnSpec(Delimiter.TAB, true, "userID", "artistID", "weight", null, "s")).read(f);
        }
    },
    /** CiteULike {@code users.dat}: line u (0-based user id) is {@code n item_1 ... item_n}; implicit. */
    CITEULIKE("citeulike", "users.dat") {
        @Override
        EventLog readFile(Path f) {
            EventLogBuilder b = new EventLogBuilder(false);
            long[] user = {0};
            new LineScanner(f, Delimiter.WHITESPACE).scan(s -> {
                long declared = s.longField(0, "item count");
                if (declared != s.fieldCount() - 1) {
                    throw s.error("line declares " + declared + " items but lists " + (s.fieldCount() - 1));
                }
                // User ids are line positions; a blank line would shift them, so it is an error.
                if (s.lineNumber() != user[0] + 1) {
                    throw s.error("blank line before this one: user ids are line numbers, so none may be blank");
                }
                int u = b.users().intern(Long.toString(user[0]++));
                for (int k = 1; k < s.fieldCount(); k++) {
                    s.longField(k, "item id");
                    b.add(u, b.items().intern(s.buffer(), s.start(k), s.length(k)), 1f, 0L);
                }
            });
            return DelimitedReader.requireNonEmpty(f, b.build());
        }
    },
    /**
     * FilmTrust (Guo, Zhang & Yorke-Smith, IJCAI 2013) {@code ratings.txt}: {@code user item rating}, space-separated,
     * ratings 0.5–4 in steps of 0.5, CRLF or LF line ends. A directory reads its {@code ratings.txt}, or else every
     * {@code ratings_N.txt} (LibRec ships the file in four parts), in name order.
     */
    FILMTRUST("filmtrust", "ratings.txt") {
        @Override
        EventLog read(Path path) {
            if (!Files.isDirectory(path) || Files.exists(path.resolve("ratings.txt"))) {
                return super.read(path);
            }
            List<Path> parts;
            try (Stream<Path> s = Files.list(path)) {
                parts = s.filter(p -> p.getFileName().toString().matches("ratings_\\d+\\.txt")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (parts.isEmpty()) {
                throw new DataFormatException(path, 0, "no ratings.txt or ratings_N.txt in directory");
            }
            EventLogBuilder b = new EventLogBuilder(false);
            for (Path part : parts) {
                reader().readInto(part, b);
            }
            return DelimitedReader.requireNonEmpty(path, b.build());
        }

        @Override
        EventLog readFile(Path f) {
            return reader().read(f);
        }

        private DelimitedReader reader() {
            return new DelimitedReader(new ColumnSpec(Delimiter.WHITESPACE, false, "0", "1", "2", null, "s"));
        }
    },
    /**
     * YooChoose / RecSys Challenge 2015 clicks as released, {@code yoochoose-clicks.dat}: {@code session,timestamp,item,category},
     * comma-separated, no header, ISO-8601 timestamps in UTC ({@code 2014-04-07T10:51:09.277Z}); the category is not read.
     */
    YOOCHOOSE("yoochoose-clicks", "yoochoose-clicks.dat") {
        @Override
        EventLog readFile(Path f) {
            return new DelimitedReader(new ColumnSpec(Delimiter.COMMA, false, "0", "2", null, "1", "s")).read(f);
        }
    },
    /**
     * DIGINETICA (CIKM Cup 2016) {@code train-item-views.csv}: header {@code sessionId;userId;itemId;timeframe;eventdate}
     * (or its {@code session_id;user_id;item_id;...} spelling), semicolon-separated. The day comes from {@code eventdate},
     * the order of a session's views from {@code timeframe} (milliseconds since the session began): an event's time is
     * its day at 00:00 UTC plus its timeframe, so a session's views sort by timeframe and a cut by days (NARM's last
     * 7 days) falls on event days, moved at most by the length of a session. The user column is not read.
     */
    DIGINETICA("diginetica", "train-item-views.csv") {
        @Override
        EventLog readFile(Path f) {
            EventLogBuilder b = new EventLogBuilder(true);
            int[][] cols = {null};
            new LineScanner(f, Delimiter.of("semicolon")).scan(s -> {
                if (cols[0] == null) {
                    java.util.List<String> names = new java.util.ArrayList<>();
                    for (int k = 0; k < s.fieldCount(); k++) {
                        names.add(s.text(k).trim().toLowerCase(java.util.Locale.ROOT).replace("_", ""));
                    }
                    int[] c = new int[4];
                    String[] want = {"sessionid", "itemid", "timeframe", "eventdate"};
                    for (int k = 0; k < 4; k++) {
                        c[k] = names.indexOf(want[k]);
                        if (c[k] < 0) {
                            throw s.error("expected the header sessionId;userId;itemId;timeframe;eventdate, found '"
                                    + s.lineText() + "' (no " + want[k] + " column)");
                        }
                    }
                    cols[0] = c;
                    return;
                }
                int[] c = cols[0];
                s.requireFields(Math.max(Math.max(c[0], c[1]), Math.max(c[2], c[3])) + 1, "sessionId;userId;itemId;timeframe;eventdate");
                int u = b.users().intern(s.buffer(), s.start(c[0]), s.length(c[0]));
                int i = b.items().intern(s.buffer(), s.start(c[1]), s.length(c[1]));
                long timeframe = s.longField(c[2], "timeframe");
                if (timeframe < 0) {
                    throw s.error("timeframe must be ≥ 0, got " + timeframe);
                }
                b.add(u, i, 1f, TimeParser.parse(s, c[3], false) + timeframe);
            });
            return DelimitedReader.requireNonEmpty(f, b.build());
        }
    },
    /** Session logs (GRU4Rec and session-rec layout): header {@code SessionId ItemId Time}, tab-separated; time in seconds. */
    SESSIONS("sessions", null) {
        @Override
        EventLog readFile(Path f) {
            return new DelimitedReader(new ColumnSpec(Delimiter.TAB, true, "SessionId", "ItemId", null, "Time", "s")).read(f);
        }
    },
    /**
     * Tab-separated {@code user item [value [time]]} without a header; a file whose first line has two columns is
     * implicit feedback (value 1).
     */
    TSV("tsv", null) {
        @Override
        EventLog readFile(Path f) {
            return new DelimitedReader(ColumnSpec.tsv(), true).read(f);
        }
    };

    private final String cliName;
    private final String defaultFile;

    DatasetFormat(String cliName, String defaultFile) {
        this.cliName = cliName;
        this.defaultFile = defaultFile;
    }

    /** The name used on the command line. */
    public String cliName() {
        return cliName;
    }

    /** Reads a file, or the format's usual file inside a directory. */
    EventLog read(Path path) {
        if (Files.isDirectory(path)) {
            if (defaultFile == null) {
                throw new DataFormatException(path, 0, "is a directory; give the " + cliName + " file itself");
            }
            return readFile(path.resolve(defaultFile));
        }
        return readFile(path);
    }

    abstract EventLog readFile(Path f);

    /** Reads {@code path} in this format. */
    public EventLog load(Path path) {
        if (!Files.exists(path)) {
            throw new DataFormatException(path, 0, "file not found");
        }
        return read(path);
    }

    /**
     * Looks a format up by its CLI name; aliases: {@code ml-10m} → ml-1m, {@code ml-25m}, {@code ml-latest},
     * {@code ml-latest-small}, {@code ml-csv} → ml-20m, {@code hetrec-lastfm} → lastfm, {@code gru4rec} and
     * {@code session-rec} → sessions, {@code yoochoose} and {@code rsc15} → yoochoose-clicks.
     */
    public static DatasetFormat byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "ml-10m" -> ML_1M;
            case "ml-25m", "ml-latest", "ml-latest-small", "ml-csv" -> ML_CSV;
            case "hetrec-lastfm", "hetrec2011-lastfm-2k" -> LASTFM;
            case "gru4rec", "session-rec" -> SESSIONS;
            case "yoochoose", "rsc15" -> YOOCHOOSE;
            case "citeulike-a" -> CITEULIKE;
            default -> Arrays.stream(values()).filter(f -> f.cliName.equals(n)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown format '" + name + "'; known: " + names()));
        };
    }

    /** All CLI names. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(DatasetFormat::cliName).toList())
                + ", csv (with column options); aliases ml-10m (as ml-1m), ml-25m, ml-latest, ml-latest-small (as ml-20m), "
                + "hetrec-lastfm, citeulike-a, gru4rec and session-rec (as sessions), yoochoose and rsc15 (as yoochoose-clicks)";
    }

    static List<Path> netflixFiles(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        Path dir = Files.isDirectory(path.resolve("training_set")) ? path.resolve("training_set") : path;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.startsWith("mv_") || n.startsWith("combined_data_")) && n.endsWith(".txt");
            }).sorted().toList();
            if (files.isEmpty()) {
                throw new DataFormatException(path, 0, "no combined_data_*.txt or mv_*.txt files in directory");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void readNetflix(Path f, EventLogBuilder b) {
        int[] movie = {-1};
        new LineScanner(f, Delimiter.COMMA).scan(s -> {
            byte[] buf = s.buffer();
            if (s.fieldCount() == 1 && buf[s.lineEnd() - 1] == ':') {
                int st = s.lineStart();
                int len = s.lineEnd() - 1 - st;
                for (int i = st; i < st + len; i++) {
                    if (buf[i] < '0' || buf[i] > '9') {
                        throw s.error("movie header is not a number: '" + s.lineText() + "'");
                    }
                }
                movie[0] = b.items().intern(buf, st, len);
                return;
            }
            if (movie[0] < 0) {
                throw s.error("rating before any 'MovieID:' line");
            }
            s.requireFields(3, "customer, rating, date");
            int u = b.users().intern(buf, s.start(0), s.length(0));
            float r = s.floatField(1, "rating");
            long t = TimeParser.parse(s, 2, false);
            b.add(u, movie[0], r, t);
        });
    }
}
