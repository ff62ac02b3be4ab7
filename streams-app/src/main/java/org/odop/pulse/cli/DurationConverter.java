package org.odop.pulse.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people type them: ISO-8601 (PT2M, PT1H30M) or a number and a unit (500ms, 30s, 2m, 1h, 1d). */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

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

    static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a duration: use e.g. 30s, 2m, 1h or PT2M");
            }
        }
        if (d.isNegative() || d.isZero()) throw new TypeConversionException("'" + value + "' must be longer than zero");
        return d;
    }
}
