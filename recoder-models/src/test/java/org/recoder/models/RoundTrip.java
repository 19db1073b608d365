package org.recoder.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.recoder.api.Model;
import org.recoder.data.Interactions;
import org.recoder.io.Json;
import org.recoder.io.Tensor;

/**
 * The round trip every model's test makes: train → save → load → the same type, config, provenance, known users
 * and tensors, and identical scores for known users (batch scoring) and, where the model folds in, for new
 * histories.
 */
public final class RoundTrip {
    private RoundTrip() {
    }

    /**
     * Saves {@code model} to {@code file}, loads it back and checks that it is the same model: scores of the known
     * users, and of {@code newHistories}' rows folded in (when the model can fold in), are bit-for-bit equal.
     * Returns the loaded model.
     */
    public static Model assertIdentical(Model model, Path file, Interactions newHistories) {
        Models.save(model, file);
        Model back = Models.load(file);
        assertThat(back.getClass()).isEqualTo(model.getClass());
        assertThat(back.type()).isEqualTo(model.type());
        assertThat(back.config()).isEqualTo(model.config());
        assertThat(Json.compact(back.provenance())).isEqualTo(Json.compact(model.provenance()));
        assertThat(back.items()).isEqualTo(model.items());
        assertThat(back.knownUsers()).isEqualTo(model.knownUsers().withoutTimes());
        Map<String, Tensor> a = model.tensors();
        Map<String, Tensor> b = back.tensors();
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((name, t) -> {
            assertThat(b.get(name).dtype()).as(name).isEqualTo(t.dtype());
            assertThat(b.get(name).shape()).as(name).containsExactly(t.shape());
            Object u = t.data();
            Object v = b.get(name).data();
            boolean same = switch (u) {
                case float[] f -> java.util.Arrays.equals(f, (float[]) v);
                case int[] i -> java.util.Arrays.equals(i, (int[]) v);
                case long[] l -> java.util.Arrays.equals(l, (long[]) v);
                default -> false;
            };
            assertThat(same).as("tensor " + name + " equal after the round trip").isTrue();
        });
        Interactions known = model.knownUsers();
        int rows = Math.min(known.numUsers(), 20);
        int[] users = java.util.stream.IntStream.range(0, rows).toArray();
        float[][] x = new float[rows][model.items().size()];
        float[][] y = new float[rows][model.items().size()];
        model.scoreRows(known, users, 0, rows, x);
        back.scoreRows(known, users, 0, rows, y);
        for (int r = 0; r < rows; r++) {
            assertThat(y[r]).as("known user row " + r).containsExactly(x[r]);
        }
        if (model.canFoldIn() && newHistories != null) {
            for (int u = 0; u < Math.min(newHistories.numUsers(), 20); u++) {
                float[] s = new float[model.items().size()];
                float[] t = new float[model.items().size()];
                model.score(newHistories.rowItems(u), newHistories.rowValues(u), s);
                back.score(newHistories.rowItems(u), newHistories.rowValues(u), t);
                assertThat(t).as("folded-in user " + u).containsExactly(s);
            }
        }
        return back;
    }
}
