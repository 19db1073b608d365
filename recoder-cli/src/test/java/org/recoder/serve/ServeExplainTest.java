package org.recoder.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.recoder.api.Model;
import org.recoder.api.Provenance;
import org.recoder.api.TrainingData;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.io.Json;
import org.recoder.io.Tensor;
import org.recoder.models.ease.EaseConfig;
import org.recoder.models.ease.EaseModel;
import org.recoder.models.ease.EaseTrainer;
import org.recoder.models.itemknn.ItemKnnConfig;
import org.recoder.models.itemknn.ItemKnnTrainer;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;
import tools.jackson.databind.JsonNode;

/** {@code because} (exact for EASE and item-kNN), {@code predict} for ranking models, and the 503 bound. */
class ServeExplainTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void becauseSplitsALinearScoreExactlyIntoItsHistoryItems() throws Exception {
        TrainingData td = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42)).trainingData();
        EaseModel ease = new EaseTrainer(EaseConfig.defaults().withLambda(50f)).fit(td);
        Model knn = new ItemKnnTrainer(ItemKnnConfig.defaults()).fit(td);
        Model vaeModel = new org.recoder.models.multae.MultAutoencoderTrainer(org.recoder.models.multae.MultAutoencoderConfig.multVae()
                .withEpochs(1).withBatchSize(200), 1, org.recoder.train.TrainingOptions.defaults().withListeners(List.of())).fit(td);
        RecommendationService service = RecommendationService.of(Map.of("ease", ease, "knn", knn, "vae", vaeModel), Map.of(), Map.of(),
                f -> null);
        try (HttpFront front = HttpFront.start(service, "127.0.0.1", 0)) {
            List<String> history = List.of(ease.items().id(2), ease.items().id(5), ease.items().id(39));
            String items = "[\"" + String.join("\", \"", history) + "\"]";
            for (String name : List.of("ease", "knn")) {
                Model m = name.equals("ease") ? ease : knn;
                JsonNode recs = Json.parse(post(front.port(), "/v1/models/" + name + "/recommend", "{\"items\": " + items + ", \"n\": 1}").body());
                String top = recs.path("items").get(0).path("item").asString();
                double score = recs.path("items").get(0).path("score").asDouble();
                HttpResponse<String> r = post(front.port(), "/v1/models/" + name + "/because", "{\"items\": " + items + ", \"item\": \"" + top + "\"}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode b = Json.parse(r.body());
                assertThat(b.path("method").asString()).startsWith("exact");
                assertThat(b.path("contributions").size()).isEqualTo(3);
                double sum = 0;
                for (JsonNode c : b.path("contributions")) {
                    sum += c.path("contribution").asDouble();
                }
                // The contributions add up to the score the recommendation carried.
                assertThat(sum).as(name).isCloseTo(score, org.assertj.core.data.Offset.offset(1e-5));
                assertThat(m.type()).isNotBlank();
            }
            assertThat(post(front.port(), "/v1/models/ease/because", "{\"items\": " + items + "}").statusCode()).isEqualTo(400);
            HttpResponse<String> vae = post(front.port(), "/v1/models/vae/because", "{\"items\": " + items + ", \"item\": \""
                    + ease.items().id(11) + "\"}");
            assertThat(vae.statusCode()).as(vae.body()).isEqualTo(200);
            assertThat(Json.parse(vae.body()).path("method").asString()).startsWith("gradient × input");
            assertThat(Json.parse(vae.body()).path("contributions").size()).isEqualTo(3);
            assertThat(post(front.port(), "/v1/models/ease/because", "{\"items\": " + items + ", \"item\": \"nope\"}").statusCode()).isEqualTo(404);
            HttpResponse<String> predict = post(front.port(), "/v1/models/ease/predict", "{\"user\": \"u1\", \"items\": [\"i1\"]}");
            assertThat(predict.statusCode()).isEqualTo(400);
            assertThat(Json.parse(predict.body()).path("error").asString()).contains("does not predict ratings");
        }
    }

    /** Stopping finishes the request in flight, then refuses new connections. */
    @Test
    void stoppingLetsTheRequestInFlightFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Model slow = slowModel(entered, release);
        RecommendationService service = RecommendationService.of(Map.of("slow", slow), Map.of(), Map.of(), f -> null);
        HttpFront front = HttpFront.start(service, "127.0.0.1", 0);
        int port = front.port();
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return post(port, "/v1/models/slow/recommend", "{\"items\": [\"a\"], \"n\": 1}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> front.stop(10));
        Thread.sleep(300);
        release.countDown();
        assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        stopping.get(15, TimeUnit.SECONDS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> post(port, "/health", "{}")).isInstanceOf(java.io.IOException.class);
    }

    private static Model slowModel(CountDownLatch entered, CountDownLatch release) {
        IdIndex items = IdIndex.of("a", "b", "c");
        Interactions none = Interactions.fromTriples(IdIndex.of(), items, new int[0], new int[0], new float[0], null, DuplicatePolicy.LAST);
        record NoConfig() {
        }
        return new Model() {
            @Override
            public IdIndex items() {
                return items;
            }

            @Override
            public void score(int[] historyItems, float[] historyValues, float[] out) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                java.util.Arrays.fill(out, 1f);
            }

            @Override
            public String type() {
                return "slow";
            }

            @Override
            public Record config() {
                return new NoConfig();
            }

            @Override
            public Provenance provenance() {
                return Provenance.of(none, Map.of(), 0, 0, Map.of());
            }

            @Override
            public Interactions knownUsers() {
                return none;
            }

            @Override
            public Map<String, Tensor> tensors() {
                return Map.of();
            }
        };
    }

    /** A model whose scoring waits for a latch: it holds the only permit while the next request arrives. */
    @Test
    void aSaturatedServerAnswers503WithRetryAfterInsteadOfQueueing() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Model slow = slowModel(entered, release);
        RecommendationService service = RecommendationService.of(Map.of("slow", slow), Map.of(), Map.of(), f -> null);
        try (HttpFront front = HttpFront.start(service, "127.0.0.1", 0, 1)) {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(front.port(), "/v1/models/slow/recommend", "{\"items\": [\"a\"], \"n\": 1}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> second = post(front.port(), "/v1/models/slow/recommend", "{\"items\": [\"b\"], \"n\": 1}");
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(Json.parse(second.body()).path("error").asString()).startsWith("busy");
            // Health is never held up by the bound.
            assertThat(CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(post(front.port(), "/v1/models/slow/recommend", "{\"items\": [\"c\"], \"n\": 1}").statusCode()).isEqualTo(200);
        }
    }
}
