package org.recoder.data.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Streams a delimited text file line by line over a reused byte buffer, splitting fields without creating
 * Strings; numbers are parsed straight from the bytes. This is what lets a 20M-row ratings file load at
 * millions of rows per second.
 *
 * <p>Handles LF and CRLF line ends, a missing newline after the last line, blank lines (skipped) and a UTF-8 byte
 * order mark at the start of the file (dropped, so it never becomes part of the first id). Fields are trimmed of
 * spaces and tabs around them (where those are not the delimiter), so {@code 42 , 7} reads as ids {@code 42} and
 * {@code 7}: spaces never create new users or items.
 */
public final class LineScanner {
    /** Receives each non-blank line; fields are {@code buf[start[f], end[f])}. */
    @FunctionalInterface
    public interface Handler {
        void line(LineScanner s);
    }

    private final Path file;
    private final Delimiter delimiter;
    private byte[] buf = new byte[1 << 20];
    private int lineStart;
    private int lineEnd;
    private long lineNo;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int fieldCount;

    public LineScanner(Path file, Delimiter delimiter) {
        this.file = file;
        this.delimiter = delimiter;
    }

    /** Scans the whole file, calling {@code handler} for each non-blank line. */
    public void scan(Handler handler) {
        try (InputStream in = Files.newInputStream(file)) {
            scan(in, handler);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, 0, "file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    private void scan(InputStream in, Handler handler) throws IOException {
        int filled = 0;
        int pos = 0;
        boolean eof = false;
        while (true) {
            int nl = -1;
            for (int i = pos; i < filled; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl < 0) {
                if (eof) {
                    if (pos < filled) {
                        emit(pos, filled, handler);
                    }
                    return;
                }
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, filled - pos);
                    filled -= pos;
                    pos = 0;
                }
                if (filled == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, filled, buf.length - filled);
                if (n < 0) {
                    eof = true;
                } else {
                    filled += n;
                }
                continue;
            }
            emit(pos, nl, handler);
            pos = nl + 1;
        }
    }

    private void emit(int from, int to, Handler handler) {
        lineNo++;
        if (lineNo == 1 && to - from >= 3 && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB && buf[from + 2] == (byte) 0xBF) {
            from += 3;
        }
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        if (to == from) {
            return;
        }
        lineStart = from;
        lineEnd = to;
        split();
        handler.line(this);
    }

    private void split() {
        fieldCount = 0;
        int i = lineStart;
        if (delimiter.whitespace()) {
            while (i < lineEnd) {
                while (i < lineEnd && (buf[i] == ' ' || buf[i] == '\t')) {
                    i++;
                }
                if (i == lineEnd) {
                    break;
                }
                int s = i;
                while (i < lineEnd && buf[i] != ' ' && buf[i] != '\t') {
                    i++;
                }
                addField(s, i);
            }
            return;
        }
        byte[] d = delimiter.bytes();
        int s = i;
        while (i <= lineEnd - d.length) {
            if (buf[i] == d[0] && (d.length == 1 || Arrays.equals(buf, i, i + d.length, d, 0, d.length))) {
                addField(s, i);
                i += d.length;
                s = i;
            } else {
                i++;
            }
        }
        addField(s, lineEnd);
    }

    private void addField(int s, int e) {
        if (fieldCount == starts.length) {
            starts = Arrays.copyOf(starts, fieldCount * 2);
            ends = Arrays.copyOf(ends, fieldCount * 2);
        }
        while (s < e && (buf[s] == ' ' || buf[s] == '\t')) {
            s++;
        }
        while (e > s && (buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
            e--;
        }
        // Plain CSV may quote a field; ids and numbers never contain the quote itself.
        if (e - s >= 2 && buf[s] == '"' && buf[e - 1] == '"') {
            s++;
            e--;
        }
        starts[fieldCount] = s;
        ends[fieldCount] = e;
        fieldCount++;
    }

    public Path file() {
        return file;
    }

    /** The 1-based number of the current line. */
    public long lineNumber() {
        return lineNo;
    }

    public int fieldCount() {
        return fieldCount;
    }

    public byte[] buffer() {
        return buf;
    }

    public int start(int field) {
        return starts[field];
    }

    public int end(int field) {
        return ends[field];
    }

    public int length(int field) {
        return ends[field] - starts[field];
    }

    /** The field as a String (allocates; for headers and errors). */
    public String text(int field) {
        return new String(buf, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
    }

    /** The whole current line as a String (allocates; for errors). */
    public String lineText() {
        return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    /** Raw line bounds, for formats that are not field-based. */
    public int lineStart() {
        return lineStart;
    }

    public int lineEnd() {
        return lineEnd;
    }

    /** Fails with a message naming file and line. */
    public DataFormatException error(String message) {
        return new DataFormatException(file, lineNo, message);
    }

    /** Requires at least {@code n} fields. */
    public void requireFields(int n, String what) {
        if (fieldCount < n) {
            throw error("expected " + n + " " + delimiter.describe() + "-separated fields (" + what + "), found "
                    + fieldCount + ": '" + abbreviate(lineText()) + "'");
        }
    }

    /**
     * Parses field {@code f} as a float; {@code name} is used in the error message. A value beyond the float32
     * range (say {@code 1e40}) fails rather than becoming infinity.
     */
    public float floatField(int f, String name) {
        double v = parseDouble(buf, starts[f], ends[f], name);
        if (Math.abs(v) > Float.MAX_VALUE) {
            throw error(name + " " + text(f) + " is beyond the float32 range (±3.4e38)");
        }
        return (float) v;
    }

    /** Parses field {@code f} as a long integer. */
    public long longField(int f, String name) {
        int s = starts[f];
        int e = ends[f];
        if (s == e) {
            throw error("empty " + name);
        }
        boolean neg = buf[s] == '-';
        int i = neg ? s + 1 : s;
        if (i == e) {
            throw error(name + " is not a number: '" + text(f) + "'");
        }
        long v = 0;
        for (; i < e; i++) {
            int c = buf[i] - '0';
            if (c < 0 || c > 9) {
                throw error(name + " is not an integer: '" + text(f) + "'");
            }
            v = v * 10 + c;
        }
        return neg ? -v : v;
    }

    /** Parses bytes as a decimal number, with a fast path for plain decimals. */
    double parseDouble(byte[] b, int s, int e, String name) {
        if (s == e) {
            throw error("empty " + name);
        }
        int i = s;
        boolean neg = false;
        if (b[i] == '-' || b[i] == '+') {
            neg = b[i] == '-';
            i++;
        }
        long mant = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        for (; i < e; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                if (digits < 18) {
                    mant = mant * 10 + (c - '0');
                    digits++;
                    if (dot) {
                        scale++;
                    }
                } else if (!dot) {
                    scale--;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return slowParse(b, s, e, name);
            }
        }
        if (digits == 0) {
            throw error(name + " is not a number: '" + new String(b, s, e - s, StandardCharsets.UTF_8) + "'");
        }
        double v = scale >= 0 && scale < POW10.length ? mant / POW10[scale] : mant * Math.pow(10, -scale);
        return neg ? -v : v;
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17, 1e18};

    private double slowParse(byte[] b, int s, int e, String name) {
        String t = new String(b, s, e - s, StandardCharsets.UTF_8).trim();
        try {
            double v = Double.parseDouble(t);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw error(name + " is not a finite number: '" + t + "'");
            }
            return v;
        } catch (NumberFormatException ex) {
            throw error(name + " is not a number: '" + abbreviate(t) + "'");
        }
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
