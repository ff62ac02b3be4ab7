package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.config.Topics;
import org.odop.pulse.domain.Periods;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.registry.SchemaRegistryServer;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.runtime.embedded.EmbeddedKafkaBroker;
import org.odop.pulse.support.Http;
import org.odop.pulse.support.TestKeys;

/**
 * A cluster whose LOI topic has fewer partitions than its shipment topic (an operator giving the few LOIs two
 * partitions, or adding partitions to one topic): the LOIs and the exports naming them are still repartitioned by
 * loiId into as many partitions as each other, so every export meets its LOI. Kafka Streams would otherwise take
 * each repartition topic's count from its own source topic (2 and 4), and the exports of half the loiIds would be
 * followed up on a task that never sees their LOI.
 */
class UnequalPartitionsIntegrationTest {
    private static final String NDJSON = "application/x-ndjson";
    private static final int LOIS = 12;

    @TempDir
    Path dir;

    private EmbeddedKafkaBroker broker;
    private SchemaRegistryServer registry;
    private Admin admin;
    private PulseConfig cfg;

    /** A broker of the test's own whose LOI topic has 2 partitions and shipment topic 4, a registry, and the config. */
    @BeforeEach
    void unequalTopics() throws Exception {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        registry = new SchemaRegistryServer(new InMemorySchemaRegistry(), "127.0.0.1", 0).start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(Topics.LOIS.name(), 2, (short) 1),
                new NewTopic(Topics.SHIPMENTS.name(), 4, (short) 1))).all().get();
        cfg = PulseConfig.embeddedDefaults(dir.resolve("app")).withPorts(0, 0, 0)
                .withCluster(broker.bootstrapServers(), registry.url()).toBuilder()
                .eventPartitions(2).standbyReplicas(0).build();
    }

    @AfterEach
    void stop() throws Exception {
        if (admin != null) admin.close();
        if (registry != null) registry.close();
        if (broker != null) broker.close();
    }

    @Test
    @DisplayName("LOI topic with 2 partitions, shipment topic with 4: every export is linked to its LOI")
    void exportsMeetTheirLoi() throws Exception {
        try (PulseApplication app = PulseApplication.start(cfg)) {
            Http http = new Http(app.httpPort(), TestKeys.addAdmin(cfg));
            await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/states").status() != 401);

            String at = OffsetDateTime.now(Periods.IST).truncatedTo(ChronoUnit.SECONDS).toString();
            StringBuilder lois = new StringBuilder();
            StringBuilder exports = new StringBuilder();
            for (int i = 0; i < LOIS; i++) {
                lois.append(String.format("{\"eventId\":\"loi-%d\",\"loiId\":\"L-%d\",\"meetId\":\"BSM-SPLIT\","
                        + "\"districtCode\":\"JK-SRINAGAR\",\"productCode\":\"PASHMINA\",\"buyer\":\"B%d\",\"seller\":\"S%d\","
                        + "\"valueInr\":1000.00,\"signedAt\":\"%s\"}%n", i, i, i, i, at));
                exports.append(String.format("{\"eventId\":\"ex-%d\",\"shipmentId\":\"SH-%d\",\"loiId\":\"L-%d\","
                        + "\"districtCode\":\"JK-SRINAGAR\",\"productCode\":\"PASHMINA\",\"status\":\"SHIPPED\","
                        + "\"quantity\":\"1\",\"unit\":\"pcs\",\"valueInr\":\"250.00\",\"destinationCountry\":\"AE\","
                        + "\"occurredAt\":\"%s\"}%n", i, i, i, at));
            }
            assertThat(http.post("/api/v1/ingest/lois", NDJSON, lois.toString()).status()).isEqualTo(200);
            assertThat(http.post("/api/v1/ingest/shipments", NDJSON, exports.toString()).status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                var meet = http.get("/api/v1/meets/BSM-SPLIT");
                assertThat(meet.status()).as(meet.body()).isEqualTo(200);
                assertThat(meet.json().get("loiCount").asLong()).isEqualTo(LOIS);
                assertThat(meet.json().get("linkedExportShipments").asLong()).as(meet.body()).isEqualTo(LOIS);
                assertThat(meet.json().get("linkedExportValueInr").decimalValue())
                        .isEqualByComparingTo(new java.math.BigDecimal("3000.00"));
            });
            // The LOI measures, built from the LOIs repartitioned by loiId then by district (one more hop, so
            // perhaps a commit later than the meet view), count every LOI too.
            String fy = Periods.currentFiscalYear(java.time.Instant.now());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                var jk = http.get("/api/v1/states/JK?period=" + fy);
                assertThat(jk.status()).as(jk.body()).isEqualTo(200);
                assertThat(jk.json().get("loiCount").asLong()).as(jk.body()).isEqualTo(LOIS);
                assertThat(jk.json().get("loiValueInr").decimalValue()).as(jk.body())
                        .isEqualByComparingTo(new java.math.BigDecimal("12000.00"));
            });
            String prefix = cfg.applicationId() + "-";
            var described = admin.describeTopics(List.of(prefix + "loi-by-id-repartition",
                    prefix + "loi-exports-by-id-repartition", prefix + "loi-changes-by-district-repartition"))
                    .allTopicNames().get();
            assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(4));
        }
    }

    @Test
    @DisplayName("loiId repartition topics left by an earlier version with other counts: start-up stops and says what to do")
    void oldRepartitionCountsStopStartUp() throws Exception {
        // As an earlier version left them: each loiId repartition sized from its own source topic.
        String byId = cfg.applicationId() + "-loi-by-id-repartition";
        admin.createTopics(List.of(new NewTopic(byId, 2, (short) 1),
                new NewTopic(cfg.applicationId() + "-loi-exports-by-id-repartition", 4, (short) 1))).all().get();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PulseApplication.start(cfg).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(byId + "=2")
                .hasMessageNotContaining("loi-exports-by-id-repartition")
                .hasMessageContaining("kafka-streams-application-reset --application-id " + cfg.applicationId());
    }
}
