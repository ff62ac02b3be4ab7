package org.odop.pulse.topology.shipment;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.Codes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.topology.common.EventChecks;
import org.odop.pulse.topology.common.EventFamily;
import org.odop.pulse.topology.common.EventPipeline;
import org.odop.pulse.topology.common.MeasureStores;
import org.odop.pulse.topology.common.Violation;

/** Export shipments: exports counted once per shipment, per district and product, for every period. */
public final class ShipmentTopology {
    public static final String MEASURES_STORE = "export-measures";
    /** Shipment ids already counted as exported, with the event time at which they were. */
    public static final String EXPORTED_STORE = "exported-shipments";

    private final EventFamily<ShipmentEvent> family;
    private final Serde<Measures> measuresSerde;
    private final DeadLetterCounter deadLetters;
    private final Duration dedupRetention;

    public ShipmentTopology(Deserializer<ShipmentEvent> deserializer, Serde<Measures> measuresSerde,
                            DeadLetterCounter deadLetters, Duration dedupRetention) {
        this.family = new EventFamily<>("shipment", Topics.SHIPMENTS.name(), deserializer, ShipmentTopology::check,
                ShipmentEvent::getEventId, ShipmentEvent::getDistrictCode, ShipmentEvent::getProductCode);
        this.measuresSerde = measuresSerde;
        this.deadLetters = deadLetters;
        this.dedupRetention = dedupRetention;
    }

    public void build(StreamsBuilder builder) {
        builder.addStateStore(MeasureStores.builder(MEASURES_STORE, measuresSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(EXPORTED_STORE), Serdes.String(), Serdes.Long()));
        EventPipeline.validEvents(builder, family, deadLetters, dedupRetention)
                .process(ExportAggregator::new, Named.as("shipment-export-aggregate"), MEASURES_STORE, EXPORTED_STORE);
    }

    static Optional<Violation> check(String key, ShipmentEvent s) {
        return EventChecks.first(
                () -> EventChecks.required("eventId", s.getEventId()),
                () -> EventChecks.required("shipmentId", s.getShipmentId()),
                () -> EventChecks.codesAndKey(key, s.getDistrictCode(), s.getProductCode()),
                () -> EventChecks.notNegative("valuePaise", s.getValuePaise()),
                () -> s.getQuantity() == null || s.getQuantity().signum() <= 0
                        ? EventChecks.invalid("quantity must be greater than zero") : Optional.empty(),
                () -> Codes.COUNTRY.matcher(s.getDestinationCountry()).matches()
                        ? Optional.empty()
                        : EventChecks.invalid("destinationCountry '" + s.getDestinationCountry() + "' is not ISO 3166-1 alpha-2"));
    }
}
