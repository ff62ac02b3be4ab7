package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.support.Http;

/**
 * Three instances of the application on one real broker share the partitions; every instance answers
 * every query the same, equal to a recomputation here; after one instance stops, still correct.
 */
class MultiInstanceIntegrationTest {
    private static final List<String> DISTRICTS = List.of("JK-SRINAGAR", "JK-PULWAMA", "JK-JAMMU", "JK-BUDGAM",
            "JK-ANANTNAG", "JK-KATHUA", "UP-VARANASI", "UP-MORADABAD", "AS-KAMRUP", "RJ-RAJSAMAND", "ML-WEST-JAINTIA-HILLS");
    private static final List<String> PRODUCTS = List.of("PASHMINA", "SAFFRON", "BASMATI", "PAPIER-MACHE", "MUGA-SILK");

    @TempDir
    Path dir;

    /** Expected export value in paise per district, and LOI value, recomputed from what was sent. */
    private final Map<String, Long> exportPaise = new TreeMap<>();
    private final Map<String, Long> loiPaise = new TreeMap<>();

    private String dataSet() {
        Random random = new Random(42);
        StringBuilder lois = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            String d = DISTRICTS.get(random.nextInt(DISTRICTS.size()));
            long paise = 1 + random.nextInt(50_000_00);
            loiPaise.merge(d, paise, Long::sum);
            lois.append(String.format("{\"eventId\":\"l%d\",\"loiId\":\"L%d\",\"meetId\":\"M1\",\"districtCode\":\"%s\","
                    + "\"productCode\":\"%s\",\"buyer\":\"B\",\"seller\":\"S\",\"valueInr\":\"%s\",\"signedAt\":\"2023-0%d-15T10:00:00+05:30\"}\n",
                    i, i, d, PRODUCTS.get(random.nextInt(PRODUCTS.size())), BigDecimal.valueOf(paise, 2), 4 + random.nextInt(5)));
        }
        return lois.toString();
    }

    private String shipments() {
        Random random = new Random(7);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String d = DISTRICTS.get(random.nextInt(DISTRICTS.size()));
            long paise = 1 + random.nextInt(90_000_00);
            exportPaise.merge(d, paise, Long::sum);
            for (String status : List.of("BOOKED", "CUSTOMS_CLEARED", "SHIPPED")) {
                s.append(String.format("{\"eventId\":\"s%d-%s\",\"shipmentId\":\"SH%d\",\"districtCode\":\"%s\",\"productCode\":\"%s\","
                        + "\"status\":\"%s\",\"quantity\":\"1\",\"unit\":\"kg\",\"valueInr\":\"%s\",\"destinationCountry\":\"US\","
                        + "\"occurredAt\":\"2023-06-1%dT10:00:00+05:30\"}\n", i, status, i, d,
                        PRODUCTS.get(random.nextInt(PRODUCTS.size())), status, BigDecimal.valueOf(paise, 2), random.nextInt(10)));
            }
        }
        return s.toString();
    }

    /** @param key an admin key: the first instance's, as the others share its keys file */
    private static Http awaitReady(PulseApplication app, String key) {
        Http http = new Http(app.httpPort(), key);
        await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);
        return http;
    }

    private void assertAnswers(Http http) {
        for (String d : DISTRICTS) {
            var view = http.get("/api/v1/districts/" + d + "?period=FY2023-24");
            assertThat(view.status()).as(view.body()).isEqualTo(200);
            assertThat(view.json().get("exportValueInr").decimalValue())
                    .isEqualByComparingTo(BigDecimal.valueOf(exportPaise.getOrDefault(d, 0L), 2));
            assertThat(view.json().get("loiValueInr").decimalValue())
                    .isEqualByComparingTo(BigDecimal.valueOf(loiPaise.getOrDefault(d, 0L), 2));
        }
        var ranking = http.get("/api/v1/rankings?metric=exportValue&period=FY2023-24&limit=0");
        assertThat(ranking.status()).as(ranking.body()).isEqualTo(200);
        List<String> expectedOrder = new ArrayList<>(exportPaise.keySet());
        expectedOrder.sort(Comparator.comparing((String d) -> exportPaise.get(d)).reversed().thenComparing(d -> d));
        List<String> actualOrder = new ArrayList<>();
        for (JsonNode e : ranking.json().get("entries")) {
            actualOrder.add(e.get("districtCode").asText());
            assertThat(e.get("value").decimalValue())
                    .isEqualByComparingTo(BigDecimal.valueOf(exportPaise.get(e.get("districtCode").asText()), 2));
        }
        assertThat(actualOrder).isEqualTo(expectedOrder);
        long total = exportPaise.values().stream().mapToLong(Long::longValue).sum();
        assertThat(ranking.json().get("total").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(total, 2));
        // Every shipment sits at SHIPPED since 2023, far beyond 45 days: all stalled, whichever instance holds it.
        var stalled = http.get("/api/v1/shipments/stalled");
        assertThat(stalled.status()).as(stalled.body()).isEqualTo(200);
        assertThat(stalled.json()).hasSize(300);
        var jk = http.get("/api/v1/states/JK?period=FY2023-24").json();
        long jkLoi = loiPaise.entrySet().stream().filter(e -> e.getKey().startsWith("JK-")).mapToLong(Map.Entry::getValue).sum();
        assertThat(jk.get("loiValueInr").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(jkLoi, 2));
    }

    @Test
    @DisplayName("three instances answer every query identically and correctly, also after one of them stops")
    void threeInstances() throws Exception {
        PulseConfig first = PulseConfig.embeddedDefaults(dir.resolve("a")).withPorts(0, 0, 0);
        try (PulseApplication a = PulseApplication.start(first)) {
            PulseConfig other = first.asInstance(a.bootstrapServers(), a.schemaRegistryUrl(), dir.resolve("b"), 0);
            try (PulseApplication b = PulseApplication.start(other);
                 PulseApplication c = PulseApplication.start(first.asInstance(a.bootstrapServers(), a.schemaRegistryUrl(),
                         dir.resolve("c"), 0))) {
                List<Http> all = List.of(awaitReady(a, a.adminKey()), awaitReady(b, a.adminKey()),
                        awaitReady(c, a.adminKey()));
                await().atMost(Duration.ofSeconds(120)).until(() ->
                        a.streams().metadataForAllStreamsClients().size() == 3
                                && List.of(a, b, c).stream().allMatch(x -> x.streams().state() == KafkaStreams.State.RUNNING)
                                // the work is really shared: every instance owns some tasks
                                && List.of(a, b, c).stream().allMatch(x -> x.streams().metadataForLocalThreads().stream()
                                        .mapToInt(t -> t.activeTasks().size()).sum() > 0));

                assertThat(all.get(0).post("/api/v1/ingest/lois", "application/x-ndjson", dataSet()).status()).isEqualTo(200);
                assertThat(all.get(1).post("/api/v1/ingest/shipments", "application/x-ndjson", shipments()).status()).isEqualTo(200);

                for (Http http : all) {
                    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertAnswers(http));
                }
                // Identical bodies from every instance, not just equal numbers.
                String fromA = all.get(0).get("/api/v1/rankings?metric=loiValue&period=FY2023-24&state=JK&limit=0").body();
                assertThat(all.get(1).get("/api/v1/rankings?metric=loiValue&period=FY2023-24&state=JK&limit=0").body()).isEqualTo(fromA);
                assertThat(all.get(2).get("/api/v1/rankings?metric=loiValue&period=FY2023-24&state=JK&limit=0").body()).isEqualTo(fromA);
                // The destination and HS views gather their rows from every instance too: identical bodies, holding
                // every district's exports (all to the US) and several districts' rows of HS chapter 62 (PASHMINA).
                var destinations = all.get(0).get("/api/v1/destinations?period=FY2023-24");
                var hs = all.get(0).get("/api/v1/hs/62?period=FY2023-24");
                assertThat(destinations.json().get("destinations")).singleElement().satisfies(us -> {
                    assertThat(us.get("country").asText()).isEqualTo("US");
                    assertThat(us.get("exportShipments").asLong()).isEqualTo(300);
                    assertThat(us.get("exportValueInr").decimalValue()).isEqualByComparingTo(
                            BigDecimal.valueOf(exportPaise.values().stream().mapToLong(Long::longValue).sum(), 2));
                });
                assertThat(hs.json().get("districts").size()).as(hs.body()).isGreaterThan(1);
                for (Http instance : all.subList(1, 3)) {
                    assertThat(instance.get("/api/v1/destinations?period=FY2023-24").body()).isEqualTo(destinations.body());
                    assertThat(instance.get("/api/v1/hs/62?period=FY2023-24").body()).isEqualTo(hs.body());
                }

                c.close();
                for (Http http : all.subList(0, 2)) {
                    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertAnswers(http));
                }
            }
        }
    }
}
