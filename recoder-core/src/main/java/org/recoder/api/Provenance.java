package org.recoder.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.recoder.data.Interactions;

/**
 * Where a model came from: library version, a fingerprint of its training data, the split it was trained on,
 * the seed, when and how long it trained, and its validation metrics.
 *
 * @param libraryVersion    Recoder version that trained it
 * @param dataFingerprint   SHA-256 of the training matrix ({@link Interactions#fingerprint()})
 * @param data              users, items and events of the training data
 * @param split             protocol, parameters and seed of the split (from split.json), or empty
 * @param seed              the trainer's seed
 * @param trainedAt         ISO-8601 instant training finished
 * @param trainSeconds      wall time of training
 * @param validationMetrics validation metrics by name (empty when there was no validation set)
 * @param compute           how it was computed where that can matter (EASE: the BLAS used); empty when nothing
 *                          to say, and in files written before this field existed
 */
public record Provenance(String libraryVersion, String dataFingerprint, Map<String, Object> data,
                         Map<String, Object> split, long seed, String trainedAt, double trainSeconds,
                         Map<String, Double> validationMetrics, Map<String, Object> compute) {

    public Provenance {
        data = Map.copyOf(data);
        split = Map.copyOf(split);
        validationMetrics = Map.copyOf(validationMetrics);
        compute = compute == null ? Map.of() : Map.copyOf(compute);
    }

    /** The same provenance with {@code details} as its compute details. */
    public Provenance withCompute(Map<String, Object> details) {
        return new Provenance(libraryVersion, dataFingerprint, data, split, seed, trainedAt, trainSeconds, validationMetrics, details);
    }

    /** A provenance for a model just trained on {@code train}. */
    public static Provenance of(Interactions train, Map<String, Object> split, long seed, double trainSeconds,
                                Map<String, Double> validationMetrics) {
        return new Provenance(currentLibraryVersion(), train.fingerprint(),
                Map.of("users", train.numUsers(), "items", train.numItems(), "events", train.nnz()),
                split, seed, Instant.now().toString(), trainSeconds, validationMetrics, Map.of());
    }

    /** The version of this Recoder build. */
    public static String currentLibraryVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/org/recoder/recoder-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
