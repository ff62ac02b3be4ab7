package org.odop.pulse.topology.shipment;

import org.odop.pulse.domain.MeasureCatalog;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import java.util.function.Consumer;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.odop.pulse.avro.ShipmentAlert;
import org.odop.pulse.avro.ShipmentAlertType;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.internal.OpenShipment;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.Codes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.topology.common.EventChecks;
import org.odop.pulse.topology.common.EventFamily;
import org.odop.pulse.topology.common.EventPipeline;
import org.odop.pulse.topology.common.EventTopology;
import org.odop.pulse.topology.common.MeasureStores;
import org.odop.pulse.topology.common.TimeIndex;
import org.odop.pulse.topology.common.Violation;

/** Export shipments: exports counted once per shipment, per district and product, for every period; and stalled shipments. */
public final class ShipmentTopology extends EventTopology<ShipmentEvent> {
    /** The family name: prefix of its processor and store names. */
    public static final String FAMILY = MeasureCatalog.SHIPMENT;
    public static final String MEASURES_STORE = "export-measures";
    /** Exports by destination: rows {@code period|district|country:product}. */
    public static final String DESTINATIONS_STORE = "export-destinations";
    /** Exports by ITC(HS) code: rows {@code period|district|hsCode}. */
    public static final String HS_STORE = "export-hs";
    /** Export value in paise by cell of (IST day, district, product, destination) and by its HS sub-cells: see {@link UsdCells}. */
    static final String CELLS_STORE = "export-usd-cells";
    /** The USD rates the cells are valued at, {@code USD|validFrom} to rupees per dollar. */
    static final String RATES_APPLIED_STORE = "export-usd-rates-applied";
    /** How often (wall clock) each task compares the global table of exchange rates with the rates it applied. */
    public static final Duration RATES_CHECK_EVERY = Duration.ofSeconds(1);
    /** Shipment ids already counted as exported, with the event time at which they were. */
    public static final String EXPORTED_STORE = "exported-shipments";
    /** Shipments not yet delivered or cancelled: latest stage, since when, and whether stalled. */
    public static final String OPEN_STORE = "open-shipments";
    /** Recently ended shipments, so that late events cannot reopen them. */
    public static final String ENDED_STORE = "ended-shipments";
    /** Open shipments not yet stalled, by stage and since when, so the stall check reads only those due. */
    static final String OPEN_INDEX_STORE = TimeIndex.storeName(OPEN_STORE);
    /** Ended shipments by when they ended, so that only those due are forgotten. */
    static final String ENDED_INDEX_STORE = TimeIndex.storeName(ENDED_STORE);
    /**
     * Stalled open shipments by stage and since when ({@link TimeIndex} keys, group = stage): what the stalled-shipments
     * API and gauge read, instead of every open shipment.
     */
    public static final String STALLED_INDEX_STORE = TimeIndex.storeName("stalled-shipments");

    private final Serde<OpenShipment> openSerde;
    private final Serde<ShipmentAlert> alertSerde;
    private final StallLimits stallLimits;
    private final Duration stallCheckEvery;
    private final Consumer<ShipmentAlertType> alertCounter;

    /**
     * @param stallCheckEvery how often (wall clock) open shipments are checked against their stage's limit
     */
    public ShipmentTopology(Deserializer<ShipmentEvent> deserializer, Serde<Measures> measuresSerde,
                            EventPipeline.Settings pipeline, Serde<OpenShipment> openSerde,
                            Serde<ShipmentAlert> alertSerde, StallLimits stallLimits, Duration stallCheckEvery,
                            Consumer<ShipmentAlertType> alertCounter) {
        super(new EventFamily<>(FAMILY, Topics.SHIPMENTS.name(), deserializer, ShipmentTopology::check,
                ShipmentEvent::getEventId, ShipmentEvent::getDistrictCode, ShipmentEvent::getProductCode, "occurredAt", ShipmentEvent::getOccurredAt),
                measuresSerde, pipeline);
        this.openSerde = openSerde;
        this.alertSerde = alertSerde;
        this.stallLimits = stallLimits;
        this.stallCheckEvery = stallCheckEvery;
        this.alertCounter = alertCounter;
    }

    /** @return every export counted (once per shipment) that carries a loiId, keyed by district */
    public KStream<String, ShipmentEvent> build(StreamsBuilder builder) {
        builder.addStateStore(MeasureStores.builder(MEASURES_STORE, measuresSerde));
        builder.addStateStore(MeasureStores.builder(DESTINATIONS_STORE, measuresSerde));
        builder.addStateStore(MeasureStores.builder(HS_STORE, measuresSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CELLS_STORE), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RATES_APPLIED_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(EXPORTED_STORE), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(OPEN_STORE), Serdes.String(), openSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ENDED_STORE), Serdes.String(), Serdes.Long()));
        builder.addStateStore(TimeIndex.storeBuilder(OPEN_INDEX_STORE));
        builder.addStateStore(TimeIndex.storeBuilder(ENDED_INDEX_STORE));
        builder.addStateStore(TimeIndex.storeBuilder(STALLED_INDEX_STORE));
        KStream<String, ShipmentEvent> shipments = validEvents(builder);
        KStream<String, ShipmentEvent> loiExports = shipments.process(() -> new ExportAggregator(RATES_CHECK_EVERY),
                Named.as("shipment-export-aggregate"),
                MEASURES_STORE, DESTINATIONS_STORE, HS_STORE, EXPORTED_STORE, CELLS_STORE, RATES_APPLIED_STORE);
        shipments.process(() -> new StallDetector(stallLimits, stallCheckEvery, alertCounter),
                        Named.as("shipment-stall-detect"), OPEN_STORE, ENDED_STORE,
                        OPEN_INDEX_STORE, ENDED_INDEX_STORE, STALLED_INDEX_STORE)
                .to(Topics.SHIPMENT_ALERTS.name(), Produced.with(Serdes.String(), alertSerde).withName("shipment-alerts"));
        return loiExports;
    }

    static Optional<Violation> check(String key, ShipmentEvent s) {
        return EventChecks.first(
                () -> EventChecks.required("eventId", s.getEventId()),
                () -> EventChecks.required("shipmentId", s.getShipmentId()),
                () -> EventChecks.codesAndKey(key, s.getDistrictCode(), s.getProductCode()),
                () -> EventChecks.value("valuePaise", s.getValuePaise()),
                () -> s.getQuantity() == null || s.getQuantity().signum() <= 0
                        ? EventChecks.invalid("quantity must be greater than zero") : Optional.empty(),
                () -> Codes.COUNTRY.matcher(s.getDestinationCountry()).matches()
                        ? Optional.empty()
                        : EventChecks.invalid("destinationCountry '" + s.getDestinationCountry() + "' is not ISO 3166-1 alpha-2"),
                () -> EventChecks.hsCode(s.getHsCode()));
    }
}
