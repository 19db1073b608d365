package org.recoder.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Dgemm} is generated from {@link Sgemm}: the Vector API cannot be generic over primitive element types, so
 * the float64 kernel is the float32 source with its types renamed. This test fails when the committed Dgemm.java is
 * not exactly what {@link #generate} makes of Sgemm.java; regenerate it with
 * {@code ./mvnw -pl recoder-core test -Dtest=DgemmSourceTest -Drecoder.generate.dgemm=true}.
 */
class DgemmSourceTest {
    private static final Path SGEMM = Path.of("src/main/java/org/recoder/linalg/Sgemm.java");
    private static final Path DGEMM = Path.of("src/main/java/org/recoder/linalg/Dgemm.java");

    /** Dgemm.java from the text of Sgemm.java. */
    static String generate(String sgemm) {
        String s = sgemm;
        // The class comment: Dgemm points back at its source.
        int doc = s.indexOf("/**\n * Single-precision general matrix multiply");
        int cls = s.indexOf("public final class Sgemm");
        if (doc < 0 || cls < 0) {
            throw new IllegalStateException("Sgemm.java no longer has the class comment or declaration the generator expects");
        }
        String header = s.substring(0, doc);
        s = s.substring(cls);
        // The one Shape enum lives in Sgemm.
        Matcher e = Pattern.compile("\\n    /\\*\\* Which parts of the operands take part\\. \\*/\\n    public enum Shape \\{.*?\\n    }\\n",
                Pattern.DOTALL).matcher(s);
        if (!e.find()) {
            throw new IllegalStateException("Sgemm.java no longer declares Shape as the generator expects");
        }
        s = s.substring(0, e.start()) + s.substring(e.end());
        s = s.replaceAll("(?<![\\w.])Shape\\b", "SGEMM_SHAPE");
        s = s.replace("FloatVector", "DoubleVector").replace("Float", "Double").replace("float", "double")
                .replace("Sgemm", "Dgemm").replace("sgemm", "dgemm");
        s = s.replaceAll("\\b(\\d+(?:\\.\\d+)?)f\\b", "$1d");
        s = s.replace("SGEMM_SHAPE", "Sgemm.Shape");
        return header.replace("FloatVector", "DoubleVector") + """
                /**
                 * Double-precision general matrix multiply, the float64 twin of {@link Sgemm} for the float64 option of the SPD
                 * inverse: the same packed Goto/BLIS structure, blocking (KC in bytes), triangular shapes and threading, on
                 * {@link DoubleVector}.
                 *
                 * <p>GENERATED from Sgemm.java by {@code DgemmSourceTest}; do not edit. Change Sgemm.java and regenerate:
                 * {@code ./mvnw -pl recoder-core test -Dtest=DgemmSourceTest -Drecoder.generate.dgemm=true}.
                 */
                """ + s;
    }

    @Test
    void committedDgemmIsGeneratedFromSgemm() throws IOException {
        String expected = generate(Files.readString(SGEMM));
        if (Boolean.getBoolean("recoder.generate.dgemm")) {
            Files.writeString(DGEMM, expected);
        }
        assertThat(Files.readString(DGEMM)).as("Dgemm.java is stale: regenerate it from Sgemm.java (see this test's comment)")
                .isEqualTo(expected);
    }

    @Test
    void generationRenamesTypesAndLiteralsButKeepsTheSharedShape() {
        String out = generate("""
                package p;

                /**
                 * Single-precision general matrix multiply, x.
                 */
                public final class Sgemm {
                    /** Which parts of the operands take part. */
                    public enum Shape {
                        FULL
                    }

                    static float f(FloatVector v, Shape s) { return 0f + 12f + 1.5f; }
                }
                """);
        assertThat(out).contains("public final class Dgemm").contains("static double f(DoubleVector v, Sgemm.Shape s)")
                .contains("0d + 12d + 1.5d").doesNotContain("enum Shape");
    }
}
