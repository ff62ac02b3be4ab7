package org.odop.pulse.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * What to generate. Counts are of meets, shipments and orders (each makes several lines; a meet's LOIs bring the
 * shipments that fulfil them, so {@code shipments} counts only the others); shares are
 * fractions of the real events, so {@code invalidShare = 0.01} adds about one bad line per hundred.
 *
 * @param start           first entity start (a meet, a shipment booking or an order)
 * @param span            entities start within [start, start + span)
 * @param emitFrom        lines arriving before it are made but not handed out, so a live stream starts with
 *                        shipments already under way; null: from the start
 * @param cutoff          lines arriving after it are not generated (in-flight shipments stay unfinished); null: none
 * @param day             how long one day of in-process delays lasts: 1 day for history, seconds for a live demo
 * @param historicMeets   whether the Jammu (2022-04-21) and Srinagar (2022-07-30) meets are generated when in the window
 * @param outOfOrderShare fraction of shipments with one stage arriving after the next one
 */
public record DemoOptions(long seed, Instant start, Duration span, Instant emitFrom, Instant cutoff, Duration day,
                          long meets, long shipments, long orders, boolean historicMeets,
                          double duplicateShare, double lateShare, double invalidShare,
                          double unknownDistrictShare, double outOfOrderShare) {

    /** Start of FY2022-23 in IST, where the historical data set begins. */
    public static final Instant FY2022_23_START = OffsetDateTime.parse("2022-04-01T00:00:00+05:30").toInstant();
    /** Long enough for a shipment booked before a live stream starts to be delivered during it. */
    public static final int LIVE_WARM_UP_DAYS = 60;
    /** The seed of the historical data set, so a repeated backfill sends the same eventIds. */
    public static final long BACKFILL_SEED = 20220730L;

    // Expected lines per entity and the mix of lines, to turn a target event count into entity counts.
    private static final double LOIS_PER_MEET = 26, LINES_PER_SHIPMENT = 5.6, LINES_PER_ORDER = 1.1;
    private static final double LOI_MIX = 0.06, SHIPMENT_MIX = 0.50, ORDER_MIX = 0.44;

    public DemoOptions {
        if (start == null || span == null || day == null) throw new IllegalArgumentException("start, span and day are required");
        if (span.isNegative() || span.isZero()) throw new IllegalArgumentException("span must be positive: " + span);
        if (day.toMillis() < 1) throw new IllegalArgumentException("day must be at least a millisecond: " + day);
        if (meets < 0 || shipments < 0 || orders < 0) throw new IllegalArgumentException("counts must not be negative");
        for (double share : new double[] {duplicateShare, lateShare, invalidShare, unknownDistrictShare, outOfOrderShare}) {
            if (!(share >= 0 && share <= 1)) throw new IllegalArgumentException("shares must be between 0 and 1");
        }
    }

    /** About 10,000 lines over the window, historic meets included, small shares of every twist. */
    public static DemoOptions of(long seed, Instant start, Duration span) {
        return new DemoOptions(seed, start, span, null, null, Duration.ofDays(1), 0, 0, 0, true,
                0.01, 0.01, 0.01, 0.005, 0.03).withEventCount(10_000);
    }

    /** The historical data set: FY2022-23 up to now, about {@code events} lines, nothing after now. */
    public static DemoOptions backfill(long seed, Instant now, long events) {
        if (!now.isAfter(FY2022_23_START)) throw new IllegalArgumentException("now is before FY2022-23: " + now);
        return of(seed, FY2022_23_START, Duration.between(FY2022_23_START, now)).withCutoff(now).withEventCount(events);
    }

    /**
     * A live stream from now on: about {@code ratePerSecond} lines a second for {@code duration}, with the
     * days of shipments and returns compressed to {@code day} so the views move while one watches. The
     * world starts {@link #LIVE_WARM_UP_DAYS} (paced) days earlier and only lines from now on are handed
     * out, so shipments are already on their way and the rate holds from the first second to the last.
     */
    public static DemoOptions live(long seed, Instant now, Duration duration, double ratePerSecond, Duration day) {
        if (!(ratePerSecond > 0)) throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        Duration warmUp = day.multipliedBy(LIVE_WARM_UP_DAYS);
        Duration span = warmUp.plus(duration);
        long events = Math.max(1, Math.round(ratePerSecond * span.toMillis() / 1000.0));
        return of(seed, now.minus(warmUp), span).withEmitFrom(now).withCutoff(now.plus(duration)).withDay(day)
                .withHistoricMeets(false).withEventCount(events);
    }

    /** A live day that lets a shipment's weeks pass in about a fifth of a run: duration / 100, within 1 s to 10 min. */
    public static Duration liveDay(Duration duration) {
        long ms = Math.max(1_000, Math.min(600_000, duration.toMillis() / 100));
        return Duration.ofMillis(ms);
    }

    /** Entity counts that make about {@code events} lines in all, twists included. */
    public DemoOptions withEventCount(long events) {
        double real = events / (1 + duplicateShare + lateShare + invalidShare + unknownDistrictShare);
        int historicLois = historicMeets ? historicLoisInWindow() : 0;
        real = Math.max(0, real - historicLois);
        long meets = Math.round(real * LOI_MIX / LOIS_PER_MEET);
        // Shipments that fulfil LOIs come with their meets; the rest of the shipment lines are shipments of no LOI.
        double loiShipments = (meets * LOIS_PER_MEET + historicLois) * Conversions.SHIPMENTS_PER_LOI;
        return withCounts(meets, Math.max(0, Math.round(real * SHIPMENT_MIX / LINES_PER_SHIPMENT - loiShipments)),
                Math.round(real * ORDER_MIX / LINES_PER_ORDER));
    }

    private int historicLoisInWindow() {
        return HistoricMeet.inWindow(start, start.plus(span)).stream().mapToInt(HistoricMeet::lois).sum();
    }

    public DemoOptions withCounts(long meets, long shipments, long orders) {
        return new DemoOptions(seed, start, span, emitFrom, cutoff, day, meets, shipments, orders, historicMeets,
                duplicateShare, lateShare, invalidShare, unknownDistrictShare, outOfOrderShare);
    }

    public DemoOptions withShares(double duplicate, double late, double invalid, double unknownDistrict) {
        return new DemoOptions(seed, start, span, emitFrom, cutoff, day, meets, shipments, orders, historicMeets,
                duplicate, late, invalid, unknownDistrict, outOfOrderShare);
    }

    public DemoOptions withOutOfOrderShare(double share) {
        return new DemoOptions(seed, start, span, emitFrom, cutoff, day, meets, shipments, orders, historicMeets,
                duplicateShare, lateShare, invalidShare, unknownDistrictShare, share);
    }

    public DemoOptions withEmitFrom(Instant emitFrom) {
        return new DemoOptions(seed, start, span, emitFrom, cutoff, day, meets, shipments, orders, historicMeets,
                duplicateShare, lateShare, invalidShare, unknownDistrictShare, outOfOrderShare);
    }

    public DemoOptions withCutoff(Instant cutoff) {
        return new DemoOptions(seed, start, span, emitFrom, cutoff, day, meets, shipments, orders, historicMeets,
                duplicateShare, lateShare, invalidShare, unknownDistrictShare, outOfOrderShare);
    }

    public DemoOptions withDay(Duration day) {
        return new DemoOptions(seed, start, span, emitFrom, cutoff, day, meets, shipments, orders, historicMeets,
                duplicateShare, lateShare, invalidShare, unknownDistrictShare, outOfOrderShare);
    }

    public DemoOptions withHistoricMeets(boolean historic) {
        return new DemoOptions(seed, start, span, emitFrom, cutoff, day, meets, shipments, orders, historic,
                duplicateShare, lateShare, invalidShare, unknownDistrictShare, outOfOrderShare);
    }

    public DemoOptions withSeed(long seed) {
        return new DemoOptions(seed, start, span, emitFrom, cutoff, day, meets, shipments, orders, historicMeets,
                duplicateShare, lateShare, invalidShare, unknownDistrictShare, outOfOrderShare);
    }

    /** Prefix of every id the run makes, so runs with different seeds never share an eventId. */
    public String idPrefix() {
        return Long.toUnsignedString(seed, 36);
    }
}
