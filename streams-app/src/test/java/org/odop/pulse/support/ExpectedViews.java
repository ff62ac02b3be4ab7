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
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
 * generator's own labels, so it stays right whatever ingest rejects. It keeps the exports and LOIs it counted,
 * each with the HS code it counts under, for {@link ExpectedTrade} to recompute the dollar, destination and HS
 * views from.
 */
public final class ExpectedViews {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final String[] MEASURES = {"loiCount", "loiValueInr", "exportShipments", "exportValueInr",
            "loiLinkedExportValueInr", "ecommerceOrders", "ecommerceGmvInr"};
    private static final Set<String> EXPORT_STAGES = Set.of("CUSTOMS_CLEARED", "SHIPPED", "DELIVERED");

    /** An export as counted: at its shipment's first export-stage event, with that event's fields. */
    public record Export(String district, String product, String country, String hsCode, Instant at, long paise) {}

    /** An LOI as counted. {@code hsCode} is its own, else its product's; null when neither has one. */
    public record Loi(String district, String product, String hsCode, Instant at, long paise) {}

    /**
     * More to compare on each district and state view that {@link #assertEveryView(Http, ViewCheck)} fetches, so
     * that other recomputations need no requests of their own.
     */
    public interface ViewCheck {
        void district(String district, String period, JsonNode view);

        void state(String state, String period, JsonNode view);
    }

    /** district -> period -> measure -> value (counts, or paise for money). */
    private final Map<String, Map<String, long[]>> expected = new TreeMap<>();
    private final Map<String, String> stateOf = new HashMap<>();
    private final Set<String> products = new HashSet<>();
    /** product -> its hsCode in the bundled reference data (absent when it has none). */
    private final Map<String, String> hsOf = new HashMap<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<Loi> lois = new ArrayList<>();
    private final Set<String> seenEvents = new HashSet<>();
    private final Set<String> exported = new HashSet<>();
    private long counted;

    public ExpectedViews() {
        for (JsonNode d : resource("/reference/districts.ndjson")) {
            stateOf.put(d.get("districtCode").asText(), d.get("stateCode").asText());
            expected.put(d.get("districtCode").asText(), new TreeMap<>());
        }
        for (JsonNode p : resource("/reference/products.ndjson")) {
            products.add(p.get("productCode").asText());
            if (p.hasNonNull("hsCode")) hsOf.put(p.get("productCode").asText(), p.get("hsCode").asText());
        }
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
            case LOIS -> {
                add(district, e.get("signedAt").asText(), 0, 1, paise(e.get("valueInr")));
                lois.add(new Loi(district, e.get("productCode").asText(), hsCode(e), instant(e.get("signedAt")),
                        paise(e.get("valueInr"))));
            }
            case SHIPMENTS -> {
                if (EXPORT_STAGES.contains(e.get("status").asText()) && exported.add(e.get("shipmentId").asText())) {
                    long value = paise(e.get("valueInr"));
                    add(district, e.get("occurredAt").asText(), 2, 1, value);
                    exports.add(new Export(district, e.get("productCode").asText(), e.get("destinationCountry").asText(),
                            hsCode(e), instant(e.get("occurredAt")), value));
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

    /** The exports counted so far, in the order they were counted. */
    public synchronized List<Export> exports() {
        return List.copyOf(exports);
    }

    /** The LOIs counted so far. */
    public synchronized List<Loi> lois() {
        return List.copyOf(lois);
    }

    /** Every district of the reference data, with its state. */
    public Map<String, String> stateOfDistrict() {
        return Map.copyOf(stateOf);
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
        return assertEveryView(http, null);
    }

    /** As {@link #assertEveryView(Http)}, and {@code more} compares each view fetched too (null: nothing more). */
    public synchronized int assertEveryView(Http http, ViewCheck more) {
        int compared = 0;
        for (var d : expected.entrySet()) {
            Set<String> periods = new TreeSet<>(d.getValue().keySet());
            periods.add("all");
            for (String period : periods) {
                JsonNode view = assertDistrict(http, d.getKey(), period);
                if (more != null) more.district(d.getKey(), period, view);
                compared++;
            }
        }
        for (String state : new TreeSet<>(stateOf.values())) {
            for (String period : periodsOfState(state)) {
                JsonNode view = assertState(http, state, period);
                if (more != null) more.state(state, period, view);
                compared++;
            }
        }
        return compared;
    }

    /** Every period some district has a count in, and "all". */
    public synchronized Set<String> periods() {
        Set<String> periods = new TreeSet<>();
        expected.values().forEach(byPeriod -> periods.addAll(byPeriod.keySet()));
        periods.add("all");
        return periods;
    }

    /** The periods an event on this IST day counts in: all, its fiscal year, its fiscal quarter, its month. */
    public static List<String> periodsOf(LocalDate ist) {
        int fyStart = ist.getMonthValue() >= 4 ? ist.getYear() : ist.getYear() - 1;
        String fy = String.format("FY%d-%02d", fyStart, (fyStart + 1) % 100);
        String month = String.format("%d-%02d", ist.getYear(), ist.getMonthValue());
        // Q1 April to June, Q2 July to September, Q3 October to December, Q4 January to March.
        String quarter = fy + "-Q" + (ist.getMonthValue() <= 3 ? 4 : (ist.getMonthValue() - 1) / 3);
        return List.of("all", fy, quarter, month);
    }

    /** The IST calendar day of an instant. */
    public static LocalDate istDay(Instant at) {
        return at.atZone(IST).toLocalDate();
    }

    private JsonNode assertDistrict(Http http, String district, String period) {
        var view = http.get("/api/v1/districts/" + district + "?period=" + period);
        assertThat(view.status()).as(district + " " + period + ": " + view.body()).isEqualTo(200);
        JsonNode json = view.json();
        assertMeasures(json, expected.get(district).getOrDefault(period, new long[MEASURES.length]),
                district + " " + period);
        return json;
    }

    private JsonNode assertState(Http http, String state, String period) {
        long[] want = new long[MEASURES.length];
        for (var d : expected.entrySet()) {
            if (!stateOf.get(d.getKey()).equals(state)) continue;
            long[] m = d.getValue().get(period);
            if (m != null) for (int i = 0; i < want.length; i++) want[i] += m[i];
        }
        var view = http.get("/api/v1/states/" + state + "?period=" + period);
        assertThat(view.status()).as(state + " " + period + ": " + view.body()).isEqualTo(200);
        JsonNode json = view.json();
        assertMeasures(json, want, state + " " + period);
        return json;
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
        for (String period : periodsOf(istDay(OffsetDateTime.parse(time).toInstant()))) {
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

    /** The event's own HS code when it has one, else its product's; null when neither has one. */
    private String hsCode(JsonNode e) {
        if (e.hasNonNull("hsCode") && !e.get("hsCode").asText().isBlank()) return e.get("hsCode").asText();
        return hsOf.get(e.get("productCode").asText());
    }

    private static Instant instant(JsonNode time) {
        return OffsetDateTime.parse(time.asText()).toInstant();
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
