package org.recoder.serve;

import java.io.IOException;

/**
 * Another HTTP server in front of a {@link Dispatcher}, found through {@link java.util.ServiceLoader} for
 * {@code recoder bench serve --http NAME}. The service itself runs on the JDK's server ({@link HttpFront}); the bench
 * module provides Helidon SE 4's, so that the choice between them is measured rather than assumed.
 */
public interface HttpLayer {
    /** The name {@code --http} selects it by. */
    String name();

    /** Binds {@code host:port} (0: any free port) and serves {@code dispatcher} until closed. */
    Running start(Dispatcher dispatcher, String host, int port) throws IOException;

    /** A started server. */
    interface Running extends AutoCloseable {
        int port();

        @Override
        void close();
    }

    /** The layer named {@code name} on the class path, or an error naming the ones there are. */
    static HttpLayer named(String name) {
        java.util.List<String> found = new java.util.ArrayList<>();
        for (HttpLayer layer : java.util.ServiceLoader.load(HttpLayer.class)) {
            if (layer.name().equals(name)) {
                return layer;
            }
            found.add(layer.name());
        }
        throw new IllegalArgumentException("no HTTP layer '" + name + "' on the class path (found: jdk" + (found.isEmpty() ? "" : ", "
                + String.join(", ", found)) + "); Helidon SE is in the bench module: java -cp recoder-bench/target/benchmarks.jar "
                + "org.recoder.cli.RecoderCli bench serve --http helidon");
    }
}
