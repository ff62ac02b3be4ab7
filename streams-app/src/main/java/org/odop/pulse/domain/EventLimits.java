package org.odop.pulse.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one event may say, declared once for ingest and for the topologies (other producers may write
 * anything): the largest amount of money, and the window of event times the pipeline accepts.
 *
 * <p>An event time must be on or after {@link #EARLIEST_EVENT_TIME} (the programme's data starts long
 * after it) and at most {@code maxAhead} after the wall clock (clocks drift; a day is generous). A
 * single LOI, shipment or order above {@link #MAX_EVENT_VALUE_PAISE} (Rs 1 lakh crore) is a typing error.
 */
public record EventLimits(Instant earliest, Duration maxAhead) {
    /** Rs 1,00,000 crore = 10^12 rupees = 10^14 paise: far above any real LOI, shipment or order. */
    public static final long MAX_EVENT_VALUE_PAISE = 100_000_000_000_000L;
    public static final String MAX_EVENT_VALUE_TEXT = "Rs 1,00,000 crore (1000000000000.00)";
    public static final Instant EARLIEST_EVENT_TIME = Instant.parse("2000-01-01T00:00:00Z");
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofDays(1);
    /** The longest ingest line (bytes of UTF-8): well under the producer's and broker's 1 MiB record limit. */
    public static final int MAX_LINE_BYTES = 256 * 1024;

    public static final EventLimits DEFAULT = new EventLimits(EARLIEST_EVENT_TIME, DEFAULT_MAX_AHEAD);

    public EventLimits {
        if (maxAhead.isNegative()) throw new IllegalArgumentException("maxAhead must not be negative: " + maxAhead);
    }

    /** Why {@code at} is outside the window at wall-clock time {@code now}, or empty when it is inside. */
    public Optional<String> timeProblem(Instant at, Instant now) {
        if (at.isBefore(earliest)) {
            return Optional.of("is before " + earliest + ", the earliest event time accepted");
        }
        Instant latest = now.plus(maxAhead);
        if (at.isAfter(latest)) {
            return Optional.of("is more than " + maxAhead.toHours() + " h ahead of the clock (latest accepted now: "
                    + latest + ")");
        }
        return Optional.empty();
    }

    /** Why {@code paise} is not an amount one event may carry, or empty when it may. */
    public static Optional<String> valueProblem(long paise) {
        if (paise < 0) return Optional.of("must not be negative");
        if (paise > MAX_EVENT_VALUE_PAISE) return Optional.of("is above the limit of " + MAX_EVENT_VALUE_TEXT + " for one event");
        return Optional.empty();
    }
}
