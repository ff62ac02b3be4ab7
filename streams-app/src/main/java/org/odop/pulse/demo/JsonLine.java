package org.odop.pulse.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One NDJSON object being built: ordered fields, each already a JSON literal, so a defect can swap or
 * drop one field before the line is written. Hand-built rather than through Jackson because the demo
 * writes hundreds of thousands of these and the values are all our own.
 */
final class JsonLine {
    static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final Map<String, String> literals = new LinkedHashMap<>();

    JsonLine text(String name, String value) {
        literals.put(name, quote(value));
        return this;
    }

    JsonLine number(String name, long value) {
        literals.put(name, Long.toString(value));
        return this;
    }

    /** Rupees as a string with exactly two decimals, e.g. "3500000.05". */
    JsonLine money(String name, long paise) {
        return text(name, rupees(paise));
    }

    /** ISO-8601 in IST, e.g. 2022-07-30T11:00:00+05:30. */
    JsonLine time(String name, Instant t) {
        return text(name, timestamp(t));
    }

    JsonLine remove(String name) {
        literals.remove(name);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(320).append('{');
        for (var e : literals.entrySet()) {
            if (sb.length() > 1) sb.append(',');
            sb.append('"').append(e.getKey()).append("\":").append(e.getValue());
        }
        return sb.append('}').toString();
    }

    static String rupees(long paise) {
        String sign = paise < 0 ? "-" : "";
        long abs = Math.abs(paise);
        long fraction = abs % 100;
        return sign + abs / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }

    static String timestamp(Instant t) {
        return TIMESTAMP.format(t.atOffset(IST));
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
