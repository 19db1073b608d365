package org.recoder.models.family;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.recoder.api.Capability;
import org.recoder.api.Model;
import org.recoder.api.ModelIO;
import org.recoder.api.Trainer;
import org.recoder.api.TrainingData;
import org.recoder.train.TrainingOptions;

/**
 * Everything the rest of Recoder needs to know about one model type, declared once in the type's own package and
 * registered with one line in {@code Models.FAMILIES}: the command line, model files, {@code recoder models}, and
 * later experiments and the service all go through it, with no switch on model names anywhere else. Built with
 * {@link #closedForm} or {@link #byEpochs}, then {@code with…} for what differs from those defaults.
 *
 * @param type           the name on the command line and in model files ({@code ease}, {@code multvae}, ...)
 * @param description    one line: what the model is, and the paper
 * @param configType     the hyperparameter record; its component names are the hyperparameter names
 *                       ({@link org.recoder.api.Hyperparameters})
 * @param defaults       the defaults (the paper's or the reference implementation's, as each record's Javadoc says)
 * @param capabilities   what a model of this type can do
 * @param protocols      the split protocols it is meant for, as {@code split.json} names them ({@code strong},
 *                       {@code loo}, {@code ratings}, {@code temporal}, {@code session}); training on another fails
 * @param preparation    what it trains on out of a split (CDAE: the held-out users' fold-in rows too)
 * @param iterative      trained by epochs through {@link org.recoder.train.TrainingLoop}, so that validation,
 *                       keep-best, early stopping ({@code --patience}), checkpoints and the validation metric apply
 * @param seeded         its trainer draws random numbers, so that {@code --seed} applies
 * @param trainerFactory makes the trainer for a config, a seed and training options
 * @param loader         decodes a saved model of this type; a file that does not fit fails with a
 *                       {@code ModelFormatException}
 * @param presets        named hyperparameter sets other than the defaults (a paper's or reference code's setting for
 *                       another dataset), chosen with {@code --preset NAME}; {@code --set} applies on top
 * @param <C>            the hyperparameter record type
 */
