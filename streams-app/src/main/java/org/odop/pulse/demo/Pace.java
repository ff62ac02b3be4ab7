package org.odop.pulse.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns the days a business process takes (a shipment at port, a return) into time on the demo's
 * clock: real days for history, seconds for a live demo. Times are whole seconds, as lines print them.
 */
final class Pace {
    private static final double DAY_MS = 86_400_000d;
    private final double dayMillis;

    Pace(Duration day) {
        this.dayMillis = day.toMillis();
    }

    /** True when a day lasts a day, so meets can open in office hours. */
    boolean realDays() {
        return dayMillis == DAY_MS;
    }

    Instant after(Instant t, double days) {
        return t.plusMillis(Math.round(days * dayMillis)).truncatedTo(ChronoUnit.SECONDS);
    }

    Instant afterMinutes(Instant t, double minutes) {
        return after(t, minutes / 1440);
    }

    /** At least a second later, so consecutive stages never share a timestamp. */
    Instant strictlyAfter(Instant t, double days) {
        Instant later = after(t, days);
        return later.isAfter(t) ? later : t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    /** Calendar time, never compressed: late events must land in an earlier month whatever the pace. */
    static Instant calendarDaysBefore(Instant t, double days) {
        return t.minusMillis(Math.round(days * DAY_MS)).truncatedTo(ChronoUnit.SECONDS);
    }

    static double days(Instant from, Instant to) {
        return (to.toEpochMilli() - from.toEpochMilli()) / DAY_MS;
    }
}
