package org.odop.pulse.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * When each meet, shipment and order begins, in time order, drawn one at a time: {@code n} uniform
 * times over the window, sorted, without holding them (each next one is the minimum of the ones left),
 * merged with the historic meets. The kinds are a random ordering of exactly the configured counts.
 */
final class EntityStarts {
    enum Kind { MEET, SHIPMENT, ORDER, HISTORIC_MEET }

    record Start(Instant at, Kind kind, HistoricMeet historic) {}

    private final Rand rand;
    private final Instant from;
    private final double spanMillis;
    private final Deque<HistoricMeet> historic;
    private long meets, shipments, orders;
    private double position; // fraction of the window reached so far
    private Start nextRandom;

    EntityStarts(Rand rand, DemoOptions o) {
        this.rand = rand;
        this.from = o.start();
        this.spanMillis = o.span().toMillis();
        this.meets = o.meets();
        this.shipments = o.shipments();
        this.orders = o.orders();
        List<HistoricMeet> inWindow = o.historicMeets() ? HistoricMeet.inWindow(o.start(), o.start().plus(o.span())) : List.of();
        this.historic = new ArrayDeque<>(inWindow.stream().sorted(Comparator.comparing(m -> m.opens)).toList());
        this.nextRandom = drawRandom();
    }

    Start peek() {
        HistoricMeet h = historic.peekFirst();
        if (h != null && (nextRandom == null || !h.opens.isAfter(nextRandom.at()))) {
            return new Start(h.opens, Kind.HISTORIC_MEET, h);
        }
        return nextRandom;
    }

    Start poll() {
        Start s = peek();
        if (s == null) return null;
        if (s.kind() == Kind.HISTORIC_MEET) historic.removeFirst();
        else nextRandom = drawRandom();
        return s;
    }

    private Start drawRandom() {
        long left = meets + shipments + orders;
        if (left == 0) return null;
        // The minimum of `left` uniforms on the rest of the window is 1 - U^(1/left) of that rest.
        position = 1 - (1 - position) * Math.pow(1 - rand.nextDouble(), 1.0 / left);
        Instant at = from.plusMillis((long) (position * spanMillis)).truncatedTo(ChronoUnit.SECONDS);
        long r = rand.between(0, left - 1);
        Kind kind;
        if (r < meets) {
            kind = Kind.MEET;
            meets--;
        } else if (r < meets + shipments) {
            kind = Kind.SHIPMENT;
            shipments--;
        } else {
            kind = Kind.ORDER;
            orders--;
        }
        return new Start(at, kind, null);
    }
}
