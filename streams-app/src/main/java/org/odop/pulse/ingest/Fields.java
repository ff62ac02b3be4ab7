package org.odop.pulse.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.odop.pulse.domain.Codes;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.domain.EventLimits;
import org.odop.pulse.domain.Money;

/** Typed, validated access to the text fields of one input line (an NDJSON object or a CSV row). */
public final class Fields {

    static final int QUOTE_AT_MOST = 64;
    static final int MAX_TIMESTAMP_LENGTH = 64;
    /** {@code yyyy-MM-dd} and nothing else: no sign, no five-digit year, no time, no offset. */
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Map<String, String> values;
    private final EventLimits limits;
    private final Instant now;

    /** Fields whose event times are judged against the default window and the system clock now. */
    public Fields(Map<String, String> values) {
        this(values, EventLimits.DEFAULT, Instant.now());
    }

    /** @param now the wall-clock time the line was read at, for {@link #eventTime} */
    public Fields(Map<String, String> values, EventLimits limits, Instant now) {
        this.values = values;
        this.limits = limits;
        this.now = now;
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

    /** A required code that {@code valid} accepts. */
    public String code(String name, Predicate<String> valid, String expected) {
        String value = requiredText(name);
        if (!valid.test(value)) throw invalid(name, quote(value) + " is not valid (" + expected + ")");
        return value;
    }

    public String optionalCode(String name, Pattern pattern, String expected) {
        String v = optionalText(name);
        return v == null ? null : matching(name, v, pattern, expected);
    }

    /**
     * Rupees with at most two decimals, never negative and at most {@link EventLimits#MAX_EVENT_VALUE_PAISE}, as
     * paise. The text is judged by {@link NumberText} first, so a huge exponent costs no more than its length.
     */
    public long moneyPaise(String name) {
        String text = requiredText(name);
        NumberText rupees = number(name, text, "is not a number of rupees");
        if (rupees.signum() < 0) throw invalid(name, "must not be negative, got " + quote(text));
        if (rupees.scale() > 2) throw invalid(name, "has more than two decimals (paise): " + quote(text));
        // More than 17 digits of rupees cannot be a long of paise, and is far above the limit anyway.
        long paise = rupees.integerDigits() > 16 ? Long.MAX_VALUE : Money.rupeesToPaise(rupees.toBigDecimal());
        Optional<String> problem = EventLimits.valueProblem(paise);
        if (problem.isPresent()) throw invalid(name, problem.get() + ", got " + quote(text));
        return paise;
    }

    public BigDecimal positiveDecimal(String name, int maxScale) {
        return positiveDecimal(name, maxScale, 15);
    }

    /**
     * An exact number above zero with at most {@code maxScale} decimals and {@code maxIntegerDigits} digits before
     * the point, read from its text (never through a double), returned with scale exactly {@code maxScale}: widening
     * the scale adds zeros and never rounds.
     */
    public BigDecimal positiveDecimal(String name, int maxScale, int maxIntegerDigits) {
        String text = requiredText(name);
        NumberText d = number(name, text, "is not a number");
        if (d.signum() <= 0) throw invalid(name, "must be greater than zero, got " + quote(text));
        if (d.scale() > maxScale) throw invalid(name, "has more than " + maxScale + " decimals: " + quote(text));
        if (d.integerDigits() > maxIntegerDigits) {
            throw invalid(name, "is too large (at most " + maxIntegerDigits + " digits before the decimal point): "
                    + quote(text));
        }
        return d.toBigDecimal().setScale(maxScale);
    }

    public long positiveLong(String name) {
        String text = requiredText(name);
        NumberText d = number(name, text, "must be a whole number");
        if (d.scale() > 0) throw invalid(name, "must be a whole number, got " + quote(text));
        if (d.signum() <= 0) throw invalid(name, "must be a whole number greater than zero, got " + quote(text));
        if (d.integerDigits() > 18) throw invalid(name, "is too large: " + quote(text));
        return d.toBigDecimal().longValueExact();
    }

    public Double optionalDouble(String name, double min, double max) {
        String text = optionalText(name);
        if (text == null) return null;
        NumberText n = number(name, text, "is not a number");
        double d = n.toBigDecimal().doubleValue();
        if (d < min || d > max) throw invalid(name, "must be between " + min + " and " + max + ", got " + quote(text));
        return d;
    }

    /** ISO-8601 with an explicit offset, e.g. 2022-07-30T11:00:00+05:30 or ...Z. */
    public Instant timestamp(String name) {
        String text = requiredText(name);
        // The longest ISO-8601 date-time with an offset (a nine-digit signed year, nanoseconds) is 45 characters.
        if (text.length() <= MAX_TIMESTAMP_LENGTH) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        throw invalid(name, quote(text) + " is not an ISO-8601 timestamp with an offset, e.g. 2022-07-30T11:00:00+05:30");
    }

    /**
     * A calendar day written {@code yyyy-MM-dd} (ISO-8601, e.g. 2022-08-01), that day existing: a date-time, an
     * offset, a week or ordinal date, or a day such as 2023-02-29 is refused.
     */
    public LocalDate isoDate(String name) {
        String text = requiredText(name);
        if (ISO_DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        throw invalid(name, quote(text) + " is not an ISO-8601 date yyyy-MM-dd, e.g. 2022-08-01");
    }

    /**
     * An event's own time: a {@link #timestamp} inside the window of {@link EventLimits#timeProblem}, judged
     * against the wall-clock time this line was read at. Outside it the line is rejected (the broker could
     * refuse such a record, or keep it for no time at all).
     */
    public Instant eventTime(String name) {
        Instant at = timestamp(name);
        Optional<String> problem = limits.timeProblem(at, now);
        if (problem.isPresent()) {
            throw invalid(name, quote(requiredText(name)) + " " + problem.get() + "; event times are accepted from "
                    + limits.earliest() + " to " + limits.maxAhead().toHours() + " h after the current time");
        }
        return at;
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String text = requiredText(name);
        try {
            return Enum.valueOf(type, text.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw invalid(name, quote(text) + " is not one of " + allowed);
        }
    }

    private String matching(String name, String value, Pattern pattern, String expected) {
        if (!pattern.matcher(value).matches()) throw invalid(name, quote(value) + " is not valid (" + expected + ")");
        return value;
    }

    private static NumberText number(String name, String text, String notANumber) {
        try {
            return NumberText.parse(text);
        } catch (NumberText.Problem p) {
            String problem = p.getMessage().equals("is not a number") ? notANumber : p.getMessage();
            return throwInvalid(name, quote(text) + " " + problem);
        }
    }

    private static NumberText throwInvalid(String name, String problem) {
        throw invalid(name, problem);
    }

    /**
     * A user's text in single quotes for a message, cut to {@link #QUOTE_AT_MOST} characters: a rejection must
     * never repeat a line of hundreds of kilobytes.
     */
    public static String quote(String text) {
        if (text.length() <= QUOTE_AT_MOST) return "'" + text + "'";
        int end = QUOTE_AT_MOST;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return "'" + text.substring(0, end) + "…' (" + text.length() + " characters)";
    }

    private static InvalidRecordException missing(String name) {
        return new InvalidRecordException(DeadLetterReason.MISSING_FIELD, "missing required field '" + name + "'");
    }

    private static InvalidRecordException invalid(String name, String problem) {
        return new InvalidRecordException(DeadLetterReason.INVALID_FIELD, "field '" + name + "' " + problem);
    }
}
