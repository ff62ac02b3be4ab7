package org.odop.pulse.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.odop.pulse.config.Topics;

/**
 * Reads the dead-letter topic (or another topic: the replay ledger, the reference data) from its beginning up
 * to what it holds now, without a consumer group.
 */
public final class DeadLetterTopicReader {
    private DeadLetterTopicReader() {}

    public static void forEach(Consumer<byte[], byte[]> consumer,
                               java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> action) {
        forEach(consumer, Topics.DEAD_LETTER, action);
    }

    /** Every record of {@code topic} up to its end offsets as they are now; nothing if the topic does not exist. */
    public static void forEach(Consumer<byte[], byte[]> consumer, String topic,
                               java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> action) {
        List<org.apache.kafka.common.PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) return;
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        // Only what is there now: records parked while reading wait for the next run.
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) action.accept(r);
            }
        }
    }
}
