package org.recoder.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.Model;
import org.recoder.api.Recommender;
import org.recoder.api.TrainingData;
import org.recoder.io.Json;
import org.recoder.models.Models;
import org.recoder.models.vasp.VaspConfig;
import org.recoder.models.vasp.VaspTrainer;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;
import org.recoder.train.TrainingOptions;
import tools.jackson.databind.JsonNode;

/** VASP through the service, loaded from its file: fold-in recommendations, Neural EASE neighbours, and "because". */
class ServeVaspTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> post(HttpClient client, int port, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void recommendsSimilarAndBecauseFromASavedModel() throws Exception {
        TrainingData td = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42)).trainingData();
        VaspConfig c = VaspConfig.defaults().withSizes(32, 16, 2, 2).withSchedule("2:1e-3", 2).withBatchSize(64);
        Model trained = new VaspTrainer(c, 1, TrainingOptions.defaults().withListeners(List.of())).fit(td);
        Path file = dir.resolve("vasp.recoder");
        Models.save(trained, file);
        Model vasp = Models.load(file);
        RecommendationService service = RecommendationService.of(Map.of("vasp", vasp), Map.of("vasp", file), Map.of(), Models::load);
        HttpClient client = HttpClient.newHttpClient();
        try (HttpFront front = HttpFront.start(service, "127.0.0.1", 0)) {
            List<String> history = List.of(vasp.items().id(2), vasp.items().id(5), vasp.items().id(39));
            String items = "[\"" + String.join("\", \"", history) + "\"]";
            HttpResponse<String> rec = post(client, front.port(), "/v1/models/vasp/recommend", "{\"items\": " + items + ", \"n\": 5}");
            assertThat(rec.statusCode()).as(rec.body()).isEqualTo(200);
            JsonNode recs = Json.parse(rec.body()).path("items");
            assertThat(recs.size()).isEqualTo(5);
            // The service's answer is the model's own, frozen output layer or not.
            assertThat(recs.get(0).path("item").asString())
                    .isEqualTo(Recommender.of(trained).forHistory(history, 5, List.of()).get(0).item());
            HttpResponse<String> similar = post(client, front.port(), "/v1/models/vasp/similar", "{\"item\": \"" + history.get(0) + "\", \"n\": 3}");
            assertThat(similar.statusCode()).as(similar.body()).isEqualTo(200);
            assertThat(Json.parse(similar.body()).path("items").size()).isEqualTo(3);
            String top = recs.get(0).path("item").asString();
            HttpResponse<String> because = post(client, front.port(), "/v1/models/vasp/because", "{\"items\": " + items + ", \"item\": \"" + top + "\"}");
            assertThat(because.statusCode()).as(because.body()).isEqualTo(200);
            assertThat(Json.parse(because.body()).path("contributions").size()).isEqualTo(3);
        }
    }
}
