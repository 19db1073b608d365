package org.recoder.models;

import java.nio.file.Path;
import java.util.List;
import org.recoder.api.Model;
import org.recoder.api.ModelIO;
import org.recoder.io.ModelFormatException;
import org.recoder.models.autorec.AutoRecFamily;
import org.recoder.models.biasedmf.BiasedMfFamily;
import org.recoder.models.cdae.CdaeFamily;
import org.recoder.models.ease.EaseFamily;
import org.recoder.models.itemknn.ItemKnnFamily;
import org.recoder.models.multae.MultAutoencoderFamily;
import org.recoder.models.ncf.NcfFamily;
import org.recoder.models.bprmf.BprMfFamily;
import org.recoder.models.popularity.PopularityFamily;
import org.recoder.models.ratingmean.RatingMeanFamily;
import org.recoder.models.recvae.RecVaeFamily;
import org.recoder.models.sknn.SessionKnnFamily;
import org.recoder.models.gru4rec.Gru4RecFamily;
import org.recoder.models.narm.NarmFamily;
import org.recoder.models.vasp.VaspFamily;
import org.recoder.models.family.ModelFamily;

/**
 * The registry of model families: adding a model type is its package plus one line in {@link #FAMILIES}. An
 * explicit list rather than {@code ServiceLoader}: the order is the order {@code recoder models} lists, nothing
 * depends on the class path's manifest files, and a missing registration fails a test
 * ({@code ModelsTest}) instead of silently dropping a model.
 */
public final class Models {
    /** Every model family of this build, one line each. */
    public static final List<ModelFamily<?>> FAMILIES = List.of(
            PopularityFamily.INSTANCE,
            ItemKnnFamily.INSTANCE,
            EaseFamily.INSTANCE,
            MultAutoencoderFamily.VAE,
            MultAutoencoderFamily.DAE,
            RecVaeFamily.INSTANCE,
            VaspFamily.INSTANCE,
            CdaeFamily.INSTANCE,
            NcfFamily.GMF,
            NcfFamily.MLP,
            NcfFamily.NEUMF,
            BprMfFamily.INSTANCE,
            AutoRecFamily.ITEM,
            AutoRecFamily.USER,
            BiasedMfFamily.INSTANCE,
            RatingMeanFamily.INSTANCE,
            SessionKnnFamily.SKNN,
            SessionKnnFamily.VSKNN,
            Gru4RecFamily.INSTANCE,
            NarmFamily.INSTANCE);

    private Models() {
    }

    /** The model types this build knows, in listing order. */
    public static List<String> types() {
        return FAMILIES.stream().map(ModelFamily::type).toList();
    }

    /** The family of {@code type}; an unknown type fails listing the known ones. */
    public static ModelFamily<?> family(String type) {
        for (ModelFamily<?> f : FAMILIES) {
            if (f.type().equals(type)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown model '" + type + "' (known: " + String.join(", ", types()) + ")");
    }

    /** Loads a model file of any known type. */
    public static Model load(Path file) {
        ModelIO.Saved s = ModelIO.read(file);
        ModelFamily<?> family = FAMILIES.stream().filter(f -> f.type().equals(s.type())).findFirst()
                .orElseThrow(() -> new ModelFormatException(file, "unknown model type '" + s.type() + "' (this build knows "
                        + types() + ")"));
        try {
            return family.load(s);
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException(file, "does not fit a " + s.type() + " model: " + e.getMessage());
        }
    }

    /** Saves any model, atomically (its tensors are {@link Model#tensors()}: no switch on the type). */
    public static void save(Model model, Path file) {
        ModelIO.save(model, file);
    }
}
