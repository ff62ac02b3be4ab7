package org.odop.pulse.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.odop.pulse.ingest.RecordType;

/**
 * What an API key may do. {@code read}: every GET under {@code /api/v1} and {@code /metrics}; {@code ingest}: POST of
 * events (lois, shipments, orders); {@code reference}: POST of reference data (districts, products, fx-rates);
 * {@code admin}: all of them.
 */
public enum Role {
    READ, INGEST, REFERENCE, ADMIN;

    /** Whether a key with this role may do what {@code needed} allows. */
    public boolean grants(Role needed) {
        return this == ADMIN || this == needed;
    }

    /** The name on the command line, in the keys file and in error messages: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String label) {
        for (Role r : values()) {
            if (r.label().equals(label.trim().toLowerCase(Locale.ROOT))) return r;
        }
        throw new IllegalArgumentException("unknown role '" + label + "': use one of " + labels());
    }

    public static String labels() {
        return Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));
    }

    /** The role that sending records of {@code type} needs: events need ingest, reference data needs reference. */
    public static Role toIngest(RecordType type) {
        return switch (type) {
            case LOIS, SHIPMENTS, ORDERS -> INGEST;
            case DISTRICTS, PRODUCTS, FX_RATES -> REFERENCE;
        };
    }
}
