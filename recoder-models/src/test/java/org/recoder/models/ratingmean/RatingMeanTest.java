package org.recoder.models.ratingmean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoder.api.TrainingData;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.IdIndex;
import org.recoder.data.Interactions;
import org.recoder.data.SplitInfo;
import org.recoder.models.Models;

class RatingMeanTest {
    /** u0 rates i0 4, i1 2; u1 rates i0 5; u2 has nothing; i2 has nothing. Global mean 11/3. */
    private static Interactions data() {
        return Interactions.fromTriples(IdIndex.of(List.of("u0", "u1", "u2")), IdIndex.of(List.of("i0", "i1", "i2")),
                new int[] {0, 0, 1}, new int[] {0, 1, 0}, new float[] {4, 2, 5}, null, DuplicatePolicy.LAST);
    }

    private static RatingMeanModel fit(RatingMeanConfig.By by) {
        TrainingData d = new TrainingData(data(), null, new SplitInfo("ratings", java.util.Map.of(), 1L, null, null));
        return (RatingMeanModel) RatingMeanFamily.INSTANCE.trainer(new RatingMeanConfig(by), 0, null).fit(d);
    }

    @Test
    void meansByHand(@TempDir Path dir) {
        int[] items = {0, 1, 2};
        float[] out = new float[3];
        fit(RatingMeanConfig.By.GLOBAL).predictKnown(0, items, out);
        assertThat(out).containsOnly(11f / 3);
        fit(RatingMeanConfig.By.ITEM).predictKnown(2, items, out);
        assertThat(out[0]).isCloseTo(4.5f, within(1e-6f));
        assertThat(out[1]).isEqualTo(2f);
        assertThat(out[2]).isCloseTo(11f / 3, within(1e-6f));
        RatingMeanModel byUser = fit(RatingMeanConfig.By.USER);
        byUser.predictKnown(0, items, out);
        assertThat(out).containsOnly(3f);
        byUser.predictKnown(2, items, out);
        assertThat(out).containsOnly(11f / 3);
        byUser.predict(new int[] {1, 2}, new float[] {1, 2}, items, out);
        assertThat(out).containsOnly(1.5f);
        Path file = dir.resolve("m.recoder");
        Models.save(byUser, file);
        float[] again = new float[3];
        ((RatingMeanModel) Models.load(file)).predictKnown(0, items, again);
        assertThat(again).containsOnly(3f);
    }
}
