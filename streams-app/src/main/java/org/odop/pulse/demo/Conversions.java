package org.odop.pulse.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What becomes of an LOI, as officials following up a meet find it: some are shipped in full within weeks (lots
 * whose values add up to at least the LOI's), some only in part, and some never, so they come due for follow-up
 * 90 days after signing. A historic meet's LOIs are split in thirds, in a shuffled order, so its record always
 * shows all three; other meets' LOIs are drawn one by one.
 */
final class Conversions {
    enum Outcome { FULL, PARTIAL, NEVER }

    /** Shares of LOIs of an ordinary meet shipped in full and in part; the rest never turn into trade. */
    static final double FULL_SHARE = 0.3, PARTIAL_SHARE = 0.2;
    /** Lots per LOI shipped in full: one (60 %), two (30 %) or three; shipped in part: one (80 %) or two. */
    private static final double FULL_LOTS = 0.6 * 1 + 0.3 * 2 + 0.1 * 3, PARTIAL_LOTS = 0.8 * 1 + 0.2 * 2;
    /** Shipments an ordinary LOI leads to on average, so the demo's shipment budget can allow for them. */
    static final double SHIPMENTS_PER_LOI = FULL_SHARE * FULL_LOTS + PARTIAL_SHARE * PARTIAL_LOTS;

    /** One shipment planned against an LOI: when it is booked and its value. */
    record Lot(Instant booked, long paise) {}

    private final Rand rand;
    private final Pace pace;

    Conversions(Rand rand, Pace pace) {
        this.rand = rand;
        this.pace = pace;
    }

    /** Outcomes of a historic meet's {@code n} LOIs: a third of each (FULL first for a remainder), shuffled. */
    List<Outcome> thirds(int n) {
        List<Outcome> outcomes = new ArrayList<>(n);
        Outcome[] kinds = Outcome.values();
        for (int i = 0; i < n; i++) outcomes.add(kinds[i * kinds.length / n]);
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates, on the seeded stream
            int j = rand.between(0, i);
            Outcome t = outcomes.get(i);
            outcomes.set(i, outcomes.get(j));
            outcomes.set(j, t);
        }
        return outcomes;
    }

    /** The outcome of an ordinary meet's LOI. */
    Outcome draw() {
        double r = rand.nextDouble();
        return r < FULL_SHARE ? Outcome.FULL : r < FULL_SHARE + PARTIAL_SHARE ? Outcome.PARTIAL : Outcome.NEVER;
    }

    /**
     * The shipments that fulfil {@code loi} as {@code outcome} says, in booking order. In full: 100 to 106 % of its
     * value (never less), the first lot booked 6 to 30 days after signing and the next ones 4 to 20 days apart. In
     * part: 20 to 85 % of it, booked 6 to 45 days after signing and 10 to 40 days apart. Never: none.
     */
    List<Lot> lots(Drafts.Loi loi, Outcome outcome) {
        return switch (outcome) {
            case NEVER -> List.of();
            case FULL -> {
                double r = rand.nextDouble();
                int n = r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
                long total = Math.max(loi.paise(), Math.round(loi.paise() * rand.uniform(1.0, 1.06)));
                yield plan(loi.signedAt(), split(total, n), 6, 30, 4, 20);
            }
            case PARTIAL -> {
                int n = rand.chance(0.8) ? 1 : 2;
                long total = Math.min(loi.paise() - 1, Math.max(n, Math.round(loi.paise() * rand.uniform(0.2, 0.85))));
                yield plan(loi.signedAt(), split(total, n), 6, 45, 10, 40);
            }
        };
    }

    private List<Lot> plan(Instant signedAt, long[] values, double firstMin, double firstMax, double gapMin, double gapMax) {
        List<Lot> lots = new ArrayList<>(values.length);
        Instant booked = pace.after(signedAt, rand.uniform(firstMin, firstMax));
        for (int i = 0; i < values.length; i++) {
            if (i > 0) booked = pace.strictlyAfter(booked, rand.uniform(gapMin, gapMax));
            lots.add(new Lot(booked, values[i]));
        }
        return lots;
    }

    /** {@code total} in {@code n} parts of varied size, each at least a paisa, adding up to it exactly. */
    private long[] split(long total, int n) {
        long[] parts = new long[n];
        double[] weights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) sum += weights[i] = rand.uniform(0.5, 1.5);
        long given = 0;
        for (int i = 0; i < n - 1; i++) {
            parts[i] = Math.max(1, (long) Math.floor(total * weights[i] / sum));
            given += parts[i];
        }
        parts[n - 1] = total - given;
        return parts;
    }
}
