package org.odop.pulse.deadletter;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.odop.pulse.config.Topic;
import org.odop.pulse.config.Topics;

/**
 * Sends parked event records back to the topic they came from, e.g. once the reference data that made
 * them UNKNOWN_DISTRICT has been fixed. Every matching record on the dead-letter topic is sent each
 * time: the pipeline drops repeated eventIds, so a record replayed twice still counts once, and one that
 * is still unknown is simply parked again.
 */
public final class DeadLetterReplayer {
    public static final Set<DeadLetterReason> REPLAYABLE_BY_DEFAULT =
            Set.of(DeadLetterReason.UNKNOWN_DISTRICT, DeadLetterReason.UNKNOWN_PRODUCT);

    private static final Set<String> EVENT_TOPICS = Topics.ALL_TYPED.stream()
            .filter(t -> t.kind() == Topic.Kind.EVENT).map(Topic::name).collect(Collectors.toSet());

    /** Replayed counts by original topic and reason, and how many dead letters were read in all. */
    public record Summary(long read, Map<String, Integer> replayed) {
        public int replayedTotal() {
            return replayed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private DeadLetterReplayer() {}

    public static Summary replay(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
                                 Set<DeadLetterReason> reasons) {
        Map<String, Integer> replayed = new TreeMap<>();
        long[] read = {0};
        DeadLetterTopicReader.forEach(consumer, r -> {
            read[0]++;
            String topic = DeadLetters.get(r.headers(), DeadLetters.HEADER_TOPIC);
            String reason = DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON);
            if (topic == null || !EVENT_TOPICS.contains(topic) || reason == null
                    || reasons.stream().noneMatch(x -> x.name().equals(reason))) {
                return;
            }
            var headers = new RecordHeaders();
            r.headers().forEach(h -> {
                if (!h.key().startsWith("odop.dlq.")) headers.add(h);
            });
            producer.send(new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value(), headers));
            replayed.merge(topic + " " + reason, 1, Integer::sum);
        });
        producer.flush();
        return new Summary(read[0], replayed);
    }
}
