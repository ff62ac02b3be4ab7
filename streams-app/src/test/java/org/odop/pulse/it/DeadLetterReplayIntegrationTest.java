package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterReplayer;
import org.odop.pulse.deadletter.DeadLetterTopicReader;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.deadletter.ReplayLedger;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.runtime.StreamsSettings;
import org.odop.pulse.support.Cli;
import org.odop.pulse.support.Http;

/**
 * replay-dlq on a real broker: each dead letter is replayed at most once, a record whose district is still
 * unknown is neither re-sent nor parked again, the counts are exact however often replay-dlq runs, and a run
 * killed half-way leaves nothing behind. The tests share one application and run in order.
 * Also the ranking CSV with a district named like a spreadsheet formula, over HTTP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterReplayIntegrationTest {
    private static final String NDJSON = "application/x-ndjson";
    private static final String LATE = "JK-LATEDISTRICT";

    @TempDir
    static Path dir;

    private static PulseApplication app;
    private static Http http;
    private static Admin admin;

    @BeforeAll
    static void start() throws Exception {
        // Unknown codes parked at once (no wait for late reference data), as these tests replay them.
        app = PulseApplication.start(PulseConfig.embeddedDefaults(dir.resolve("state")).withPorts(0, 0, 0).toBuilder()
                .hold(org.odop.pulse.topology.common.HoldPolicy.PARK_AT_ONCE).build());
        http = Http.of(app);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers()));
        await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);
    }

    @AfterAll
    static void stop() {
        if (admin != null) admin.close();
        if (app != null) app.close();
    }

    private static String shipment(String eventId, String id, String district, String value) {
        return String.format("{\"eventId\":\"%s\",\"shipmentId\":\"%s\",\"districtCode\":\"%s\",\"productCode\":\"SAFFRON\","
                + "\"status\":\"CUSTOMS_CLEARED\",\"quantity\":\"25.5\",\"unit\":\"kg\",\"valueInr\":\"%s\","
                + "\"destinationCountry\":\"AE\",\"port\":\"Mundra\",\"occurredAt\":\"2022-11-01T10:00:00+05:30\"}",
                eventId, id, district, value);
    }

    private static String[] replayDlq() {
        return new String[] {"replay-dlq", "--bootstrap-servers", app.bootstrapServers(),
                "--schema-registry-url", app.schemaRegistryUrl()};
    }

    @Test
    @Order(2)
    @DisplayName("4 records parked as UNKNOWN_DISTRICT: replayed never while unknown, exactly once after the fix, however often")
    void replayEachDeadLetterAtMostOnce() throws Exception {
        String body = IntStream.rangeClosed(1, 4)
                .mapToObj(i -> shipment("late-" + i, "SH-LATE-" + i, LATE, i + "00.0" + i))
                .collect(Collectors.joining("\n"));
        assertThat(http.post("/api/v1/ingest/shipments", NDJSON, body).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> unknownDistrictDeadLetters() == 4);
        long shipmentsBefore = endOffsets(Topics.SHIPMENTS.name());
        long shipmentRecordsBefore = dataRecords(Topics.SHIPMENTS.name());

        // Still unknown: two runs send nothing, so nothing is parked again.
        for (int run = 1; run <= 2; run++) {
            var replay = Cli.run(replayDlq());
            assertThat(replay.exitCode()).as(replay.out()).isZero();
            assertThat(endOffsets(Topics.SHIPMENTS.name())).as("nothing re-sent in run %d:%n%s", run, replay.out())
                    .isEqualTo(shipmentsBefore);
            assertThat(replay.out()).contains("replayed 0 now, 0 already replayed before, 4 still waiting")
                    .containsPattern("\\s0\\s+0\\s+4\\s+odop\\.shipments\\.v1 UNKNOWN_DISTRICT")
                    .containsPattern("4\\s+district " + LATE);
        }
        awaitPipelineCaughtUp();
        assertThat(unknownDistrictDeadLetters()).isEqualTo(4);
        assertThat(http.get("/api/v1/districts/" + LATE).status()).isEqualTo(404);

        var fix = http.post("/api/v1/ingest/districts", "text/csv",
                "districtCode,name,stateCode,stateName\n" + LATE + ",Late District,JK,Jammu and Kashmir\n");
        assertThat(fix.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/districts/" + LATE).status() == 200);

        var first = Cli.run(replayDlq());
        assertThat(first.exitCode()).as(first.out()).isZero();
        assertThat(first.out()).contains("replayed 4 now, 0 already replayed before, 0 still waiting")
                .containsPattern("\\s4\\s+0\\s+0\\s+odop\\.shipments\\.v1 UNKNOWN_DISTRICT");
        var second = Cli.run(replayDlq());
        assertThat(second.exitCode()).as(second.out()).isZero();
        assertThat(second.out()).contains("replayed 0 now, 4 already replayed before, 0 still waiting")
                .containsPattern("\\s0\\s+4\\s+0\\s+odop\\.shipments\\.v1 UNKNOWN_DISTRICT");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var view = http.get("/api/v1/districts/" + LATE).json();
            assertThat(view.get("exportShipments").asLong()).isEqualTo(4);
            assertThat(view.get("exportValueInr").decimalValue()).isEqualByComparingTo("1000.10");
        });
        // The four records went to the event topic once (each in the transaction with its ledger entry), and
        // nothing was parked again.
        awaitPipelineCaughtUp();
        assertThat(dataRecords(Topics.SHIPMENTS.name())).isEqualTo(shipmentRecordsBefore + 4);
        assertThat(unknownDistrictDeadLetters()).isEqualTo(4);
        assertThat(dataRecords(Topics.DLQ_REPLAYED)).isEqualTo(4);
        var view = http.get("/api/v1/districts/" + LATE).json();
        assertThat(view.get("exportShipments").asLong()).isEqualTo(4);
        assertThat(view.get("exportValueInr").decimalValue()).isEqualByComparingTo("1000.10");
    }

    @Test
    @Order(1)
    @DisplayName("the ranking CSV serves a district named =HYPERLINK(...) as text, and negative numbers as numbers")
    void rankingCsvIsSpreadsheetSafe() {
        var district = http.post("/api/v1/ingest/districts", "text/csv", "districtCode,name,stateCode,stateName\n"
                + "JK-FORMULA,\"=HYPERLINK(\"\"http://example/x\"\",\"\"open\"\")\",JK,Jammu and Kashmir\n");
        assertThat(district.status()).as(district.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/districts/JK-FORMULA").status() == 200);
        assertThat(http.post("/api/v1/ingest/shipments", NDJSON, shipment("f-1", "SH-F-1", "JK-FORMULA", "123.45"))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var csv = http.get("/api/v1/rankings?metric=exportValue&period=FY2022-23&state=JK&limit=0&format=csv");
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.body().lines()).contains(
                    "1,JK-FORMULA,\"'=HYPERLINK(\"\"http://example/x\"\",\"\"open\"\")\",JK,123.45,100.00,0.00,");
            assertThat(csv.body()).doesNotContain(",\"=HYPERLINK").doesNotContain(",=HYPERLINK");
        });
    }

    @Test
    @Order(3)
    @DisplayName("a replay-dlq killed half-way leaves neither records nor ledger entries; the next run replays each once")
    void replayAfterARunKilledHalfWay() throws Exception {
        String district = "JK-HALFWAY";
        String body = shipment("half-1", "SH-HALF-1", district, "10.00") + "\n" + shipment("half-2", "SH-HALF-2", district, "20.00");
        assertThat(http.post("/api/v1/ingest/shipments", NDJSON, body).status()).isEqualTo(200);
        List<ConsumerRecord<byte[], byte[]>> parked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            parked.clear();
            try (var consumer = new KafkaConsumer<byte[], byte[]>(readCommitted())) {
                DeadLetterTopicReader.forEach(consumer, r -> {
                    String detail = DeadLetters.get(r.headers(), DeadLetters.HEADER_DETAIL);
                    if (detail != null && detail.contains("'" + district + "'")) parked.add(r);
                });
            }
            assertThat(parked).hasSize(2);
        });
        assertThat(http.post("/api/v1/ingest/districts", "text/csv", "districtCode,name,stateCode,stateName\n"
                + district + ",Half Way,JK,Jammu and Kashmir\n").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/districts/" + district).status() == 200);
        long ledgerBefore = dataRecords(Topics.DLQ_REPLAYED);
        String dlqTopicId = admin.describeTopics(List.of(Topics.DEAD_LETTER)).allTopicNames().get()
                .get(Topics.DEAD_LETTER).topicId().toString();

        // A replay-dlq that sent both records and their ledger entries, then died before committing.
        Properties p = StreamsSettings.producer(app.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, DeadLetterReplayer.TRANSACTIONAL_ID);
        var killed = new KafkaProducer<byte[], byte[]>(p);
        try {
            killed.initTransactions();
            killed.beginTransaction();
            for (var r : parked) {
                killed.send(new ProducerRecord<>(Topics.SHIPMENTS.name(), null, r.timestamp(), r.key(), r.value()));
                killed.send(new ProducerRecord<>(Topics.DLQ_REPLAYED,
                        ReplayLedger.key(dlqTopicId, r.partition(), r.offset()).getBytes(StandardCharsets.UTF_8),
                        "half-way".getBytes(StandardCharsets.UTF_8)));
            }
            killed.flush();

            var replay = Cli.run(replayDlq());
            assertThat(replay.exitCode()).as(replay.out()).isZero();
            assertThat(replay.out()).contains("replayed 2 now, 4 already replayed before, 0 still waiting");
            var again = Cli.run(replayDlq());
            assertThat(again.out()).contains("replayed 0 now, 6 already replayed before, 0 still waiting");
        } finally {
            killed.close(Duration.ZERO); // fenced by then: it cannot commit any more
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var view = http.get("/api/v1/districts/" + district).json();
            assertThat(view.get("exportShipments").asLong()).isEqualTo(2);
            assertThat(view.get("exportValueInr").decimalValue()).isEqualByComparingTo("30.00");
        });
        awaitPipelineCaughtUp();
        assertThat(dataRecords(Topics.DLQ_REPLAYED)).as("the aborted entries are not committed").isEqualTo(ledgerBefore + 2);
        var view = http.get("/api/v1/districts/" + district).json();
        assertThat(view.get("exportShipments").asLong()).isEqualTo(2);
        assertThat(view.get("exportValueInr").decimalValue()).isEqualByComparingTo("30.00");
    }

    /** Dead letters parked for an unknown district of the shipments topic, read to the end (read_committed). */
    private static long unknownDistrictDeadLetters() {
        long[] n = {0};
        try (var consumer = new KafkaConsumer<byte[], byte[]>(readCommitted())) {
            DeadLetterTopicReader.forEach(consumer, r -> {
                if ("UNKNOWN_DISTRICT".equals(DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON))
                        && Topics.SHIPMENTS.name().equals(DeadLetters.get(r.headers(), DeadLetters.HEADER_TOPIC))) {
                    n[0]++;
                }
            });
        }
        return n[0];
    }

    /** Committed data records on a topic (transaction markers and aborted records not counted). */
    private static long dataRecords(String topic) {
        long[] n = {0};
        try (var consumer = new KafkaConsumer<byte[], byte[]>(readCommitted())) {
            DeadLetterTopicReader.forEach(consumer, topic, r -> n[0]++);
        }
        return n[0];
    }

    private static Properties readCommitted() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private static long endOffsets(String topic) throws Exception {
        return latest(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<TopicPartition, Long> latest(String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    /**
     * Until the pipeline has committed its position at the end of the shipments topic: with exactly-once, what it
     * parked for those records is committed to the dead-letter topic in the same transactions.
     */
    private static void awaitPipelineCaughtUp() throws Exception {
        Map<TopicPartition, Long> end = latest(Topics.SHIPMENTS.name());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var committed = admin.listConsumerGroupOffsets(PulseConfig.DEFAULT_APPLICATION_ID)
                    .partitionsToOffsetAndMetadata().get();
            end.forEach((tp, offset) -> {
                if (offset > 0) {
                    assertThat(committed.get(tp)).as("committed offset of %s", tp).isNotNull();
                    assertThat(committed.get(tp).offset()).as("committed offset of %s", tp).isGreaterThanOrEqualTo(offset);
                }
            });
        });
    }

}
