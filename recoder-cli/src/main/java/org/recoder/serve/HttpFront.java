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
    /** Largest request body accepted (1 MB). */
    public static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpFront(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code host:port} (port 0: any free port) and starts serving {@code service}. */
    public static HttpFront start(RecommendationService service, String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 256);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        ServiceMetrics metrics = new ServiceMetrics();
        service.onLoad(metrics::loaded);
        server.createContext("/", exchange -> handle(service, metrics, exchange));
        server.start();
        return new HttpFront(server, executor);
    }

    private static void handle(RecommendationService service, ServiceMetrics metrics, HttpExchange exchange) throws IOException {
        long t0 = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (path.equals("/metrics") && exchange.getRequestMethod().equals("GET")) {
                byte[] text = metrics.scrape();
                exchange.getResponseHeaders().set("Content-Type", metrics.contentType());
                exchange.sendResponseHeaders(200, text.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(text);
                }
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
            byte[] body = declared > MAX_BODY ? null : readAtMost(exchange.getRequestBody(), MAX_BODY);
            if (body == null) {
                r = RecommendationService.error(413, "the request body is over the limit of " + MAX_BODY + " bytes", "body");
            } else {
                try {
                    r = service.handle(exchange.getRequestMethod(), path,
                            exchange.getRequestHeaders().getFirst("Content-Type"), body);
                } catch (RuntimeException e) {
                    // A bug of ours, never the client's: say so without a stack trace in the body.
                    r = RecommendationService.error(500, "internal error: " + e.getClass().getSimpleName(), null);
                }
            }
            byte[] out = r.bytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(r.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
            metrics.request(ServiceMetrics.endpoint(path), r.status(), (System.nanoTime() - t0) / 1e9);
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
