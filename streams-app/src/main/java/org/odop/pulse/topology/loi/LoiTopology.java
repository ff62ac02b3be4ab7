package org.odop.pulse.topology.loi;

import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.internal.LoiRecord;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.Topics;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.topology.common.EventChecks;
import org.odop.pulse.topology.common.EventFamily;
import org.odop.pulse.topology.common.EventPipeline;
import org.odop.pulse.topology.common.EventTopology;
import org.odop.pulse.topology.common.Repartitions;
import org.odop.pulse.topology.common.MeasureStores;
import org.odop.pulse.topology.common.Violation;

/**
 * Letters of intent: count and value per district, per district and product, and per HS code, for every period.
 * An LOI is identified by its {@code loiId}: the checked events are repartitioned by it to {@link LoiIdentity},
 * which passes on only new LOIs and corrections, keyed by district again (a second repartition) for the
 * aggregation. LOIs are few, so the two repartitions cost little; they are what lets a correction move an LOI to
 * another district. The changes by loiId, before that second repartition, are what the meet stage follows up.
 */
public final class LoiTopology extends EventTopology<LoiSigned> {
    /** The family name: prefix of its processor and store names. */
    public static final String FAMILY = MeasureCatalog.LOI;
    public static final String STORE = "loi-measures";
    /** LOIs by ITC(HS) code: rows {@code period|district|hsCode}. */
    public static final String HS_STORE = "loi-hs";
    /** Every LOI counted, by loiId: the version counted and the versions it replaced. Kept for good. */
    public static final String VERSIONS_STORE = "loi-versions";
    /** Repartition topics (Kafka Streams prefixes the application id and appends -repartition). */
    public static final String BY_ID = "loi-by-id";
    public static final String CHANGES_BY_DISTRICT = "loi-changes-by-district";

    private final Serde<LoiSigned> loiSerde;
    private final Serde<LoiRecord> recordSerde;
    private final Runnable onCorrection;
    /**
     * Partitions of the LOIs repartitioned by loiId, and of their changes repartitioned back by district, which the
     * LOI stores therefore have (0: as Kafka Streams chooses): see {@code PulseTopology.Settings}.
     */
    private final int byIdPartitions;

    public LoiTopology(Serde<LoiSigned> loiSerde, Serde<Measures> measuresSerde, Serde<LoiRecord> recordSerde,
                       EventPipeline.Settings pipeline, Runnable onCorrection, int byIdPartitions) {
        super(new EventFamily<>(FAMILY, Topics.LOIS.name(), loiSerde.deserializer(), LoiTopology::check,
                LoiSigned::getEventId, LoiSigned::getDistrictCode, LoiSigned::getProductCode, "signedAt", LoiSigned::getSignedAt),
                measuresSerde, pipeline);
        this.loiSerde = loiSerde;
        this.recordSerde = recordSerde;
        this.onCorrection = onCorrection;
        this.byIdPartitions = byIdPartitions;
    }

    /** @return every LOI version counted or retracted, keyed by loiId, on the task of the LOI's identity */
    public KStream<String, LoiRecord> build(StreamsBuilder builder) {
        builder.addStateStore(MeasureStores.builder(STORE, measuresSerde));
        builder.addStateStore(MeasureStores.builder(HS_STORE, measuresSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VERSIONS_STORE),
                Serdes.String(), recordSerde));
        KStream<String, LoiRecord> changes = validEvents(builder)
                .selectKey((district, loi) -> loi.getLoiId(), Named.as("loi-key-by-id"))
                .repartition(Repartitions.withPartitions(Repartitioned.<String, LoiSigned>as(BY_ID).withKeySerde(Serdes.String())
                        .withValueSerde(loiSerde), byIdPartitions))
                .process(() -> new LoiIdentity(onCorrection), Named.as("loi-identity"), VERSIONS_STORE);
        changes.selectKey((loiId, loi) -> loi.getDistrictCode(), Named.as("loi-key-by-district"))
                .repartition(Repartitions.withPartitions(Repartitioned.<String, LoiRecord>as(CHANGES_BY_DISTRICT)
                        .withKeySerde(Serdes.String()).withValueSerde(recordSerde), byIdPartitions))
                .process(LoiAggregator::new, Named.as("loi-aggregate"), STORE, HS_STORE);
        return changes;
    }

    static Optional<Violation> check(String key, LoiSigned loi) {
        return EventChecks.first(
                () -> EventChecks.required("eventId", loi.getEventId()),
                () -> EventChecks.required("loiId", loi.getLoiId()),
                () -> EventChecks.codesAndKey(key, loi.getDistrictCode(), loi.getProductCode()),
                () -> EventChecks.value("valuePaise", loi.getValuePaise()),
                () -> EventChecks.hsCode(loi.getHsCode()));
    }
}
