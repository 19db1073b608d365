package org.recoder.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code split.json} records: the protocol, its parameters, the seed, the source and counts, so that a
 * split can be reproduced and a model can cite it in its provenance.
 *
 * @param protocol   {@code strong}, {@code ratings}, {@code loo}, {@code temporal} or {@code session}
 * @param parameters protocol parameters by name
 * @param seed       the seed of every random choice
 * @param source     the input path and format the split was made from
 * @param counts     users, items and events per part
 */
public record SplitInfo(String protocol, Map<String, Object> parameters, long seed, Map<String, Object> source,
                        Map<String, Object> counts) {
    public SplitInfo {
        parameters = Map.copyOf(new LinkedHashMap<>(parameters));
        source = source == null ? Map.of() : Map.copyOf(source);
        counts = counts == null ? Map.of() : Map.copyOf(counts);
    }

    /** A split known only from its files (no split.json). */
    public static SplitInfo unknown() {
        return new SplitInfo("unknown", Map.of(), 0, Map.of(), Map.of());
    }
}
