package org.odop.pulse.topology.ecommerce;

import org.odop.pulse.domain.MeasureCatalog;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.topology.common.EventChecks;
import org.odop.pulse.topology.common.EventFamily;
import org.odop.pulse.topology.common.EventPipeline;
import org.odop.pulse.topology.common.EventTopology;
import org.odop.pulse.topology.common.MeasureStores;
import org.odop.pulse.topology.common.Violation;

/** E-commerce orders from ODOP storefronts: net orders and GMV per district and product, for every period. */
public final class EcommerceTopology extends EventTopology<EcommerceOrder> {
    /** The family name: prefix of its processor and store names. */
    public static final String FAMILY = MeasureCatalog.ORDER;
    public static final String STORE = "ecommerce-measures";


    public EcommerceTopology(Deserializer<EcommerceOrder> deserializer, Serde<Measures> measuresSerde,
                             EventPipeline.Settings pipeline) {
        super(new EventFamily<>(FAMILY, Topics.ORDERS.name(), deserializer, EcommerceTopology::check,
                EcommerceOrder::getEventId, EcommerceOrder::getDistrictCode, EcommerceOrder::getProductCode, "occurredAt", EcommerceOrder::getOccurredAt),
                measuresSerde, pipeline);
    }

    public void build(StreamsBuilder builder) {
        builder.addStateStore(MeasureStores.builder(STORE, measuresSerde));
        validEvents(builder).process(EcommerceAggregator::new, Named.as("order-aggregate"), STORE);
    }

    static Optional<Violation> check(String key, EcommerceOrder o) {
        return EventChecks.first(
                () -> EventChecks.required("eventId", o.getEventId()),
                () -> EventChecks.required("orderId", o.getOrderId()),
                () -> EventChecks.codesAndKey(key, o.getDistrictCode(), o.getProductCode()),
                () -> EventChecks.value("amountPaise", o.getAmountPaise()),
                () -> o.getQuantity() <= 0 ? EventChecks.invalid("quantity must be greater than zero") : Optional.empty());
    }
}
