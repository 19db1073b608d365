package org.recoder.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoder.api.Model;
import org.recoder.api.Recommendation;
import org.recoder.api.Recommender;
import org.recoder.api.TrainingData;
import org.recoder.models.itemknn.ItemKnnConfig;
import org.recoder.models.itemknn.ItemKnnTrainer;
import org.recoder.protocol.StrongGeneralization;
import org.recoder.testing.TestData;

/**
 * Model files written by format version 1 must keep loading and scoring the same. The fixture and its expected
 * top-10 were written once by {@link #writeFixture} (run with {@code -Drecoder.golden.write=DIR}) and committed.
 */
class GoldenFixtureTest {
    private static final Path FIXTURE = Path.of("src/test/resources/golden/itemknn-format1.recoder");
    private static final Path EXPECTED = Path.of("src/test/resources/golden/itemknn-format1.expected.tsv");
    private static final List<String> HISTORY = List.of("i1", "i13", "i25", "i37");

    @Test
    void formatVersion1FixtureStillLoadsAndScoresTheSame() throws IOException {
        Model m = Models.load(FIXTURE);
        assertThat(m.type()).isEqualTo("itemknn");
        assertThat(m.config()).isEqualTo(new ItemKnnConfig(20, 10f, 1));
        List<String> lines = Files.readAllLines(EXPECTED);
        List<Recommendation> recs = Recommender.of(m).forHistory(HISTORY, lines.size(), List.of());
        for (int r = 0; r < lines.size(); r++) {
            String[] f = lines.get(r).split("\t");
            assertThat(recs.get(r).item()).isEqualTo(f[0]);
            assertThat(recs.get(r).score()).isEqualTo(Float.parseFloat(f[1]));
        }
    }

    @Test
    void writeFixture() throws IOException {
        String out = System.getProperty("recoder.golden.write");
        if (out == null) {
            // Regenerating is a deliberate act: only with the property set.
            assertThat(FIXTURE).exists();
            return;
        }
        TrainingData td = TrainingData.of(StrongGeneralization.liang(3.5f, 0.1, 98765).split(TestData.tiny(200, 60, 9)));
        Model m = new ItemKnnTrainer(new ItemKnnConfig(20, 10f, 1)).fit(td);
        Path dir = Path.of(out);
        Files.createDirectories(dir);
        Models.save(m, dir.resolve(FIXTURE.getFileName()));
        List<String> lines = new ArrayList<>();
        for (Recommendation r : Recommender.of(m).forHistory(HISTORY, 10, List.of())) {
            lines.add(r.item() + "\t" + r.score());
        }
        Files.write(dir.resolve(EXPECTED.getFileName()), lines);
        assertThat(Arrays.asList(dir.toFile().list())).contains(FIXTURE.getFileName().toString());
    }
}
