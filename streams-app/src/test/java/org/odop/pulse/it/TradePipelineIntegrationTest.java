package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.support.Cli;
import org.odop.pulse.support.Http;

/**
 * Shipments, orders, state views, rankings, stalled shipments, the import / dead-letters / replay-dlq
 * commands, on a real broker. The tests share one application; they run in name order, so the FY2022-23
 * totals that tradeViewsAndStates checks are not yet touched by unknownDistrictReplay (fxRatesImport, first,
 * counts in Uttar Pradesh in FY2021-22 only).
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class TradePipelineIntegrationTest {
    private static final String NDJSON = "application/x-ndjson";

    @TempDir
    static Path dir;

    private static PulseApplication app;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        // Unknown codes parked at once (no wait for late reference data), as these tests replay them.
        app = PulseApplication.start(PulseConfig.embeddedDefaults(dir.resolve("state")).withPorts(0, 0, 0).toBuilder()
                .hold(org.odop.pulse.topology.common.HoldPolicy.PARK_AT_ONCE).build());
        http = Http.of(app);
        await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    private static String[] cluster() {
        return new String[] {"--bootstrap-servers", app.bootstrapServers(), "--schema-registry-url", app.schemaRegistryUrl()};
    }

    private static String shipment(String eventId, String id, String district, String status, String value, String at, String loi) {
        return String.format("{\"eventId\":\"%s\",\"shipmentId\":\"%s\",%s\"districtCode\":\"%s\",\"productCode\":\"SAFFRON\","
                        + "\"status\":\"%s\",\"quantity\":\"25.5\",\"unit\":\"kg\",\"valueInr\":\"%s\",\"destinationCountry\":\"AE\","
                        + "\"port\":\"Mundra\",\"occurredAt\":\"%s\"}", eventId, id,
                loi == null ? "" : "\"loiId\":\"" + loi + "\",", district, status, value, at);
    }

    private static String order(String eventId, String id, String status, String amount, String at) {
        return String.format("{\"eventId\":\"%s\",\"orderId\":\"%s\",\"platform\":\"AMAZON\",\"districtCode\":\"JK-SRINAGAR\","
                + "\"productCode\":\"PASHMINA\",\"quantity\":1,\"amountInr\":\"%s\",\"status\":\"%s\",\"occurredAt\":\"%s\"}",
                eventId, id, amount, status, at);
    }

    @Test
    @DisplayName("import --type fx-rates: bad lines are named and parked, a USD rate before the bundled ones converts an export, and odop_export_value_usd shows it")
    void fxRatesImport() throws Exception {
        // 15 March 2022 (FY2021-22): before the first bundled USD rate (2022-04-01), so unconverted for now.
        // Delivered, so never a stalled shipment for stalledShipments to see.
        var export = http.post("/api/v1/ingest/shipments", NDJSON, "{\"eventId\":\"fx1\",\"shipmentId\":\"FX-1\","
                + "\"districtCode\":\"UP-VARANASI\",\"productCode\":\"BANARASI-SILK\",\"status\":\"DELIVERED\","
                + "\"quantity\":\"10\",\"unit\":\"pcs\",\"valueInr\":\"74500.00\",\"destinationCountry\":\"US\","
                + "\"occurredAt\":\"2022-03-15T10:00:00+05:30\"}");
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var view = http.get("/api/v1/districts/UP-VARANASI?period=2022-03").json();
            assertThat(view.get("exportValueInrUnconverted").decimalValue()).isEqualByComparingTo("74500.00");
            assertThat(view.get("exportValueUsd").decimalValue()).isZero();
        });

        Path rates = dir.resolve("rates.csv");
        Files.writeString(rates, "currency,validFrom,inrPerUnit,source\n"
                + "USD,2022-03-01,74.5000,CBIC\n"
                + "XYZ,2022-03-01,1.0000,test\n"
                + "EUR,2022-03-01,82.10,CBIC\n"
                + "USD,2022-03-02,74.12345,CBIC\n");
        var r = Cli.run(concat(new String[] {"import", "--type", "fx-rates", rates.toString()}, cluster()));
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("Imported fx-rates: 2 accepted, 2 rejected")
                .contains(rates + ":3: field 'currency' 'XYZ' is not valid (ISO 4217")
                .contains(rates + ":5: field 'inrPerUnit' has more than 4 decimals");

        // Rs 74,500 at 74.50 = $1,000.00, in the district, its product row and the gauge.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var view = http.get("/api/v1/districts/UP-VARANASI?period=2022-03").json();
            assertThat(view.get("exportValueUsd").decimalValue()).isEqualByComparingTo("1000.00");
            assertThat(view.get("exportValueInrUnconverted").decimalValue()).isZero();
            assertThat(view.get("products").get(0).get("productCode").asText()).isEqualTo("BANARASI-SILK");
            assertThat(view.get("products").get(0).get("exportValueUsd").decimalValue()).isEqualByComparingTo("1000.00");
            assertThat(http.get("/metrics").body()).contains(
                    "odop_export_value_usd{district=\"UP-VARANASI\",period=\"2022-03\",product=\"BANARASI-SILK\",state=\"UP\"} 1000.0",
                    "odop_export_value_usd{district=\"UP-VARANASI\",period=\"FY2021-22\",product=\"BANARASI-SILK\",state=\"UP\"} 1000.0");
        });
    }

    @Test
    @DisplayName("exports, e-commerce and state views are exact, and a file imported twice counts once")
    void tradeViewsAndStates() throws Exception {
        Path shipments = dir.resolve("shipments.ndjson");
        Files.writeString(shipments, String.join("\n",
                shipment("s1", "SH1", "JK-PULWAMA", "BOOKED", "150000.00", "2022-09-01T10:00:00+05:30", "L1"),
                shipment("s2", "SH1", "JK-PULWAMA", "CUSTOMS_CLEARED", "150000.25", "2022-09-10T10:00:00+05:30", "L1"),
                shipment("s3", "SH1", "JK-PULWAMA", "SHIPPED", "150000.25", "2022-09-12T10:00:00+05:30", "L1"),
                shipment("s4", "SH2", "JK-PULWAMA", "DELIVERED", "99.99", "2023-04-02T10:00:00+05:30", null),
                shipment("s5", "SH3", "JK-SRINAGAR", "SHIPPED", "1000.00", "2022-09-15T10:00:00+05:30", null)) + "\n");
        for (int i = 0; i < 2; i++) {
            var r = Cli.run(concat(new String[] {"import", "--type", "shipments", shipments.toString()}, cluster()));
            assertThat(r.exitCode()).as(r.out()).isZero();
            assertThat(r.out()).contains("5 accepted, 0 rejected");
        }
        var orders = http.post("/api/v1/ingest/orders", NDJSON, String.join("\n",
                order("o1", "A1", "PLACED", "2500.50", "2022-09-01T10:00:00+05:30"),
                order("o2", "A2", "PLACED", "1000.00", "2022-09-02T10:00:00+05:30"),
                order("o3", "A1", "RETURNED", "2500.50", "2022-10-01T10:00:00+05:30")));
        assertThat(orders.status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var pulwama = http.get("/api/v1/districts/JK-PULWAMA").json();
            assertThat(pulwama.get("exportShipments").asLong()).isEqualTo(2);
            assertThat(pulwama.get("exportValueInr").decimalValue()).isEqualByComparingTo("150100.24");
            assertThat(pulwama.get("loiLinkedExportValueInr").decimalValue()).isEqualByComparingTo("150000.25");
            var srinagar = http.get("/api/v1/districts/JK-SRINAGAR?period=2022-10").json();
            assertThat(srinagar.get("ecommerceOrders").asLong()).isEqualTo(-1);
            assertThat(srinagar.get("ecommerceGmvInr").decimalValue()).isEqualByComparingTo("-2500.50");
        });
        var state = http.get("/api/v1/states/JK?period=FY2022-23");
        assertThat(state.status()).isEqualTo(200);
        assertThat(state.json().get("exportValueInr").decimalValue()).isEqualByComparingTo("151000.25");
        assertThat(state.json().get("ecommerceGmvInr").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(state.json().get("districts")).hasSize(20);
        assertThat(state.body()).contains("\"districtCode\":\"JK-PULWAMA\",\"districtName\":\"Pulwama\"");
        assertThat(http.get("/api/v1/states/ZZ").status()).isEqualTo(404);

        // Rankings for one product, and the same as CSV for spreadsheets.
        var saffron = http.get("/api/v1/products/SAFFRON/districts?metric=exportValue&period=FY2022-23").json();
        assertThat(saffron.get("entries").get(0).get("districtCode").asText()).isEqualTo("JK-PULWAMA");
        assertThat(saffron.get("entries").get(0).get("value").decimalValue()).isEqualByComparingTo("150000.25");
        var csv = http.getWithAccept("/api/v1/rankings?metric=exportValue&period=FY2022-23&state=JK", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).startsWith(
                "rank,districtCode,districtName,stateCode,value,sharePct,previousValue,growthPct",
                "1,JK-PULWAMA,Pulwama,JK,150000.25,99.34,0.00,",
                "2,JK-SRINAGAR,Srinagar,JK,1000.00,0.66,0.00,");
        assertThat(csv.body().lines().count()).isEqualTo(3);
        var badMetric = http.get("/api/v1/rankings?metric=gdp");
        assertThat(badMetric.status()).isEqualTo(400);
        assertThat(badMetric.body()).contains("loiValue, exportValue, exportValueUsd, ecommerceGmv, loiConversion");
        assertThat(http.get("/api/v1/rankings?metric=loiValue&period=2022-13").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/products/NOPE/districts?metric=loiValue").status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get("/metrics").body()).contains(
                "odop_export_value_inr{district=\"JK-PULWAMA\",period=\"all\",product=\"SAFFRON\",state=\"JK\"} 150100.24",
                "odop_ecommerce_orders{district=\"JK-SRINAGAR\",period=\"all\",product=\"PASHMINA\",state=\"JK\"} 1.0"));
    }

    @Test
    @DisplayName("an event for an unknown district is parked, reported, and counts exactly once after the fix and two replays")
    void unknownDistrictReplay() throws Exception {
        Path file = dir.resolve("kupwara.ndjson");
        Files.writeString(file, shipment("k1", "SHK1", "JK-NEWDISTRICT", "CUSTOMS_CLEARED", "777.77",
                "2022-11-01T10:00:00+05:30", null) + "\n{broken\n");
        var imported = Cli.run(concat(new String[] {"import", "--type", "shipments", file.toString()}, cluster()));
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.out()).contains("1 accepted, 1 rejected").contains(":2: not valid JSON");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var report = Cli.run(concat(new String[] {"dead-letters", "--reason", "UNKNOWN_DISTRICT"}, cluster()));
            assertThat(report.out()).contains("odop.shipments.v1  UNKNOWN_DISTRICT").contains("JK-NEWDISTRICT");
        });

        var fix = http.post("/api/v1/ingest/districts", "text/csv",
                "districtCode,name,stateCode,stateName\nJK-NEWDISTRICT,New District,JK,Jammu and Kashmir\n");
        assertThat(fix.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/districts/JK-NEWDISTRICT").status() == 200);

        for (int i = 0; i < 2; i++) {
            var replay = Cli.run(concat(new String[] {"replay-dlq"}, cluster()));
            assertThat(replay.exitCode()).isZero();
            assertThat(replay.out()).contains("odop.shipments.v1 UNKNOWN_DISTRICT");
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var view = http.get("/api/v1/districts/JK-NEWDISTRICT").json();
            assertThat(view.get("exportShipments").asLong()).isEqualTo(1);
            assertThat(view.get("exportValueInr").decimalValue()).isEqualByComparingTo("777.77");
        });
    }

    @Test
    @DisplayName("a shipment imported with an old timestamp is in the stalled list within a minute and leaves it when delivered")
    void stalledShipments() {
        String bookedLongAgo = java.time.OffsetDateTime.now().minusDays(9).toString();
        var booked = http.post("/api/v1/ingest/shipments", NDJSON,
                shipment("st1", "SH-STALL", "JK-BARAMULLA", "BOOKED", "5000.00", bookedLongAgo, null) + "\n"
                        + shipment("st2", "SH-FRESH", "JK-BARAMULLA", "BOOKED", "5000.00",
                        java.time.OffsetDateTime.now().minusDays(1).toString(), null));
        assertThat(booked.status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var list = http.get("/api/v1/shipments/stalled?state=JK&district=JK-BARAMULLA").json();
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("shipmentId").asText()).isEqualTo("SH-STALL");
            assertThat(list.get(0).get("status").asText()).isEqualTo("BOOKED");
            assertThat(list.get(0).get("limitSeconds").asLong()).isEqualTo(7 * 24 * 3600);
            assertThat(list.get(0).get("stalledSeconds").asLong()).isGreaterThan(9 * 24 * 3600 - 120);
        });
        assertThat(http.get("/api/v1/shipments/stalled?state=UP").json()).isEmpty();
        assertThat(http.get("/metrics").body())
                .contains("odop_stalled_shipments{district=\"JK-BARAMULLA\",stage=\"BOOKED\",state=\"JK\"} 1.0")
                .contains("odop_shipment_alerts_total{type=\"STALLED\"}");

        var delivered = http.post("/api/v1/ingest/shipments", NDJSON, shipment("st3", "SH-STALL", "JK-BARAMULLA",
                "DELIVERED", "5000.00", java.time.OffsetDateTime.now().toString(), null));
        assertThat(delivered.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(http.get("/api/v1/shipments/stalled?district=JK-BARAMULLA").json()).isEmpty();
            assertThat(http.get("/metrics").body()).doesNotContain("odop_stalled_shipments{district=\"JK-BARAMULLA\"");
        });

        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, org.odop.pulse.avro.ShipmentAlert>(
                java.util.Map.of("bootstrap.servers", app.bootstrapServers(), "group.id", "alerts-test",
                        "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.odop.pulse.config.PulseSerdes(new org.odop.pulse.registry.RestSchemaRegistryClient(app.schemaRegistryUrl()))
                        .value(org.odop.pulse.config.Topics.SHIPMENT_ALERTS).deserializer())) {
            consumer.subscribe(java.util.List.of(org.odop.pulse.config.Topics.SHIPMENT_ALERTS.name()));
            java.util.List<String> types = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.value().getShipmentId().startsWith("SH-")) types.add(r.value().getType() + " " + r.value().getShipmentId());
                });
                assertThat(types).containsExactly("STALLED SH-STALL", "RESOLVED SH-STALL");
            });
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
