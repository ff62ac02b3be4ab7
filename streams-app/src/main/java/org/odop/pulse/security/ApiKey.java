package org.odop.pulse.security;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key as presented: {@code opk_<id>_<secret>}. The id is public (it finds the key's entry in the keys file
 * without trying every hash); the secret is 256 random bits. Never logged, never stored.
 */
public final class ApiKey {
    public static final String PREFIX = "opk_";
    static final int ID_BYTES = 6;
    static final int SECRET_BYTES = 32;
    private static final Pattern FORM = Pattern.compile("opk_([0-9a-f]{" + 2 * ID_BYTES + "})_([A-Za-z0-9_-]{43})");

    private ApiKey() {}

    /** A new key: a random id and a random 256-bit secret from a SecureRandom. */
    public static String generate() {
        byte[] id = new byte[ID_BYTES];
        byte[] secret = new byte[SECRET_BYTES];
        KeyHasher.RANDOM.nextBytes(id);
        KeyHasher.RANDOM.nextBytes(secret);
        return PREFIX + HexFormat.of().formatHex(id) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The public id of a well-formed key, or empty for anything else. */
    public static Optional<String> idOf(String key) {
        if (key == null) return Optional.empty();
        var m = FORM.matcher(key);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Constant-time equality of two strings (for secrets). */
    public static boolean sameSecret(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
