package org.recoder.models.ratingmean;

import java.util.Arrays;
import org.recoder.api.Capability;
import org.recoder.api.ModelIO;
import org.recoder.api.Provenance;
import org.recoder.api.Trainer;
import org.recoder.data.Interactions;
import org.recoder.io.ModelFormatException;
import org.recoder.models.family.ModelFamily;

/** The mean-rating baselines' registration: closed form, {@code ratings} splits. */
public final class RatingMeanFamily {
    public static final ModelFamily<RatingMeanConfig> INSTANCE = ModelFamily.closedForm(RatingMeanModel.TYPE,
                    "mean-rating baseline: the global, user or item mean of the training ratings",
                    RatingMeanConfig.class, RatingMeanConfig.defaults(), RatingMeanFamily::trainer, RatingMeanFamily::load)
            .withCapabilities(Capability.FOLD_IN, Capability.KNOWN_USERS, Capability.RATINGS)
            .withProtocols("ratings");

    private RatingMeanFamily() {
    }

    private static Trainer<RatingMeanModel> trainer(RatingMeanConfig config) {
        return data -> {
            long t0 = System.nanoTime();
            Interactions x = data.train();
            if (x.nnz() == 0) {
                throw new IllegalArgumentException("the mean-rating baseline needs training ratings; the training matrix is empty");
            }
            double total = 0;
            for (float v : x.valueArray()) {
                total += v;
            }
            float global = (float) (total / x.nnz());
            float[] means = new float[0];
            if (config.by() != RatingMeanConfig.By.GLOBAL) {
                Interactions rows = config.by() == RatingMeanConfig.By.USER ? x : x.transpose();
                means = new float[rows.numUsers()];
                Arrays.fill(means, Float.NaN);
                for (int r = 0; r < rows.numUsers(); r++) {
                    if (rows.degree(r) > 0) {
                        double s = 0;
                        for (int k = rows.rowStart(r); k < rows.rowEnd(r); k++) {
                            s += rows.valueArray()[k];
                        }
                        means[r] = (float) (s / rows.degree(r));
                    }
                }
            }
            Provenance p = Provenance.of(x, data.splitSummary(), 0, (System.nanoTime() - t0) / 1e9, java.util.Map.of());
            return new RatingMeanModel(config, x, global, means, p);
        };
    }

    private static RatingMeanModel load(ModelIO.Saved s) {
        RatingMeanConfig c = s.config(RatingMeanConfig.class);
        var tensors = s.floatTensors();
        float[] global = tensors.get("global.mean");
        float[] means = c.by() == RatingMeanConfig.By.GLOBAL ? new float[0] : tensors.get("means");
        int expected = c.by() == RatingMeanConfig.By.USER ? s.knownUsers().numUsers() : s.items().size();
        if (global == null || global.length != 1 || means == null
                || (c.by() != RatingMeanConfig.By.GLOBAL && means.length != expected)) {
            throw new ModelFormatException(s.file(), "a ratingmean model needs tensors global.mean [1] and, by "
                    + c.by() + ", means [" + expected + "]");
        }
        return new RatingMeanModel(c, s.knownUsers(), global[0], means, s.provenance());
    }
}
