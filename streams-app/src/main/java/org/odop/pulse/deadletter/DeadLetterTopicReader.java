package org.odop.pulse.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.odop.pulse.config.Topics;

/** Reads the dead-letter topic from its beginning up to what it holds now, without a consumer group. */
public final class DeadLetterTopicReader {
    private DeadLetterTopicReader() {}

    public static void forEach(Consumer<byte[], byte[]> consumer,
                               java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> action) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTER, Duration.ofSeconds(30)).stream()
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
