package org.recoder.models;

import java.nio.file.Path;
import java.util.List;
import org.recoder.api.Model;
import org.recoder.io.ModelFormatException;
import org.recoder.io.ModelIO;
import org.recoder.models.cdae.CdaeModel;
import org.recoder.models.ease.EaseModel;
import org.recoder.models.itemknn.ItemKnnModel;
import org.recoder.models.popularity.PopularityModel;
import org.recoder.models.recvae.RecVaeModel;
import org.recoder.models.vae.MultVaeModel;

/** Loads and saves any model by its type, through a plain switch (no reflection). */
public final class Models {
    private Models() {
    }

    /** The model types this build can load. */
    public static List<String> types() {
        return List.of(PopularityModel.TYPE, ItemKnnModel.TYPE, EaseModel.TYPE, MultVaeModel.TYPE_VAE, MultVaeModel.TYPE_DAE, RecVaeModel.TYPE, CdaeModel.TYPE);
    }

    /** Loads a model file of any known type. */
    public static Model load(Path file) {
        ModelIO.Saved s = ModelIO.read(file);
        return switch (s.type()) {
            case PopularityModel.TYPE -> PopularityModel.load(s);
            case ItemKnnModel.TYPE -> ItemKnnModel.load(s);
            case EaseModel.TYPE -> EaseModel.load(s);
            case MultVaeModel.TYPE_VAE, MultVaeModel.TYPE_DAE -> MultVaeModel.load(s);
            case RecVaeModel.TYPE -> RecVaeModel.load(s);
            case CdaeModel.TYPE -> CdaeModel.load(s);
            default -> throw new ModelFormatException(file, "unknown model type '" + s.type() + "' (this build knows " + types() + ")");
        };
    }

    /** Saves a model of any known type. */
    public static void save(Model model, Path file) {
        switch (model) {
            case PopularityModel m -> m.save(file);
            case ItemKnnModel m -> m.save(file);
            case EaseModel m -> m.save(file);
            case MultVaeModel m -> m.save(file);
            case RecVaeModel m -> m.save(file);
            case CdaeModel m -> m.save(file);
            default -> throw new IllegalArgumentException("cannot save model type " + model.type());
        }
    }
}
