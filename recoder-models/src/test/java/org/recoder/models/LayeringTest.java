package org.recoder.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.recoder.testing.ImportGraph;

/**
 * The models module's packages depend inward only: the shared contracts ({@code models.family},
 * {@code models.neural}) sit on the core, each model package on them and the core (never on another model package),
 * and the registry ({@code models}) on the model packages. So a model is its own package plus one registration line.
 */
class LayeringTest {
    private static int layer(String pkg) {
        if (!pkg.startsWith("models")) {
            return 0;
        }
        return switch (pkg) {
            case "models.family" -> 1;
            case "models.neural" -> 2;
            case "models" -> 4;
            default -> 3;
        };
    }

    @Test
    void modelPackagesDependOnlyOnTheContractsAndTheCore() {
        Map<String, Set<String>> graph = ImportGraph.of(Path.of("src/main/java"));
        assertThat(graph).containsKeys("models", "models.family", "models.neural", "models.ease", "models.cdae");
        // Model packages are one layer, so one using another shows up as a violation too.
        assertThat(ImportGraph.violations(graph, LayeringTest::layer)).isEmpty();
    }

    @Test
    void everyModelPackageIsRegistered() {
        Map<String, Set<String>> graph = ImportGraph.of(Path.of("src/main/java"));
        java.util.List<String> modelPackages = graph.keySet().stream().filter(p -> layer(p) == 3).toList();
        assertThat(modelPackages).hasSizeGreaterThanOrEqualTo(6);
        assertThat(graph.get("models")).as("the registry uses every model package").containsAll(modelPackages);
        assertThat(Models.types()).doesNotHaveDuplicates();
    }
}
