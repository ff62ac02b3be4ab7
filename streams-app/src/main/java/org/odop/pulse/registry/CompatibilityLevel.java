package org.odop.pulse.registry;

import java.util.Locale;

/** Confluent's compatibility levels; which directions they check and whether against every version. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema must be able to read data written with the old one (consumers upgrade first). */
    public boolean backward() {
        return backward;
    }

    /** The old schema must be able to read data written with the new one (producers upgrade first). */
    public boolean forward() {
        return forward;
    }

    /** Checked against every earlier version, not only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /** Parses a level as sent over REST; unknown names are Confluent's 42203. */
    public static CompatibilityLevel parse(String text) {
        if (text == null || text.isBlank()) {
            throw SchemaRegistryException.invalidCompatibilityLevel(String.valueOf(text));
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw SchemaRegistryException.invalidCompatibilityLevel(text);
        }
    }
}
