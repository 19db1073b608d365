package org.recoder.models.vasp;

import static org.recoder.util.Require.atLeast;
import static org.recoder.util.Require.inRange;
import static org.recoder.util.Require.notNull;
import static org.recoder.util.Require.positive;

import java.util.ArrayList;
import java.util.List;
import org.recoder.api.Doc;

/**
 * Hyperparameters of VASP (Vančura &amp; Kordík, ICANN 2021). Where not said otherwise, as the authors' notebook
 * ({@code zombak79/vasp}, VASP.ipynb and utils.py) ran it on ML-20M.
 *
 * <p>Sizes are the exception: the notebook's hidden 4,096 / latent 2,048 make a 7 + 5 layer network of about
 * 150 M weights before the output heads, minutes per epoch on two cores even for ml-100k; the defaults here are
 * hidden 512 / latent 256 (the layer count as the notebook), so that ml-100k and Last.fm train in minutes. Set
 * {@code hidden=4096 latent=2048} for the notebook's network.
 *
 * @param paths          BOTH (VASP: FLVAE ⊙ Neural EASE), FLVAE or EASE alone (the paper's ablation)
 * @param hidden         width of every dense-residual layer (512; notebook 4,096)
 * @param latent         latent dimension (256; notebook 2,048)
 * @param encoderLayers  dense-residual layers of the encoder (7)
 * @param decoderLayers  dense-residual layers of the decoder (5)
 * @param loss           FOCAL (sigmoid focal cross-entropy, the paper's), COSINE (1 − cosine proximity, the paper's
 *                       best for Neural EASE alone) or SQUARED (mean squared error)
 * @param focalAlpha     α of the focal loss (0.25)
 * @param focalGamma     γ of the focal loss (2.0)
 * @param epochs         epochs to run (90 = the schedule's total); past the schedule's end the last rate goes on
 * @param schedule       Nadam stages "EPOCHS:RATE,…" (or ';' between stages) ("50:5e-5,20:1e-5,20:1e-5": the notebook prints 1e-6 for the
 *                       third stage but passes 1e-5); each stage starts a fresh optimizer, as each notebook
 *                       {@code compile} did
 * @param batchSize      users per step (1,024); with split-brain halves each gives two samples (2,048 rows)
 * @param splitBrain     HALVES (A→B and B→A of a random half split, every epoch), QUARTERS (also 1/4→3/4 and 3/4→1/4),
 *                       or NONE (then fullData must be on)
 * @param fullData       also train on each whole history → itself (off in the notebook)
 * @param itemsSampling  fraction of items, the most popular first, that the model covers (1.0); the rest score
 *                       zero. The notebook used 0.33 on ML-20M to fit Neural EASE into GPU memory
 * @param easeInitLambda 0: Neural EASE starts Glorot-uniform like Keras' Dense; &gt; 0: from the closed-form EASE
 *                       (Steck 2019) of the training data with this λ
 * @param layerNormEps   LayerNorm epsilon (1e-3, Keras' default)
 */
