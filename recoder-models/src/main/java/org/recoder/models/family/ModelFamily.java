package org.recoder.models.family;

import java.util.Set;
import org.recoder.api.Capability;
import org.recoder.api.Model;
import org.recoder.api.ModelIO;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.train.TrainingOptions;

/**
 * Everything the rest of Recoder needs to know about one model type, declared once in the type's own package and
 * registered with one line in {@link Models#FAMILIES}: the command line, model files, {@code recoder models}, and
 * later experiments and the service all go through it, with no switch on model names anywhere else.
 *
 * @param <C> the hyperparameter record; its component names are the hyperparameter names
 *            ({@link org.recoder.api.Hyperparameters})
 */
public interface ModelFamily<C extends Record> {
    /**
     * The protocols a top-N ranking model fits: strong generalization (fold-in of held-out users), leave-one-out,
     * temporal, and a random split of the ratings (ranked, weak generalization).
     */
    Set<String> RANKING_PROTOCOLS = Set.of("strong", "loo", "temporal", "ratings");

    /** The type name on the command line and in model files ({@code ease}, {@code multvae}, ...). */
    String type();

    /** One line: what the model is, and the paper. */
    String description();

    /** The hyperparameter record type. */
    Class<C> configType();

    /** The defaults (the paper's or the reference implementation's, as each record's Javadoc says). */
    C defaults();

    /** What a model of this type can do. */
    Set<Capability> capabilities();

    /**
     * The split protocols it is meant for, as {@code split.json} names them ({@code strong}, {@code loo},
     * {@code ratings}, {@code temporal}, {@code session}); training on another is an error.
     */
    Set<String> protocols();

    /** What it trains on out of a split (CDAE: the held-out users' fold-in rows too). */
    default TrainingData.Preparation preparation() {
        return TrainingData.Preparation.TRAINING_USERS;
    }

    /**
     * Whether it trains by epochs through {@link org.recoder.train.TrainingLoop}, so that validation, keep-best,
     * early stopping ({@code --patience}), checkpoints and the validation metric apply.
     */
    boolean iterative();

    /** Whether its trainer draws random numbers, so that {@code --seed} applies. */
    boolean seeded();

    /** A trainer for {@code config}; {@code seed} and {@code options} are ignored where they do not apply. */
    Trainer<? extends Model> trainer(C config, long seed, TrainingOptions options);

    /** Decodes a saved model of this type; a file that does not fit fails with a {@code ModelFormatException}. */
    Model load(ModelIO.Saved saved);
}
