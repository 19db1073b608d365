package org.recoder.io;

import java.nio.file.Path;

/** A model file that cannot be read: wrong magic, unsupported version, truncated or corrupt. */
public final class ModelFormatException extends RuntimeException {
    public ModelFormatException(Path file, String message) {
        super(file + ": " + message);
    }
}
