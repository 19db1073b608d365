package org.recoder.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: requests are sent at a fixed rate on a schedule, whatever the server's answers are
 * doing, and each latency is measured from the request's <em>scheduled</em> send time, so a stalled server shows up
 * in the tail instead of slowing the generator down (no coordinated omission, as wrk2 does it).
 */
public final class LoadGenerator {
    /**
     * What one run measured.
     *
     * @param rate       requests per second asked for
     * @param sent       requests sent
     * @param ok         2xx answers
     * @param failed     other answers and transport errors
     * @param seconds    wall time from the first scheduled send to the last answer
     * @param p50        median latency in ms
     * @param p99        99th percentile in ms
     * @param p999       99.9th percentile in ms
     * @param max        largest in ms
     */
    public record Result(double rate, int sent, int ok, int failed, double seconds, double p50, double p99, double p999, double max) {
        public double throughput() {
            return ok / seconds;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();

    /** Sends {@code bodies} (cycled) to {@code url} at {@code rate} per second for {@code seconds}. */
    public Result run(String url, List<String> bodies, double rate, double seconds) throws InterruptedException {
        int n = (int) Math.round(rate * seconds);
        long[] latency = new long[n];
        Arrays.fill(latency, -1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        URI uri = URI.create(url);
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime() + 10_000_000L;
        for (int i = 0; i < n; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int k = i;
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i % bodies.size()))).build();
            client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                latency[k] = System.nanoTime() - scheduled;
                if (e == null && r.statusCode() / 100 == 2) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await(60, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - start) / 1e9;
        long[] got = Arrays.stream(latency).filter(v -> v >= 0).sorted().toArray();
        return new Result(rate, n, ok.get(), failed.get() + (n - got.length), wall, pct(got, 0.50), pct(got, 0.99), pct(got, 0.999),
                got.length == 0 ? Double.NaN : got[got.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
