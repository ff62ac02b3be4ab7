package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.registry.RestSchemaRegistryClient;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.runtime.StreamsSettings;
import org.odop.pulse.support.Http;
import org.odop.pulse.support.TestData;

/** What the broker would refuse (timestamps ahead of its clock, records near its size limit) on a real broker. */
class BrokerLimitsIntegrationTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("an event a day ahead is counted; a 1 MB garbage record is parked whole and the pipeline goes on; an event right after its reference data counts")
    void timestampsAndLargeRecords() throws Exception {
        try (PulseApplication app = PulseApplication.start(PulseConfig.embeddedDefaults(dir).withPorts(0, 0, 0))) {
            Http http = Http.of(app);
            await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);
            var serdes = new PulseSerdes(new RestSchemaRegistryClient(app.schemaRegistryUrl()));
            var serializer = serdes.value(Topics.LOIS).serializer();
            Instant ahead = Instant.now().plus(Duration.ofHours(23));
            try (var producer = new KafkaProducer<byte[], byte[]>(StreamsSettings.producer(app.bootstrapServers()))) {
                // Kafka 4 brokers refuse, by default, records stamped more than an hour ahead of their clock.
                var loi = TestData.loi("ahead", "JK-SRINAGAR", "PASHMINA", 123L, ahead.toString());
                producer.send(new ProducerRecord<>(Topics.LOIS.name(), null, ahead.toEpochMilli(), utf8("JK-SRINAGAR"),
                        serializer.serialize(Topics.LOIS.name(), loi))).get();
                // Just under the producer's 1 MiB: the dead letter adds headers, which once made it too large to write.
                byte[] garbage = new byte[1_040_000];
                java.util.Arrays.fill(garbage, (byte) '#');
                producer.send(new ProducerRecord<>(Topics.LOIS.name(), utf8("JK-SRINAGAR"), garbage)).get();
                var after = TestData.loi("after", "JK-SRINAGAR", "PASHMINA", 1000L, "2022-07-30T11:00:00+05:30");
                producer.send(new ProducerRecord<>(Topics.LOIS.name(), utf8("JK-SRINAGAR"),
                        serializer.serialize(Topics.LOIS.name(), after))).get();
            }

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(http.get("/api/v1/districts/JK-SRINAGAR")
                    .json().get("loiValueInr").decimalValue()).isEqualByComparingTo("11.23"));
            List<ConsumerRecord<byte[], byte[]>> parked = deadLetters(app.bootstrapServers(), 1);
            assertThat(parked).singleElement().satisfies(r -> {
                assertThat(r.value()).hasSize(1_040_000);
                assertThat(DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON)).isEqualTo("NOT_DESERIALIZABLE");
            });

            // An event for a district nobody has declared yet waits, visibly, instead of being parked at once.
            assertThat(http.post("/api/v1/ingest/lois", "application/x-ndjson",
                    "{\"eventId\":\"k0\",\"loiId\":\"L-k0\",\"meetId\":\"BSM-1\",\"districtCode\":\"JK-NEWTOWN\","
                            + "\"productCode\":\"NEWTOWN-WALNUT\",\"buyer\":\"b\",\"seller\":\"s\",\"valueInr\":\"0.01\","
                            + "\"signedAt\":\"2022-07-30T11:00:00+05:30\"}").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(http.get("/metrics").body())
                    .contains("odop_events_held{family=\"loi\",reason=\"UNKNOWN_DISTRICT\"} 1.0"));

            // Reference data and the event right after it: the event must count, whichever the pipeline reads first.
            assertThat(http.post("/api/v1/ingest/districts", "application/x-ndjson",
                    "{\"districtCode\":\"JK-NEWTOWN\",\"name\":\"Newtown\",\"stateCode\":\"JK\",\"stateName\":\"Jammu and Kashmir\"}")
                    .status()).isEqualTo(200);
            assertThat(http.post("/api/v1/ingest/products", "application/x-ndjson",
                    "{\"productCode\":\"NEWTOWN-WALNUT\",\"name\":\"Walnuts\",\"category\":\"HORTICULTURE\",\"districtCode\":\"JK-NEWTOWN\"}")
                    .status()).isEqualTo(200);
            assertThat(http.post("/api/v1/ingest/lois", "application/x-ndjson",
                    "{\"eventId\":\"k1\",\"loiId\":\"L-k1\",\"meetId\":\"BSM-1\",\"districtCode\":\"JK-NEWTOWN\","
                            + "\"productCode\":\"NEWTOWN-WALNUT\",\"buyer\":\"b\",\"seller\":\"s\",\"valueInr\":\"4321.00\","
                            + "\"signedAt\":\"2022-07-30T11:00:00+05:30\"}").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(http.get("/api/v1/districts/JK-NEWTOWN")
                    .json().get("loiValueInr").decimalValue()).isEqualByComparingTo("4321.01"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get("/metrics").body())
                    .doesNotContain("odop_events_held{"));
            assertThat(deadLetters(app.bootstrapServers(), 1)).hasSize(1);

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers()))) {
                var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.LOIS.name());
                var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG).value())
                        .isEqualTo(Long.toString(Long.MAX_VALUE));
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String bootstrap, int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "broker-limits-test-" + System.nanoTime());
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.LARGE_RECORD_BYTES);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
                return out.size() >= atLeast;
            });
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
