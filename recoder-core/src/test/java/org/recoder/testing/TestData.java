package org.recoder.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.recoder.data.DuplicatePolicy;
import org.recoder.data.Interactions;
import org.recoder.synth.SyntheticData;

/** Shared test helpers (published as the core test-jar). */
public final class TestData {
    private TestData() {
    }

    /** The small synthetic preset as interactions. */
    public static Interactions small(long seed) {
        return SyntheticData.preset("small").generate(seed).toInteractions(DuplicatePolicy.LAST);
    }

    /** A tiny synthetic dataset: {@code users} × {@code items}. */
    public static Interactions tiny(int users, int items, long seed) {
        return new SyntheticData(users, items, 12, 0.5, 4, 0.8, 0.8, 5).generate(seed).toInteractions(DuplicatePolicy.LAST);
    }

    /** {@code ../shared/data/NAME}; integration tests only, and they fail when it is absent. */
    public static Path shared(String name) {
        String base = System.getProperty("recoder.shared.data", "../shared/data");
        Path p = Path.of(base).resolve(name);
        Assumptions.assumeTrue(Files.exists(Path.of(base)) || !Boolean.getBoolean("recoder.skip.missing.shared"),
                "shared data not present");
        if (!Files.exists(p)) {
            throw new AssertionError("integration data missing: " + p.toAbsolutePath());
        }
        return p;
    }
}
