package org.odop.pulse.runtime.embedded;

import org.odop.pulse.runtime.TopicCreator;
import org.odop.pulse.config.TopicSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("EmbeddedKafkaBroker (real single-node KRaft broker)")
class EmbeddedKafkaBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path sharedDir;

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(sharedDir, 0);
        admin = admin(broker);
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @DisplayName("port 0 binds free loopback ports and formats the data dir")
    void startsOnFreeLoopbackPort() {
        assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:0");
        assertThat(broker.port()).isPositive().isNotEqualTo(broker.controllerPort());
        assertThat(sharedDir.resolve("kafka-logs").resolve("meta.properties")).exists();
    }

    @Test
    @DisplayName("refuses a data dir that is in use and a port that is taken, with a clear exception")
    void refusesBusyDirAndPort(@TempDir Path otherDir) {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(sharedDir, 0))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("already used");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.start(otherDir, broker.port()))
                .isInstanceOf(EmbeddedKafkaException.class)
                .hasMessageContaining("127.0.0.1:" + broker.port());
        // The failed attempt released its lock, so the dir is usable right away.
        try (EmbeddedKafkaBroker other = EmbeddedKafkaBroker.start(otherDir, 0)) {
            assertThat(other.port()).isNotEqualTo(broker.port());
        }
    }

    @Test
    @DisplayName("idempotent acks=all producer writes records that a group consumer reads back")
    void produceAndConsume() throws Exception {
        String topic = uniqueTopic("plain");
        TopicCreator.ensureTopics(admin, List.of(TopicSpec.of(topic, 2)));

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker, null))) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<String, String>> records = consumeAll(broker, topic, 10, "read_uncommitted", "group-" + topic);
        assertThat(records).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrderElementsOf(List.of("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"));
    }

    @Test
    @DisplayName("committed transaction is visible to read_committed, aborted one is not")
    void transactionsWork() {
        String topic = uniqueTopic("tx");
        TopicCreator.ensureTopics(admin, List.of(TopicSpec.of(topic, 1)));

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker, "tx-" + topic))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "aborted"));
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "c1", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "c2", "committed-2"));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, String>> records = consumeAll(broker, topic, 2, "read_committed", null);
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed-1", "committed-2");
    }

    @Test
    @DisplayName("Kafka Streams with exactly_once_v2 runs against it (stateful, with changelog)")
    void streamsExactlyOnceV2(@TempDir Path stateDir) {
        String in = uniqueTopic("in");
        String out = uniqueTopic("out");
        TopicCreator.ensureTopics(admin, List.of(TopicSpec.of(in, 2), TopicSpec.of(out, 2)));

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .count()
                .toStream()
                .mapValues(String::valueOf)
                .to(out, Produced.with(Serdes.String(), Serdes.String()));

        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "app-" + in);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);

        try (KafkaStreams streams = new KafkaStreams(builder.build(), p);
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker, null))) {
            streams.start();
            for (String key : List.of("a", "b", "a", "a")) {
                producer.send(new ProducerRecord<>(in, key, "x"));
            }
            producer.flush();

            List<ConsumerRecord<String, String>> records = consumeAll(broker, out, 4, "read_committed", null);
            assertThat(records).filteredOn(r -> r.key().equals("a")).extracting(ConsumerRecord::value)
                    .containsExactly("1", "2", "3");
            assertThat(records).filteredOn(r -> r.key().equals("b")).extracting(ConsumerRecord::value)
                    .containsExactly("1");
            streams.close(Duration.ofSeconds(30));
        }
    }

    @Test
    @DisplayName("ensureTopics creates missing topics, tolerates existing ones and applies configs")
    void ensureTopicsIsIdempotent() throws Exception {
        String compacted = uniqueTopic("compacted");
        String plain = uniqueTopic("plain");
        TopicSpec compactedSpec = new TopicSpec(compacted, 3, (short) 1, Map.of("cleanup.policy", "compact"));

        TopicCreator.ensureTopics(admin, List.of(compactedSpec));
        TopicCreator.ensureTopics(admin, List.of(compactedSpec));                       // all exist
        TopicCreator.ensureTopics(admin, List.of(compactedSpec, TopicSpec.of(plain, 1))); // mixed

        Map<String, TopicDescription> described = admin.describeTopics(List.of(compacted, plain))
                .allTopicNames().get(30, TimeUnit.SECONDS);
        assertThat(described.get(compacted).partitions()).hasSize(3);
        assertThat(described.get(plain).partitions()).hasSize(1);

        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, compacted);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }

    @Test
    @DisplayName("TopicSpec validates its arguments and copies configs")
    void topicSpecValidation() {
        assertThatThrownBy(() -> TopicSpec.of("t", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicSpec("t", 1, (short) 0, Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopicSpec.of(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TopicSpec("t", 1, (short) 1, null).configs()).isEmpty();
    }

    @Test
    @DisplayName("restart on the same data dir keeps topics and records; close is idempotent")
    void restartKeepsData(@TempDir Path dir) throws Exception {
        String topic = "restart-topic";
        EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dir, 0);
        String metaBefore;
        try (Admin a = admin(first)) {
            TopicCreator.ensureTopics(a, List.of(new TopicSpec(topic, 2, (short) 1, Map.of("retention.ms", "-1"))));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(first, null))) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(topic, "k" + i, "before-" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            metaBefore = Files.readString(dir.resolve("kafka-logs").resolve("meta.properties"));
        } finally {
            first.close();
            first.close(); // idempotent
        }

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(dir, 0); Admin a = admin(second)) {
            // Same cluster id: the dir was not reformatted.
            assertThat(Files.readString(dir.resolve("kafka-logs").resolve("meta.properties"))).isEqualTo(metaBefore);
            Set<String> topics = a.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).contains(topic);
            assertThat(a.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions()).hasSize(2);

            List<ConsumerRecord<String, String>> records = consumeAll(second, topic, 5, "read_committed", null);
            assertThat(records).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("before-0", "before-1", "before-2", "before-3", "before-4");

            // And it still accepts writes.
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(second, null))) {
                producer.send(new ProducerRecord<>(topic, "k", "after")).get(30, TimeUnit.SECONDS);
            }
            assertThat(consumeAll(second, topic, 6, "read_committed", null)).hasSize(6);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Admin admin(EmbeddedKafkaBroker b) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers());
        return Admin.create(p);
    }

    private static Properties producerProps(EmbeddedKafkaBroker b, String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return p;
    }

    /** Reads from the beginning until {@code expected} records arrived (and then checks nothing more trickles in). */
    private static List<ConsumerRecord<String, String>> consumeAll(EmbeddedKafkaBroker b, String topic, int expected,
                                                                   String isolation, String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        }
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            if (groupId != null) {
                consumer.subscribe(List.of(topic));
            } else {
                consumer.assign(consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(pi -> new org.apache.kafka.common.TopicPartition(pi.topic(), pi.partition())).toList());
                consumer.seekToBeginning(consumer.assignment());
            }
            await().atMost(WAIT).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= expected;
            });
            if (groupId != null) {
                consumer.commitSync(Duration.ofSeconds(30)); // exercises __consumer_offsets on the single node
            }
        }
        assertThat(out).hasSize(expected);
        return out;
    }
}
