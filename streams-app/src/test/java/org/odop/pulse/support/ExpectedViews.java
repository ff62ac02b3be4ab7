package org.odop.pulse.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.odop.pulse.ingest.RecordType;

/**
 * What every district and state view must show, recomputed in plain Java from the lines ingest accepted
 * (in the order they were sent), sharing no code with the pipeline: reference data from the seeded files,
 * each eventId counted once, a shipment's export value once at its first export stage, orders signed by
 * status. The same rules as {@code ExactTotalsIntegrationTest}, fed from ingest answers instead of the
 * generator's own labels, so it stays right whatever ingest rejects.
 */
public final class ExpectedViews {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final String[] MEASURES = {"loiCount", "loiValueInr", "exportShipments", "exportValueInr",
            "loiLinkedExportValueInr", "ecommerceOrders", "ecommerceGmvInr"};
    private static final Set<String> EXPORT_STAGES = Set.of("CUSTOMS_CLEARED", "SHIPPED", "DELIVERED");

    /** district -> period -> measure -> value (counts, or paise for money). */
    private final Map<String, Map<String, long[]>> expected = new TreeMap<>();
    private final Map<String, String> stateOf = new HashMap<>();
    private final Set<String> products = new HashSet<>();
    private final Set<String> seenEvents = new HashSet<>();
    private final Set<String> exported = new HashSet<>();
    private long counted;

    public ExpectedViews() {
        for (JsonNode d : resource("/reference/districts.ndjson")) {
            stateOf.put(d.get("districtCode").asText(), d.get("stateCode").asText());
            expected.put(d.get("districtCode").asText(), new TreeMap<>());
        }
        for (JsonNode p : resource("/reference/products.ndjson")) products.add(p.get("productCode").asText());
    }

    /** One line ingest accepted (200, or 422 for another line of its body). */
    public synchronized void accepted(RecordType type, String json) {
        JsonNode e;
        try {
            e = JSON.readTree(json);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        String district = e.get("districtCode").asText();
        if (!stateOf.containsKey(district) || !products.contains(e.get("productCode").asText())) return;
        if (!seenEvents.add(e.get("eventId").asText())) return;
        counted++;
        switch (type) {
            case LOIS -> add(district, e.get("signedAt").asText(), 0, 1, paise(e.get("valueInr")));
            case SHIPMENTS -> {
                if (EXPORT_STAGES.contains(e.get("status").asText()) && exported.add(e.get("shipmentId").asText())) {
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

    /** Distinct known events so far (what the views are made of). */
    public synchronized long countedEvents() {
        return counted;
    }

    /** Quick check for Awaitility: every district's all-time view is what it must be. */
    public synchronized void assertAllTime(Http http) {
        for (String district : expected.keySet()) assertDistrict(http, district, "all");
    }

    /**
     * Compares every district view and every state view of every period seen (and "all") with the
     * recomputation; returns how many views were compared.
     */
    public synchronized int assertEveryView(Http http) {
        int compared = 0;
        for (var d : expected.entrySet()) {
            Set<String> periods = new TreeSet<>(d.getValue().keySet());
            periods.add("all");
            for (String period : periods) {
                assertDistrict(http, d.getKey(), period);
                compared++;
            }
        }
        for (String state : new TreeSet<>(stateOf.values())) {
            for (String period : periodsOfState(state)) {
                assertState(http, state, period);
                compared++;
            }
        }
        return compared;
    }

    private void assertDistrict(Http http, String district, String period) {
        var view = http.get("/api/v1/districts/" + district + "?period=" + period);
        assertThat(view.status()).as(district + " " + period + ": " + view.body()).isEqualTo(200);
        assertMeasures(view.json(), expected.get(district).getOrDefault(period, new long[MEASURES.length]),
                district + " " + period);
    }

    private void assertState(Http http, String state, String period) {
        long[] want = new long[MEASURES.length];
        for (var d : expected.entrySet()) {
            if (!stateOf.get(d.getKey()).equals(state)) continue;
            long[] m = d.getValue().get(period);
            if (m != null) for (int i = 0; i < want.length; i++) want[i] += m[i];
        }
        var view = http.get("/api/v1/states/" + state + "?period=" + period);
        assertThat(view.status()).as(state + " " + period + ": " + view.body()).isEqualTo(200);
        assertMeasures(view.json(), want, state + " " + period);
    }

    private static void assertMeasures(JsonNode view, long[] want, String what) {
        for (int i = 0; i < MEASURES.length; i++) {
            String name = MEASURES[i];
            BigDecimal actual = view.get(name).decimalValue();
            BigDecimal wanted = name.endsWith("Inr") ? BigDecimal.valueOf(want[i], 2) : BigDecimal.valueOf(want[i]);
            assertThat(actual).as(what + " " + name).isEqualByComparingTo(wanted);
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

    private Set<String> periodsOfState(String state) {
        Set<String> periods = new TreeSet<>();
        expected.forEach((d, byPeriod) -> {
            if (stateOf.get(d).equals(state)) periods.addAll(byPeriod.keySet());
        });
        periods.add("all");
        return periods;
    }

    private static long paise(JsonNode money) {
        return new BigDecimal(money.asText()).movePointRight(2).longValueExact();
    }

    private static List<JsonNode> resource(String name) {
        List<JsonNode> rows = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(
                ExpectedViews.class.getResourceAsStream(name), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) rows.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
