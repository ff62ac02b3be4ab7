package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.demo.DemoDataGenerator;
import org.odop.pulse.demo.DemoOptions;
import org.odop.pulse.demo.GeneratedLine;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.support.Http;

/**
 * At least 100,000 generated events (with duplicates, late, out-of-order, invalid and unknown-district
 * records) go through the real pipeline; every district and state total of every period from the REST
 * API must equal a recomputation here, in plain Java that shares no code with the pipeline, to the paisa.
 */
class ExactTotalsIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final String[] MEASURES = {"loiCount", "loiValueInr", "exportShipments", "exportValueInr",
            "loiLinkedExportValueInr", "ecommerceOrders", "ecommerceGmvInr"};

    @TempDir
    Path dir;

    /** district -> period -> measure -> value (counts, or paise for money). */
    private final Map<String, Map<String, long[]>> expected = new TreeMap<>();

    @Test
    @DisplayName("100,000+ mixed events: every district and state total of every period equals an independent recomputation")
    void exactTotals() throws Exception {
        List<GeneratedLine> lines = new DemoDataGenerator(
                DemoOptions.backfill(DemoOptions.BACKFILL_SEED, Instant.parse("2025-03-31T00:00:00Z"), 101_000)).stream().toList();
        assertThat(lines.size()).isGreaterThanOrEqualTo(100_000);
        long invalid = lines.stream().filter(l -> l.twist().invalid()).count();
        recompute(lines);

        try (PulseApplication app = PulseApplication.start(PulseConfig.embeddedDefaults(dir).withPorts(0, 0, 0))) {
            Http http = new Http(app.httpPort());
            await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);

            long accepted = 0;
            long rejected = 0;
            Map<RecordType, List<String>> byType = new EnumMap<>(RecordType.class);
            for (GeneratedLine l : lines) byType.computeIfAbsent(l.type(), t -> new ArrayList<>()).add(l.json());
            for (var e : byType.entrySet()) {
                List<String> ofType = e.getValue();
                for (int from = 0; from < ofType.size(); from += 20_000) {
                    String body = String.join("\n", ofType.subList(from, Math.min(ofType.size(), from + 20_000)));
                    var r = http.post("/api/v1/ingest/" + e.getKey().pathName(), "application/x-ndjson", body);
                    assertThat(r.status()).as(r.body().substring(0, Math.min(500, r.body().length()))).isIn(200, 422);
                    accepted += r.json().get("accepted").asLong();
                    rejected += r.json().get("rejected").size();
                }
            }
            assertThat(rejected).isEqualTo(invalid);
            assertThat(accepted).isEqualTo(lines.size() - invalid);

            // Wait until the last district's all-time totals match, then compare everything.
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                for (String district : expected.keySet()) assertDistrict(http, district, "all");
            });
            int compared = 0;
            for (var d : expected.entrySet()) {
                for (String period : d.getValue().keySet()) {
                    assertDistrict(http, d.getKey(), period);
                    compared++;
                }
            }
            for (String state : states()) {
                for (String period : periodsOfState(state)) {
                    assertState(http, state, period);
                    compared++;
                }
            }
            assertThat(compared).isGreaterThan(500);
        }
    }

    private void assertDistrict(Http http, String district, String period) {
        var view = http.get("/api/v1/districts/" + district + "?period=" + period);
        assertThat(view.status()).as(district + " " + period).isEqualTo(200);
        long[] want = expected.get(district).getOrDefault(period, new long[MEASURES.length]);
        assertMeasures(view.json(), want, district + " " + period);
    }

    private void assertState(Http http, String state, String period) {
        long[] want = new long[MEASURES.length];
        for (var d : expected.entrySet()) {
            if (!stateOf.get(d.getKey()).equals(state)) continue;
            long[] m = d.getValue().get(period);
            if (m != null) for (int i = 0; i < want.length; i++) want[i] += m[i];
        }
        var view = http.get("/api/v1/states/" + state + "?period=" + period);
        assertThat(view.status()).isEqualTo(200);
        assertMeasures(view.json(), want, state + " " + period);
    }

    private static void assertMeasures(JsonNode view, long[] want, String what) {
        for (int i = 0; i < MEASURES.length; i++) {
            String name = MEASURES[i];
            BigDecimal actual = view.get(name).decimalValue();
            BigDecimal expected = name.endsWith("Inr") ? BigDecimal.valueOf(want[i], 2) : BigDecimal.valueOf(want[i]);
            assertThat(actual).as(what + " " + name).isEqualByComparingTo(expected);
        }
    }

    // --- the independent recomputation ------------------------------------------------------------

    private final Map<String, String> stateOf = new HashMap<>();
    private final Set<String> products = new HashSet<>();

    private void recompute(List<GeneratedLine> lines) throws Exception {
        for (JsonNode d : resource("/reference/districts.ndjson")) {
            stateOf.put(d.get("districtCode").asText(), d.get("stateCode").asText());
            expected.put(d.get("districtCode").asText(), new TreeMap<>());
        }
        for (JsonNode p : resource("/reference/products.ndjson")) products.add(p.get("productCode").asText());

        Set<String> seenEvents = new HashSet<>();
        Set<String> exported = new HashSet<>();
        for (GeneratedLine line : lines) {
            if (line.twist().invalid()) continue;
            JsonNode e = JSON.readTree(line.json());
            String district = e.get("districtCode").asText();
            if (!stateOf.containsKey(district) || !products.contains(e.get("productCode").asText())) continue;
            if (!seenEvents.add(e.get("eventId").asText())) continue;
            switch (line.type()) {
                case LOIS -> add(district, e.get("signedAt").asText(), 0, 1, paise(e.get("valueInr")));
                case SHIPMENTS -> {
                    String status = e.get("status").asText();
                    boolean exportStage = Set.of("CUSTOMS_CLEARED", "SHIPPED", "DELIVERED").contains(status);
                    if (exportStage && exported.add(e.get("shipmentId").asText())) {
                        long value = paise(e.get("valueInr"));
                        add(district, e.get("occurredAt").asText(), 2, 1, value);
                        if (e.hasNonNull("loiId") && !e.get("loiId").asText().isBlank()) {
                            add(district, e.get("occurredAt").asText(), 4, 0, value);
                        }
                    }
                }
                case ORDERS -> {
                    int sign = e.get("status").asText().equals("PLACED") ? 1 : -1;
                    add(district, e.get("occurredAt").asText(), 5, sign, sign * paise(e.get("amountInr")));
                }
                default -> { }
            }
        }
    }

    /** Adds a count to measure {@code index} and a value to {@code index + 1}, in every period of the time. */
    private void add(String district, String time, int index, long count, long value) {
        ZonedDateTime ist = OffsetDateTime.parse(time).atZoneSameInstant(IST);
        int fyStart = ist.getMonthValue() >= 4 ? ist.getYear() : ist.getYear() - 1;
        String fy = String.format("FY%d-%02d", fyStart, (fyStart + 1) % 100);
        String month = String.format("%d-%02d", ist.getYear(), ist.getMonthValue());
        // Q1 April to June, Q2 July to September, Q3 October to December, Q4 January to March.
        String quarter = fy + "-Q" + (ist.getMonthValue() <= 3 ? 4 : (ist.getMonthValue() - 1) / 3);
        for (String period : List.of("all", fy, quarter, month)) {
            long[] m = expected.get(district).computeIfAbsent(period, p -> new long[MEASURES.length]);
            if (index == 4) {
                m[4] += value;
            } else {
                m[index] += count;
                m[index + 1] += value;
            }
        }
    }

    private static long paise(JsonNode money) {
        return new BigDecimal(money.asText()).movePointRight(2).longValueExact();
    }

    private Set<String> states() {
        return new TreeSet<>(stateOf.values());
    }

    private Set<String> periodsOfState(String state) {
        Set<String> periods = new TreeSet<>();
        expected.forEach((d, byPeriod) -> {
            if (stateOf.get(d).equals(state)) periods.addAll(byPeriod.keySet());
        });
        periods.add("all");
        return periods;
    }

    private static List<JsonNode> resource(String name) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(
                ExactTotalsIntegrationTest.class.getResourceAsStream(name), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }
}