public record ModelFamily<C extends Record>(String type, String description, Class<C> configType, C defaults,
                                            Set<Capability> capabilities, Set<String> protocols,
                                            TrainingData.Preparation preparation, boolean iterative, boolean seeded,
                                            TrainerFactory<C> trainerFactory, Function<ModelIO.Saved, ? extends Model> loader,
                                            java.util.Map<String, C> presets) {
    /**
     * The protocols a top-N ranking model fits: strong generalization (fold-in of held-out users), leave-one-out,
     * temporal, and a random split of the ratings (ranked, weak generalization).
     */
    public static final Set<String> RANKING_PROTOCOLS = Set.of("strong", "loo", "temporal", "ratings");

    /**
     * The session split's protocol ({@code recoder split session}): next-item prediction in sessions, trained on the
     * training sessions' ordered events ({@link TrainingData#sessions()}).
     */
    public static final String SESSION_PROTOCOL = "session";

    /** Makes a trainer. */
    @FunctionalInterface
    public interface TrainerFactory<C> {
        Trainer<? extends Model> create(C config, long seed, TrainingOptions options);
    }

    public ModelFamily {
        if (type == null || type.isBlank() || description == null || configType == null || defaults == null
                || preparation == null || trainerFactory == null || loader == null || presets == null) {
            throw new IllegalArgumentException("a model family needs a type, description, config type, defaults, "
                    + "preparation, trainer and loader");
        }
        capabilities = Set.copyOf(capabilities);
        protocols = Set.copyOf(protocols);
        presets = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(presets));
        if (presets.containsKey("default")) {
            throw new IllegalArgumentException(type + ": 'default' names the defaults; a preset needs another name");
        }
    }

    /** A family without presets. */
    public ModelFamily(String type, String description, Class<C> configType, C defaults, Set<Capability> capabilities,
                       Set<String> protocols, TrainingData.Preparation preparation, boolean iterative, boolean seeded,
                       TrainerFactory<C> trainerFactory, Function<ModelIO.Saved, ? extends Model> loader) {
        this(type, description, configType, defaults, capabilities, protocols, preparation, iterative, seeded,
                trainerFactory, loader, java.util.Map.of());
    }

    /** The same family with these named presets. */
    public ModelFamily<C> withPresets(java.util.Map<String, C> named) {
        return new ModelFamily<>(type, description, configType, defaults, capabilities, protocols, preparation,
                iterative, seeded, trainerFactory, loader, named);
    }

    /**
     * The hyperparameters a preset names: {@code default} (or null) for the defaults, else one of {@link #presets}; an
     * unknown name fails listing the family's presets.
     */
    public C preset(String name) {
        if (name == null || name.equals("default")) {
            return defaults;
        }
        C c = presets.get(name);
        if (c == null) {
            throw new IllegalArgumentException(presets.isEmpty()
                    ? type + " has no presets (only its defaults)"
                    : "unknown preset '" + name + "' for " + type + " (its presets: default, " + String.join(", ", presets.keySet()) + ")");
        }
        return c;
    }

    /**
     * A model fitted in closed form (no epochs, no randomness) that folds in new histories and serves known users,
     * for the ranking protocols.
     */
    public static <C extends Record> ModelFamily<C> closedForm(String type, String description, Class<C> configType,
                                                               C defaults, Function<C, Trainer<? extends Model>> trainer,
                                                               Function<ModelIO.Saved, ? extends Model> loader) {
        return new ModelFamily<>(type, description, configType, defaults, EnumSet.of(Capability.FOLD_IN, Capability.KNOWN_USERS),
                RANKING_PROTOCOLS, TrainingData.Preparation.TRAINING_USERS, false, false,
                (config, seed, options) -> trainer.apply(config), loader);
    }

    /**
     * A model trained by epochs with a seed that folds in new histories and serves known users, for the ranking
     * protocols.
     */
    public static <C extends Record> ModelFamily<C> byEpochs(String type, String description, Class<C> configType,
                                                             C defaults, TrainerFactory<C> trainer,
                                                             Function<ModelIO.Saved, ? extends Model> loader) {
        return new ModelFamily<>(type, description, configType, defaults, EnumSet.of(Capability.FOLD_IN, Capability.KNOWN_USERS),
                RANKING_PROTOCOLS, TrainingData.Preparation.TRAINING_USERS, true, true, trainer, loader);
    }

    /** The same family with these capabilities. */
    public ModelFamily<C> withCapabilities(Capability first, Capability... more) {
        return new ModelFamily<>(type, description, configType, defaults, EnumSet.of(first, more), protocols, preparation,
                iterative, seeded, trainerFactory, loader, presets);
    }

    /** The same family with these protocols. */
    public ModelFamily<C> withProtocols(String... names) {
        return new ModelFamily<>(type, description, configType, defaults, capabilities, Set.of(names), preparation,
                iterative, seeded, trainerFactory, loader, presets);
    }

    /**
     * The same family also for session splits ({@link #SESSION_PROTOCOL}): a set-based model scores each prefix of a
     * session as a set of items (a baseline for the session models).
     */
    public ModelFamily<C> alsoForSessions() {
        Set<String> more = new java.util.HashSet<>(protocols);
        more.add(SESSION_PROTOCOL);
        return new ModelFamily<>(type, description, configType, defaults, capabilities, more, preparation, iterative, seeded,
                trainerFactory, loader, presets);
    }

    /** The same family trained on {@code p}. */
    public ModelFamily<C> withPreparation(TrainingData.Preparation p) {
        return new ModelFamily<>(type, description, configType, defaults, capabilities, protocols, p, iterative, seeded,
                trainerFactory, loader, presets);
    }

    /** A trainer for {@code config}; {@code seed} and {@code options} are ignored where they do not apply. */
    public Trainer<? extends Model> trainer(C config, long seed, TrainingOptions options) {
        return trainerFactory.create(config, seed, options);
    }

    /** Decodes a saved model of this type. */
    public Model load(ModelIO.Saved saved) {
        return loader.apply(saved);
    }
}
