package org.recoder.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.data.fetch.DatasetSource;
import org.recoder.data.fetch.Downloader;
import org.recoder.data.read.DatasetFormat;

/** Runs against an HTTP server on loopback serving a small archive; no test reaches the internet. */
class DownloaderTest {
    @TempDir
    Path cache;

    private HttpServer server;
    private byte[] zip;
    private final AtomicInteger rangeRequests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("ml-tiny/u.data"));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 5000; i++) {
                sb.append(i % 50).append('\t').append(i % 70).append('\t').append(1 + i % 5).append('\t').append(880000000 + i).append('\n');
            }
            z.write(sb.toString().getBytes());
            z.closeEntry();
        }
        zip = bytes.toByteArray();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ml-tiny.zip", ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            int from = 0;
            if (range != null) {
                rangeRequests.incrementAndGet();
                from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (zip.length - 1) + "/" + zip.length);
                ex.sendResponseHeaders(206, zip.length - from);
            } else {
                ex.sendResponseHeaders(200, zip.length);
            }
            try (OutputStream out = ex.getResponseBody()) {
                out.write(zip, from, zip.length - from);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DatasetSource source(String sha256) {
        return new DatasetSource("ml-tiny", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ml-tiny.zip"), sha256, null,
                "ml-100k", "ml-tiny/u.data");
    }

    private String sha256() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
    }

    @Test
    void downloadsVerifiesAndUnpacks() throws Exception {
        Downloader.Result r = new Downloader(cache).fetch(source(sha256()), null);
        assertThat(r.downloaded()).isTrue();
        assertThat(r.verified()).isTrue();
        assertThat(r.sha256()).isEqualTo(sha256());
        assertThat(DatasetFormat.ML_100K.load(r.mainFile()).size()).isEqualTo(5000);
        Downloader.Result again = new Downloader(cache).fetch(source(sha256()), null);
        assertThat(again.downloaded()).isFalse();
    }

    @Test
    void resumesAPartialDownload() throws Exception {
        Path dir = Files.createDirectories(cache.resolve("ml-tiny"));
        Files.write(dir.resolve("ml-tiny.zip.part"), java.util.Arrays.copyOf(zip, zip.length / 3));
        Downloader.Result r = new Downloader(cache).fetch(source(sha256()), null);
        assertThat(rangeRequests.get()).isEqualTo(1);
        assertThat(Files.readAllBytes(r.archive())).isEqualTo(zip);
        assertThat(dir.resolve("ml-tiny.zip.part")).doesNotExist();
    }

    @Test
    void checksumMismatchKeepsNothingThatLooksComplete() {
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> new Downloader(cache).fetch(source(wrong), null)).hasMessageContaining("SHA-256 mismatch");
        assertThat(cache.resolve("ml-tiny/ml-tiny.zip")).doesNotExist();
        assertThat(cache.resolve("ml-tiny/data")).doesNotExist();
    }

    @Test
    void saysPlainlyWhenOffline() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        DatasetSource s = new DatasetSource("ml-tiny", URI.create("http://127.0.0.1:" + closedPort + "/ml-tiny.zip"), null, "00", null, null);
        assertThatThrownBy(() -> new Downloader(cache).fetch(s, null)).isInstanceOf(Downloader.OfflineException.class)
                .hasMessageContaining("looks offline");
    }
}
