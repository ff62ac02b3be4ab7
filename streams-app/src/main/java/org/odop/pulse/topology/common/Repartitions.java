package org.odop.pulse.topology.common;

import org.apache.kafka.streams.kstream.Repartitioned;

/** Settings of the repartition topics the topologies declare. */
public final class Repartitions {
    private Repartitions() {}

    /**
     * {@code repartitioned} with {@code partitions} partitions, or as Kafka Streams chooses (its source topic's count)
     * when {@code partitions} is 0. Two repartition topics read by one processor must have the same count: Kafka
     * Streams checks that for joins, not for a merge, and a record and the state it meets would be on partitions of
     * different numbers.
     */
    public static <K, V> Repartitioned<K, V> withPartitions(Repartitioned<K, V> repartitioned, int partitions) {
        if (partitions < 0) throw new IllegalArgumentException("partitions must be 0 (as Kafka Streams chooses) or more, got " + partitions);
        return partitions == 0 ? repartitioned : repartitioned.withNumberOfPartitions(partitions);
    }
}
