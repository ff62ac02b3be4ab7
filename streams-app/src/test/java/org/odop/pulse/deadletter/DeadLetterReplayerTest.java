package org.odop.pulse.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.odop.pulse.config.Topics;

/** The replayer's decisions, with a MockConsumer for the dead-letter topic and a transactional MockProducer. */
class DeadLetterReplayerTest {
    private static final String TOPIC_ID = "dlq-topic-id";
    private static final String SHIPMENTS = Topics.SHIPMENTS.name();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
    private static final ReferenceCodes REFERENCE = new ReferenceCodes(Set.of("JK-NEW", "JK-SRINAGAR"), Set.of("SAFFRON"));
    /** A stand-in for the Avro decoder: the value is "district|product". */
    private static final DeadLetterReplayer.EventDecoder DECODER = (topic, headers, value) -> {
        String[] parts = new String(value, StandardCharsets.UTF_8).split("\\|");
        if (parts.length != 2) throw new IllegalArgumentException("unreadable");
        return new DeadLetterReplayer.Codes(parts[0], parts[1]);
    };

    private MockProducer<byte[], byte[]> producer = newProducer();

    private static MockProducer<byte[], byte[]> newProducer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(long offset, String topic, DeadLetterReason reason, String value) {
        var r = new ConsumerRecord<>(Topics.DEAD_LETTER, 0, offset, 1_700_000_000_000L + offset, TimestampType.CREATE_TIME,
                0, 0, "JK-NEW".getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8),
                new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());
        r.headers().add("traceparent", "t1".getBytes(StandardCharsets.UTF_8));
        DeadLetters.annotate(r.headers(), topic, reason, "detail");
        DeadLetters.origin(r.headers(), topic, 3, 100 + offset);
        return r;
    }

    private static MockConsumer<byte[], byte[]> dlq(List<ConsumerRecord<byte[], byte[]>> records) {
        var consumer = new MockConsumer<byte[], byte[]>("earliest");
        var tp = new TopicPartition(Topics.DEAD_LETTER, 0);
        consumer.updatePartitions(Topics.DEAD_LETTER, List.of(new PartitionInfo(Topics.DEAD_LETTER, 0, Node.noNode(),
                new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(tp, 0L));
        consumer.updateEndOffsets(Map.of(tp, records.isEmpty() ? 0L : records.get(records.size() - 1).offset() + 1));
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
        return consumer;
    }

    private static List<ConsumerRecord<byte[], byte[]>> sixDeadLetters() {
        return List.of(
                deadLetter(0, SHIPMENTS, DeadLetterReason.UNKNOWN_DISTRICT, "JK-NEW|SAFFRON"),         // now known: replay
                deadLetter(1, SHIPMENTS, DeadLetterReason.UNKNOWN_DISTRICT, "JK-MISSING|SAFFRON"),     // still unknown
                deadLetter(2, SHIPMENTS, DeadLetterReason.UNKNOWN_PRODUCT, "JK-NEW|NO-SUCH-PRODUCT"),  // still unknown
                deadLetter(3, SHIPMENTS, DeadLetterReason.UNKNOWN_DISTRICT, "JK-NEW|SAFFRON"),         // replayed before
                deadLetter(4, Topics.LOIS.name(), DeadLetterReason.INVALID_FIELD, "JK-NEW|SAFFRON"),   // not selected
                deadLetter(5, SHIPMENTS, DeadLetterReason.UNKNOWN_DISTRICT, "garbage"));               // unreadable
    }

    private DeadLetterReplayer.Summary replay(List<ConsumerRecord<byte[], byte[]>> deadLetters, Set<String> ledgerKeys) {
        return DeadLetterReplayer.replay(producer, () -> {
            assertThat(producer.transactionInitialized()).as("earlier runs fenced before the ledger is read").isTrue();
            return ReplayLedger.of(TOPIC_ID, ledgerKeys);
        }, () -> REFERENCE, dlq(deadLetters), DECODER, DeadLetterReplayer.REPLAYABLE_BY_DEFAULT, CLOCK);
    }

    @Test
    void replaysOnlyWhatIsNowKnownAndNotReplayedBeforeWithItsLedgerEntryInOneTransaction() {
        var summary = replay(sixDeadLetters(), Set.of(ReplayLedger.key(TOPIC_ID, 0, 3)));

        assertThat(producer.transactionCommitted()).isTrue();
        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).hasSize(2);
        var event = sent.get(0);
        assertThat(event.topic()).isEqualTo(SHIPMENTS);
        assertThat(new String(event.value(), StandardCharsets.UTF_8)).isEqualTo("JK-NEW|SAFFRON");
        assertThat(new String(event.key(), StandardCharsets.UTF_8)).isEqualTo("JK-NEW");
        assertThat(event.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(event.headers().toArray()).extracting(h -> h.key()).containsExactly("traceparent");
        var entry = sent.get(1);
        assertThat(entry.topic()).isEqualTo(Topics.DLQ_REPLAYED);
        assertThat(new String(entry.key(), StandardCharsets.UTF_8)).isEqualTo(TOPIC_ID + ":0:0");

        assertThat(summary.read()).isEqualTo(6);
        assertThat(summary.byTopic()).containsExactlyInAnyOrderEntriesOf(Map.of(
                SHIPMENTS + " UNKNOWN_DISTRICT", new DeadLetterReplayer.Tally(1, 1, 1, 1),
                SHIPMENTS + " UNKNOWN_PRODUCT", new DeadLetterReplayer.Tally(0, 0, 1, 0)));
        assertThat(summary.waitingFor()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "district JK-MISSING", 1, "product NO-SUCH-PRODUCT", 1));
    }

    @Test
    void aSecondRunWithTheLedgerOfTheFirstSendsNothing() {
        replay(sixDeadLetters(), Set.of(ReplayLedger.key(TOPIC_ID, 0, 3)));
        Set<String> ledger = new java.util.HashSet<>(Set.of(ReplayLedger.key(TOPIC_ID, 0, 3)));
        producer.history().stream().filter(r -> r.topic().equals(Topics.DLQ_REPLAYED))
                .forEach(r -> ledger.add(new String(r.key(), StandardCharsets.UTF_8)));
        producer = newProducer(); // each run is a new process with a new producer

        var second = replay(sixDeadLetters(), ledger);
        assertThat(producer.history()).isEmpty();
        assertThat(second.total()).isEqualTo(new DeadLetterReplayer.Tally(0, 2, 2, 1));
    }

    @Test
    void ledgerEntriesOfAnotherIncarnationOfTheDeadLetterTopicDoNotCount() {
        var summary = replay(sixDeadLetters(), Set.of(ReplayLedger.key("old-topic-id", 0, 0)));
        assertThat(summary.total().replayed()).isEqualTo(2);
    }

    @Test
    void aFencedRunCommitsNothingAndSaysSo() {
        producer.commitTransactionException = new ProducerFencedException("another replay-dlq");
        assertThatThrownBy(() -> replay(sixDeadLetters(), Set.of()))
                .isInstanceOf(DeadLetterReplayer.ReplayException.class)
                .hasMessageContaining("another replay-dlq started")
                .satisfies(e -> assertThat(((DeadLetterReplayer.ReplayException) e).committed().total().replayed()).isZero());
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void largeReplaysAreCommittedInBatchesEachWithItsLedgerEntries() {
        List<ConsumerRecord<byte[], byte[]>> many = new ArrayList<>();
        for (int i = 0; i < DeadLetterReplayer.BATCH * 2 + 3; i++) {
            many.add(deadLetter(i, SHIPMENTS, DeadLetterReason.UNKNOWN_DISTRICT, "JK-NEW|SAFFRON"));
        }
        var summary = replay(many, Set.of());
        assertThat(summary.total().replayed()).isEqualTo(many.size());
        Map<String, Long> byTopic = producer.history().stream()
                .collect(Collectors.groupingBy(ProducerRecord::topic, Collectors.counting()));
        assertThat(byTopic).containsExactlyInAnyOrderEntriesOf(Map.of(SHIPMENTS, (long) many.size(),
                Topics.DLQ_REPLAYED, (long) many.size()));
    }
}
