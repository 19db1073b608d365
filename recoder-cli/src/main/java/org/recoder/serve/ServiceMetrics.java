package org.recoder.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The service's Prometheus metrics, through the Prometheus Java client: requests by endpoint and status, latency
 * histograms by endpoint, model load times, and the JVM's own (memory, GC, threads). Endpoints are labelled by
 * their route ({@code recommend}, {@code similar}, ...), never by the raw path, so that labels stay few.
 */
final class ServiceMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder().name("recoder_requests").help("HTTP requests by endpoint and status")
            .labelNames("endpoint", "status").register(registry);
    private final Histogram latency = Histogram.builder().name("recoder_request_duration_seconds")
            .help("Time to answer a request, by endpoint").labelNames("endpoint").classicOnly()
            .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5).register(registry);
    private final Gauge loadSeconds = Gauge.builder().name("recoder_model_load_seconds")
            .help("How long the model's last (re)load took").labelNames("model").register(registry);
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    ServiceMetrics() {
        JvmMetrics.builder().register(registry);
    }

    /** Records one answered request. */
    void request(String endpoint, int status, double seconds) {
        requests.labelValues(endpoint, Integer.toString(status)).inc();
        latency.labelValues(endpoint).observe(seconds);
    }

    void loaded(String model, double seconds) {
        loadSeconds.labelValues(model).set(seconds);
    }

    /** The text exposition format. */
    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 14);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    String contentType() {
        return writer.getContentType();
    }

    /** The route of a path, as a metrics label. */
    static String endpoint(String path) {
        return switch (path) {
            case "/health" -> "health";
            case "/ready" -> "ready";
            case "/metrics" -> "metrics";
            case "/openapi.json" -> "openapi";
            case "/v1/models" -> "models";
            default -> {
                if (!path.startsWith("/v1/models/")) {
                    yield "other";
                }
                String rest = path.substring("/v1/models/".length());
                int slash = rest.indexOf('/');
                String action = slash < 0 ? "model" : rest.substring(slash + 1);
                yield switch (action) {
                    case "model", "recommend", "recommend/batch", "similar", "because", "predict", "reload", "items" -> action.replace('/', '_');
                    default -> "other";
                };
            }
        };
    }
}
