package org.recoder.data.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recoder.data.EventLog;
import org.recoder.data.EventLogBuilder;

/** Reads any delimited interaction or session file by a {@link ColumnSpec}. */
public final class DelimitedReader {
    private final ColumnSpec spec;
    private final boolean valueOptional;

    public DelimitedReader(ColumnSpec spec) {
        this(spec, false);
    }

    /**
     * With {@code valueOptional}, a file whose first data line lacks the value column is read as implicit feedback
     * (every event has value 1), as two-column {@code user item} files are; the first line decides for the file.
     */
    public DelimitedReader(ColumnSpec spec, boolean valueOptional) {
        this.spec = spec;
        this.valueOptional = valueOptional;
    }

    /** Reads one file into a new log. */
    public EventLog read(Path file) {
        EventLogBuilder b = new EventLogBuilder(spec.time() != null);
        readInto(file, b);
        return requireNonEmpty(file, b.build());
    }

    /** Reads one file, appending to {@code b} (several files can share one id space). */
    public void readInto(Path file, EventLogBuilder b) {
        LineScanner scanner = new LineScanner(file, spec.delimiter());
        int[] cols = new int[4];
        boolean[] headerPending = {spec.header()};
        boolean[] resolved = {false};
        boolean millis = "ms".equals(spec.timeUnit());
        scanner.scan(s -> {
            if (!resolved[0]) {
                List<String> names = null;
                if (headerPending[0]) {
                    names = new ArrayList<>();
                    for (int f = 0; f < s.fieldCount(); f++) {
                        names.add(s.text(f));
                    }
                }
                cols[0] = spec.resolve(spec.user(), names, s);
                cols[1] = spec.resolve(spec.item(), names, s);
                cols[2] = spec.resolve(spec.value(), names, s);
                cols[3] = spec.resolve(spec.time(), names, s);
                resolved[0] = true;
                if (headerPending[0]) {
                    headerPending[0] = false;
                    return;
                }
                if (valueOptional && cols[2] >= 0 && s.fieldCount() <= cols[2] && cols[3] < 0) {
                    cols[2] = -1;
                }
            }
            int need = Math.max(Math.max(cols[0], cols[1]), Math.max(cols[2], cols[3])) + 1;
            s.requireFields(need, describe());
            int u = b.users().intern(s.buffer(), s.start(cols[0]), s.length(cols[0]));
            int i = b.items().intern(s.buffer(), s.start(cols[1]), s.length(cols[1]));
            float v = cols[2] >= 0 ? s.floatField(cols[2], "value") : 1f;
            long t = cols[3] >= 0 ? TimeParser.parse(s, cols[3], millis) : 0L;
            b.add(u, i, v, t);
        });
    }

    private String describe() {
        StringBuilder sb = new StringBuilder("user " + spec.user() + ", item " + spec.item());
        if (spec.value() != null) {
            sb.append(", value ").append(spec.value());
        }
        if (spec.time() != null) {
            sb.append(", time ").append(spec.time());
        }
        return sb.toString();
    }

    static EventLog requireNonEmpty(Path file, EventLog log) {
        if (log.size() == 0) {
            throw new DataFormatException(file, 0, "no events in file");
        }
        return log;
    }
}
