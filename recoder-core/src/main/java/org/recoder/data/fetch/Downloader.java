package org.recoder.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.recoder.io.AtomicFiles;

/**
 * Downloads a {@link DatasetSource} into a cache directory: resumes a partial download with an HTTP Range
 * request, verifies the checksum, and unpacks zip archives next to the archive. A finished dataset is never
 * downloaded again; an interrupted one leaves only its {@code .part} file, never a file that looks complete.
 */
public final class Downloader {
    private final Path cache;
    private final HttpClient http;

    /** Raised when the network is unreachable, with a message that says so plainly. */
    public static final class OfflineException extends RuntimeException {
        public OfflineException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The outcome: the archive, the unpacked directory, and the archive's SHA-256. */
    public record Result(Path archive, Path directory, Path mainFile, String sha256, boolean downloaded, boolean verified) {
    }

    public Downloader(Path cache) {
        this.cache = cache;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The default cache: {@code $RECODER_CACHE} or {@code ~/.cache/recoder}. */
    public static Path defaultCache() {
        String env = System.getenv("RECODER_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "recoder");
    }

    /** Fetches {@code source}, reporting bytes received to {@code progress} (may be null). */
    public Result fetch(DatasetSource source, LongConsumer progress) {
        try {
            Path dir = cache.resolve(source.name());
            Files.createDirectories(dir);
            Path archive = dir.resolve(source.fileName());
            boolean downloaded = false;
            if (!Files.exists(archive)) {
                download(source.uri(), archive, progress);
                downloaded = true;
            }
            String sha256 = digest(archive, "SHA-256");
            boolean verified = verify(source, archive, sha256);
            Path unpacked = dir.resolve("data");
            if (!Files.exists(unpacked) && source.fileName().endsWith(".zip")) {
                AtomicFiles.writeDirectory(unpacked, false, tmp -> unzip(archive, tmp));
            }
            Path main = source.mainFile() == null ? null : unpacked.resolve(source.mainFile());
            return new Result(archive, unpacked, main, sha256, downloaded, verified);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private boolean verify(DatasetSource source, Path archive, String sha256) throws IOException {
        if (source.sha256() != null && !source.sha256().equals(sha256)) {
            Path bad = archive.resolveSibling(archive.getFileName() + ".bad");
            Files.move(archive, bad, StandardCopyOption.REPLACE_EXISTING);
            throw new IllegalStateException(source.name() + ": SHA-256 mismatch (expected " + source.sha256() + ", got "
                    + sha256 + "); the download was moved to " + bad);
        }
        if (source.md5() != null) {
            String md5 = digest(archive, "MD5");
            if (!source.md5().equals(md5)) {
                Path bad = archive.resolveSibling(archive.getFileName() + ".bad");
                Files.move(archive, bad, StandardCopyOption.REPLACE_EXISTING);
                throw new IllegalStateException(source.name() + ": MD5 mismatch (expected " + source.md5() + ", got " + md5
                        + "); the download was moved to " + bad);
            }
        }
        return source.pinned();
    }

    private void download(URI uri, Path target, LongConsumer progress) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).GET();
        if (have > 0) {
            rb.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | UnknownHostException | HttpConnectTimeoutException e) {
            throw new OfflineException("cannot reach " + uri.getHost() + " (" + e.getClass().getSimpleName()
                    + "): this machine looks offline; download " + uri + " elsewhere and put it at " + target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int status = resp.statusCode();
        boolean append;
        if (status == 206 && have > 0) {
            append = true;
        } else if (status == 200) {
            append = false;
            have = 0;
        } else {
            resp.body().close();
            throw new IOException("GET " + uri + " answered HTTP " + status);
        }
        try (InputStream in = resp.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                     append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[1 << 16];
            long total = have;
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                total += n;
                if (progress != null) {
                    progress.accept(total);
                }
            }
        }
        long expected = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
        long size = Files.size(part);
        if (expected >= 0 && size != (append ? have : 0) + expected) {
            throw new IOException("download of " + uri + " ended early (" + size + " bytes); run the command again to resume");
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void unzip(Path archive, Path into) throws IOException {
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(archive))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                Path out = into.resolve(e.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("zip entry escapes the target directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(z, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Hex digest of a file. */
    public static String digest(Path file, String algorithm) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance(algorithm))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) > 0) {
                // reading updates the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
