package org.odop.pulse.topology.meet;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.odop.pulse.avro.LoiAlert;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.internal.LoiRecord;
import org.odop.pulse.config.Topics;
import org.odop.pulse.topology.common.Repartitions;
import org.odop.pulse.topology.common.TimeIndex;

/**
 * Buyer-seller meet follow-up: every LOI with the exports linked to it (what each meet produced), and alerts on
 * LOIs that went quiet. It runs where the LOI identity does, on the partition of each {@code loiId}: fed by the
 * LOI changes straight from the identity stage, and by the counted exports that name an LOI, repartitioned by
 * that {@code loiId} (they are few: one per exported shipment fulfilling an LOI). So everything about one LOI,
 * its versions, its exports and the alerts sent for it, is on one partition whichever districts a correction
 * moves it between: that is what makes its alerts exactly once per LOI.
 */
public final class MeetTopology {
    /** Every LOI counted, by loiId, with its linked exports. The meet views and the follow-up list read it. */
    public static final String LOIS_STORE = "meet-lois";
    /** Exports that carry a loiId, by loiId, district and shipment: value in paise. */
    static final String LINKS_STORE = "meet-loi-exports";
    /** Alerts sent per LOI: DUE, then FOLLOWED_UP. */
    static final String ALERTS_SENT_STORE = "meet-loi-alerts-sent";
    /** LOIs with no linked export, by follow-up deadline. */
    static final String DEADLINE_INDEX_STORE = TimeIndex.storeName(LOIS_STORE);
    /** Repartition topic of the exports naming an LOI, by loiId (Kafka Streams prefixes the application id and appends -repartition). */
    public static final String EXPORTS_BY_LOI = "loi-exports-by-id";

    private final Serde<LoiRecord> recordSerde;
    private final Serde<ShipmentEvent> shipmentSerde;
    private final Serde<LoiAlert> alertSerde;
    private final FollowUp followUp;
    private final int byIdPartitions;

    /**
     * @param byIdPartitions partitions of the exports repartitioned by loiId: as many as the LOIs repartitioned by
     *                       loiId have, since one task reads both (0: as Kafka Streams chooses)
     */
    public MeetTopology(Serde<LoiRecord> recordSerde, Serde<ShipmentEvent> shipmentSerde, Serde<LoiAlert> alertSerde,
                        FollowUp followUp, int byIdPartitions) {
        this.recordSerde = recordSerde;
        this.shipmentSerde = shipmentSerde;
        this.alertSerde = alertSerde;
        this.followUp = followUp;
        this.byIdPartitions = byIdPartitions;
    }

    /**
     * @param loiChanges every LOI version counted or retracted, keyed by loiId, on the task of the LOI's identity
     * @param loiExports every export counted (once per shipment) that carries a loiId, keyed by district
     */
    public void build(StreamsBuilder builder, KStream<String, LoiRecord> loiChanges, KStream<String, ShipmentEvent> loiExports) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LOIS_STORE), Serdes.String(), recordSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LINKS_STORE), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERTS_SENT_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(TimeIndex.storeBuilder(DEADLINE_INDEX_STORE));
        KStream<String, ShipmentEvent> exportsById = loiExports
                .selectKey((district, export) -> export.getLoiId(), Named.as("meet-exports-key-by-loi"))
                .repartition(Repartitions.withPartitions(Repartitioned.<String, ShipmentEvent>as(EXPORTS_BY_LOI)
                        .withKeySerde(Serdes.String()).withValueSerde(shipmentSerde), byIdPartitions));
        KStream<String, SpecificRecord> both = loiChanges.mapValues(v -> (SpecificRecord) v, Named.as("meet-lois-in"))
                .merge(exportsById.mapValues(v -> (SpecificRecord) v, Named.as("meet-exports-in")), Named.as("meet-merge"));
        both.process(() -> new MeetTracker(followUp), Named.as("meet-track"),
                        LOIS_STORE, LINKS_STORE, ALERTS_SENT_STORE, DEADLINE_INDEX_STORE)
                .to(Topics.LOI_ALERTS.name(), Produced.with(Serdes.String(), alertSerde).withName("loi-alerts"));
    }
}
