package org.odop.pulse.it;

import org.odop.pulse.support.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.registry.CompatibilityLevel;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.runtime.embedded.EmbeddedKafkaBroker;
import org.odop.pulse.support.ApicurioRegistry;
import org.odop.pulse.support.Http;

/**
 * The pipeline on a real broker and a real registry nobody here wrote: Apicurio, left at its own default global
 * level NONE, so the subject levels seen here are the ones the application set at start-up.
 */
@DisplayName("Pipeline end to end on a real Kafka broker and a real Apicurio Registry")
class ApicurioPipelineIntegrationTest {
    private static final String NDJSON = "application/x-ndjson";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static ApicurioRegistry apicurio;

    @BeforeAll
    static void startInfrastructure() {
        broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        apicurio = ApicurioRegistry.start(CompatibilityLevel.NONE);
    }

    @AfterAll
    static void stopInfrastructure() {
        if (apicurio != null) {
            apicurio.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static PulseConfig config(String name) {
        return PulseConfig.embeddedDefaults(dir.resolve(name)).withPorts(0, 0, 0)
                .withCluster(broker.bootstrapServers(), apicurio.url());
    }

    private static String loi(String eventId, String product, String valueInr) {
        return String.format("{\"eventId\":\"%s\",\"loiId\":\"L-%s\",\"meetId\":\"BSM-SKICC-2022-07-30\","
                + "\"districtCode\":\"JK-SRINAGAR\",\"productCode\":\"%s\",\"buyer\":\"FabIndia\",\"seller\":\"S-%s\","
                + "\"valueInr\":\"%s\",\"signedAt\":\"2022-07-30T11:00:00+05:30\"}", eventId, eventId, product, eventId,
                valueInr);
    }

    @Test
    @DisplayName("LOIs ingested over HTTP show the exact sum; start-up registered every subject at BACKWARD")
    void endToEnd() throws Exception {
        apicurio.reset(CompatibilityLevel.NONE);
        PulseConfig cfg = config("pipeline");
        String key = TestKeys.addAdmin(cfg); // cluster mode: no admin key is generated
        try (PulseApplication app = PulseApplication.start(cfg)) {
            Http http = new Http(app.httpPort(), key);
            await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);

            // 91 LOIs at the per-event limit less a paisa, then 1 paisa and Rs 35000000.11: a sum beyond 2^53 paise,
            // odd, that a double would get wrong.
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 91; i++) lines.add(loi("big" + i, "PASHMINA", "999999999999.99"));
            lines.add(loi("a2", "PAPIER-MACHE", "0.01"));
            lines.add(loi("a3", "PASHMINA", "35000000.11"));
            var ingest = http.post("/api/v1/ingest/lois", NDJSON, String.join("\n", lines));
            assertThat(ingest.status()).as(ingest.body()).isEqualTo(200);
            assertThat(ingest.json().get("accepted").asInt()).isEqualTo(93);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var view = http.get("/api/v1/districts/JK-SRINAGAR?period=all");
                assertThat(view.status()).isEqualTo(200);
                assertThat(view.body()).contains("\"loiValueInr\":91000034999999.21");
                assertThat(view.json().get("loiCount").asInt()).isEqualTo(93);
                assertThat(view.json().get("districtName").asText()).isEqualTo("Srinagar");
            });
        }

        List<String> subjects = new ArrayList<>();
        apicurio.send("GET", "/subjects", null).json().forEach(s -> subjects.add(s.asText()));
        assertThat(subjects).contains("odop.lois.v1-value", "odop.shipments.v1-value", "odop.orders.v1-value",
                "odop.ref.districts.v1-value", "odop.ref.products.v1-value");
        for (String subject : List.of("odop.lois.v1-value", "odop.shipments.v1-value", "odop.orders.v1-value",
                "odop.ref.districts.v1-value", "odop.ref.products.v1-value")) {
            assertThat(apicurio.send("GET", "/config/" + subject, null).json().get("compatibilityLevel").asText())
                    .as(subject).isEqualTo("BACKWARD");
        }
        assertThat(apicurio.send("GET", "/config", null).json().get("compatibilityLevel").asText()).isEqualTo("NONE");
        // BACKWARD is enforced: a producer adding a required field without default is refused.
        Schema breaking = new Schema.Parser().parse(LoiSigned.getClassSchema().toString()
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"currency\",\"type\":\"string\"},"));
        var refused = apicurio.send("POST", "/subjects/odop.lois.v1-value/versions",
                MAPPER.writeValueAsString(Map.of("schema", breaking.toString())));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    }

    @Test
    @DisplayName("start-up fails fast, naming subject and level, when Apicurio refuses this build's schema")
    void refusedSchemaFailsFast() throws Exception {
        apicurio.reset(CompatibilityLevel.NONE);
        // A subject holding an LoiSigned without "buyer", which this build needs and cannot default.
        Schema current = LoiSigned.getClassSchema();
        Schema withoutBuyer = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                current.getFields().stream().filter(f -> !f.name().equals("buyer"))
                        .map(f -> new Schema.Field(f, f.schema())).toList());
        var registered = apicurio.send("POST", "/subjects/odop.lois.v1-value/versions",
                MAPPER.writeValueAsString(Map.of("schema", withoutBuyer.toString())));
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);

        assertThatThrownBy(() -> PulseApplication.start(config("refused")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused org.odop.pulse.avro.LoiSigned under subject 'odop.lois.v1-value'")
                .hasMessageContaining("not BACKWARD-compatible")
                .hasMessageContaining("HTTP 409");
        assertThat(apicurio.send("GET", "/subjects/odop.lois.v1-value/versions", null).json()).hasSize(1);
    }
}
