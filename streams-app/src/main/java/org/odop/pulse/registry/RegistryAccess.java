package org.odop.pulse.registry;

import java.nio.file.Path;

/**
 * How to authenticate to a schema registry and whom to trust over TLS: basic auth ({@code user:password}) or a
 * bearer token read from a file (for each request, so a rotated token is picked up), and a PEM bundle trusted in
 * addition to the JDK's authorities. Any part may be null. {@link #toString()} never shows the credentials.
 */
public record RegistryAccess(String userInfo, Path bearerTokenFile, Path trust) {
    public static final RegistryAccess NONE = new RegistryAccess(null, null, null);

    public RegistryAccess {
        if (userInfo != null && !userInfo.contains(":")) {
            throw new IllegalArgumentException("Schema registry user info must be USER:PASSWORD");
        }
        if (userInfo != null && bearerTokenFile != null) {
            throw new IllegalArgumentException("Give the schema registry either user info or a bearer token, not both");
        }
    }

    @Override
    public String toString() {
        return "RegistryAccess[" + (userInfo != null ? "basic auth user " + userInfo.substring(0, userInfo.indexOf(':'))
                : bearerTokenFile != null ? "bearer token from " + bearerTokenFile : "no credentials")
                + (trust != null ? ", trust " + trust : "") + "]";
    }
}
