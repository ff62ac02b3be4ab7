package org.odop.pulse.topology.meet;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.LoiAlert;
import org.odop.pulse.avro.LoiAlertType;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.internal.LoiRecord;
import org.odop.pulse.topology.common.TimeIndex;
import org.odop.pulse.topology.reference.ReferenceDataTopology;

/**
 * Links exports to the LOIs they fulfil, whichever arrives first, and tells operations when an LOI goes unfollowed.
 * <p>
 * Both inputs are on the partition of the LOI's {@code loiId} ({@link MeetTopology}): LOI versions (from the LOI
 * identity, which also retracts corrected versions) and exports counted once per shipment that carry a
 * {@code loiId}. Every such export is remembered by {@code loiId}, district and shipment, so an LOI that arrives (or
 * is corrected) later sums its exports at once, those of its own district only (an export may name an LOI of
 * another district, or the old district of a moved one).
 * <p>
 * An LOI with no linked export {@link FollowUp#after()} after {@code signedAt} (wall clock) is due: an index by
 * that deadline is read every {@link FollowUp#checkEvery()}, only up to now; each due LOI gets one
 * {@code LOI_FOLLOW_UP_DUE}, and one {@code FOLLOWED_UP} once an export is linked to it afterwards (one that arrives,
 * or one already in the district a correction moves it to). What was sent is kept by {@code loiId} on this same
 * partition, whichever district the LOI is in, so no correction makes an LOI due twice.
 */
final class MeetTracker implements Processor<String, SpecificRecord, String, LoiAlert> {
    static final String DUE = "due";
    private static final String SENT_DUE = "DUE";
    private static final String SENT_FOLLOWED_UP = "FOLLOWED_UP";

    private final FollowUp followUp;
    private ProcessorContext<String, LoiAlert> context;
    private KeyValueStore<String, LoiRecord> lois;
    private KeyValueStore<String, Long> links;
    private KeyValueStore<String, String> sent;
    private KeyValueStore<String, ValueAndTimestamp<District>> districts;
    private TimeIndex byDeadline;

    MeetTracker(FollowUp followUp) {
        this.followUp = followUp;
    }

