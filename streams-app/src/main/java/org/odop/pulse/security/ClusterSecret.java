package org.odop.pulse.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret the instances of one application share, and the signature their internal requests carry: an
 * HMAC-SHA256 over the method, the path with its query and a timestamp (seconds), in {@link #HEADER} as
 * {@code t=<seconds>,mac=<hex>}. A request is accepted only with a matching MAC (compared in constant time) and a
 * timestamp at most {@link #MAX_SKEW} from this instance's clock.
 */
public final class ClusterSecret {
    public static final String HEADER = "X-Odop-Pulse-Signature";
    public static final String DEFAULT_NAME = "cluster.secret";
    public static final Duration MAX_SKEW = Duration.ofSeconds(60);
    static final int SECRET_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private final byte[] secret;
    private final Clock clock;

    ClusterSecret(byte[] secret, Clock clock) {
        if (secret.length < SECRET_BYTES) {
            throw new IllegalArgumentException("a cluster secret has at least " + SECRET_BYTES + " bytes");
        }
        this.secret = secret.clone();
        this.clock = clock;
    }

    /**
     * The secret in {@code file} (hex); when the file does not exist, a new random 256-bit secret written there
     * with mode 0600.
     */
    public static ClusterSecret loadOrCreate(Path file, Clock clock) throws IOException {
        if (!Files.exists(file)) {
            byte[] fresh = new byte[SECRET_BYTES];
            KeyHasher.RANDOM.nextBytes(fresh);
            SecretFiles.write(file, (HexFormat.of().formatHex(fresh) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return new ClusterSecret(HexFormat.of().parseHex(text), clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cluster secret file " + file + " must hold at least " + SECRET_BYTES
                    + " bytes as hex (as the one generated when no file is given)");
        }
    }

    /** The {@link #HEADER} value for a request sent now. */
    public String sign(String method, String pathAndQuery) {
        long t = clock.instant().getEpochSecond();
        return "t=" + t + ",mac=" + HexFormat.of().formatHex(mac(method, pathAndQuery, t));
    }

    /** Whether {@code header} (the value of {@link #HEADER}, may be null) signs this request, made recently. */
    public boolean verify(String method, String pathAndQuery, String header) {
        if (header == null || header.length() > 200) return false;
        String[] parts = header.split(",", -1);
        if (parts.length != 2 || !parts[0].startsWith("t=") || !parts[1].startsWith("mac=")) return false;
        long t;
        byte[] presented;
        try {
            t = Long.parseLong(parts[0].substring(2));
            presented = HexFormat.of().parseHex(parts[1].substring(4));
        } catch (IllegalArgumentException e) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - t) > MAX_SKEW.toSeconds()) return false;
        return MessageDigest.isEqual(mac(method, pathAndQuery, t), presented);
    }

    /**
     * The {@link #HEADER} value of the answer to a request that carried {@code requestSignature}: an HMAC over that
     * signature and the body, so the asking instance knows the answer came from a holder of the secret (a stranger
     * that joined the consumer group cannot feed it rows) and belongs to its own request (no replayed answer).
     */
    public String signAnswer(String requestSignature, String body) {
        return "mac=" + HexFormat.of().formatHex(answerMac(requestSignature, body));
    }

    /** Whether {@code header} (may be null) signs {@code body} as the answer to the request signed {@code requestSignature}. */
    public boolean verifyAnswer(String requestSignature, String body, String header) {
        if (header == null || !header.startsWith("mac=") || header.length() > 200) return false;
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(header.substring(4));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(answerMac(requestSignature, body), presented);
    }

    private byte[] answerMac(String requestSignature, String body) {
        return hmac("answer\n" + requestSignature + "\n" + body);
    }

    private byte[] mac(String method, String pathAndQuery, long t) {
        return hmac(method + "\n" + pathAndQuery + "\n" + t);
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is not available", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterSecret[hidden]";
    }
}
