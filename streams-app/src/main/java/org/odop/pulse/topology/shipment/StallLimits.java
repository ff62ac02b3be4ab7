package org.odop.pulse.topology.shipment;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.odop.pulse.avro.ShipmentStatus;

/** How long a shipment may sit at each stage before operations staff are alerted. */
public record StallLimits(Map<ShipmentStatus, Duration> limits) {
    /** How often (wall clock) open shipments are checked against their limits, unless configured. */
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofSeconds(30);

    public static StallLimits defaults() {
        Map<ShipmentStatus, Duration> m = new EnumMap<>(ShipmentStatus.class);
        m.put(ShipmentStatus.BOOKED, Duration.ofDays(7));
        m.put(ShipmentStatus.DISPATCHED, Duration.ofDays(3));
        m.put(ShipmentStatus.AT_PORT, Duration.ofDays(2));
        m.put(ShipmentStatus.CUSTOMS_CLEARED, Duration.ofDays(2));
        m.put(ShipmentStatus.SHIPPED, Duration.ofDays(45));
        return new StallLimits(m);
    }

    /** The defaults with some stages changed, e.g. from {@code --stall-limit AT_PORT=P1D}. */
    public StallLimits with(Map<ShipmentStatus, Duration> overrides) {
        Map<ShipmentStatus, Duration> m = new EnumMap<>(limits);
        overrides.forEach((stage, d) -> {
            if (isTerminal(stage)) throw new IllegalArgumentException(stage + " ends tracking and has no limit");
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("limit for " + stage + " must be positive");
            m.put(stage, d);
        });
        return new StallLimits(m);
    }

    public Optional<Duration> limit(ShipmentStatus stage) {
        return Optional.ofNullable(limits.get(stage));
    }

    public static boolean isTerminal(ShipmentStatus stage) {
        return stage == ShipmentStatus.DELIVERED || stage == ShipmentStatus.CANCELLED;
    }
}
