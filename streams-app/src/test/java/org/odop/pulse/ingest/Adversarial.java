package org.odop.pulse.ingest;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * A small property-based testing harness: seeded generators of random and adversarial text (huge exponents, long
 * digit strings, unicode of every plane, lone surrogates, control characters, quotes, CSV quoting, whitespace,
 * empty), and {@link #forAll}, which runs a property on many generated inputs, each under a preemptive time-out
 * that guards against hangs (it is not a speed goal). A failure names the seed, the try and the input, so it can
 * be replayed: set {@code -Dodop.pbt.seed=N} to change every seed, {@code -Dodop.pbt.tries=N} for more tries.
 */
public final class Adversarial {
    public static final Duration PER_TRY = Duration.ofSeconds(2);
    /** The first try of a property also loads and links its classes, on a machine that may be busy. */
    static final Duration FIRST_TRY = Duration.ofSeconds(30);
    static final int DEFAULT_TRIES = Integer.getInteger("odop.pbt.tries", 1000);
    private static final long SEED_SALT = Long.getLong("odop.pbt.seed", 0L);

    public final Random random;

    public Adversarial(long seed) {
        this.random = new Random(seed);
    }

    /** Runs {@code property} on {@code tries} inputs made by {@code generator}, each within {@link #PER_TRY}. */
    public static <T> void forAll(String name, int tries, Function<Adversarial, T> generator, ThrowingConsumer<T> property) {
        long seed = name.hashCode() ^ SEED_SALT;
        Adversarial gen = new Adversarial(seed);
        for (int i = 0; i < tries; i++) {
            T input = generator.apply(gen);
            int attempt = i;
            Duration limit = i == 0 ? FIRST_TRY : PER_TRY;
            assertTimeoutPreemptively(limit, () -> {
                try {
                    property.accept(input);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("property '" + name + "' failed (seed " + seed + ", try " + attempt
                            + ") for input " + describe(input) + ": " + e, e);
                }
            }, () -> "property '" + name + "' did not finish in " + limit + " (seed " + seed + ", try " + attempt
                    + ") for input " + describe(input));
        }
    }

    public static <T> void forAll(String name, Function<Adversarial, T> generator, ThrowingConsumer<T> property) {
        forAll(name, DEFAULT_TRIES, generator, property);
    }

    /** Shows an input in a failure message: Java-escaped, long ones cut with their length. */
    public static String describe(Object input) {
        String s = String.valueOf(input);
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < Math.min(s.length(), 300); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') b.append(c);
            else b.append(String.format("\\u%04x", (int) c));
        }
        b.append('"');
        if (s.length() > 300) b.append("… (").append(s.length()).append(" chars)");
        return b.toString();
    }

    public <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    @SafeVarargs
    public final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** A length biased towards small, sometimes large. */
    public int length(int max) {
        return switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1, 2, 3, 4, 5 -> random.nextInt(Math.min(max, 8) + 1);
            case 6, 7, 8 -> random.nextInt(Math.min(max, 64) + 1);
            default -> random.nextInt(max + 1);
        };
    }

    public String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append((char) ('0' + random.nextInt(10)));
        return b.toString();
    }

    /** One character of any kind: ASCII, separators, controls, NUL, other scripts, surrogates (paired or lone). */
    public String character() {
        return switch (random.nextInt(12)) {
            case 0, 1, 2, 3 -> String.valueOf((char) (0x20 + random.nextInt(0x5f)));
            case 4 -> pick("\"", "'", ",", "\\", ";", "=", "{", "}", "[", "]", ":", " ", "\t");
            case 5 -> { // controls, NUL included; never a line break (bodies choose their own)
                char c = (char) random.nextInt(0x20);
                yield String.valueOf(c == '\n' || c == '\r' ? '\u000b' : c);
            }
            case 6 -> pick("\u0000", "\u00a0", "\u2028", "\u2029", "\u200b", "\ufeff", "\u202e", "\u0301", "\uffff", "\ufffd");
            case 7 -> String.valueOf((char) (0x0900 + random.nextInt(0x80))); // Devanagari, its digits included
            case 8 -> pick("\u0663", "\uff11", "\u0966", "\u00b2", "\u2167", "\u221e"); // digits and numbers elsewhere
            case 9 -> new String(Character.toChars(0x1F300 + random.nextInt(0x300))); // a pair: emoji
            case 10 -> String.valueOf((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
            default -> String.valueOf((char) random.nextInt(0x10000));
        };
    }

    /** Text of any characters except line breaks. */
    public String text(int maxLength) {
        int n = length(maxLength);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(character());
        return b.toString();
    }

    /** Text meant as a number: well formed, nearly so, or hostile (huge exponents, thousands of digits). */
    public String numberText() {
        return switch (random.nextInt(14)) {
            case 0, 1, 2 -> plainNumber();
            case 3 -> plainNumber() + pick("e", "E") + pick("", "+", "-") + digits(1 + random.nextInt(3));
            case 4 -> pick("", "-", "+") + "1" + pick("e", "E") + pick("", "+", "-")
                    + pick("999999999", "100000000", "2147483648", "9223372036854775808", "99999999999999999999", "10000000");
            case 5 -> pick("", "-") + digits(1 + random.nextInt(5000));
            case 6 -> "0." + "0".repeat(random.nextInt(200)) + digits(1 + random.nextInt(5));
            case 7 -> digits(1 + random.nextInt(3)) + "0".repeat(random.nextInt(3000)) + pick("", ".", ".00");
            case 8 -> pick("NaN", "Infinity", "-Infinity", "0x1p3", "1d", "1f", "1_000", "1,000.50", "١٢٣", "1..2",
                    "--1", "+-1", "1e", "e1", ".", "-", "+", "", " ", "1 ", " 1", "1e+", "0e999999999", "-0", "-0.00",
                    "00000000000000000000000000000000000000000000000001", "1e-0000000000000000000001", "１２");
            case 9 -> plainNumber() + character();
            case 10 -> character() + plainNumber();
            case 11 -> pick("92233720368547758.07", "92233720368547758.08", "1000000000000.00", "1000000000000.01",
                    "999999999999.99", "9223372036854775807", "9223372036854775808", "1e12", "1e13", "0.01", "0.001");
            case 12 -> text(20);
            default -> digits(1 + random.nextInt(20)) + "." + digits(random.nextInt(20)) + pick("", "e-" + random.nextInt(60),
                    "e" + random.nextInt(60));
        };
    }

    private String plainNumber() {
        String sign = pick("", "", "", "-", "+");
        String whole = digits(length(20));
        String frac = chance(0.5) ? "." + digits(length(6)) : "";
        String s = sign + whole + frac;
        return s.equals(sign) || s.equals(sign + ".") ? s + "0" : s;
    }

    public String timestampText() {
        return switch (random.nextInt(8)) {
            case 0, 1 -> String.format("%04d-%02d-%02dT%02d:%02d:%02d%s", 1990 + random.nextInt(60), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    pick("Z", "+05:30", "-11:00", "+14:00", "+18:00", "", "+5:30", "z"));
            case 2 -> pick("+300000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59.999999999-18:00",
                    "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2099-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                    "2022-02-30T00:00:00Z", "2022-07-30T24:00:00Z", "2022-07-30T11:00:00.123456789+05:30",
                    "2022-07-30 11:00:00+05:30", "2022-07-30T11:00:00+05:30[Asia/Kolkata]", "2022-07-30", "now", "");
            case 3 -> String.format("%s%d-01-01T00:00:00Z", pick("+", "-", ""), random.nextInt(Integer.MAX_VALUE));
            case 4 -> "2022-07-30T11:00:00" + text(10);
            case 5 -> "2022-07-30T11:00:00." + digits(1 + random.nextInt(30)) + "Z";
            case 6 -> text(70);
            default -> "2022-07-30T11:00:00+05:30".substring(0, random.nextInt(26));
        };
    }

    public String contentType() {
        String type = pick("application/x-ndjson", "application/ndjson", "application/jsonl", "application/json",
                "text/csv", "TEXT/CSV", "text/plain", "application/xml", "multipart/form-data", "", ";", "text/", "/",
                "application/x-ndjson+gzip", "text/csv\u0000", "text/csv" + text(3));
        StringBuilder b = new StringBuilder(pick("", " ", "\t") + type + pick("", " "));
        int params = random.nextInt(4);
        for (int i = 0; i < params; i++) {
            b.append(pick(";", "; ", " ;", ";;"));
            b.append(switch (random.nextInt(7)) {
                case 0 -> "charset=" + pick("utf-8", "UTF-8", "\"utf-8\"", "utf8", "iso-8859-1", "", "\"", "\"\"", "utf-16");
                case 1 -> "boundary=" + text(5);
                case 2 -> "=";
                case 3 -> text(10);
                case 4 -> "q=0.5";
                case 5 -> "charset";
                default -> "";
            });
        }
        return b.toString();
    }
}
