package org.odop.pulse.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.avro.FxRate;
import org.odop.pulse.avro.LoiAlert;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.ShipmentAlert;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.config.TopicSpec;

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
    /** Exchange rates, keyed by {@code currency|validFrom} ({@link org.odop.pulse.domain.FxRates#key}). */
    public static final Topic<FxRate> FX_RATES =
            new Topic<>("odop.ref.fx-rates.v1", FxRate.class, Topic.Kind.REFERENCE);

    /** Stalled-shipment alerts for operations, keyed by district: one record per transition into or out of stalled. */
    public static final Topic<ShipmentAlert> SHIPMENT_ALERTS =
            new Topic<>("odop.alerts.shipments.v1", ShipmentAlert.class, Topic.Kind.OUTPUT);

    /** LOIs due for follow-up and followed up, for operations, keyed by district: at most one of each per LOI. */
    public static final Topic<LoiAlert> LOI_ALERTS =
            new Topic<>("odop.alerts.lois.v1", LoiAlert.class, Topic.Kind.OUTPUT);

    /**
     * Event times are the events' own and may be years old (a late LOI of 2022) or, within the configured
     * window, a little ahead of the clock: the broker must never refuse a record for its timestamp (Kafka
     * 4's default refuses records more than an hour ahead). The pipeline checks event times itself.
     */
    public static final Map<String, String> ANY_TIMESTAMP = Map.of(
            TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE),
            TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, Long.toString(Long.MAX_VALUE));

    /**
     * The largest record odop-pulse writes where a record may carry another whole (a dead letter holds the
     * original value, up to the broker's default 1 MiB, plus headers; a held event's changelog likewise).
     */
    public static final int LARGE_RECORD_BYTES = 2 * 1024 * 1024;

    /** Records that could not be read or validated, with the reason in headers; value = original bytes. */
    public static final String DEAD_LETTER = "odop.dlq.v1";

    /**
     * The replay ledger: one entry per dead letter that replay-dlq has sent back, keyed by the dead letter's
     * identity, written in the same transaction as the replayed record; compacted, one partition.
     */
    public static final String DLQ_REPLAYED = "odop.dlq.replayed.v1";

    /**
     * How many partitions the LOIs and the exports naming an LOI are repartitioned into by loiId: one task follows
     * each LOI up with its exports, so both need the same count, whatever the LOI and shipment topics have (an
     * operator may give the few LOIs fewer partitions, or add partitions to one topic). The larger of the two.
     *
     * @param partitions each topic's partition count on the cluster, the LOI and shipment topics among them
     */
    public static int loiIdPartitions(Map<String, Integer> partitions) {
        Integer lois = partitions.get(LOIS.name());
        Integer shipments = partitions.get(SHIPMENTS.name());
        if (lois == null || shipments == null) {
            throw new IllegalArgumentException("partition counts of " + LOIS.name() + " and " + SHIPMENTS.name() + " needed, got " + partitions);
        }
        return Math.max(lois, shipments);
    }

    public static final List<Topic<?>> ALL_TYPED = List.of(LOIS, SHIPMENTS, ORDERS, DISTRICTS, PRODUCTS, FX_RATES, SHIPMENT_ALERTS, LOI_ALERTS);

    /**
     * Topic definitions for creating them. Event topics keep data forever: they are the record from
     * which the views are rebuilt, and events carry old event times that time-based retention would
     * delete at once. Reference topics are compacted and have one partition (read as global tables).
     */
    public static List<TopicSpec> definitions(int eventPartitions, short replication) {
        List<TopicSpec> topics = new ArrayList<>();
        Map<String, String> keepForever = new java.util.HashMap<>(ANY_TIMESTAMP);
        keepForever.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        for (Topic<?> t : ALL_TYPED) {
            if (t.kind() == Topic.Kind.EVENT) {
                topics.add(new TopicSpec(t.name(), eventPartitions, replication, keepForever));
            } else if (t.kind() == Topic.Kind.OUTPUT) {
                topics.add(new TopicSpec(t.name(), eventPartitions, replication, ANY_TIMESTAMP));
            } else {
                topics.add(new TopicSpec(t.name(), 1, replication,
                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
        }
        Map<String, String> deadLetters = new java.util.HashMap<>(keepForever);
        deadLetters.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(LARGE_RECORD_BYTES));
        topics.add(new TopicSpec(DEAD_LETTER, eventPartitions, replication, deadLetters));
        topics.add(new TopicSpec(DLQ_REPLAYED, 1, replication,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        return topics;
    }
}
