package org.recoder.data;

/** What to do when the same (user, item) pair occurs more than once. */
public enum DuplicatePolicy {
    /** Keep the latest event: by timestamp when there are timestamps, else by input order. */
    LAST,
    /** Keep the largest value. */
    MAX,
    /** Add the values up (play counts, clicks). */
    SUM;

    /** Parses {@code last}, {@code max} or {@code sum}, case-insensitively. */
    public static DuplicatePolicy parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "last" -> LAST;
            case "max" -> MAX;
            case "sum" -> SUM;
            default -> throw new IllegalArgumentException("unknown duplicate policy '" + s + "' (expected last, max or sum)");
        };
    }
}
