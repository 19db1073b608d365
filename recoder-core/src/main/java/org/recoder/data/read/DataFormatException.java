package org.recoder.data.read;

import java.nio.file.Path;

/** Bad input: the message names the file and line (1-based) and says what is wrong. */
public final class DataFormatException extends RuntimeException {
    private final transient Path file;
    private final long line;

    public DataFormatException(Path file, long line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** The file that failed to parse. */
    public Path file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is the file as a whole. */
    public long line() {
        return line;
    }
}
