package org.recoder.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recoder.data.read.DataFormatException;

/**
 * Item titles for {@code recoder serve --items-meta FILE}: MovieLens 100K's {@code u.item} ({@code id|title|...},
 * Latin-1) or a MovieLens {@code movies.csv} ({@code movieId,title,genres}, UTF-8, titles quoted when they hold
 * commas). A line that cannot be read fails naming the file and line.
 */
public final class ItemTitles {
    private ItemTitles() {
    }

    /** Item id → title. */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            byte[] bytes = Files.readAllBytes(file);
            String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
            boolean pipes = head.lines().findFirst().orElse("").contains("|");
            lines = (pipes ? new String(bytes, StandardCharsets.ISO_8859_1) : new String(bytes, StandardCharsets.UTF_8)).lines().toList();
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, 0, "file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        Map<String, String> titles = new LinkedHashMap<>();
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k).strip();
            if (line.isEmpty() || (k == 0 && line.toLowerCase(java.util.Locale.ROOT).startsWith("movieid,"))) {
                continue;
            }
            List<String> f = line.contains("|") ? List.of(line.split("\\|", -1)) : csv(line);
            if (f.size() < 2 || f.get(0).isBlank()) {
                throw new DataFormatException(file, k + 1, "expected an item id and a title ('id|title|...' or 'id,title,...'), got '"
                        + (line.length() > 80 ? line.substring(0, 77) + "..." : line) + "'");
            }
            titles.put(f.get(0).strip(), f.get(1).strip());
        }
        if (titles.isEmpty()) {
            throw new DataFormatException(file, 0, "no item titles in file");
        }
        return titles;
    }

    /** One CSV line: commas separate, double quotes enclose a field, two double quotes are one. */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
