package org.recoder.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.recoder.api.Model;
import org.recoder.api.Recommendation;
import org.recoder.api.Recommender;
import org.recoder.data.Interactions;
import org.recoder.io.Json;
import org.recoder.models.multae.MultAutoencoderConfig;
import org.recoder.models.multae.MultAutoencoderTrainer;
import org.recoder.protocol.Split;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;
import org.recoder.train.TrainingOptions;
import tools.jackson.databind.JsonNode;

/** Concurrent fold-in requests to a neural model, scored in shared batches, answer exactly as one at a time. */
class MicroBatchTest {
    @Test
    void batchedAnswersEqualTheModelsOwnOneAtATime() throws Exception {
        Split split = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42));
        Model vae = new MultAutoencoderTrainer(MultAutoencoderConfig.multVae().withEpochs(2).withBatchSize(200), 1,
                TrainingOptions.defaults().withListeners(List.of())).fit(split.trainingData());
        assertThat(vae.scoresBatchesFaster()).isTrue();
        RecommendationService service = RecommendationService.of(Map.of("vae", vae), Map.of(), Map.of(), f -> null);
        HttpClient client = HttpClient.newHttpClient();
        Interactions fold = split.test().foldIn();
        try (HttpFront front = HttpFront.start(service, "127.0.0.1", 0)) {
            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            List<List<String>> histories = new ArrayList<>();
            for (int u = 0; u < 60; u++) {
                List<String> h = new ArrayList<>();
                for (int i : fold.rowItems(u % fold.numUsers())) {
                    h.add(fold.items().id(i));
                }
                histories.add(h);
                String body = Json.compact(Map.of("items", h, "n", 5));
                pending.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/v1/models/vae/recommend"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (int u = 0; u < pending.size(); u++) {
                HttpResponse<String> r = pending.get(u).get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode items = Json.parse(r.body()).path("items");
                List<Recommendation> alone = Recommender.of(vae).forHistory(histories.get(u), 5, List.of());
                for (int k = 0; k < 5; k++) {
                    assertThat(items.get(k).path("item").asString()).isEqualTo(alone.get(k).item());
                    assertThat((float) items.get(k).path("score").asDouble()).isEqualTo(alone.get(k).score());
                }
            }
        }
    }
}
