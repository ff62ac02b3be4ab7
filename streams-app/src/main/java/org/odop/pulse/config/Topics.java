package org.odop.pulse.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.ShipmentAlert;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.runtime.TopicSpec;

/** Every topic odop-pulse reads or writes, declared once. */
public final class Topics {
    private Topics() {}

    public static final Topic<LoiSigned> LOIS = new Topic<>("odop.lois.v1", LoiSigned.class, Topic.Kind.EVENT);
    public static final Topic<ShipmentEvent> SHIPMENTS =
            new Topic<>("odop.shipments.v1", ShipmentEvent.class, Topic.Kind.EVENT);
    public static final Topic<EcommerceOrder> ORDERS =
            new Topic<>("odop.orders.v1", EcommerceOrder.class, Topic.Kind.EVENT);
    public static final Topic<District> DISTRICTS =
            new Topic<>("odop.ref.districts.v1", District.class, Topic.Kind.REFERENCE);
    public static final Topic<Product> PRODUCTS =
            new Topic<>("odop.ref.products.v1", Product.class, Topic.Kind.REFERENCE);

    /** Stalled-shipment alerts for operations, keyed by district: one record per transition into or out of stalled. */
    public static final Topic<ShipmentAlert> SHIPMENT_ALERTS =
            new Topic<>("odop.alerts.shipments.v1", ShipmentAlert.class, Topic.Kind.OUTPUT);

    /** Records that could not be read or validated, with the reason in headers; value = original bytes. */
    public static final String DEAD_LETTER = "odop.dlq.v1";

    /**
     * The replay ledger: one entry per dead letter that replay-dlq has sent back, keyed by the dead letter's
     * identity, written in the same transaction as the replayed record; compacted, one partition.
     */
    public static final String DLQ_REPLAYED = "odop.dlq.replayed.v1";

    public static final List<Topic<?>> ALL_TYPED = List.of(LOIS, SHIPMENTS, ORDERS, DISTRICTS, PRODUCTS, SHIPMENT_ALERTS);

    /**
     * Topic definitions for creating them. Event topics keep data forever: they are the record from
     * which the views are rebuilt, and events carry old event times that time-based retention would
     * delete at once. Reference topics are compacted and have one partition (read as global tables).
     */
    public static List<TopicSpec> definitions(int eventPartitions, short replication) {
        List<TopicSpec> topics = new ArrayList<>();
        Map<String, String> keepForever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
        for (Topic<?> t : ALL_TYPED) {
            if (t.kind() == Topic.Kind.EVENT) {
                topics.add(new TopicSpec(t.name(), eventPartitions, replication, keepForever));
            } else if (t.kind() == Topic.Kind.OUTPUT) {
                topics.add(new TopicSpec(t.name(), eventPartitions, replication, Map.of()));
            } else {
                topics.add(new TopicSpec(t.name(), 1, replication,
                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
        }
        topics.add(new TopicSpec(DEAD_LETTER, eventPartitions, replication, keepForever));
        topics.add(new TopicSpec(DLQ_REPLAYED, 1, replication,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        return topics;
    }
}
