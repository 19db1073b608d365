package org.recoder.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.recoder.api.Model;
import org.recoder.models.Models;
import org.recoder.serve.HttpFront;
import org.recoder.serve.RecommendationService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"An HTTP JSON recommendation service for saved models (docs/serving.md).",
            "POST /v1/models/NAME/recommend with {\"items\": [...]}, {\"user\": \"id\"} or {\"session\": [...]}; .../recommend/batch, .../similar,",
            ".../reload (and SIGHUP); GET /v1/models, /health, /ready."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "[NAME=]FILE",
            description = "A model file to serve, named by its file name or NAME= (repeatable).")
    List<String> models;

    @Option(names = "--port", defaultValue = "8080", description = "Port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--items-meta", description = "Item titles for responses and the try-it page: MovieLens u.item or movies.csv.")
    Path itemsMeta;

    @Option(names = "--batch-wait-us", defaultValue = "" + org.recoder.serve.RecommendationService.DEFAULT_BATCH_WAIT_MICROS,
            description = "Neural models: how long (µs) a request waits for concurrent ones to be scored in one batch; 0: each alone. Default: ${DEFAULT-VALUE}.")
    long batchWaitMicros;

    @Option(names = "--max-in-flight", defaultValue = "64",
            description = "Model requests answered at once; one more gets 503 with Retry-After. Default: ${DEFAULT-VALUE}.")
    int maxInFlight;

    @Override
    public Integer call() throws Exception {
        if (batchWaitMicros < 0 || batchWaitMicros > 1_000_000) {
            throw new UsageException("--batch-wait-us must be from 0 to 1000000, got " + batchWaitMicros);
        }
        if (maxInFlight < 1) {
            throw new UsageException("--max-in-flight must be ≥ 1, got " + maxInFlight);
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be from 0 to 65535, got " + port);
        }
        Map<String, Model> loaded = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        for (String spec : models) {
            int eq = spec.indexOf('=');
            Path file = Path.of(eq < 0 ? spec : spec.substring(eq + 1));
            String name = eq < 0 ? stem(file) : spec.substring(0, eq);
            if (!name.matches("[A-Za-z0-9._-]+")) {
                throw new UsageException("--model " + spec + ": a model name may hold letters, digits, '.', '_' and '-' only");
            }
            if (loaded.containsKey(name)) {
                throw new UsageException("--model " + spec + ": two models are named '" + name + "'; name them with NAME=FILE");
            }
            long t0 = System.nanoTime();
            loaded.put(name, Models.load(file));
            millis.put(name, (System.nanoTime() - t0) / 1_000_000);
            files.put(name, file);
        }
        RecommendationService service = RecommendationService.of(loaded, files, millis, Models::load, batchWaitMicros);
        if (itemsMeta != null) {
            service.withTitles(org.recoder.serve.ItemTitles.read(itemsMeta));
        }
        HttpFront front = HttpFront.start(service, host, port, maxInFlight);
        var out = spec.commandLine().getOut();
        out.printf("serving %s at http://%s:%d (try it: open that address; API: docs/serving.md)%n",
                String.join(", ", loaded.keySet()), host, front.port());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM: stop accepting, let in-flight requests finish (up to 10 s), exit 0.
        Runnable shutdown = () -> {
            front.stop(10);
            stopped.countDown();
        };
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), sig -> shutdown.run());
        } catch (IllegalArgumentException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(shutdown));
        }
        // SIGHUP: reload every model from its file; one that fails keeps its old model serving.
        try {
            var err = spec.commandLine().getErr();
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> Thread.ofVirtual().start(() -> {
                service.reloadAll().forEach((name, why) -> {
                    err.println("recoder: warning: " + why);
                    err.flush();
                });
            }));
        } catch (IllegalArgumentException e) {
            // no SIGHUP on this platform: reload through POST /v1/models/NAME/reload
        }
        stopped.await();
        return 0;
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
