package org.recoder.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recoder.api.Model;
import org.recoder.api.Recommendation;
import org.recoder.api.Recommender;
import org.recoder.api.TrainingData;
import org.recoder.io.Json;
import org.recoder.models.cdae.CdaeConfig;
import org.recoder.models.cdae.CdaeTrainer;
import org.recoder.models.itemknn.ItemKnnConfig;
import org.recoder.models.itemknn.ItemKnnTrainer;
import org.recoder.protocol.Split;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;
import org.recoder.train.TrainingOptions;
import tools.jackson.databind.JsonNode;

/** The HTTP service on a live loopback server: answers, and a 4xx naming the field for every client mistake. */
class ServeTest {
    static HttpFront front;
    static Model knn;
    static Model vsknn;
    static Split split;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        split = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42));
        TrainingData td = split.trainingData();
        knn = new ItemKnnTrainer(ItemKnnConfig.defaults()).fit(td);
        Model cdae = new CdaeTrainer(CdaeConfig.defaults().withEpochs(1), 1, TrainingOptions.defaults().withListeners(List.of()))
                .fit(split.trainingData(TrainingData.Preparation.WITH_HELD_OUT_FOLD_IN));
        org.recoder.protocol.SessionSplit.Result sessions = new org.recoder.protocol.SessionSplit(2, 0, 5, 2)
                .split(org.recoder.synth.SyntheticSessions.preset("sessions-small").generate(1));
        vsknn = org.recoder.models.sknn.SessionKnnFamily.VSKNN.trainer(org.recoder.models.sknn.VsknnConfig.defaults(), 0,
                TrainingOptions.defaults()).fit(new TrainingData(sessions.train().toInteractions(org.recoder.data.DuplicatePolicy.LAST),
                null, sessions.info(), false, false, new org.recoder.data.SessionEvents(sessions.train(), null, null)));
        RecommendationService service = RecommendationService.of(Map.of("knn", knn, "cdae", cdae, "vs", vsknn),
                Map.of("knn", Path.of("knn.recoder"), "cdae", Path.of("cdae.recoder"), "vs", Path.of("vs.recoder")), Map.of(), f -> {
                    throw new IllegalStateException("no reloads here");
                });
        front = HttpFront.start(service, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        front.close();
    }

    record Reply(int status, JsonNode body) {
    }

    static Reply send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + path));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return new Reply(r.statusCode(), Json.parse(r.body()));
    }

    static Reply post(String path, String json) throws Exception {
        return send("POST", path, "application/json", json);
    }

    private static String ids(int[] items) {
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < items.length; k++) {
            sb.append(k > 0 ? "," : "").append('"').append(knn.items().id(items[k])).append('"');
        }
        return sb.append(']').toString();
    }

    @Test
    void aSessionModelAnswersAnOrderedSession() throws Exception {
        List<String> session = List.of("i1", "i2", "i1", "i7");
        Reply r = post("/v1/models/vs/recommend", "{\"session\": [\"i1\", \"i2\", \"i1\", \"i7\"], \"n\": 5}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("type").asString()).isEqualTo("vsknn");
        List<Recommendation> expected = Recommender.of(vsknn).forHistory(session, 5, List.of());
        assertThat(r.body().path("items").size()).isEqualTo(5);
        for (int k = 0; k < 5; k++) {
            assertThat(r.body().path("items").get(k).path("item").asString()).isEqualTo(expected.get(k).item());
            assertThat((float) r.body().path("items").get(k).path("score").asDouble()).isEqualTo(expected.get(k).score());
        }
        // The order is the model's input: the scores the server returned are those of the ordered session.
        float[] ordered = new float[vsknn.items().size()];
        ((org.recoder.api.SessionScorer) vsknn).scoreSession(new int[] {vsknn.items().index("i1"), vsknn.items().index("i2"),
                vsknn.items().index("i1"), vsknn.items().index("i7")}, ordered);
        String top = r.body().path("items").get(0).path("item").asString();
        assertThat((float) r.body().path("items").get(0).path("score").asDouble()).isEqualTo(ordered[vsknn.items().index(top)]);
    }

    /**
     * Score arrays are reused across requests (ScoreBuffers): answers to interleaved histories, a known user and the
     * popularity fallback each equal the library's answer from a fresh array, in any order.
     */
    @Test
    void reusedScoreArraysNeverCarryAnEarlierRequest() throws Exception {
        for (int round = 0; round < 3; round++) {
            for (int u : new int[] {0, 5, 1, 0}) {
                int[] hist = split.test().foldIn().rowItems(u);
                Reply r = post("/v1/models/knn/recommend", "{\"items\": " + ids(hist) + ", \"n\": 20}");
                List<Recommendation> expected = Recommender.of(knn).forHistory(
                        java.util.Arrays.stream(hist).mapToObj(i -> knn.items().id(i)).toList(), 20, List.of());
                for (int k = 0; k < 20; k++) {
                    assertThat(r.body().path("items").get(k).path("item").asString()).isEqualTo(expected.get(k).item());
                    assertThat((float) r.body().path("items").get(k).path("score").asDouble()).isEqualTo(expected.get(k).score());
                }
            }
            String user = knn.knownUsers().users().id(round);
            Reply byUser = post("/v1/models/knn/recommend", "{\"user\": \"" + user + "\", \"n\": 20}");
            List<Recommendation> expected = Recommender.of(knn).forUser(user, 20, List.of());
            for (int k = 0; k < 20; k++) {
                assertThat(byUser.body().path("items").get(k).path("item").asString()).isEqualTo(expected.get(k).item());
            }
            Reply empty = post("/v1/models/knn/recommend", "{\"items\": [], \"n\": 5}");
            assertThat(empty.body().path("fallback").asString()).isEqualTo("popularity");
        }
    }

    @Test
    void recommendsForNewHistoriesAndKnownUsersAsTheLibraryDoes() throws Exception {
        int[] hist = split.test().foldIn().rowItems(0);
        Reply r = post("/v1/models/knn/recommend", "{\"items\": " + ids(hist) + ", \"n\": 5}");
        assertThat(r.status()).isEqualTo(200);
        List<String> history = java.util.Arrays.stream(hist).mapToObj(i -> knn.items().id(i)).toList();
        List<Recommendation> expected = Recommender.of(knn).forHistory(history, 5, List.of());
        assertThat(r.body().path("items").size()).isEqualTo(5);
        for (int k = 0; k < 5; k++) {
            assertThat(r.body().path("items").get(k).path("item").asString()).isEqualTo(expected.get(k).item());
            assertThat((float) r.body().path("items").get(k).path("score").asDouble()).isEqualTo(expected.get(k).score());
        }
        assertThat(r.body().path("model").asString()).isEqualTo("knn");
        assertThat(r.body().path("type").asString()).isEqualTo("itemknn");
        assertThat(r.body().path("unknown_items").size()).isZero();

        String user = knn.knownUsers().users().id(3);
        Reply byUser = post("/v1/models/knn/recommend", "{\"user\": \"" + user + "\", \"n\": 3, \"exclude\": [\""
                + Recommender.of(knn).forUser(user, 1, List.of()).get(0).item() + "\"]}");
        assertThat(byUser.status()).isEqualTo(200);
        assertThat(byUser.body().path("items").get(0).path("item").asString())
                .isEqualTo(Recommender.of(knn).forUser(user, 2, List.of()).get(1).item());

        // Unknown items are ignored and listed; an empty history falls back to popularity, flagged.
        Reply unknown = post("/v1/models/knn/recommend", "{\"items\": [\"nope\", " + ids(hist).substring(1) + "}");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.body().path("unknown_items").toString()).isEqualTo("[\"nope\"]");
        Reply empty = post("/v1/models/knn/recommend", "{\"items\": [\"nope\"], \"n\": 3}");
        assertThat(empty.body().path("fallback").asString()).isEqualTo("popularity");
        assertThat(empty.body().path("items").size()).isEqualTo(3);

        // CDAE serves known users by id.
        String cdaeUser = split.test().foldIn().users().id(0);
        assertThat(post("/v1/models/cdae/recommend", "{\"user\": \"" + cdaeUser + "\"}").status()).isEqualTo(200);
    }

    @Test
    void batchAnswersEachRequestAndReportsEachErrorInPlace() throws Exception {
        int[] hist = split.test().foldIn().rowItems(1);
        Reply r = post("/v1/models/knn/recommend/batch", "{\"requests\": [{\"items\": " + ids(hist) + "}, {\"n\": 0, \"items\": []}]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("results").get(0).path("items").size()).isEqualTo(10);
        assertThat(r.body().path("results").get(1).path("field").asString()).isEqualTo("requests[1].n");
    }

    @Test
    void metricsCountRequestsByEndpointAndStatusInPrometheusText() throws Exception {
        post("/v1/models/knn/recommend", "{\"items\": [\"i1\"], \"n\": 2}");
        post("/v1/models/knn/recommend", "{\"items\": [\"i1\"], \"n\": 0}");
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body()).containsPattern("recoder_requests_total\\{endpoint=\"recommend\",status=\"200\"\\} [1-9]")
                .containsPattern("recoder_requests_total\\{endpoint=\"recommend\",status=\"400\"\\} [1-9]")
                .contains("recoder_request_duration_seconds_bucket{endpoint=\"recommend\",le=\"0.005\"}")
                .contains("recoder_model_load_seconds{model=\"knn\"}")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void theOpenApiDocumentDescribesEveryRoute() throws Exception {
        Reply r = send("GET", "/openapi.json", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("openapi").asString()).startsWith("3.");
        List<String> paths = new java.util.ArrayList<>();
        r.body().path("paths").properties().forEach(e -> paths.add(e.getKey()));
        assertThat(paths).containsExactlyInAnyOrder("/", "/v1/models/{name}/items", "/health", "/ready", "/metrics", "/openapi.json", "/v1/models",
                "/v1/models/{name}", "/v1/models/{name}/recommend", "/v1/models/{name}/recommend/batch",
                "/v1/models/{name}/similar", "/v1/models/{name}/because", "/v1/models/{name}/predict", "/v1/models/{name}/reload");
        // Each documented route answers (not 404 "no such endpoint") on the live server.
        for (String p : paths) {
            String path = p.replace("{name}", "knn");
            boolean post = r.body().path("paths").path(p).has("post");
            if (p.equals("/")) {
                HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
                assertThat(page.body()).contains("<script>").contains("/v1/models/");
                continue;
            }
            Reply a = post ? post(path, "{\"items\": [], \"item\": \"i1\"}") : null;
            int status = post ? a.status() : CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            assertThat(status).as(path).isNotEqualTo(404).isNotEqualTo(405).isLessThan(500);
        }
    }

    @Test
    void describesModelsAndHealth() throws Exception {
        Reply models = send("GET", "/v1/models", null, null);
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.body().path("models").size()).isEqualTo(3);
        assertThat(send("GET", "/health", null, null).body().path("status").asString()).isEqualTo("ok");
        assertThat(send("GET", "/ready", null, null).body().path("ready").asBoolean()).isTrue();
        Reply one = send("GET", "/v1/models/knn", null, null);
        assertThat(one.body().path("config").path("neighbours").asInt()).isEqualTo(100);
    }

    @Test
    void everyClientMistakeIsA4xxNamingTheField() throws Exception {
        assertError(post("/v1/models/knn/recommend", "{\"items\": [\"1\"], \"n\": 0}"), 400, "n");
        assertError(post("/v1/models/knn/recommend", "{\"items\": [\"1\"], \"n\": 1001}"), 400, "n");
        assertError(post("/v1/models/knn/recommend", "{\"items\": [\"1\"], \"n\": \"ten\"}"), 400, "n");
        assertError(post("/v1/models/knn/recommend", "{\"items\": [\"1\"], \"user\": \"u1\"}"), 400, "items");
        assertError(post("/v1/models/knn/recommend", "{}"), 400, "items");
        assertError(post("/v1/models/knn/recommend", "{\"items\": \"1,2\"}"), 400, "items");
        assertError(post("/v1/models/knn/recommend", "{\"items\": [{\"id\": 1}]}"), 400, "items");
        assertError(post("/v1/models/knn/recommend", "{\"items\": ["), 400, "body");
        assertError(post("/v1/models/knn/recommend", "[1, 2]"), 400, "body");
        assertError(send("POST", "/v1/models/knn/recommend", "text/plain", "{\"items\": []}"), 415, "Content-Type");
        assertError(send("POST", "/v1/models/knn/recommend", null, "{\"items\": []}"), 415, "Content-Type");
        assertError(post("/v1/models/knn/recommend", "{\"session\": [\"1\", \"2\"]}"), 400, "session");
        assertError(post("/v1/models/nope/recommend", "{\"items\": []}"), 404, "name");
        assertError(post("/v1/models/knn/recommend", "{\"user\": \"nobody\"}"), 404, "user");
        assertError(post("/v1/models/cdae/recommend", "{\"items\": [\"1\"]}"), 400, "items");
        assertError(send("GET", "/v1/models/knn/recommend", null, null), 405, "method");
        assertError(send("GET", "/v2/nothing", null, null), 404, "path");
        String big = "{\"items\": [\"" + "x".repeat(Dispatcher.MAX_BODY) + "\"]}";
        assertError(post("/v1/models/knn/recommend", big), 413, "body");
        // None of it hurt the server.
        assertThat(send("GET", "/health", null, null).status()).isEqualTo(200);
    }

    @Test
    void threeThousandRandomAndMutatedBodiesNeverGiveA500() throws Exception {
        SplittableRandom rng = new SplittableRandom(7);
        String good = "{\"items\": [\"1\", \"2\", \"3\"], \"n\": 5, \"exclude\": [\"4\"]}";
        String alphabet = "{}[]\":,0123456789abcnitemsuserxclude -.\\ntrue";
        for (int c = 0; c < 3000; c++) {
            StringBuilder sb = new StringBuilder(c % 10 == 9 ? "" : good);
            if (c % 10 == 9) {
                // Now and then an entirely random body.
                for (int k = 0; k < rng.nextInt(60); k++) {
                    sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
                }
            }
            for (int k = 0; k < 1 + rng.nextInt(4); k++) {
                int at = rng.nextInt(sb.length() + 1);
                switch (rng.nextInt(3)) {
                    case 0 -> sb.insert(at, alphabet.charAt(rng.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < sb.length()) {
                            sb.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < sb.length()) {
                            sb.setCharAt(at, alphabet.charAt(rng.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            Reply r = post("/v1/models/" + (c % 2 == 0 ? "knn" : "cdae") + "/recommend", sb.toString());
            assertThat(r.status()).as("body " + sb).isIn(200, 400, 404);
            if (r.status() != 200) {
                assertThat(r.body().path("error").asString()).as("body " + sb).isNotEmpty();
                assertThat(r.body().has("field")).isTrue();
            }
        }
        assertThat(send("GET", "/health", null, null).status()).isEqualTo(200);
    }

    private static void assertError(Reply r, int status, String field) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.body().path("field").asString()).as(r.body().toString()).isEqualTo(field);
        assertThat(r.body().path("error").asString()).isNotBlank();
    }
}
