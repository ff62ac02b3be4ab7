package org.odop.pulse.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.odop.pulse.config.Codes;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.topology.common.Money;

/** Typed, validated access to the text fields of one input line (an NDJSON object or a CSV row). */
public final class Fields {

    private final Map<String, String> values;

    public Fields(Map<String, String> values) {
        this.values = values;
    }

    public String requiredText(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) throw missing(name);
        return v.trim();
    }

    public String optionalText(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public String code(String name) {
        return matching(name, requiredText(name), Codes.CODE, "letters, digits, '-', '_' or '.', at most 64");
    }

    public String code(String name, Pattern pattern, String expected) {
        return matching(name, requiredText(name), pattern, expected);
    }

    public String optionalCode(String name, Pattern pattern, String expected) {
        String v = optionalText(name);
        return v == null ? null : matching(name, v, pattern, expected);
    }

    /** Rupees with at most two decimals, never negative, as paise. */
    public long moneyPaise(String name) {
        String text = requiredText(name);
        BigDecimal rupees;
        try {
            rupees = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw invalid(name, "'" + text + "' is not a number of rupees");
        }
        if (rupees.signum() < 0) throw invalid(name, "must not be negative, got " + text);
        if (rupees.stripTrailingZeros().scale() > 2) throw invalid(name, "has more than two decimals (paise): " + text);
        try {
            return Money.rupeesToPaise(rupees);
        } catch (ArithmeticException e) {
            throw invalid(name, "is too large: " + text);
        }
    }

    public BigDecimal positiveDecimal(String name, int maxScale) {
        String text = requiredText(name);
        BigDecimal d;
        try {
            d = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw invalid(name, "'" + text + "' is not a number");
        }
        if (d.signum() <= 0) throw invalid(name, "must be greater than zero, got " + text);
        if (d.stripTrailingZeros().scale() > maxScale) throw invalid(name, "has more than " + maxScale + " decimals: " + text);
        if (d.precision() - d.scale() > 15) throw invalid(name, "is too large: " + text);
        return d.setScale(maxScale);
    }

    public long positiveLong(String name) {
        String text = requiredText(name);
        try {
            long v = new BigDecimal(text).longValueExact();
            if (v <= 0) throw invalid(name, "must be a whole number greater than zero, got " + text);
            return v;
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(name, "must be a whole number, got " + text);
        }
    }

    public Double optionalDouble(String name, double min, double max) {
        String text = optionalText(name);
        if (text == null) return null;
        try {
            double d = Double.parseDouble(text);
            if (d < min || d > max) throw invalid(name, "must be between " + min + " and " + max + ", got " + text);
            return d;
        } catch (NumberFormatException e) {
            throw invalid(name, "'" + text + "' is not a number");
        }
    }

    /** ISO-8601 with an explicit offset, e.g. 2022-07-30T11:00:00+05:30 or ...Z. */
    public Instant timestamp(String name) {
        String text = requiredText(name);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name, "'" + text + "' is not an ISO-8601 timestamp with an offset, e.g. 2022-07-30T11:00:00+05:30");
        }
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String text = requiredText(name);
        try {
            return Enum.valueOf(type, text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw invalid(name, "'" + text + "' is not one of " + allowed);
        }
    }

    private String matching(String name, String value, Pattern pattern, String expected) {
        if (!pattern.matcher(value).matches()) throw invalid(name, "'" + value + "' is not valid (" + expected + ")");
        return value;
    }

    private static InvalidRecordException missing(String name) {
        return new InvalidRecordException(DeadLetterReason.MISSING_FIELD, "missing required field '" + name + "'");
    }

    private static InvalidRecordException invalid(String name, String problem) {
        return new InvalidRecordException(DeadLetterReason.INVALID_FIELD, "field '" + name + "' " + problem);
    }
}
