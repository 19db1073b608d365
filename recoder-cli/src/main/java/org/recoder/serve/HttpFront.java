package org.recoder.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's {@link HttpServer} in front of a {@link RecommendationService}, one virtual thread per request. It
 * only moves bytes: the body is read up to {@link #MAX_BODY} (a larger one is a 413 without reading it all), the
 * service answers, the JSON goes back. The server is a thin layer on purpose, so that it can be swapped (issue 12
 * asks for a measured choice against Helidon SE) without touching the service.
 */
public final class HttpFront implements AutoCloseable {
    /** The try-it page: one static HTML file with plain JavaScript, no build step. */
    private static final byte[] PAGE = page();

    private static byte[] page() {
        try (InputStream in = HttpFront.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IllegalStateException("index.html is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Largest request body accepted (1 MB). */
    public static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpFront(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Default bound on requests being answered at once, beyond which the server says 503. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;

    /** Binds {@code host:port} (port 0: any free port) and starts serving {@code service}. */
    public static HttpFront start(RecommendationService service, String host, int port) throws IOException {
        return start(service, host, port, DEFAULT_MAX_IN_FLIGHT);
    }

    /**
     * As {@link #start(RecommendationService, String, int)}, answering at most {@code maxInFlight} model requests at
     * once: one more is answered 503 with {@code Retry-After} at once, rather than queued without bound (health,
     * readiness and metrics are always answered).
     */
    public static HttpFront start(RecommendationService service, String host, int port, int maxInFlight) throws IOException {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be ≥ 1, got " + maxInFlight);
        }
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(maxInFlight);
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 256);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        ServiceMetrics metrics = new ServiceMetrics();
        service.onLoad(metrics::loaded);
        server.createContext("/", exchange -> handle(service, metrics, permits, exchange));
        server.start();
        return new HttpFront(server, executor);
    }

    private static void handle(RecommendationService service, ServiceMetrics metrics, java.util.concurrent.Semaphore permits,
                               HttpExchange exchange) throws IOException {
        long t0 = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if ((path.equals("/") || path.equals("/index.html")) && exchange.getRequestMethod().equals("GET")) {
                send(exchange, 200, "text/html; charset=utf-8", PAGE, null);
                metrics.request("page", 200, (System.nanoTime() - t0) / 1e9);
                return;
            }
            if (path.equals("/metrics") && exchange.getRequestMethod().equals("GET")) {
                send(exchange, 200, metrics.contentType(), metrics.scrape(), null);
                metrics.request("metrics", 200, (System.nanoTime() - t0) / 1e9);
                return;
            }
            RecommendationService.Response r;
            long declared = -1;
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (length != null) {
                try {
                    declared = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    declared = -1;
                }
            }
            boolean bounded = path.startsWith("/v1/");
            if (bounded && !permits.tryAcquire()) {
                respond(exchange, RecommendationService.error(503, "busy: the server is answering as many requests as it may at "
                        + "once; retry after 1 s", null), "1");
                metrics.request(ServiceMetrics.endpoint(path), 503, (System.nanoTime() - t0) / 1e9);
                return;
            }
            try {
                r = answer(service, exchange, path, declared);
            } finally {
                if (bounded) {
                    permits.release();
                }
            }
            respond(exchange, r, null);
            metrics.request(ServiceMetrics.endpoint(path), r.status(), (System.nanoTime() - t0) / 1e9);
        }
    }

    private static RecommendationService.Response answer(RecommendationService service, HttpExchange exchange, String path,
                                                         long declared) throws IOException {
        byte[] body = declared > MAX_BODY ? null : readAtMost(exchange.getRequestBody(), MAX_BODY);
        if (body == null) {
            return RecommendationService.error(413, "the request body is over the limit of " + MAX_BODY + " bytes", "body");
        }
        try {
            return service.handle(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body);
        } catch (RuntimeException e) {
            // A bug of ours, never the client's: say so without a stack trace in the body.
            return RecommendationService.error(500, "internal error: " + e.getClass().getSimpleName(), null);
        }
    }

    private static void respond(HttpExchange exchange, RecommendationService.Response r, String retryAfter) throws IOException {
        send(exchange, r.status(), "application/json; charset=utf-8", r.bytes(), retryAfter);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, String retryAfter)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    /** The whole stream, or null when it holds more than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] b = in.readNBytes(limit + 1);
        return b.length > limit ? null : b;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, lets in-flight exchanges finish for up to {@code seconds}, then stops. */
    public void stop(int seconds) {
        server.stop(seconds);
        executor.shutdown();
    }

    @Override
    public void close() {
        stop(0);
    }
}
