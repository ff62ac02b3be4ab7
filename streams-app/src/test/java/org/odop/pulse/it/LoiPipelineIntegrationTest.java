package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.config.Topics;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.runtime.StreamsSettings;
import org.odop.pulse.support.Http;

/** The LOI slice end to end on a real in-process KRaft broker: ingest over HTTP, REST views (district, meet, follow-up), metrics, restart. */
class LoiPipelineIntegrationTest {
    private static final String NDJSON = "application/x-ndjson";

    @TempDir
    Path stateDir;

    private PulseConfig config() {
        return PulseConfig.embeddedDefaults(stateDir).withPorts(0, 0, 0);
    }

    private static String loi(String eventId, String district, String product, String valueInr, String signedAt) {
        return String.format("{\"eventId\":\"%s\",\"loiId\":\"L-%s\",\"meetId\":\"BSM-SKICC-2022-07-30\","
                + "\"districtCode\":\"%s\",\"productCode\":\"%s\",\"buyer\":\"FabIndia\",\"seller\":\"Seller %s\","
                + "\"valueInr\":%s,\"signedAt\":\"%s\"}", eventId, eventId, district, product, eventId, valueInr, signedAt);
    }

    private static Http awaitReady(PulseApplication app) {
        Http http = Http.of(app);
        await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);
        return http;
    }

    private static void awaitLoiValue(Http http, String district, String period, String expectedInr) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var view = http.get("/api/v1/districts/" + district + "?period=" + period);
            assertThat(view.status()).isEqualTo(200);
            assertThat(view.json().get("loiValueInr").decimalValue()).isEqualByComparingTo(expectedInr);
        });
    }

    @Test
    @DisplayName("LOIs ingested over HTTP show exact sums in the district view and /metrics, and survive a restart")
    void endToEnd() throws Exception {
        String body = String.join("\n",
                loi("e1", "JK-SRINAGAR", "PASHMINA", "35000000.10", "2022-07-30T11:00:00+05:30"),
                loi("e2", "JK-SRINAGAR", "PAPIER-MACHE", "\"69999999.90\"", "2022-07-30T12:30:00+05:30"),
                loi("e3", "JK-SRINAGAR", "PASHMINA", "-1", "2022-07-30T12:30:00+05:30"),
                loi("e4", "JK-PULWAMA", "SAFFRON", "1234.56", "2022-03-31T20:00:00Z"));
        try (PulseApplication app = PulseApplication.start(config())) {
            Http http = awaitReady(app);

            var ingest = http.post("/api/v1/ingest/lois", NDJSON, body);
            assertThat(ingest.status()).isEqualTo(422);
            assertThat(ingest.json().get("accepted").asInt()).isEqualTo(3);
            assertThat(ingest.json().get("rejected").get(0).get("line").asInt()).isEqualTo(3);
            assertThat(ingest.json().get("rejected").get(0).get("reason").asText()).contains("negative");

            // Bytes from some other producer that are not Avro: parked, counted, and the pipeline goes on.
            try (var raw = new KafkaProducer<byte[], byte[]>(StreamsSettings.producer(app.bootstrapServers()))) {
                raw.send(new ProducerRecord<>(Topics.LOIS.name(), "JK-SRINAGAR".getBytes(StandardCharsets.UTF_8),
                        "garbage".getBytes(StandardCharsets.UTF_8))).get();
            }

            awaitLoiValue(http, "JK-SRINAGAR", "all", "105000000.00");
            var response = http.get("/api/v1/districts/JK-SRINAGAR?period=2022-07");
            assertThat(response.body()).contains("\"loiValueInr\":105000000.00")
                    .contains("\"productCode\":\"PASHMINA\",\"productName\":\"Pashmina shawls\",\"loiCount\":1,\"loiValueInr\":35000000.10");
            var view = response.json();
            assertThat(view.get("districtName").asText()).isEqualTo("Srinagar");
            assertThat(view.get("stateCode").asText()).isEqualTo("JK");
            assertThat(view.get("loiCount").asInt()).isEqualTo(2);
            assertThat(view.get("products")).hasSize(2);
            awaitLoiValue(http, "JK-PULWAMA", "FY2022-23", "1234.56");
            assertThat(http.get("/api/v1/districts/JK-PULWAMA?period=FY2021-22").json().get("loiCount").asInt()).isZero();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String metrics = http.get("/metrics").body();
                assertThat(metrics).contains(
                        "odop_loi_value_inr{district=\"JK-SRINAGAR\",period=\"all\",product=\"PASHMINA\",state=\"JK\"} 3.50000001E7");
                assertThat(metrics).contains(
                        "odop_loi_count{district=\"JK-SRINAGAR\",period=\"all\",product=\"PAPIER-MACHE\",state=\"JK\"} 1.0");
                assertThat(metrics).contains(
                        "odop_dead_letter_records_total{reason=\"INVALID_FIELD\",source=\"ingest:lois\"} 1.0");
                assertThat(metrics).contains(
                        "odop_dead_letter_records_total{reason=\"NOT_DESERIALIZABLE\",source=\"odop.lois.v1\"} 1.0");
                assertThat(metrics).contains("kafka_stream_");
                assertThat(metrics).contains("jvm_memory_used_bytes");
            });

            // The meet the LOIs name, read from every partition of the meet store: all signed in 2022 with no
            // linked export, so all due for follow-up (the views, and the gauge per district).
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var meet = http.get("/api/v1/meets/BSM-SKICC-2022-07-30");
                assertThat(meet.status()).as(meet.body()).isEqualTo(200);
                assertThat(meet.json().get("loiCount").asInt()).isEqualTo(3);
            });
            var meet = http.get("/api/v1/meets/BSM-SKICC-2022-07-30");
            assertThat(meet.body()).contains("\"loiValueInr\":105001234.56,\"buyers\":1,\"sellers\":3,"
                    + "\"linkedExportShipments\":0,\"linkedExportValueInr\":0.00,\"conversion\":0.0000");
            assertThat(meet.json().get("lois")).extracting(l -> l.get("status").asText()).containsExactly("DUE", "DUE", "DUE");
            assertThat(http.get("/api/v1/meets?state=JK").json().get("meets")).extracting(m -> m.get("meetId").asText())
                    .containsExactly("BSM-SKICC-2022-07-30");
            assertThat(http.get("/api/v1/lois/follow-up?district=JK-SRINAGAR").json().get("lois"))
                    .extracting(l -> l.get("loiId").asText()).containsExactly("L-e1", "L-e2");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get("/metrics").body())
                    .contains("odop_loi_follow_up_due{district=\"JK-SRINAGAR\",state=\"JK\"} 2.0")
                    .contains("odop_loi_follow_up_due{district=\"JK-PULWAMA\",state=\"JK\"} 1.0"));

            assertThat(http.get("/api/v1/districts/XX-NOWHERE").status()).isEqualTo(404);
            assertThat(http.get("/api/v1/districts/JK-SRINAGAR?period=FY2022-24").status()).isEqualTo(400);
            assertThat(http.post("/api/v1/ingest/lois", "text/plain", "x").status()).isEqualTo(415);
            // Refused on its Content-Length, before the body is read (a POST sending the whole body can lose the answer:
            // the server closes the connection while the client is still writing, and the client sees a broken pipe).
            assertThat(http.statusBeforeBody("/api/v1/ingest/lois", NDJSON, 65L * 1024 * 1024)).isEqualTo(413);

            // With its streams stopped the instance cannot answer for any partition: 503 and Retry-After, never
            // a partial or empty answer.
            app.streams().close(org.apache.kafka.streams.CloseOptions.groupMembershipOperation(
                    org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
            for (String path : java.util.List.of("/api/v1/districts/JK-SRINAGAR", "/api/v1/states/JK",
                    "/api/v1/rankings?metric=loiValue", "/api/v1/shipments/stalled", "/api/v1/meets",
                    "/api/v1/meets/BSM-SKICC-2022-07-30", "/api/v1/lois/follow-up")) {
                var refused = http.get(path);
                assertThat(refused.status()).as(path + " " + refused.body()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).as(path).isPresent();
            }
            assertThat(http.get("/health/ready").status()).isEqualTo(503);
        }

        // Same state directory: the broker, registry and stores come back with every number, counted once.
        try (PulseApplication app = PulseApplication.start(config())) {
            Http http = awaitReady(app);
            awaitLoiValue(http, "JK-SRINAGAR", "all", "105000000.00");
            assertThat(http.get("/api/v1/districts/JK-SRINAGAR").json().get("loiCount").asInt()).isEqualTo(2);

            var more = http.post("/api/v1/ingest/lois", NDJSON,
                    loi("e5", "JK-SRINAGAR", "PASHMINA", "0.01", "2022-08-01T09:00:00+05:30"));
            assertThat(more.status()).isEqualTo(200);
            awaitLoiValue(http, "JK-SRINAGAR", "all", "105000000.01");
            assertThat(http.get("/api/v1/districts/JK-SRINAGAR").json().get("loiCount").asInt()).isEqualTo(3);
        }
    }
}
