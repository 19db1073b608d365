package org.recoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recoder.testing.ImportGraph;

/**
 * The core's packages form layers, and every dependency points inward (to a strictly lower layer): no package
 * loops, no import against the layers. From the inside out:
 * <ol start="0">
 *   <li>{@code util}</li>
 *   <li>{@code io} (bytes on disk: atomic files, JSON, the model container format, which knows nothing of models)
 *       and {@code linalg} (kernels on plain arrays)</li>
 *   <li>{@code data} (interaction matrices, ids, held-out parts, split descriptions)</li>
 *   <li>{@code data.read}, {@code data.fetch} (readers and downloads of data)</li>
 *   <li>{@code api} (models, scorers, histories, the model codec, hyperparameters by name)</li>
 *   <li>{@code protocol}, {@code eval}, {@code nn}, {@code synth} (independent of each other)</li>
 *   <li>{@code train} (the epoch loop and its listeners)</li>
 * </ol>
 */
class LayeringTest {
    static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("util", 0),
            Map.entry("io", 1), Map.entry("linalg", 1),
            Map.entry("data", 2),
            Map.entry("data.read", 3), Map.entry("data.fetch", 3),
            Map.entry("api", 4),
            Map.entry("protocol", 5), Map.entry("eval", 5), Map.entry("nn", 5), Map.entry("synth", 5),
            Map.entry("train", 6));

    @Test
    void everyCorePackageHasALayerAndDependsOnlyInward() {
        Map<String, Set<String>> graph = ImportGraph.of(Path.of("src/main/java"));
        assertThat(LAYERS.keySet()).containsAll(graph.keySet());
        List<String> bad = ImportGraph.violations(graph, LAYERS::get);
        assertThat(bad).as("imports against the layers in " + graph).isEmpty();
    }

    @Test
    void theChartingLibraryIsNotACoreDependency() {
        assertThat(ImportGraph.class.getClassLoader().getResource("org/knowm/xchart/XYChart.class")).isNull();
    }

    @Test
    void theCheckFindsALoop() {
        Map<String, Set<String>> loop = Map.of("api", Set.of("protocol"), "protocol", Set.of("io"), "io", Set.of("api"));
        // The old loop api -> protocol -> io -> api: two of its edges point outward.
        assertThat(ImportGraph.violations(loop, LAYERS::get)).containsExactlyInAnyOrder("api -> protocol", "io -> api");
    }
}