public record VaspConfig(
        @Doc("BOTH (VASP), FLVAE or EASE alone") Paths paths,
        @Doc("width of the dense-residual layers (notebook: 4096)") int hidden,
        @Doc("latent dimension (notebook: 2048)") int latent,
        @Doc("dense-residual layers of the encoder") int encoderLayers,
        @Doc("dense-residual layers of the decoder") int decoderLayers,
        @Doc("FOCAL, COSINE or SQUARED") Loss loss,
        @Doc("alpha of the focal loss") float focalAlpha,
        @Doc("gamma of the focal loss") float focalGamma,
        @Doc("epochs to run; past the schedule's end its last rate goes on") int epochs,
        @Doc("Nadam stages EPOCHS:RATE,... each with a fresh optimizer") String schedule,
        @Doc("users per step (two samples each with split-brain halves)") int batchSize,
        @Doc("HALVES, QUARTERS or NONE") SplitBrain splitBrain,
        @Doc("also train each whole history onto itself") boolean fullData,
        @Doc("fraction of items, most popular first, the model covers; the rest score 0") float itemsSampling,
        @Doc("0: random Neural EASE; > 0: start it from closed-form EASE with this lambda") float easeInitLambda,
        @Doc("LayerNorm epsilon") float layerNormEps) {

    /** Which of the two paths make the output. */
    public enum Paths { BOTH, FLVAE, EASE }

    /** The training loss on the output probabilities. */
    public enum Loss { FOCAL, COSINE, SQUARED }

    /** Which split-brain samples each training user gives per epoch. */
    public enum SplitBrain { HALVES, QUARTERS, NONE }

    /** One stage of the learning-rate schedule. */
    public record Stage(int epochs, float learningRate) {
    }

    public VaspConfig {
        notNull("paths", paths, "BOTH, FLVAE or EASE");
        atLeast("hidden", hidden, 1);
        atLeast("latent", latent, 1);
        atLeast("encoderLayers", encoderLayers, 1);
        atLeast("decoderLayers", decoderLayers, 1);
        notNull("loss", loss, "FOCAL, COSINE or SQUARED");
        inRange("focalAlpha", focalAlpha, 0, 1);
        atLeast("focalGamma", focalGamma, 0);
        atLeast("epochs", epochs, 1);
        notNull("schedule", schedule, "EPOCHS:RATE,... such as 50:5e-5,20:1e-5,20:1e-5");
        parse(schedule);
        atLeast("batchSize", batchSize, 1);
        notNull("splitBrain", splitBrain, "HALVES, QUARTERS or NONE");
        if (splitBrain == SplitBrain.NONE && !fullData) {
            throw new IllegalArgumentException("splitBrain NONE with fullData false leaves no training samples: turn one on");
        }
        if (!(itemsSampling > 0 && itemsSampling <= 1)) {
            throw new IllegalArgumentException("itemsSampling must be in (0, 1], got " + itemsSampling);
        }
        atLeast("easeInitLambda", easeInitLambda, 0);
        if (easeInitLambda > 0 && paths == Paths.FLVAE) {
            throw new IllegalArgumentException("easeInitLambda initializes Neural EASE, which paths FLVAE does not have");
        }
        positive("layerNormEps", layerNormEps);
    }

    /** The notebook's VASP with the smaller sizes described above. */
    public static VaspConfig defaults() {
        return new VaspConfig(Paths.BOTH, 512, 256, 7, 5, Loss.FOCAL, 0.25f, 2.0f, 90, "50:5e-5,20:1e-5,20:1e-5", 1024,
                SplitBrain.HALVES, false, 1.0f, 0f, 1e-3f);
    }

    /** Training samples each user gives per epoch: two per split-brain cut (both ways), one for the whole history. */
    int samplesPerUser() {
        int cuts = switch (splitBrain) {
            case HALVES -> 1;
            case QUARTERS -> 2;
            case NONE -> 0;
        };
        return 2 * cuts + (fullData ? 1 : 0);
    }

    /** The stages of {@link #schedule}. */
    public List<Stage> stages() {
        return parse(schedule);
    }

    /** The learning rate of (1-based) {@code epoch}, and whether a new stage starts there. */
    float learningRate(int epoch) {
        int end = 0;
        List<Stage> stages = stages();
        for (Stage s : stages) {
            end += s.epochs();
            if (epoch <= end) {
                return s.learningRate();
            }
        }
        return stages.getLast().learningRate();
    }

    /** Whether (1-based) {@code epoch} is the first of a stage (a fresh optimizer, as the notebook's compile). */
    boolean stageStarts(int epoch) {
        int start = 1;
        for (Stage s : stages()) {
            if (epoch == start) {
                return true;
            }
            start += s.epochs();
        }
        return false;
    }

    private static List<Stage> parse(String schedule) {
        List<Stage> out = new ArrayList<>();
        // ';' separates stages as well as ',', for command lines that split arguments on commas (a shell loop's "--set,NAME=VALUE" lists).
        for (String part : schedule.split("[,;]")) {
            String[] er = part.trim().split(":");
            try {
                if (er.length != 2) {
                    throw new NumberFormatException();
                }
                int e = Integer.parseInt(er[0].trim());
                float lr = Float.parseFloat(er[1].trim());
                if (e < 1 || !(lr > 0) || Float.isInfinite(lr)) {
                    throw new NumberFormatException();
                }
                out.add(new Stage(e, lr));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("schedule: '" + part.trim() + "' is not EPOCHS:RATE with EPOCHS ≥ 1 and RATE > 0 "
                        + "(as in 50:5e-5,20:1e-5,20:1e-5)");
            }
        }
        return out;
    }

    public VaspConfig withEpochs(int e) {
        return new VaspConfig(paths, hidden, latent, encoderLayers, decoderLayers, loss, focalAlpha, focalGamma, e, schedule,
                batchSize, splitBrain, fullData, itemsSampling, easeInitLambda, layerNormEps);
    }

    public VaspConfig withPaths(Paths p) {
        return new VaspConfig(p, hidden, latent, encoderLayers, decoderLayers, loss, focalAlpha, focalGamma, epochs, schedule,
                batchSize, splitBrain, fullData, itemsSampling, easeInitLambda, layerNormEps);
    }

    public VaspConfig withSizes(int h, int l, int enc, int dec) {
        return new VaspConfig(paths, h, l, enc, dec, loss, focalAlpha, focalGamma, epochs, schedule, batchSize, splitBrain,
                fullData, itemsSampling, easeInitLambda, layerNormEps);
    }

    public VaspConfig withLoss(Loss l) {
        return new VaspConfig(paths, hidden, latent, encoderLayers, decoderLayers, l, focalAlpha, focalGamma, epochs, schedule,
                batchSize, splitBrain, fullData, itemsSampling, easeInitLambda, layerNormEps);
    }

    public VaspConfig withSchedule(String s, int e) {
        return new VaspConfig(paths, hidden, latent, encoderLayers, decoderLayers, loss, focalAlpha, focalGamma, e, s, batchSize,
                splitBrain, fullData, itemsSampling, easeInitLambda, layerNormEps);
    }

    public VaspConfig withBatchSize(int b) {
        return new VaspConfig(paths, hidden, latent, encoderLayers, decoderLayers, loss, focalAlpha, focalGamma, epochs, schedule,
                b, splitBrain, fullData, itemsSampling, easeInitLambda, layerNormEps);
    }

    public VaspConfig withItemsSampling(float s) {
        return new VaspConfig(paths, hidden, latent, encoderLayers, decoderLayers, loss, focalAlpha, focalGamma, epochs, schedule,
                batchSize, splitBrain, fullData, s, easeInitLambda, layerNormEps);
    }

    public VaspConfig withEaseInit(float lambda) {
        return new VaspConfig(paths, hidden, latent, encoderLayers, decoderLayers, loss, focalAlpha, focalGamma, epochs, schedule,
                batchSize, splitBrain, fullData, itemsSampling, lambda, layerNormEps);
    }

    public VaspConfig withSplitBrain(SplitBrain s, boolean full) {
        return new VaspConfig(paths, hidden, latent, encoderLayers, decoderLayers, loss, focalAlpha, focalGamma, epochs, schedule,
                batchSize, s, full, itemsSampling, easeInitLambda, layerNormEps);
    }
}
