package org.recoder.data.read;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses a time field to epoch milliseconds: numbers in the given unit, ISO dates and date-times in UTC. */
final class TimeParser {
    private TimeParser() {
    }

    static long parse(LineScanner s, int field, boolean millis) {
        byte[] b = s.buffer();
        int st = s.start(field);
        int en = s.end(field);
        boolean iso = false;
        for (int i = st + 1; i < en; i++) {
            if (b[i] == '-' || b[i] == 'T' || b[i] == ':') {
                iso = true;
                break;
            }
        }
        if (!iso) {
            double v = s.parseDouble(b, st, en, "time");
            return millis ? (long) v : Math.round(v * 1000.0);
        }
        String t = new String(b, st, en - st, StandardCharsets.UTF_8).trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw s.error("time is neither a number nor an ISO date: '" + t + "'");
        }
    }
}
