package org.odop.pulse.topology.shipment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.ShipmentAlert;
import org.odop.pulse.avro.ShipmentAlertType;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.avro.internal.OpenShipment;
import org.odop.pulse.topology.reference.ReferenceDataTopology;

/**
 * Tracks each open shipment's latest stage and since when, and emits one alert per transition into
 * stalled (on the wall clock, so a shipment is flagged even when its partition receives nothing more)
 * and one when it moves on or ends. Delivered and cancelled shipments leave the open store; their ids
 * are kept a while longer so that a late event of an earlier stage cannot reopen them.
 */
final class StallDetector implements Processor<String, ShipmentEvent, String, ShipmentAlert> {
    /** Ended shipments are remembered this long (wall clock) to ignore their late events. */
    static final Duration REMEMBER_ENDED = Duration.ofDays(90);

    private final StallLimits limits;
    private final Duration checkEvery;
    private final Consumer<ShipmentAlertType> alertCounter;
    private ProcessorContext<String, ShipmentAlert> context;
    private KeyValueStore<String, OpenShipment> open;
    private KeyValueStore<String, Long> ended;
    private KeyValueStore<String, ValueAndTimestamp<District>> districts;

    StallDetector(StallLimits limits, Duration checkEvery, Consumer<ShipmentAlertType> alertCounter) {
        this.limits = limits;
        this.checkEvery = checkEvery;
        this.alertCounter = alertCounter;
    }

    @Override
    public void init(ProcessorContext<String, ShipmentAlert> context) {
        this.context = context;
        open = context.getStateStore(ShipmentTopology.OPEN_STORE);
        ended = context.getStateStore(ShipmentTopology.ENDED_STORE);
        districts = context.getStateStore(ReferenceDataTopology.DISTRICTS_STORE);
        context.schedule(checkEvery, PunctuationType.WALL_CLOCK_TIME, this::flagStalled);
    }

    @Override
    public void process(Record<String, ShipmentEvent> record) {
        ShipmentEvent e = record.value();
        String id = e.getShipmentId();
        if (ended.get(id) != null) return;
        OpenShipment current = open.get(id);
        if (StallLimits.isTerminal(e.getStatus())) {
            if (current != null && current.getStalled()) alert(ShipmentAlertType.RESOLVED, current);
            open.delete(id);
            ended.put(id, context.currentSystemTimeMs());
            return;
        }
        if (current == null || e.getStatus().ordinal() > stage(current).ordinal()) {
            if (current != null && current.getStalled()) alert(ShipmentAlertType.RESOLVED, current);
            open.put(id, new OpenShipment(id, e.getDistrictCode(), e.getProductCode(), e.getStatus().name(), e.getOccurredAt(), false));
        } else if (e.getStatus() == stage(current) && e.getOccurredAt().isBefore(current.getSince())) {
            // The same stage reported again with an earlier time: it has been there since then.
            current.setSince(e.getOccurredAt());
            open.put(id, current);
        }
        // An earlier stage arriving late changes nothing: the shipment is already further on.
    }

    private void flagStalled(long now) {
        List<OpenShipment> newlyStalled = new ArrayList<>();
        try (var it = open.all()) {
            it.forEachRemaining(kv -> {
                OpenShipment s = kv.value;
                if (!s.getStalled() && isOverLimit(s, now)) newlyStalled.add(s);
            });
        }
        for (OpenShipment s : newlyStalled) {
            s.setStalled(true);
            open.put(s.getShipmentId(), s);
            alert(ShipmentAlertType.STALLED, s);
        }
        forgetEndedBefore(now - REMEMBER_ENDED.toMillis());
    }

    private boolean isOverLimit(OpenShipment s, long now) {
        return limits.limit(stage(s)).map(l -> now - s.getSince().toEpochMilli() > l.toMillis()).orElse(false);
    }

    private void forgetEndedBefore(long cutoff) {
        List<String> old = new ArrayList<>();
        try (var it = ended.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value < cutoff) old.add(kv.key);
            });
        }
        old.forEach(ended::delete);
    }

    private static ShipmentStatus stage(OpenShipment s) {
        return ShipmentStatus.valueOf(s.getStage());
    }

    private void alert(ShipmentAlertType type, OpenShipment s) {
        ValueAndTimestamp<District> d = districts.get(s.getDistrictCode());
        long now = context.currentSystemTimeMs();
        ShipmentAlert alert = new ShipmentAlert(type, s.getShipmentId(), s.getDistrictCode(),
                d == null ? null : d.value().getStateCode(), s.getProductCode(), s.getStage(), s.getSince(),
                limits.limit(stage(s)).map(Duration::toSeconds).orElse(0L), Instant.ofEpochMilli(now));
        context.forward(new Record<>(s.getDistrictCode(), alert, now));
        alertCounter.accept(type);
    }
}
