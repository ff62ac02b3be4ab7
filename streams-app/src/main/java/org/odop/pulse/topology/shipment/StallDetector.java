package org.odop.pulse.topology.shipment;

import java.time.Duration;
import java.time.Instant;
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
import org.odop.pulse.topology.common.TimeIndex;
import org.odop.pulse.topology.reference.ReferenceDataTopology;

/**
 * Tracks each open shipment's latest stage and since when, and emits one alert per transition into
 * stalled (on the wall clock, so a shipment is flagged even when its partition receives nothing more)
 * and one when it moves on or ends. Delivered and cancelled shipments leave the open store; their ids
 * are kept a while longer so that a late event of an earlier stage cannot reopen them.
 *
 * <p>Open shipments not yet flagged are also in a {@link TimeIndex} by stage and since when, and ended ones
 * by when they ended, so each check reads only the shipments that are due (over their stage's limit, or
 * ended long enough ago to forget), never the whole stores, inside its exactly-once transaction. Stalled
 * shipments are in a third index, by stage and since when, so that the stalled-shipments API and gauge read
 * only those, not every open shipment. The invariant: an open shipment is indexed under its stage and
 * {@code since}, in the open index while it is not stalled and in the stalled index while it is; an ended one
 * under its end time exactly while it is remembered.
 */
final class StallDetector implements Processor<String, ShipmentEvent, String, ShipmentAlert> {
    /** Ended shipments are remembered this long (wall clock) to ignore their late events. */
    static final Duration REMEMBER_ENDED = Duration.ofDays(90);
    private static final String NO_GROUP = "";

    private final StallLimits limits;
    private final Duration checkEvery;
    private final Consumer<ShipmentAlertType> alertCounter;
    private ProcessorContext<String, ShipmentAlert> context;
    private KeyValueStore<String, OpenShipment> open;
    private KeyValueStore<String, Long> ended;
    private TimeIndex openBySince;
    private TimeIndex endedByTime;
    private TimeIndex stalledBySince;
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
        openBySince = new TimeIndex(context.getStateStore(ShipmentTopology.OPEN_INDEX_STORE));
        endedByTime = new TimeIndex(context.getStateStore(ShipmentTopology.ENDED_INDEX_STORE));
        stalledBySince = new TimeIndex(context.getStateStore(ShipmentTopology.STALLED_INDEX_STORE));
        districts = context.getStateStore(ReferenceDataTopology.DISTRICTS_STORE);
        context.schedule(checkEvery, PunctuationType.WALL_CLOCK_TIME, this::flagStalled);
        // Shipments stored before the indexes existed (an upgrade) are indexed in slices soon after start-up;
        // until then they are flagged or forgotten a little late, never wrongly.
        openBySince.buildInSlices(context, open, (id, s) -> {
            if (!s.getStalled()) index(s);
        });
        stalledBySince.buildInSlices(context, open, (id, s) -> {
            if (s.getStalled()) index(s);
        });
        endedByTime.buildInSlices(context, ended, (id, endedAt) -> endedByTime.put(NO_GROUP, endedAt, id));
    }

    @Override
    public void process(Record<String, ShipmentEvent> record) {
        ShipmentEvent e = record.value();
        String id = e.getShipmentId();
        if (ended.get(id) != null) return;
        OpenShipment current = open.get(id);
        if (StallLimits.isTerminal(e.getStatus())) {
            if (current != null) {
                if (current.getStalled()) alert(ShipmentAlertType.RESOLVED, current);
                unindex(current);
            }
            open.delete(id);
            long now = context.currentSystemTimeMs();
            ended.put(id, now);
            endedByTime.put(NO_GROUP, now, id);
            return;
        }
        if (current == null || e.getStatus().ordinal() > stage(current).ordinal()) {
            if (current != null) {
                if (current.getStalled()) alert(ShipmentAlertType.RESOLVED, current);
                unindex(current);
            }
            OpenShipment next = new OpenShipment(id, e.getDistrictCode(), e.getProductCode(), e.getStatus().name(), e.getOccurredAt(), false);
            open.put(id, next);
            index(next);
        } else if (e.getStatus() == stage(current) && e.getOccurredAt().isBefore(current.getSince())) {
            // The same stage reported again with an earlier time: it has been there since then.
            unindex(current);
            current.setSince(e.getOccurredAt());
            open.put(id, current);
            index(current);
        }
        // An earlier stage arriving late changes nothing: the shipment is already further on.
    }

    /** Flags the shipments over their stage's limit: per stage, those that entered it before now - limit. */
    private void flagStalled(long now) {
        limits.limits().forEach((stage, limit) -> {
            for (TimeIndex.Entry due : openBySince.before(stage.name(), now - limit.toMillis())) {
                openBySince.remove(due);
                OpenShipment s = open.get(due.id());
                // Anything else is a stale entry (cannot happen while the invariant holds): dropping it is all.
                if (s == null || s.getStalled() || !s.getStage().equals(stage.name()) || !isOverLimit(s, now)) continue;
                s.setStalled(true);
                open.put(s.getShipmentId(), s);
                index(s);
                alert(ShipmentAlertType.STALLED, s);
            }
        });
        forgetEndedBefore(now - REMEMBER_ENDED.toMillis());
    }

    private boolean isOverLimit(OpenShipment s, long now) {
        return limits.limit(stage(s)).map(l -> now - s.getSince().toEpochMilli() > l.toMillis()).orElse(false);
    }

    private void forgetEndedBefore(long cutoff) {
        for (TimeIndex.Entry due : endedByTime.before(NO_GROUP, cutoff)) {
            endedByTime.remove(due);
            Long endedAt = ended.get(due.id());
            if (endedAt != null && endedAt < cutoff) ended.delete(due.id());
        }
    }

    /**
     * Every stage is indexed, with a limit or not, so that a limit set later applies to shipments already there.
     * Stalled shipments are not checked again (they have had their alert): they are in the stalled index instead.
     */
    private void index(OpenShipment s) {
        indexOf(s).put(s.getStage(), s.getSince().toEpochMilli(), s.getShipmentId());
    }

    private void unindex(OpenShipment s) {
        indexOf(s).remove(s.getStage(), s.getSince().toEpochMilli(), s.getShipmentId());
    }

    private TimeIndex indexOf(OpenShipment s) {
        return s.getStalled() ? stalledBySince : openBySince;
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
