package org.odop.pulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.ingest.IngestService;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.runtime.StreamsSettings;
import org.odop.pulse.runtime.TopicCreator;
import org.odop.pulse.runtime.embedded.EmbeddedKafkaBroker;

/** The simulator against a real in-process KRaft broker, through the real ingest path. */
@DisplayName("Simulator (real broker)")
class SimulatorTest {
    @TempDir
    static Path dataDir;

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;
    private static KafkaProducer<byte[], byte[]> producer;
    private static PulseSerdes serdes;
    private static final Map<String, Integer> deadLettersCounted = new ConcurrentHashMap<>();
    private static IngestService ingest;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(dataDir, 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        TopicCreator.ensureTopics(admin, Topics.definitions(3, (short) 1));
        producer = new KafkaProducer<>(StreamsSettings.producer(broker.bootstrapServers()));
        serdes = new PulseSerdes(new InMemorySchemaRegistry());
        ingest = new IngestService(producer, serdes, (source, reason) -> deadLettersCounted.merge(reason.name(), 1, Integer::sum));
    }

    @AfterAll
    static void stopBroker() {
        if (producer != null) producer.close();
        if (admin != null) admin.close();
        if (broker != null) broker.close();
    }

    @Test
    @DisplayName("as fast as possible: ~2,000 generated events, accepted and rejected exactly as generated, on their topics")
    void asFastAsPossible() throws Exception {
        DemoOptions options = DemoOptions.of(5, DemoOptions.FY2022_23_START, Duration.ofDays(180))
                .withShares(0.02, 0.02, 0.04, 0.02).withEventCount(2_000);
        List<GeneratedLine> lines = new DemoDataGenerator(options).stream().toList();
        Map<TopicPartition, Long> before = endOffsets();
        deadLettersCounted.clear();

        SimulationSummary summary = new Simulator(ingest, Clock.systemUTC()).run(options, Simulator.Pacing.AS_FAST_AS_POSSIBLE);

        Map<DeadLetterReason, Long> expectedRejected = lines.stream().filter(l -> l.twist().invalid())
                .collect(Collectors.groupingBy(l -> l.twist().rejectedAs(), () -> new EnumMap<>(DeadLetterReason.class),
                        Collectors.counting()));
        long expectedAccepted = lines.stream().filter(l -> !l.twist().invalid()).count();
        assertThat(lines.size()).isBetween(1_700, 2_300);
        assertThat(summary.sent()).isEqualTo(lines.size());
        assertThat(summary.accepted()).isEqualTo(expectedAccepted);
        assertThat(summary.rejected()).isEqualTo(expectedRejected).containsKeys(DeadLetterReason.MALFORMED,
                DeadLetterReason.MISSING_FIELD, DeadLetterReason.INVALID_FIELD);
        assertThat(summary.stoppedEarly()).isFalse();
        assertThat(summary.sent(Twist.DUPLICATE)).isPositive();

        // What the broker now holds: every accepted line on its topic, every rejected one parked with its reason.
        Map<String, Long> added = minus(endOffsets(), before);
        for (RecordType type : List.of(RecordType.LOIS, RecordType.SHIPMENTS, RecordType.ORDERS)) {
            assertThat(added.get(type.topic().name())).as(type.name())
                    .isEqualTo(lines.stream().filter(l -> l.type() == type && !l.twist().invalid()).count());
        }
        Map<String, Long> parked = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : read(Topics.DEAD_LETTER, before)) {
            parked.merge(DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON), 1L, Long::sum);
        }
        assertThat(parked).isEqualTo(expectedRejected.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue)));
        assertThat(deadLettersCounted.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo((int) summary.rejectedCount());
    }

    @Test
    @DisplayName("live: paced by the clock, stops by itself after the duration, event times never ahead of it")
    void live() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();
        Instant started = Instant.now();

        SimulationSummary summary = new Simulator(ingest, Clock.systemUTC())
                .live(9, 300, Duration.ofSeconds(4), Duration.ofSeconds(1));
        Instant ended = Instant.now();

        assertThat(Duration.between(started, ended)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(20));
        assertThat(summary.sent()).isBetween(900L, 1_500L);
        assertThat(summary.accepted() + summary.rejectedCount()).isEqualTo(summary.sent());
        assertThat(summary.stoppedEarly()).isFalse();
        // The run is reproducible from its summary: the same options give exactly the lines that were sent.
        List<GeneratedLine> again = new DemoDataGenerator(summary.options()).stream().toList();
        assertThat(again).hasSize((int) summary.sent());
        assertThat(summary.accepted()).isEqualTo(again.stream().filter(l -> !l.twist().invalid()).count());

        List<ConsumerRecord<byte[], byte[]>> orders = read(Topics.ORDERS.name(), before);
        assertThat(orders).isNotEmpty();
        var deserializer = serdes.value(Topics.ORDERS).deserializer();
        for (ConsumerRecord<byte[], byte[]> r : orders) {
            EcommerceOrder o = deserializer.deserialize(r.topic(), r.value());
            assertThat(o.getOccurredAt()).isBeforeOrEqualTo(ended);
            assertThat(r.timestamp()).isEqualTo(o.getOccurredAt().toEpochMilli());
        }
        long current = orders.stream().filter(r -> r.timestamp() >= started.minusSeconds(2).toEpochMilli()).count();
        assertThat(current).as("most orders are dated now; a few are late").isGreaterThan(orders.size() * 9L / 10);
    }

    @Test
    @DisplayName("stop() ends a long live run early, and what was sent is accounted for")
    void stop() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();
        Simulator simulator = new Simulator(ingest, Clock.systemUTC());
        CompletableFuture<SimulationSummary> run = CompletableFuture.supplyAsync(
                () -> simulator.live(10, 100, Duration.ofMinutes(10), Duration.ofSeconds(2)));

        await().atMost(Duration.ofSeconds(30)).until(() -> minus(endOffsets(), before).get(Topics.ORDERS.name()) > 20);
        simulator.stop();
        SimulationSummary summary = run.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(summary.stoppedEarly()).isTrue();
        assertThat(summary.elapsed()).isLessThan(Duration.ofMinutes(1));
        Map<String, Long> added = minus(endOffsets(), before);
        long onTopics = added.get(Topics.LOIS.name()) + added.get(Topics.SHIPMENTS.name()) + added.get(Topics.ORDERS.name());
        assertThat(onTopics).isEqualTo(summary.accepted());
        assertThat(added.get(Topics.DEAD_LETTER)).isEqualTo(summary.rejectedCount());
    }

    /** The end offset of every partition of the event and dead-letter topics. */
    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        List<String> topics = List.of(Topics.LOIS.name(), Topics.SHIPMENTS.name(), Topics.ORDERS.name(), Topics.DEAD_LETTER);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(d -> d.partitions()
                .forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Records added per topic since {@code before}. */
    private static Map<String, Long> minus(Map<TopicPartition, Long> after, Map<TopicPartition, Long> before) {
        Map<String, Long> added = new HashMap<>();
        after.forEach((tp, end) -> added.merge(tp.topic(), end - before.getOrDefault(tp, 0L), Long::sum));
        return added;
    }

    /** The records a topic received since {@code before}. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, Map<TopicPartition, Long> before) throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>(endOffsets());
        ends.keySet().removeIf(tp -> !tp.topic().equals(topic));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(p)) {
            consumer.assign(ends.keySet());
            ends.keySet().forEach(tp -> consumer.seek(tp, before.getOrDefault(tp, 0L)));
            long wanted = ends.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= wanted;
            });
        }
        return out;
    }
}
