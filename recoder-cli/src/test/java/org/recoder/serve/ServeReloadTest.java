package org.recoder.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.Model;
import org.recoder.api.TrainingData;
import org.recoder.io.Json;
import org.recoder.models.Models;
import org.recoder.models.ease.EaseConfig;
import org.recoder.models.ease.EaseModel;
import org.recoder.models.ease.EaseTrainer;
import org.recoder.models.itemknn.ItemKnnConfig;
import org.recoder.models.itemknn.ItemKnnTrainer;
import org.recoder.models.multae.MultAutoencoderConfig;
import org.recoder.models.multae.MultAutoencoderTrainer;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;
import org.recoder.train.TrainingOptions;
import tools.jackson.databind.JsonNode;

/** Hot reload (under load, and of a bad file) and the item-to-item endpoint, on a live server. */
class ServeReloadTest {
    @TempDir
    Path dir;

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> post(int port, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void reloadSwapsUnderLoadWithoutLosingARequestAndABadFileKeepsTheOldModel() throws Exception {
        TrainingData td = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42)).trainingData();
        Model a = new ItemKnnTrainer(ItemKnnConfig.defaults().withNeighbours(20)).fit(td);
        Model b = new ItemKnnTrainer(ItemKnnConfig.defaults().withNeighbours(50)).fit(td);
        Path file = dir.resolve("knn.recoder");
        Path fileA = dir.resolve("a.recoder");
        Path fileB = dir.resolve("b.recoder");
        Models.save(a, fileA);
        Models.save(b, fileB);
        Files.copy(fileA, file);
        RecommendationService service = RecommendationService.of(Map.of("knn", Models.load(file)), Map.of("knn", file), Map.of(),
                Models::load);
        String items = "{\"items\": [\"" + a.items().id(1) + "\", \"" + a.items().id(7) + "\"], \"n\": 5}";
        try (HttpFront front = HttpFront.start(service, "127.0.0.1", 0)) {
            int port = front.port();
            AtomicBoolean done = new AtomicBoolean();
            ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
            List<Thread> clients = new java.util.ArrayList<>();
            for (int c = 0; c < 4; c++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    while (!done.get()) {
                        try {
                            statuses.add(post(port, "/v1/models/knn/recommend", items).statusCode());
                        } catch (Exception e) {
                            statuses.add(-1);
                        }
                    }
                }));
            }
            for (int k = 0; k < 6; k++) {
                Files.copy(k % 2 == 0 ? fileB : fileA, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                HttpResponse<String> r = post(port, "/v1/models/knn/reload", "");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(Json.parse(r.body()).path("config").path("neighbours").asInt()).isEqualTo(k % 2 == 0 ? 50 : 20);
                Thread.sleep(30);
            }
            done.set(true);
            for (Thread t : clients) {
                t.join();
            }
            assertThat(statuses).isNotEmpty().allMatch(s -> s == 200);

            // A bad file: the reload fails with the reason, and the old model (20 neighbours) keeps serving.
            Files.writeString(file, "not a model");
            HttpResponse<String> bad = post(port, "/v1/models/knn/reload", "");
            assertThat(bad.statusCode()).isEqualTo(422);
            JsonNode why = Json.parse(bad.body());
            assertThat(why.path("field").asString()).isEqualTo("file");
            assertThat(why.path("error").asString()).contains("old model keeps serving").contains("not a Recoder model file");
            assertThat(post(port, "/v1/models/knn/recommend", items).statusCode()).isEqualTo(200);
            HttpResponse<String> models = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models/knn")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Json.parse(models.body()).path("config").path("neighbours").asInt()).isEqualTo(20);
            assertThat(service.reloadAll()).containsKey("knn");
        }
    }

    @Test
    void similarItemsComeFromEachModelsOwnItemStructure() throws Exception {
        TrainingData td = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42)).trainingData();
        EaseModel ease = new EaseTrainer(EaseConfig.defaults().withLambda(50f)).fit(td);
        Model knn = new ItemKnnTrainer(ItemKnnConfig.defaults()).fit(td);
        Model vae = new MultAutoencoderTrainer(MultAutoencoderConfig.multVae().withEpochs(2).withBatchSize(200), 1,
                TrainingOptions.defaults().withListeners(List.of())).fit(td);
        RecommendationService service = RecommendationService.of(Map.of("ease", ease, "knn", knn, "vae", vae), Map.of(), Map.of(),
                f -> null);
        try (HttpFront front = HttpFront.start(service, "127.0.0.1", 0)) {
            String item = ease.items().id(3);
            JsonNode e = Json.parse(post(front.port(), "/v1/models/ease/similar", "{\"item\": \"" + item + "\", \"n\": 4}").body());
            assertThat(e.path("items").size()).isEqualTo(4);
            // EASE's answer is exactly the largest weights of row 3 of B.
            int best = -1;
            float bestW = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < ease.items().size(); j++) {
                if (j != 3 && ease.weight(3, j) > bestW) {
                    bestW = ease.weight(3, j);
                    best = j;
                }
            }
            assertThat(e.path("items").get(0).path("item").asString()).isEqualTo(ease.items().id(best));
            assertThat((float) e.path("items").get(0).path("score").asDouble()).isEqualTo(bestW);
            for (String m : List.of("knn", "vae")) {
                HttpResponse<String> r = post(front.port(), "/v1/models/" + m + "/similar", "{\"item\": \"" + item + "\"}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode j = Json.parse(r.body());
                assertThat(j.path("items").size()).isEqualTo(10);
                assertThat(j.path("items").findValuesAsString("item")).doesNotContain(item);
                assertThat(j.path("similarity").asString()).isNotBlank();
            }
            JsonNode vaeTop = Json.parse(post(front.port(), "/v1/models/vae/similar", "{\"item\": \"" + item + "\", \"n\": 1}").body());
            assertThat(vaeTop.path("items").get(0).path("score").asDouble()).isBetween(-1.0, 1.0);
            assertThat(post(front.port(), "/v1/models/ease/similar", "{\"item\": \"nope\"}").statusCode()).isEqualTo(404);
            assertThat(post(front.port(), "/v1/models/ease/similar", "{\"n\": 3}").statusCode()).isEqualTo(400);
        }
    }
}
