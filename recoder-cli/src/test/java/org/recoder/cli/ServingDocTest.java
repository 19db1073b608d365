package org.recoder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.Model;
import org.recoder.io.Json;
import org.recoder.models.Models;
import org.recoder.serve.HttpFront;
import org.recoder.serve.RecommendationService;
import org.recoder.testing.TestData;

/**
 * Every curl example in docs/serving.md, run against a live server with the models the document trains on ml-100k:
 * each must answer with the status written above it ({@code # → 200}) and a JSON body.
 */
@Tag("integration")
class ServingDocTest {
    @TempDir
    Path dir;

    @Test
    void everyCurlExampleOfTheServingDocAnswersAsDocumented() throws Exception {
        Path split = dir.resolve("ml100k");
        assertThat(CliTest.run("split", "strong", "--input", TestData.shared("ml-100k/u.data").toString(), "--format", "ml-100k",
                "--threshold", "3.5", "--heldout-users", "0.1", "--seed", "98765", "--out", split.toString()).code()).isZero();
        assertThat(CliTest.run("train", "itemknn", "--split", split.toString(), "--out", dir.resolve("knn.recoder").toString()).code()).isZero();
        assertThat(CliTest.run("train", "ease", "--lambda", "200", "--split", split.toString(), "--out", dir.resolve("ease.recoder").toString())
                .code()).isZero();
        // The rating predictors of the predict examples, on a ratings split (few epochs: the test checks the answers'
        // status and shape, not their accuracy).
        Path ratings = dir.resolve("ml100k-ratings");
        assertThat(CliTest.run("split", "ratings", "--input", TestData.shared("ml-100k/u.data").toString(), "--format", "ml-100k",
                "--seed", "1", "--out", ratings.toString()).code()).isZero();
        for (String type : List.of("uautorec", "iautorec")) {
            CliTest.Run t = CliTest.run("train", type, "--split", ratings.toString(), "--set", "hidden=50", "--set", "epochs=5",
                    "--out", dir.resolve(type + ".recoder").toString());
            assertThat(t.code()).as(t.err()).isZero();
        }
        Map<String, Model> models = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (String name : List.of("knn", "ease", "uautorec", "iautorec")) {
            files.put(name, dir.resolve(name + ".recoder"));
            models.put(name, Models.load(files.get(name)));
        }
        List<String[]> examples = examples(Files.readString(Path.of("../docs/serving.md")));
        assertThat(examples).hasSizeGreaterThanOrEqualTo(14);
        HttpClient client = HttpClient.newHttpClient();
        try (HttpFront front = HttpFront.start(RecommendationService.of(models, files, Map.of(), Models::load), "127.0.0.1", 0)) {
            for (String[] e : examples) {
                int expected = Integer.parseInt(e[0]);
                Map<String, String> curl = parse(e[1]);
                String url = curl.get("url").replace("http://127.0.0.1:8080", "http://127.0.0.1:" + front.port());
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
                if (curl.containsKey("content-type")) {
                    b.header("Content-Type", curl.get("content-type"));
                }
                String body = curl.get("data");
                b.method(curl.getOrDefault("method", body == null ? "GET" : "POST"),
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
                HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(e[1] + " -> " + r.body()).isEqualTo(expected);
                assertThat(Json.parse(r.body()).isObject()).isTrue();
            }
        }
    }

    /** (status, curl line) for each curl line under a {@code # → STATUS} line. */
    static List<String[]> examples(String doc) {
        List<String[]> out = new ArrayList<>();
        String[] lines = doc.split("\n");
        for (int k = 0; k + 1 < lines.length; k++) {
            if (lines[k].startsWith("# → ") && lines[k + 1].startsWith("curl ")) {
                out.add(new String[] {lines[k].substring(4).trim(), lines[k + 1]});
            }
        }
        return out;
    }

    /** The parts of a one-line curl command that matter here: -X, -H 'Content-Type: …', -d '…', the URL. */
    static Map<String, String> parse(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 1; k < words.size(); k++) {
            switch (words.get(k)) {
                case "-s" -> { }
                case "-X" -> m.put("method", words.get(++k));
                case "-H" -> {
                    String h = words.get(++k);
                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                        m.put("content-type", h.substring(h.indexOf(':') + 1).trim());
                    }
                }
                case "-d" -> m.put("data", words.get(++k));
                default -> m.put("url", words.get(k));
            }
        }
        return m;
    }
}
