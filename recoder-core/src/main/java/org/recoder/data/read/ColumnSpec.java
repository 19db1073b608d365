package org.recoder.data.read;

import java.util.List;

/**
 * How to read a plain delimited file: the separator, whether the first line is a header, and which column holds
 * user (or session), item, value and time. Columns are given by 0-based index or, with a header, by name.
 *
 * @param delimiter  field separator
 * @param header     whether the first non-blank line names the columns
 * @param user       user (or session) column: index or header name
 * @param item       item column
 * @param value      value column, or null for implicit data (every event has value 1)
 * @param time       time column, or null
 * @param timeUnit   how numeric times are read: {@code s} (seconds, fractions allowed) or {@code ms};
 *                   ISO dates ({@code 2016-05-09}) and date-times are recognised either way
 */
public record ColumnSpec(Delimiter delimiter, boolean header, String user, String item, String value, String time,
                         String timeUnit) {

    public ColumnSpec {
        if (user == null || item == null) {
            throw new IllegalArgumentException("user and item columns are required");
        }
        if (!List.of("s", "ms").contains(timeUnit)) {
            throw new IllegalArgumentException("time unit must be s or ms, got '" + timeUnit + "'");
        }
    }

    /** Tab-separated, no header: user, item, value, time in columns 0..3. */
    public static ColumnSpec tsv() {
        return new ColumnSpec(Delimiter.TAB, false, "0", "1", "2", null, "s");
    }

    /** Resolves a column reference against the header (null when the file has none). */
    int resolve(String ref, List<String> headerNames, LineScanner s) {
        if (ref == null) {
            return -1;
        }
        if (ref.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(ref);
        }
        if (headerNames == null) {
            throw s.error("column '" + ref + "' is named, but the file is read without a header (use a 0-based index or --header)");
        }
        for (int i = 0; i < headerNames.size(); i++) {
            if (headerNames.get(i).trim().equalsIgnoreCase(ref)) {
                return i;
            }
        }
        throw s.error("no column named '" + ref + "' in header " + headerNames);
    }
}
