package org.recoder.data.read;

import java.nio.charset.StandardCharsets;

/** A field separator: one or more bytes, or any run of spaces and tabs. */
public record Delimiter(byte[] bytes, boolean whitespace) {
    public static final Delimiter TAB = of("\t");
    public static final Delimiter COMMA = of(",");
    public static final Delimiter DOUBLE_COLON = of("::");
    public static final Delimiter WHITESPACE = new Delimiter(new byte[0], true);

    /** A literal separator; {@code "tab"}, {@code "\\t"}, {@code "space"} and {@code "whitespace"} are names. */
    public static Delimiter of(String s) {
        return switch (s) {
            case "tab", "\\t", "\t" -> new Delimiter(new byte[] {'\t'}, false);
            case "whitespace", "ws" -> WHITESPACE;
            case "space" -> new Delimiter(new byte[] {' '}, false);
            case "comma" -> new Delimiter(new byte[] {','}, false);
            case "semicolon" -> new Delimiter(new byte[] {';'}, false);
            default -> {
                if (s.isEmpty()) {
                    throw new IllegalArgumentException("empty delimiter");
                }
                yield new Delimiter(s.getBytes(StandardCharsets.UTF_8), false);
            }
        };
    }

    /** A human name for error messages. */
    public String describe() {
        if (whitespace) {
            return "whitespace";
        }
        String s = new String(bytes, StandardCharsets.UTF_8);
        return switch (s) {
            case "\t" -> "tab";
            case "," -> "comma";
            case ";" -> "semicolon";
            case " " -> "space";
            default -> "'" + s + "'";
        };
    }
}
