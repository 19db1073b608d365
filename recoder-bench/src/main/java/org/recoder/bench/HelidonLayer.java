package org.recoder.bench;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.recoder.serve.Dispatcher;
import org.recoder.serve.HttpLayer;

/**
 * Helidon SE 4's WebServer (virtual threads, its own HTTP/1.1 stack) in front of the same {@link Dispatcher} as the
 * JDK server in {@code recoder serve}, for the measured choice of HTTP layer that issue 12 asks for:
 * {@code java -cp recoder-bench/target/benchmarks.jar org.recoder.cli.RecoderCli bench serve --http helidon}. It lives
 * here, not in the CLI, so that the service ships one HTTP layer.
 */
public final class HelidonLayer implements HttpLayer {
    @Override
    public String name() {
        return "helidon";
    }

    @Override
    public Running start(Dispatcher dispatcher, String host, int port) {
        WebServer server = WebServer.builder().host(host).port(port).backlog(256)
                .routing(r -> r.any((req, res) -> handle(dispatcher, req, res)))
                .build().start();
        return new Running() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public void close() {
                server.stop();
            }
        };
    }

    private static void handle(Dispatcher dispatcher, ServerRequest req, ServerResponse res) {
        Dispatcher.Reply r;
        try {
            r = dispatcher.dispatch(req.prologue().method().text(), req.path().rawPath(), emptyToNull(req.query().rawValue()),
                    req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null),
                    req.headers().contentLength().orElse(-1), () -> req.content().inputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.status(r.status());
        res.header(HeaderNames.CONTENT_TYPE, r.contentType());
        if (r.retryAfter() != null) {
            res.header(HeaderNames.RETRY_AFTER, r.retryAfter());
        }
        res.send(r.body());
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
