package org.recoder.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.recoder.api.Model;
import org.recoder.api.Recommendation;
import org.recoder.api.Recommender;
import org.recoder.api.TrainingData;
import org.recoder.models.ease.EaseConfig;
import org.recoder.models.ease.EaseTrainer;
import org.recoder.models.itemknn.ItemKnnConfig;
import org.recoder.models.itemknn.ItemKnnTrainer;
import org.recoder.models.multae.MultAutoencoderConfig;
import org.recoder.models.multae.MultAutoencoderTrainer;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;
import org.recoder.train.TrainingOptions;

/**
 * Model files written by format version 1 must keep loading and scoring the same: one committed fixture per
 * kind of model (item-kNN's sparse tensors, EASE's dense matrix, a small Mult-VAE's layers) with its expected
 * top-10. They were written once by {@link #writeFixture} (run with {@code -Drecoder.golden.write=DIR}) and
 * committed; the item-kNN one predates the model families, EASE's {@code blas} and the provenance's
 * {@code compute}, so it also shows that older files still load.
 */
class GoldenFixtureTest {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final List<String> HISTORY = List.of("i1", "i13", "i25", "i37");

    private static Function<TrainingData, Model> trainer(String type) {
        return switch (type) {
            case "itemknn" -> td -> new ItemKnnTrainer(new ItemKnnConfig(20, 10f, 1)).fit(td);
            case "ease" -> td -> new EaseTrainer(EaseConfig.defaults().withLambda(50f).withThreads(1)).fit(td);
            case "multvae" -> td -> new MultAutoencoderTrainer(new MultAutoencoderConfig(true, 16, 8, 0.5f, 0.2f, 100, 0f,
                    1e-2f, 50, 3), 7, TrainingOptions.defaults().withListeners(List.of())).fit(td);
            default -> throw new IllegalArgumentException(type);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"itemknn", "ease", "multvae"})
    void formatVersion1FixtureStillLoadsAndScoresTheSame(String type) throws IOException {
        Path file = DIR.resolve(type + "-format1.recoder");
        // Written by format version 1 (no header checksum): this build writes version 2 and must still read them.
        assertThat(org.recoder.io.ModelFile.readHeaders(file).header().path("format_version").asInt()).isEqualTo(1);
        Model m = Models.load(file);
        assertThat(m.type()).isEqualTo(type);
        List<String> lines = Files.readAllLines(DIR.resolve(type + "-format1.expected.tsv"));
        assertThat(lines).hasSize(10);
        List<Recommendation> recs = Recommender.of(m).forHistory(HISTORY, lines.size(), List.of());
        for (int r = 0; r < lines.size(); r++) {
            String[] f = lines.get(r).split("\t");
            assertThat(recs.get(r).item()).isEqualTo(f[0]);
            assertThat(recs.get(r).score()).isEqualTo(Float.parseFloat(f[1]));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"itemknn", "ease", "multvae"})
    void writeFixture(String type) throws IOException {
        String out = System.getProperty("recoder.golden.write");
        if (out == null) {
            // Regenerating is a deliberate act: only with the property set.
            assertThat(DIR.resolve(type + "-format1.recoder")).exists();
            return;
        }
        TrainingData td = StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.tiny(200, 60, 9)).trainingData();
        Model m = trainer(type).apply(td);
        Path dir = Path.of(out);
        Files.createDirectories(dir);
        Models.save(m, dir.resolve(type + "-format1.recoder"));
        List<String> lines = new ArrayList<>();
        for (Recommendation r : Recommender.of(m).forHistory(HISTORY, 10, List.of())) {
            lines.add(r.item() + "\t" + r.score());
        }
        Files.write(dir.resolve(type + "-format1.expected.tsv"), lines);
        assertThat(dir.resolve(type + "-format1.recoder")).exists();
    }
}
