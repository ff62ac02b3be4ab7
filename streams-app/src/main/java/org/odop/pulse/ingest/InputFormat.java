package org.odop.pulse.ingest;

import java.util.Locale;
import java.util.Optional;

/** The body formats ingest understands, by media type or file extension. */
public enum InputFormat {
    NDJSON, CSV;

    /** What {@link #fromContentType} accepts, for messages. */
    public static final String ACCEPTED = "application/x-ndjson (also application/ndjson, application/jsonl or "
            + "application/json) for NDJSON, or text/csv for CSV; the only charset parameter accepted is utf-8";

    /**
     * The format a Content-Type names, or empty when it is absent, malformed, another media type, or names a
     * charset other than UTF-8 (the body is always read as UTF-8). Parameters other than charset are ignored.
     */
    public static Optional<InputFormat> fromContentType(String contentType) {
        if (contentType == null) return Optional.empty();
        int semicolon = contentType.indexOf(';');
        String mt = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        InputFormat format = switch (mt) {
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/json" -> NDJSON;
            case "text/csv" -> CSV;
            default -> null;
        };
        if (format == null) return Optional.empty();
        int start = semicolon;
        while (start >= 0) {
            int end = contentType.indexOf(';', start + 1);
            String param = (end < 0 ? contentType.substring(start + 1) : contentType.substring(start + 1, end)).trim();
            start = end;
            if (param.isEmpty()) continue;
            int eq = param.indexOf('=');
            if (eq <= 0) return Optional.empty();
            String name = param.substring(0, eq).trim();
            if (!name.equalsIgnoreCase("charset")) continue;
            String value = param.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!value.equalsIgnoreCase("utf-8") && !value.equalsIgnoreCase("utf8")) return Optional.empty();
        }
        return Optional.of(format);
    }

    public static InputFormat fromFileName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : NDJSON;
    }
}
