package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.avro.ShipmentAlert;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.registry.RestSchemaRegistryClient;
import org.odop.pulse.registry.SchemaRegistryServer;
import org.odop.pulse.runtime.Connections;
import org.odop.pulse.runtime.FreePort;
import org.odop.pulse.runtime.KafkaClientConfig;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.runtime.SchemaRegistration;
import org.odop.pulse.registry.CompatibilityLevel;
import org.odop.pulse.runtime.embedded.EmbeddedKafkaBroker;
import org.odop.pulse.support.Cli;
import org.odop.pulse.support.Http;
import org.odop.pulse.support.TestKeys;
import org.odop.pulse.support.TestCertificates;
import org.odop.pulse.topology.common.HoldPolicy;

/**
 * The application against a secured broker: clients reach it only over SASL_SSL (SCRAM-SHA-512, a certificate
 * made here), and KRaft's StandardAuthorizer allows the application's user only what its ACLs grant. The
 * PLAINTEXT listener is the broker's own (controller, inter-broker, and the super user that sets up users and ACLs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredKafkaIntegrationTest {
    private static final String APP_ID = "secured-pulse";
    private static final String USER = "pulse-app";
    private static final String PASSWORD = "scram-Pa55-" + Long.toHexString(System.nanoTime());
    private static final String NDJSON = "application/x-ndjson";

    @TempDir
    static Path dir;

    private EmbeddedKafkaBroker broker;
    private SchemaRegistryServer registry;
    private TestCertificates.Pem pem;
    private String saslBootstrap;

    @BeforeAll
    void startSecuredBroker() throws Exception {
        pem = TestCertificates.rsa(dir.resolve("tls"), TestCertificates.KeyFormat.PKCS8);
        saslBootstrap = "127.0.0.1:" + FreePort.find();
        Map<String, String> overrides = new HashMap<>();
        overrides.put(EmbeddedKafkaBroker.EXTRA_LISTENER, "SASL_SSL://" + saslBootstrap);
        overrides.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        overrides.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        overrides.put("listener.name.sasl_ssl.ssl.keystore.type", "PEM");
        overrides.put("listener.name.sasl_ssl.ssl.keystore.certificate.chain", Files.readString(pem.cert()));
        overrides.put("listener.name.sasl_ssl.ssl.keystore.key", Files.readString(pem.key()));
        overrides.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        overrides.put("super.users", "User:ANONYMOUS"); // the PLAINTEXT listener and the controller
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, overrides);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD))).all().get();
            admin.createAcls(acls("User:" + USER)).all().get();
        }
        // The credentials are in the metadata log; wait until the SASL_SSL listener accepts them.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Admin admin = Admin.create(kafka(PASSWORD).admin(saslBootstrap))) {
                return !admin.describeCluster().nodes().get().isEmpty();
            }
        });
        registry = new SchemaRegistryServer(new InMemorySchemaRegistry(), "127.0.0.1", 0).start();
    }

    /** Only what the application needs: its topics (prefix odop, and the application id's internal topics), group, transactions. */
    private static List<AclBinding> acls(String principal) {
        List<AclBinding> acls = new ArrayList<>();
        for (var pattern : List.of(new ResourcePattern(ResourceType.TOPIC, "odop", PatternType.PREFIXED),
                new ResourcePattern(ResourceType.TOPIC, APP_ID, PatternType.PREFIXED),
                new ResourcePattern(ResourceType.GROUP, APP_ID, PatternType.PREFIXED),
                new ResourcePattern(ResourceType.TRANSACTIONAL_ID, APP_ID, PatternType.PREFIXED))) {
            acls.add(new AclBinding(pattern, new AccessControlEntry(principal, "*", AclOperation.ALL, AclPermissionType.ALLOW)));
        }
        acls.add(new AclBinding(new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL),
                new AccessControlEntry(principal, "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW)));
        return acls;
    }

    /** What a --kafka-config file for this cluster says. */
    private KafkaClientConfig kafka(String password) {
        return KafkaClientConfig.of(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + USER + "\" password=\"" + password + "\";",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", pem.cert().toString()));
    }

    private PulseConfig config(String password, String stateDir) {
        return PulseConfig.embeddedDefaults(dir.resolve(stateDir)).withPorts(0, 0, 0)
                .withCluster(saslBootstrap, registry.url()).toBuilder()
                .applicationId(APP_ID).eventPartitions(2).standbyReplicas(0).streamThreads(1)
                .hold(HoldPolicy.PARK_AT_ONCE) // unknown codes park at once
                .stallCheckEvery(Duration.ofSeconds(1)) // a stalled shipment is alerted within seconds
                .connections(Connections.NONE.withKafka(kafka(password))).build();
    }

    @AfterAll
    void stop() {
        if (registry != null) registry.close();
        if (broker != null) broker.close();
    }

    @Test
    @DisplayName("with a wrong password start-up fails at once, naming the listener, the protocol and the mechanism")
    void wrongPasswordFailsFast() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> PulseApplication.start(config("not-" + PASSWORD, "wrong")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Kafka at " + saslBootstrap)
                .hasMessageContaining("security.protocol SASL_SSL")
                .hasMessageContaining("sasl.mechanism SCRAM-SHA-512")
                .hasMessageNotContaining(PASSWORD)
                .hasMessageNotContaining("\n\tat ");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("with a wrong password import, dead-letters and replay-dlq stop at once, naming the listener and the mechanism")
    void cliCommandsExplainARefusal() throws Exception {
        SchemaRegistration.registerAll(new RestSchemaRegistryClient(registry.url()), CompatibilityLevel.BACKWARD);
        Path wrong = dir.resolve("wrong-kafka.properties");
        Properties settings = kafka("not-" + PASSWORD).applyTo(new Properties());
        try (var out = Files.newBufferedWriter(wrong)) {
            settings.store(out, null);
        }
        Path lois = dir.resolve("lois.ndjson");
        Files.writeString(lois, loi("cli1", "JK-SRINAGAR", "100.00") + "\n");
        String[] cluster = {"--bootstrap-servers", saslBootstrap, "--schema-registry-url", registry.url(),
                "--kafka-config", wrong.toString()};
        for (String[] command : List.of(new String[] {"import", "--type", "lois", lois.toString()},
                new String[] {"dead-letters"}, new String[] {"replay-dlq"})) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.Arrays.stream(cluster))
                    .toArray(String[]::new);
            long started = System.nanoTime();
            Cli.Result r = Cli.run(args);
            assertThat(r.exitCode()).as(command[0] + ": " + r.err()).isEqualTo(1);
            assertThat(r.err()).as(command[0])
                    .contains("Kafka at " + saslBootstrap + " refused to authenticate this client")
                    .contains("security.protocol SASL_SSL").contains("sasl.mechanism SCRAM-SHA-512")
                    .contains("Check the credentials in --kafka-config")
                    .doesNotContain(PASSWORD).doesNotContain("\tat org.odop.pulse");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as(command[0]).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    @DisplayName("with the right credentials an LOI ingested over HTTP is counted, an unknown district is dead-lettered, "
            + "and a shipment booked 9 days ago is alerted as stalled")
    void endToEndOverSaslSsl() throws Exception {
        PulseConfig cfg = config(PASSWORD, "app");
        String key = TestKeys.addAdmin(cfg); // in cluster mode no key is generated
        try (PulseApplication app = PulseApplication.start(cfg)) {
            Http http = new Http(app.httpPort(), key);
            await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/health/ready").status() == 200);

            var ingest = http.post("/api/v1/ingest/lois", NDJSON, String.join("\n",
                    loi("s1", "JK-SRINAGAR", "2500000.00"), loi("s2", "XX-NOWHERE", "10.00")));
            assertThat(ingest.status()).as(ingest.body()).isEqualTo(200);
            var shipments = http.post("/api/v1/ingest/shipments", NDJSON,
                    shipment("st1", "SH-SECURE-STALL", OffsetDateTime.now().minusDays(9)));
            assertThat(shipments.status()).as(shipments.body()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var view = http.get("/api/v1/districts/JK-SRINAGAR?period=2022-07");
                assertThat(view.status()).as(view.body()).isEqualTo(200);
                assertThat(view.json().get("loiCount").asInt()).isEqualTo(1);
                assertThat(view.json().get("loiValueInr").decimalValue()).isEqualByComparingTo("2500000.00");
            });
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var stalled = http.get("/api/v1/shipments/stalled?district=JK-BARAMULLA").json();
                assertThat(stalled).hasSize(1);
                assertThat(stalled.get(0).get("shipmentId").asText()).isEqualTo("SH-SECURE-STALL");
                assertThat(stalled.get(0).get("status").asText()).isEqualTo("BOOKED");
            });

            // The dead-letter topic, read over SASL_SSL as the same user.
            try (var consumer = consumer(new ByteArrayDeserializer())) {
                List<String> reasons = new ArrayList<>();
                readFromStart(consumer, Topics.DEAD_LETTER, () -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> r.headers().forEach(h -> {
                        if (h.key().equals(DeadLetters.HEADER_REASON)) reasons.add(new String(h.value()));
                    }));
                    return reasons.contains("UNKNOWN_DISTRICT");
                });
            }
            // The shipment alert, read over SASL_SSL as the same user, its schema from the registry.
            try (var consumer = consumer(new PulseSerdes(new RestSchemaRegistryClient(registry.url()))
                    .value(Topics.SHIPMENT_ALERTS).deserializer())) {
                List<ShipmentAlert> alerts = new ArrayList<>();
                readFromStart(consumer, Topics.SHIPMENT_ALERTS.name(), () -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> alerts.add(r.value()));
                    return alerts.stream().anyMatch(a -> a.getShipmentId().equals("SH-SECURE-STALL"));
                });
                ShipmentAlert alert = alerts.stream().filter(a -> a.getShipmentId().equals("SH-SECURE-STALL"))
                        .findFirst().orElseThrow();
                assertThat(alert.getType().toString()).isEqualTo("STALLED");
                assertThat(alert.getDistrictCode()).isEqualTo("JK-BARAMULLA");
            }
        }
    }

    /** A consumer of this cluster over SASL_SSL with the application's credentials (no group: its ACLs allow none). */
    private <V> KafkaConsumer<byte[], V> consumer(Deserializer<V> values) {
        Properties c = kafka(PASSWORD).applyTo(new Properties());
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, saslBootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), values);
    }

    /** Reads {@code topic} from its start until {@code seen} holds. */
    private static void readFromStart(KafkaConsumer<byte[], ?> consumer, String topic, Callable<Boolean> seen) {
        var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        await().atMost(Duration.ofSeconds(30)).until(seen);
    }

    private static String shipment(String eventId, String shipmentId, OffsetDateTime bookedAt) {
        return String.format("{\"eventId\":\"%s\",\"shipmentId\":\"%s\",\"districtCode\":\"JK-BARAMULLA\","
                + "\"productCode\":\"SAFFRON\",\"status\":\"BOOKED\",\"quantity\":\"25.5\",\"unit\":\"kg\","
                + "\"valueInr\":\"5000.00\",\"destinationCountry\":\"AE\",\"port\":\"Mundra\",\"occurredAt\":\"%s\"}",
                eventId, shipmentId, bookedAt);
    }

    private static String loi(String eventId, String district, String valueInr) {
        return String.format("{\"eventId\":\"%s\",\"loiId\":\"L-%s\",\"meetId\":\"BSM-SKICC-2022-07-30\","
                + "\"districtCode\":\"%s\",\"productCode\":\"PASHMINA\",\"buyer\":\"FabIndia\",\"seller\":\"Seller\","
                + "\"valueInr\":\"%s\",\"signedAt\":\"2022-07-30T11:00:00+05:30\"}", eventId, eventId, district, valueInr);
    }
}