    @Override
    public void init(ProcessorContext<String, LoiAlert> context) {
        this.context = context;
        lois = context.getStateStore(MeetTopology.LOIS_STORE);
        links = context.getStateStore(MeetTopology.LINKS_STORE);
        sent = context.getStateStore(MeetTopology.ALERTS_SENT_STORE);
        byDeadline = new TimeIndex(context.getStateStore(MeetTopology.DEADLINE_INDEX_STORE));
        districts = context.getStateStore(ReferenceDataTopology.DISTRICTS_STORE);
        context.schedule(followUp.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::flagDue);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof LoiRecord loi) {
            if (loi.getRetract()) retract(loi);
            else count(loi);
        } else if (record.value() instanceof ShipmentEvent export) {
            link(export);
        }
    }

    /**
     * The key of one export naming an LOI: the loiId (any text) length-prefixed, so no loiId is a prefix of another's,
     * then the export's district (a code: no '|'), since only exports in the LOI's own district are linked, and an
     * LOI may move to another district.
     */
    static String linkKey(String loiId, String districtCode, String shipmentId) {
        return linkPrefix(loiId, districtCode) + shipmentId;
    }

    static String linkPrefix(String loiId, String districtCode) {
        return loiId.length() + ":" + loiId + "|" + districtCode + "|";
    }

    private void count(LoiRecord loi) {
        long shipments = 0;
        long value = 0;
        String prefix = linkPrefix(loi.getLoiId(), loi.getDistrictCode());
        try (KeyValueIterator<String, Long> it = links.prefixScan(prefix, new org.apache.kafka.common.serialization.StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                shipments++;
                value = Math.addExact(value, kv.value);
            }
        }
        LoiRecord counted = LoiRecord.newBuilder(loi).setLinkedExportShipments(shipments).setLinkedExportValuePaise(value).build();
        lois.put(loi.getLoiId(), counted);
        String alerted = sent.get(loi.getLoiId());
        if (shipments == 0 && alerted == null) {
            byDeadline.put(DUE, followUp.dueAt(loi.getSignedAt().toEpochMilli()), loi.getLoiId());
        } else if (shipments > 0 && SENT_DUE.equals(alerted)) {
            // Due, then moved by a correction to a district whose exports already name it: followed up now.
            followedUp(counted, context.currentSystemTimeMs());
        }
    }

    private void retract(LoiRecord loi) {
        LoiRecord counted = lois.get(loi.getLoiId());
        if (counted == null) return;
        byDeadline.remove(DUE, followUp.dueAt(counted.getSignedAt().toEpochMilli()), counted.getLoiId());
        lois.delete(loi.getLoiId());
    }

    private void link(ShipmentEvent s) {
        String key = linkKey(s.getLoiId(), s.getDistrictCode(), s.getShipmentId());
        if (links.get(key) != null) return; // counted once, however often it is delivered
        links.put(key, s.getValuePaise());
        LoiRecord loi = lois.get(s.getLoiId());
        if (loi == null) return; // the LOI has not arrived yet: counting it will sum this export
        if (!loi.getDistrictCode().equals(s.getDistrictCode())) return; // another district's: never linked
        LoiRecord linked = LoiRecord.newBuilder(loi)
                .setLinkedExportShipments(loi.getLinkedExportShipments() + 1)
                .setLinkedExportValuePaise(Math.addExact(loi.getLinkedExportValuePaise(), s.getValuePaise())).build();
        lois.put(loi.getLoiId(), linked);
        byDeadline.remove(DUE, followUp.dueAt(loi.getSignedAt().toEpochMilli()), loi.getLoiId());
        if (SENT_DUE.equals(sent.get(loi.getLoiId()))) followedUp(linked, s.getOccurredAt().toEpochMilli());
    }

    private void followedUp(LoiRecord loi, long at) {
        sent.put(loi.getLoiId(), SENT_FOLLOWED_UP);
        alert(LoiAlertType.FOLLOWED_UP, loi, at);
    }

    /** LOIs whose deadline has passed with no linked export: one alert each. */
    void flagDue(long now) {
        for (TimeIndex.Entry e : byDeadline.before(DUE, now + 1)) {
            byDeadline.remove(e);
            LoiRecord loi = lois.get(e.id());
            if (loi == null || loi.getLinkedExportShipments() > 0 || sent.get(e.id()) != null) continue;
            if (followUp.dueAt(loi.getSignedAt().toEpochMilli()) != e.time()) continue; // a stale entry of a corrected LOI
            sent.put(e.id(), SENT_DUE);
            alert(LoiAlertType.LOI_FOLLOW_UP_DUE, loi, now);
        }
    }

    private void alert(LoiAlertType type, LoiRecord loi, long at) {
        ValueAndTimestamp<District> d = districts.get(loi.getDistrictCode());
        LoiAlert alert = LoiAlert.newBuilder().setType(type).setLoiId(loi.getLoiId()).setMeetId(loi.getMeetId())
                .setDistrictCode(loi.getDistrictCode()).setStateCode(d == null ? null : d.value().getStateCode())
                .setProductCode(loi.getProductCode()).setBuyer(loi.getBuyer()).setSeller(loi.getSeller())
                .setValuePaise(loi.getValuePaise()).setSignedAt(loi.getSignedAt())
                .setDueAt(Instant.ofEpochMilli(followUp.dueAt(loi.getSignedAt().toEpochMilli())))
                .setLinkedExportValuePaise(loi.getLinkedExportValuePaise()).setAt(Instant.ofEpochMilli(at)).build();
        context.forward(new Record<>(loi.getDistrictCode(), alert, Math.max(at, 0)));
        followUp.onAlert().accept(type);
    }
}
