package org.odop.pulse.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The slow, salted hash of an API key that the keys file keeps instead of the key (PBKDF2 with HMAC-SHA256), and the
 * fast SHA-256 digest under which successful verifications are cached in memory.
 */
public final class KeyHasher {
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Fewer iterations than this are refused when verifying: a keys file cannot weaken the hash. */
    public static final int MIN_ITERATIONS = 100_000;
    public static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    static final SecureRandom RANDOM = new SecureRandom();

    private KeyHasher() {}

    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    public static byte[] hash(String key, byte[] salt, int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("at least " + MIN_ITERATIONS + " PBKDF2 iterations, got " + iterations);
        }
        PBEKeySpec spec = new PBEKeySpec(key.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Whether {@code key} hashes to {@code expected}, compared in constant time. */
    public static boolean matches(String key, byte[] salt, int iterations, byte[] expected) {
        return MessageDigest.isEqual(hash(key, salt, iterations), expected);
    }

    /** The SHA-256 of {@code text}, hex: a cache key that is not the key itself. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
