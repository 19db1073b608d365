package org.recoder.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    /** A PID above Linux's largest (2^22): no process has it. */
    private static final long DEAD = 99_999_999L;

    @Test
    void temporariesOfKilledWritersAreRemovedOnTheNextWriteOfTheSameTarget() throws IOException {
        Path target = dir.resolve("best.recoder");
        Path staleFile = Files.writeString(dir.resolve(".best.recoder.recoder-" + DEAD + "-123.tmp"), "");
        Path staleDir = Files.createDirectories(dir.resolve(".best.recoder.recoder-" + DEAD + "-456"));
        Files.writeString(staleDir.resolve("train.tsv"), "partial");
        Path live = Files.writeString(dir.resolve(".best.recoder.recoder-" + ProcessHandle.current().pid() + "-789.tmp"), "");
        Path other = Files.writeString(dir.resolve(".other.recoder.recoder-" + DEAD + "-1.tmp"), "");
        AtomicFiles.writeString(target, "done");
        assertThat(target).hasContent("done");
        assertThat(staleFile).doesNotExist();
        assertThat(staleDir).doesNotExist();
        // A running writer's temporary, and another target's, are not touched.
        assertThat(live).exists();
        assertThat(other).exists();
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("best.recoder", live.getFileName().toString(), other.getFileName().toString());
        }
    }

    @Test
    void directoriesAreCleanedTooAndReadableByOthers() throws IOException {
        Path target = dir.resolve("split");
        Path stale = Files.createDirectories(dir.resolve(".split.recoder-" + DEAD + "-42"));
        Files.writeString(stale.resolve("train.tsv"), "partial");
        AtomicFiles.writeDirectory(target, false, tmp -> Files.writeString(tmp.resolve("a.txt"), "x"));
        assertThat(stale).doesNotExist();
        assertThat(target.resolve("a.txt")).hasContent("x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("a.txt")))).startsWith("rw-r");
    }
}
