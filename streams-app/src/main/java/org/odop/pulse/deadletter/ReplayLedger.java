package org.odop.pulse.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.odop.pulse.config.Topics;

/**
 * Which dead letters replay-dlq has already sent back: the compacted topic {@link Topics#DLQ_REPLAYED}, one
 * entry per replayed dead letter, written in the same Kafka transaction as the replayed record, so the two
 * are committed together or not at all.
 *
 * <p>A dead letter is identified by the dead-letter topic's id, its partition and its offset
 * ({@code <topicId>:<partition>:<offset>}). The topic id is there because offsets start again at 0 if the
 * dead-letter topic is deleted and created again: without it the new topic's dead letters would be taken
 * for the old ones and never replayed.
 */
public final class ReplayLedger {
    private final String dlqTopicId;
    private final Set<String> replayed;

    private ReplayLedger(String dlqTopicId, Set<String> replayed) {
        this.dlqTopicId = dlqTopicId;
        this.replayed = replayed;
    }

    /**
     * Reads the whole ledger. {@code consumer} must read committed records only (isolation.level=read_committed),
     * so that a replay that was aborted half-way does not count as done.
     */
    public static ReplayLedger read(Consumer<byte[], byte[]> consumer, String dlqTopicId) {
        String prefix = dlqTopicId + ":";
        Set<String> replayed = new HashSet<>();
        DeadLetterTopicReader.forEach(consumer, Topics.DLQ_REPLAYED, r -> {
            if (r.key() == null) return;
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (!key.startsWith(prefix)) return; // an earlier incarnation of the dead-letter topic
            if (r.value() == null) replayed.remove(key); else replayed.add(key);
        });
        return new ReplayLedger(dlqTopicId, replayed);
    }

    /** A ledger holding these keys; for tests. */
    static ReplayLedger of(String dlqTopicId, Set<String> keys) {
        return new ReplayLedger(dlqTopicId, new HashSet<>(keys));
    }

    public static String key(String dlqTopicId, int partition, long offset) {
        return dlqTopicId + ":" + partition + ":" + offset;
    }

    public boolean contains(int partition, long offset) {
        return replayed.contains(key(dlqTopicId, partition, offset));
    }

    public int size() {
        return replayed.size();
    }

    /** The ledger entry for a dead letter sent back to {@code topic}; the value says what and when, for people. */
    public ProducerRecord<byte[], byte[]> entry(int partition, long offset, String topic, String reason, Instant at) {
        String key = key(dlqTopicId, partition, offset);
        replayed.add(key);
        String value = "replayed to " + topic + " (" + reason + ") at " + at;
        return new ProducerRecord<>(Topics.DLQ_REPLAYED, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
