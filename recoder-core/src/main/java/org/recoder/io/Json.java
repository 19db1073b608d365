package org.recoder.io;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one shared JSON mapper (immutable, thread-safe) and small helpers. */
public final class Json {
    /**
     * Plain mapper; records map to objects by component name (in declaration order), map entries are written
     * sorted by key, so that the same values always give the same text (model file headers, split.json).
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {
    }

    /** Pretty-printed JSON of {@code value}. */
    public static String pretty(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** One-line JSON of {@code value}. */
    public static String compact(Object value) {
        return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    }

    /** Parses a JSON document. */
    public static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Converts a tree or value to {@code type}. */
    public static <T> T convert(Object value, Class<T> type) {
        return MAPPER.convertValue(value, type);
    }
}
