package org.recoder.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes files and directories so that a reader never sees a partial result: everything goes to a temporary
 * sibling first and is renamed into place only when complete; on failure the temporary is removed.
 *
 * <p>Temporaries are hidden siblings named {@code .NAME.recoder-PID-…} (PID the writing process). A process killed
 * outright ({@code kill -9}, power loss) cannot remove its own, so every write first removes the temporaries of the
 * same target left by processes that are no longer running; a concurrent writer's are left alone.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Something that fills a directory. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path dir) throws IOException;
    }

    /** Writes {@code target} atomically. */
    public static void write(Path target, StreamWriter writer) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            Files.createDirectories(dir);
            removeStaleTemporaries(abs);
            Path tmp = Files.createTempFile(dir, tempPrefix(abs), ".tmp");
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                    writer.write(out);
                }
                readableByAll(tmp);
                move(tmp, abs);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code text} to {@code target} atomically (UTF-8). */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Fills a fresh directory and renames it to {@code target}. An existing {@code target} is replaced only
     * when {@code replace} is set, and only after the new one is complete.
     */
    public static void writeDirectory(Path target, boolean replace, DirectoryWriter writer) {
        Path abs = target.toAbsolutePath();
        try {
            if (Files.exists(abs) && !replace && !isEmptyDirectory(abs)) {
                throw new IllegalArgumentException(target + " already exists and is not empty (use --force to replace it)");
            }
            Files.createDirectories(abs.getParent());
            removeStaleTemporaries(abs);
            Path tmp = Files.createTempDirectory(abs.getParent(), tempPrefix(abs));
            try {
                writer.write(tmp);
                // Temporary directories are created owner-only; the result should read like any folder the user makes.
                try {
                    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: keep its defaults
                }
                Path old = null;
                if (Files.exists(abs)) {
                    old = abs.resolveSibling(tempPrefix(abs) + "old-" + System.nanoTime());
                    Files.move(abs, old);
                }
                move(tmp, abs);
                if (old != null) {
                    deleteRecursively(old);
                }
            } finally {
                if (Files.exists(tmp)) {
                    deleteRecursively(tmp);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static final String MARK = ".recoder-";

    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + MARK + ProcessHandle.current().pid() + "-";
    }

    /** Removes {@code .NAME.recoder-PID-…} siblings of {@code target} whose process is gone; returns how many. */
    static int removeStaleTemporaries(Path target) throws IOException {
        Path dir = target.getParent();
        String prefix = "." + target.getFileName() + MARK;
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var list = Files.list(dir)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(prefix)) {
                    continue;
                }
                String rest = name.substring(prefix.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    deleteRecursively(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    // Temporary files are created owner-only; the result should read like any other file the user writes.
    private static void readableByAll(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
    }

    private static boolean isEmptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (var s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or directory tree. */
    public static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
