package org.odop.pulse.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.odop.pulse.config.Topics;

/**
 * The machine's ceiling: one plain KafkaConsumer (assigned every partition, no group, no commits, no
 * state) reading the event topics from the beginning to the end offsets and Avro-decoding every value,
 * as fast as it can. No pipeline on this machine can process the events faster than this.
 */
final class CeilingReader {
    record Ceiling(long records, long decoded, long undecodable, Duration took) {
        double eps() {
            return records / Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    private CeilingReader() {}

    static Ceiling read(BenchCluster cluster, Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end,
                        boolean progress) {
        Map<String, Deserializer<? extends SpecificRecord>> decoders = new HashMap<>();
        decoders.put(Topics.LOIS.name(), cluster.serdes().value(Topics.LOIS).deserializer());
        decoders.put(Topics.SHIPMENTS.name(), cluster.serdes().value(Topics.SHIPMENTS).deserializer());
        decoders.put(Topics.ORDERS.name(), cluster.serdes().value(Topics.ORDERS).deserializer());
        long total = Offsets.done(beginning, end, end);
        long records = 0, decoded = 0, undecodable = 0, checksum = 0;
        long started = System.nanoTime();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(cluster.withKafkaConfig(consumerProperties(cluster.bootstrapServers())));
             Progress bar = Progress.start(progress, "Ceiling: plain consumer", total, " ev")) {
            Set<TopicPartition> open = new HashSet<>();
            end.forEach((tp, offset) -> {
                if (offset > beginning.getOrDefault(tp, 0L)) open.add(tp);
            });
            consumer.assign(open);
            for (TopicPartition tp : open) consumer.seek(tp, beginning.getOrDefault(tp, 0L));
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    try {
                        SpecificRecord value = decoders.get(r.topic()).deserialize(r.topic(), r.value());
                        checksum += value == null ? 0 : value.getSchema().getFields().size();
                        decoded++;
                    } catch (RuntimeException notAvro) {
                        undecodable++;
                    }
                }
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
                bar.stepTo(records);
            }
            bar.stepTo(records);
        }
        if (checksum < 0) throw new AssertionError(); // keeps the decoded values alive
        return new Ceiling(records, decoded, undecodable, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Properties consumerProperties(String bootstrapServers) {
        // The application's read-through consumer (bytes, read_committed, no commits), with larger fetches; the
        // cluster's own settings are applied over it by the caller.
        Properties p = org.odop.pulse.runtime.StreamsSettings.readThroughConsumer(bootstrapServers,
                org.odop.pulse.runtime.KafkaClientConfig.NONE);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "odop-pulse-bench-ceiling");
        return p;
    }
}
