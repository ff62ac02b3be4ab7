package org.odop.pulse.ingest;

import java.util.Locale;
import java.util.Optional;

/** The body formats ingest understands, by media type or file extension. */
public enum InputFormat {
    NDJSON, CSV;

    public static Optional<InputFormat> fromContentType(String contentType) {
        if (contentType == null) return Optional.empty();
        String mt = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return switch (mt) {
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/json" ->
                    Optional.of(NDJSON);
            case "text/csv" -> Optional.of(CSV);
            default -> Optional.empty();
        };
    }

    public static InputFormat fromFileName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : NDJSON;
    }
}
