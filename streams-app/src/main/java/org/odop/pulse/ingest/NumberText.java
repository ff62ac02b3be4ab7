package org.odop.pulse.ingest;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A decimal number judged from its text alone, before anything is allocated in proportion to its value:
 * {@code 1e999999999} is a short text for a billion-digit number, and {@code new BigDecimal(text)} followed by
 * {@code stripTrailingZeros}, {@code setScale} or {@code toPlainString} would spend minutes and gigabytes on it.
 *
 * <p>The syntax is that of {@link BigDecimal#BigDecimal(String)} restricted to ASCII: an optional sign, digits
 * with an optional fraction (at least one digit in all), and an optional exponent ({@code e} or {@code E},
 * optional sign, digits). One pass over the text, linear in its length, normalises the number to
 * {@code ±digits × 10^exponent} with neither leading nor trailing zeros in {@code digits}. Numbers with more than
 * {@link #MAX_SIGNIFICANT_DIGITS} significant digits, a magnitude of {@code 10^MAX_MAGNITUDE} or more, or more
 * than {@link #MAX_DECIMALS} decimals are refused: no field of any record comes near these bounds, and within
 * them every {@link BigDecimal} operation on the value is cheap.
 *
 * @param negative  true for a value below zero (never for zero)
 * @param digits    the significant digits, without leading or trailing zeros; empty for zero
 * @param exponent  the power of ten of the last significant digit; 0 for zero
 */
public record NumberText(boolean negative, String digits, int exponent) {
    public static final int MAX_SIGNIFICANT_DIGITS = 40;
    /** Values are below 10^30. */
    public static final int MAX_MAGNITUDE = 30;
    public static final int MAX_DECIMALS = 40;
    /** Exponents written with more digits than this (after leading zeros) are out of every bound. */
    private static final int MAX_EXPONENT_DIGITS = 9;

    /** Why a text is not an acceptable number; the message completes "'text' ...". */
    public static final class Problem extends Exception {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads {@code text}, in time linear in its length; throws {@link Problem} saying why it is not a number. */
    public static NumberText parse(String text) throws Problem {
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(text.charAt(i))) i++;
        int intEnd = i;
        int fracStart = i, fracEnd = i;
        if (i < n && text.charAt(i) == '.') {
            fracStart = ++i;
            while (i < n && isDigit(text.charAt(i))) i++;
            fracEnd = i;
        }
        if (intEnd == intStart && fracEnd == fracStart) throw new Problem("is not a number");
        long writtenExponent = 0;
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                expNegative = text.charAt(i) == '-';
                i++;
            }
            int expStart = i;
            while (i < n && text.charAt(i) == '0') i++;
            int expSignificant = i;
            while (i < n && isDigit(text.charAt(i))) i++;
            if (i == expStart) throw new Problem("is not a number");
            if (i - expSignificant > MAX_EXPONENT_DIGITS) {
                // Still check the rest is well formed, so the message says the right thing.
                if (i != n) throw new Problem("is not a number");
                throw new Problem(expNegative ? "has too many decimals" : "is too large");
            }
            writtenExponent = i == expSignificant ? 0 : Long.parseLong(text, expSignificant, i, 10);
            if (expNegative) writtenExponent = -writtenExponent;
        }
        if (i != n) throw new Problem("is not a number");

        // The digits of integer and fraction, as one run: first and last non-zero digit.
        int first = -1, last = -1;
        long digitCount = 0; // significant digits, leading zeros excluded, trailing zeros included until trimmed
        for (int k = intStart; k < fracEnd; k++) {
            if (k == intEnd) {
                k = fracStart - 1;
                continue;
            }
            char c = text.charAt(k);
            if (c != '0') {
                if (first < 0) first = k;
                last = k;
            }
        }
        if (first < 0) return new NumberText(false, "", 0);
        StringBuilder digits = new StringBuilder();
        // Position of the last significant digit relative to the decimal point: the exponent of that digit.
        long lastDigitPower;
        if (last < intEnd) {
            lastDigitPower = intEnd - 1 - last;
        } else {
            lastDigitPower = -(last - fracStart + 1);
        }
        for (int k = first; k <= last; k++) {
            if (k == intEnd) {
                k = fracStart - 1;
                continue;
            }
            digits.append(text.charAt(k));
            if (++digitCount > MAX_SIGNIFICANT_DIGITS) {
                throw new Problem("has more than " + MAX_SIGNIFICANT_DIGITS + " significant digits");
            }
        }
        long exponent = lastDigitPower + writtenExponent;
        if (exponent + digits.length() > MAX_MAGNITUDE) throw new Problem("is too large");
        if (exponent < -MAX_DECIMALS) throw new Problem("has too many decimals");
        return new NumberText(negative, digits.toString(), (int) exponent);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public boolean isZero() {
        return digits.isEmpty();
    }

    public int signum() {
        return isZero() ? 0 : negative ? -1 : 1;
    }

    /** How many decimals the value needs: 0 for a whole number. */
    public int scale() {
        return Math.max(0, -exponent);
    }

    /** How many digits the whole part has (0 for a value below one); at most {@link #MAX_MAGNITUDE}. */
    public int integerDigits() {
        return Math.max(0, digits.length() + exponent);
    }

    /** The exact value; cheap, since digits and exponent are bounded. */
    public BigDecimal toBigDecimal() {
        if (isZero()) return BigDecimal.ZERO;
        BigInteger unscaled = new BigInteger(digits);
        return new BigDecimal(negative ? unscaled.negate() : unscaled, -exponent);
    }
}
