package org.recoder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package dependency graph of a source tree: for each package under {@code org.recoder}, the other
 * {@code org.recoder} packages its files name, by import or by a fully qualified name in the code (comments and
 * strings are left out). What the layering tests check.
 */
public final class ImportGraph {
    private static final Pattern PACKAGE = Pattern.compile("^package (org\\.recoder[\\w.]*);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.recoder((?:\\.[a-z]\\w*)*)\\.[A-Z]");

    private ImportGraph() {
    }

    /** Package (without the {@code org.recoder.} prefix) → the packages it uses. */
    public static Map<String, Set<String>> of(Path sourceRoot) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher pm = PACKAGE.matcher(text);
                if (!pm.find()) {
                    continue;
                }
                String pkg = strip(pm.group(1));
                Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                String code = text.substring(pm.end())
                        .replaceAll("(?s)/\\*.*?\\*/", " ")
                        .replaceAll("//[^\\n]*", " ")
                        .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) {
                    String used = strip("org.recoder" + m.group(1));
                    if (!used.equals(pkg)) {
                        uses.add(used);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    private static String strip(String pkg) {
        return pkg.equals("org.recoder") ? "" : pkg.substring("org.recoder.".length());
    }

    /**
     * The edges that break the layering: each package's layer is given by {@code layerOf} (a lower number is
     * further in), and a package may use only packages of strictly lower layers. Returns "a -> b" strings.
     */
    public static List<String> violations(Map<String, Set<String>> graph, java.util.function.ToIntFunction<String> layerOf) {
        List<String> bad = new ArrayList<>();
        graph.forEach((pkg, uses) -> {
            for (String u : uses) {
                if (layerOf.applyAsInt(u) >= layerOf.applyAsInt(pkg)) {
                    bad.add(pkg + " -> " + u);
                }
            }
        });
        return bad;
    }
}
