package org.recoder.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.Model;
import org.recoder.api.TrainingData;
import org.recoder.models.ease.EaseConfig;
import org.recoder.models.ease.EaseTrainer;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;

/**
 * The try-it page in headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it when absent, and this
 * test is skipped on a machine without it): the page, given a history in its address, shows recommendations with
 * titles and the "because" bars of one of them, all fetched from the live service by its own JavaScript.
 */
class PageTest {
    @TempDir
    Path dir;

    @Test
    void thePageShowsRecommendationsAndBecauseBarsInHeadlessChromium() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(chromium), "chromium is not installed (.ci/run installs it)");
        TrainingData td = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.small(42)).trainingData();
        Model ease = new EaseTrainer(EaseConfig.defaults().withLambda(50f)).fit(td);
        String a = ease.items().id(2);
        String b = ease.items().id(5);
        RecommendationService service = RecommendationService.of(Map.of("ease", ease), Map.of(), Map.of(), f -> null)
                .withTitles(Map.of(a, "Title of " + a, b, "Title of " + b));
        try (HttpFront front = HttpFront.start(service, "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + front.port() + "/?model=ease&items=" + a + "," + b;
            String dom = dump(chromium, base);
            Matcher recs = Pattern.compile("<li class=\"rec\"><button class=\"link\">([^<]+)</button>").matcher(dom);
            int n = 0;
            String first = null;
            while (recs.find()) {
                n++;
                if (first == null) {
                    first = recs.group(1);
                }
            }
            assertThat(n).as(dom).isEqualTo(10);
            // The history shows the titles it looked up; the recommendations leave the history out.
            assertThat(dom).contains("Title of " + a + " (" + a + ")").contains("Title of " + b + " (" + b + ")");
            String top = first.replaceAll(".*\\((.+)\\)$", "$1");
            String explained = dump(chromium, base + "&because=" + top);
            assertThat(explained).contains("Because: ").contains("class=\"bar").contains("exact: value");
        }
    }

    private String dump(Path chromium, String url) throws Exception {
        Path out = Files.createTempFile(dir, "dom", ".html");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + dir.resolve("profile"),
                "--virtual-time-budget=10000", "--dump-dom", url)
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
