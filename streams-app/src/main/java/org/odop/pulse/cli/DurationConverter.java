package org.odop.pulse.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people type them: ISO-8601 (PT2M, PT1H30M) or a number and a unit (500ms, 30s, 2m, 1h, 1d). */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern BARE = Pattern.compile("\\d+");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** The same forms, and zero ("0", "0s", "PT0S") where zero means "not at all". */
    static final class ZeroAllowed implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String t = value.trim().toLowerCase(Locale.ROOT);
            Matcher m = SHORT.matcher(t);
            if (t.equals("0") || t.equals("pt0s") || (m.matches() && m.group(1).chars().allMatch(c -> c == '0'))) {
                return Duration.ZERO;
            }
            return parse(value);
        }
    }

    /** The same forms, and a bare number of seconds (what an option named {@code ...-seconds} took). */
    static final class OrSeconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value, ChronoUnit.SECONDS);
        }
    }

    /** The same forms, and a bare number of days (what an option named {@code ...-days} took). */
    static final class OrDays implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value, ChronoUnit.DAYS);
        }
    }

    static Duration parse(String value) {
        return parse(value, null);
    }

    /** @param bareUnit the unit of a number without one, or null when a unit is required */
    private static Duration parse(String value, ChronoUnit bareUnit) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = SHORT.matcher(text);
        try {
            if (bareUnit != null && BARE.matcher(text).matches()) {
                d = Duration.of(Long.parseLong(text), bareUnit);
            } else if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration: use e.g. 30s, 2m, 1h, 2d or PT2M"
                    + (bareUnit == null ? "" : ", or a number of " + bareUnit.name().toLowerCase(Locale.ROOT)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is too long a duration");
        }
        if (d.isNegative() || d.isZero()) throw new TypeConversionException("'" + value + "' must be longer than zero");
        return d;
    }

    /** {@code d} as it is typed: in the largest unit that holds it exactly (30d, 36h, 90s, 500ms), else ISO-8601. */
    static String format(Duration d) {
        if (d.isZero()) return "0";
        if (d.isNegative()) return d.toString();
        if (d.getNano() != 0) {
            return d.getNano() % 1_000_000 == 0 && d.getSeconds() < Long.MAX_VALUE / 1000 ? d.toMillis() + "ms" : d.toString();
        }
        long s = d.getSeconds();
        if (s % 86_400 == 0) return s / 86_400 + "d";
        if (s % 3_600 == 0) return s / 3_600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }
}
