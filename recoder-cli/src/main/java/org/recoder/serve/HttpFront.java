package org.recoder.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's {@link HttpServer} in front of a {@link RecommendationService}, one virtual thread per request. It
 * only moves bytes; everything else (page, metrics, body limit, the bound on requests in flight) is the
 * {@link Dispatcher}'s, so the server can be swapped without touching the service. Issue 12 asked for a measured
 * choice against Helidon SE 4: the comparison, with the bench module's Helidon adapter, is in {@code docs/serving.md}.
 */
public final class HttpFront implements HttpLayer.Running {
    private final HttpServer server;
    private final ExecutorService executor;

    private HttpFront(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code host:port} (port 0: any free port) and starts serving {@code service}. */
    public static HttpFront start(RecommendationService service, String host, int port) throws IOException {
        return start(service, host, port, Dispatcher.DEFAULT_MAX_IN_FLIGHT);
    }

    /**
     * As {@link #start(RecommendationService, String, int)}, answering at most {@code maxInFlight} model requests at
     * once: one more is answered 503 with {@code Retry-After} at once, rather than queued without bound (health,
     * readiness and metrics are always answered).
     */
    public static HttpFront start(RecommendationService service, String host, int port, int maxInFlight) throws IOException {
        return start(new Dispatcher(service, maxInFlight), host, port);
    }

    /** Serves {@code dispatcher} on {@code host:port}. */
    public static HttpFront start(Dispatcher dispatcher, String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 256);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(dispatcher, exchange));
        server.start();
        return new HttpFront(server, executor);
    }

    private static void handle(Dispatcher dispatcher, HttpExchange exchange) throws IOException {
        try (exchange) {
            Dispatcher.Reply r = dispatcher.dispatch(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    Dispatcher.declaredLength(exchange.getRequestHeaders().getFirst("Content-Length")), exchange::getRequestBody);
            exchange.getResponseHeaders().set("Content-Type", r.contentType());
            if (r.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", r.retryAfter());
            }
            exchange.sendResponseHeaders(r.status(), r.body().length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(r.body());
            }
        }
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
