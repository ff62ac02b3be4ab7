package org.odop.pulse.topology.common;

/** A record off a topic: either its decoded, checked value, or the original bytes that failed. */
public record Decoded<V>(V value, byte[] raw) {
    public static <V> Decoded<V> ok(V value) {
        return new Decoded<>(value, null);
    }

    public static <V> Decoded<V> failed(byte[] raw) {
        return new Decoded<>(null, raw);
    }

    public boolean isOk() {
        return value != null;
    }
}
