package org.recoder.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;

/**
 * What an HTTP layer in front of a {@link RecommendationService} does besides moving bytes, written once for any
 * server: the try-it page, {@code /metrics}, the body limit (413 without reading an oversized body), the bound on
 * model requests answered at once (503 with {@code Retry-After} beyond it), turning an unexpected exception into a
 * 500 without a stack trace, and the request metrics. {@link HttpFront} adapts the JDK's server to it; the bench
 * module adapts Helidon SE's for the measured comparison in {@code docs/serving.md}.
 */
public final class Dispatcher {
    /** Largest request body accepted (1 MB). */
    public static final int MAX_BODY = 1 << 20;

    /** Default bound on requests being answered at once, beyond which the server says 503. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;

    /** The try-it page: one static HTML file with plain JavaScript, no build step. */
    private static final byte[] PAGE = page();

    /** One answer: status, content type, body and, for a 503, the {@code Retry-After} seconds (else null). */
    public record Reply(int status, String contentType, byte[] body, String retryAfter) {
    }

    /** The request body, read only when the request gets that far. */
    @FunctionalInterface
    public interface Body {
        InputStream open() throws IOException;
    }

    private final RecommendationService service;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final Semaphore permits;

    /** Answers for {@code service}, at most {@code maxInFlight} model requests at once. */
    public Dispatcher(RecommendationService service, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be ≥ 1, got " + maxInFlight);
        }
        this.service = service;
        this.permits = new Semaphore(maxInFlight);
        service.onLoad(metrics::loaded);
    }

    private static byte[] page() {
        try (InputStream in = Dispatcher.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IllegalStateException("index.html is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Answers one request. {@code declaredLength} is the Content-Length header (-1 when absent or unreadable); a
     * body over {@link #MAX_BODY} is refused without being read.
     */
    public Reply dispatch(String method, String path, String rawQuery, String contentType, long declaredLength, Body body)
            throws IOException {
        long t0 = System.nanoTime();
        if ((path.equals("/") || path.equals("/index.html")) && method.equals("GET")) {
            metrics.request("page", 200, (System.nanoTime() - t0) / 1e9);
            return new Reply(200, "text/html; charset=utf-8", PAGE, null);
        }
        if (path.equals("/metrics") && method.equals("GET")) {
            Reply r = new Reply(200, metrics.contentType(), metrics.scrape(), null);
            metrics.request("metrics", 200, (System.nanoTime() - t0) / 1e9);
            return r;
        }
        boolean bounded = path.startsWith("/v1/");
        if (bounded && !permits.tryAcquire()) {
            metrics.request(ServiceMetrics.endpoint(path), 503, (System.nanoTime() - t0) / 1e9);
            return json(RecommendationService.error(503, "busy: the server is answering as many requests as it may at once; "
                    + "retry after 1 s", null), "1");
        }
        RecommendationService.Response r;
        try {
            r = answer(method, path, rawQuery, contentType, declaredLength, body);
        } finally {
            if (bounded) {
                permits.release();
            }
        }
        metrics.request(ServiceMetrics.endpoint(path), r.status(), (System.nanoTime() - t0) / 1e9);
        return json(r, null);
    }

    private RecommendationService.Response answer(String method, String path, String rawQuery, String contentType,
                                                  long declared, Body body) throws IOException {
        byte[] bytes = null;
        if (declared <= MAX_BODY) {
            try (InputStream in = body.open()) {
                // A declared length sizes the read: readNBytes otherwise fills 8 KB chunks for a 400-byte body.
                bytes = readAtMost(in, declared >= 0 ? (int) declared : MAX_BODY);
            }
        }
        if (bytes == null) {
            return RecommendationService.error(413, "the request body is over the limit of " + MAX_BODY + " bytes", "body");
        }
        try {
            return service.handle(method, path, rawQuery, contentType, bytes);
        } catch (RuntimeException e) {
            // A bug of ours, never the client's: say so without a stack trace in the body.
            return RecommendationService.error(500, "internal error: " + e.getClass().getSimpleName(), null);
        }
    }

    private static Reply json(RecommendationService.Response r, String retryAfter) {
        return new Reply(r.status(), "application/json; charset=utf-8", r.bytes(), retryAfter);
    }

    /**
     * The whole stream, or null when it holds more than {@code limit} bytes (with a declared length as the limit, a
     * body longer than declared is refused as over the limit too).
     */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] b = in.readNBytes(limit + 1);
        return b.length > limit ? null : b;
    }

    /** Content-Length as a number, -1 when absent or not a number. */
    public static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
