package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.odop.pulse.support.ExpectedTrade;
import org.odop.pulse.support.ExpectedViews;
import org.odop.pulse.support.Http;

/**
 * At least 100,000 generated events (with duplicates, late, out-of-order, invalid and unknown-district
 * records), and a few hand-made ones for the edges the generator never reaches, go through the real pipeline;
 * every district and state total of every period from the REST API must equal a recomputation here, in plain
 * Java that shares no code with the pipeline, to the paisa and to the cent; so must the destinations, HS and
 * dollar-ranking views. Then exchange rates arrive late (other currencies, and USD rates that revalue) and
 * the views must equal the recomputation at the new rates.
 */
class ExactTotalsIntegrationTest {
    /** The sample of periods the destination, HS and ranking views are compared in (all of them must have exports). */
    private static final List<String> SAMPLE_PERIODS = List.of("all", "FY2024-25", "FY2024-25-Q2", "2023-03", "2022-03");
    private static final List<String> STATES_WITH_HS_FILTER = List.of("JK", "UP");

    @TempDir
    Path dir;

    @Test
    @DisplayName("100,000+ mixed events: every district and state total, destination, HS and dollar view equals an independent recomputation, also after late rates")
    void exactTotals() throws Exception {
        List<GeneratedLine> lines = new DemoDataGenerator(
                DemoOptions.backfill(DemoOptions.BACKFILL_SEED, Instant.parse("2025-03-31T00:00:00Z"), 101_000)).stream().toList();
        assertThat(lines.size()).isGreaterThanOrEqualTo(100_000);
        long invalid = lines.stream().filter(l -> l.twist().invalid()).count();
        ExpectedViews expected = new ExpectedViews();
        ExpectedTrade trade = new ExpectedTrade(expected);
        for (GeneratedLine l : lines) if (!l.twist().invalid()) expected.accepted(l.type(), l.json());
        // The backfill starts on 1 April 2022 (IST), the first bundled USD rate: no generated export lacks a rate.
        assertThat(expected.exports()).allSatisfy(e -> assertThat(ExpectedViews.istDay(e.at())).isAfterOrEqualTo(trade.firstRateDay()));
        Map<RecordType, List<String>> edges = edgeLines();
        edges.forEach((type, ofType) -> ofType.forEach(json -> expected.accepted(type, json)));
        long edgeLines = edges.values().stream().mapToLong(List::size).sum();

        try (PulseApplication app = PulseApplication.start(PulseConfig.embeddedDefaults(dir).withPorts(0, 0, 0))) {
            Http http = Http.of(app);
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
                    rejected += r.json().get("rejectedCount").asLong();
                }
            }
            for (var e : edges.entrySet()) {
                var r = http.post("/api/v1/ingest/" + e.getKey().pathName(), "application/x-ndjson", String.join("\n", e.getValue()));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                accepted += r.json().get("accepted").asLong();
            }
            assertThat(rejected).isEqualTo(invalid);
            assertThat(accepted).isEqualTo(lines.size() - invalid + edgeLines);

            // Wait until every district's all-time totals match, then compare everything.
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> expected.assertAllTime(http));
            long t0 = System.nanoTime();
            // Every district and state view of every period, dollars included.
            assertThat(expected.assertEveryView(http, trade)).isGreaterThan(500);
            long t1 = System.nanoTime();
            int tradeViews = tradeViews(http, expected, trade);
            assertThat(tradeViews).isGreaterThan(500);
            long t2 = System.nanoTime();
            // The edges make some exports with no rate in force: the unconverted rupees are not all zero.
            assertThat(trade.nationalDollars("2022-03")[1]).isPositive();

            // Rates of other currencies, far from the dollar's figures, on days that have no USD rate and have exports
            // (one before every USD rate, where the February 2022 export must stay unconverted): they value nothing.
            String others = String.join("\n",
                    rate(trade, "EUR", "2022-03-20", "88.1000"), rate(trade, "EUR", "2023-03-25", "89.5000"),
                    rate(trade, "GBP", "2024-09-10", "105.2500"), rate(trade, "GBP", "2022-02-01", "101.0000"),
                    rate(trade, "AED", "2023-06-15", "22.0500"), rate(trade, "AED", "2025-03-05", "23.4000"));
            // Sent after them on the one-partition rates topic, so once these show, those have been read too.
            Map<String, long[]> before = dollarsOf(trade, List.of("2023-03", "2024-09", "2022-03", "2025-03"));
            String usd = String.join("\n",
                    // between the bundled 2023-03-01 (81.90) and 2023-04-01 (81.80)
                    rate(trade, "USD", "2023-03-15", "80.0000"),
                    // a changed figure for the bundled 2024-09-01 (83.10)
                    rate(trade, "USD", "2024-09-01", "81.3333"),
                    // before the first bundled rate (2022-04-01): the edge exports of March 2022 get dollars
                    rate(trade, "USD", "2022-03-01", "74.5000"));
            Map<String, long[]> after = dollarsOf(trade, List.of("2023-03", "2024-09", "2022-03", "2025-03"));
            // The recomputation moves where the new rates are in force, and only there.
            assertThat(after.get("2023-03")[0]).isNotEqualTo(before.get("2023-03")[0]);
            assertThat(after.get("2024-09")[0]).isGreaterThan(before.get("2024-09")[0]);
            assertThat(after.get("2022-03")[1]).isZero();
            assertThat(before.get("2022-03")[1]).isPositive();
            assertThat(after.get("2025-03")).containsExactly(before.get("2025-03"));
            assertThat(trade.nationalDollars("2022-02")[1]).as("February 2022 stays without a rate").isPositive();

            for (String body : List.of(others, usd)) {
                var r = http.post("/api/v1/ingest/fx-rates", "application/x-ndjson", body);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().get("accepted").asLong()).isEqualTo(body.lines().count());
            }
            Set<String> revalued = new TreeSet<>();
            for (String month : List.of("2023-03", "2024-09", "2022-03")) {
                revalued.addAll(ExpectedViews.periodsOf(LocalDate.parse(month + "-15")));
            }
            long t3 = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> trade.assertDollarsOfStates(http, revalued));
            long t4 = System.nanoTime();
            // Then all again: every district's dollars in every period (through the state views, which list their
            // districts), and the destination, HS and ranking views.
            assertThat(trade.assertDollarsOfStates(http, expected.periods())).isGreaterThan(100);
            assertThat(tradeViews(http, expected, trade)).isGreaterThan(500);
            long t5 = System.nanoTime();
            System.out.printf("EXACT totals: every view %d ms, %d trade views %d ms; rates revalued within %d ms, "
                    + "compared again in %d ms%n", ms(t1 - t0), tradeViews, ms(t2 - t1), ms(t4 - t3), ms(t5 - t4));
        }
    }

    /**
     * Compares the destinations of every district and every state, every district's and state's dollars in a
     * ranking, the national destinations with each state and each product filter, and the HS view of every
     * prefix of every code in the data, in the sample of periods. Returns how many views were compared.
     */
    private static int tradeViews(Http http, ExpectedViews expected, ExpectedTrade trade) {
        int compared = 0;
        Set<String> states = new TreeSet<>(expected.stateOfDistrict().values());
        Set<String> products = new TreeSet<>();
        expected.exports().forEach(e -> products.add(e.product()));
        Set<String> prefixes = new TreeSet<>();
        for (String code : trade.hsCodes()) {
            for (int n = 2; n <= code.length(); n += 2) prefixes.add(code.substring(0, n));
        }
        assertThat(prefixes).as("HS prefixes of 2, 4, 6 and 8 digits in the data")
                .anyMatch(p -> p.length() == 2).anyMatch(p -> p.length() == 4)
                .anyMatch(p -> p.length() == 6).anyMatch(p -> p.length() == 8);
        prefixes.add("0101"); // live horses: in no event
        for (String period : SAMPLE_PERIODS) {
            for (String district : expected.stateOfDistrict().keySet()) {
                trade.assertDistrictDestinations(http, district, period);
                compared++;
            }
            for (String state : states) {
                trade.assertStateDestinations(http, state, period);
                trade.assertDestinations(http, period, state, null);
                trade.assertUsdRanking(http, period, state);
                compared += 3;
            }
            for (String product : products) {
                trade.assertDestinations(http, period, null, product);
                compared++;
            }
            trade.assertDestinations(http, period, null, null);
            trade.assertDestinations(http, period, "UP", "CHIKANKARI");
            trade.assertDestinations(http, period, "UP", "SAFFRON"); // a product of another state: nothing
            trade.assertUsdRanking(http, period, null);
            compared += 4;
            for (String prefix : prefixes) {
                trade.assertHs(http, prefix, period, null);
                compared++;
            }
        }
        for (String prefix : prefixes) {
            for (String state : STATES_WITH_HS_FILTER) {
                trade.assertHs(http, prefix, "all", state);
                compared++;
            }
        }
        return compared;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static Map<String, long[]> dollarsOf(ExpectedTrade trade, List<String> periods) {
        Map<String, long[]> out = new LinkedHashMap<>();
        periods.forEach(p -> out.put(p, trade.nationalDollars(p)));
        return out;
    }

    /** One line for /api/v1/ingest/fx-rates, and the recomputation told of it. */
    private static String rate(ExpectedTrade trade, String currency, String validFrom, String inrPerUnit) {
        trade.rateSent(currency, LocalDate.parse(validFrom), new BigDecimal(inrPerUnit));
        return String.format("{\"currency\":\"%s\",\"validFrom\":\"%s\",\"inrPerUnit\":\"%s\",\"source\":\"test\"}",
                currency, validFrom, inrPerUnit);
    }

    /**
     * Events the generator never makes: exports before the first bundled USD rate, on both sides of an IST
     * midnight that is not the UTC one, tiny values whose cells round half to even, an own HS code in a cell
     * whose HS sub-cells round to other cents than the cell, events with their own HS code (8 digits, and a
     * 4-digit one), and an LOI with its own HS code.
     */
    private static Map<RecordType, List<String>> edgeLines() {
        List<String> shipments = List.of(
                // No USD rate before 2022-04-01 (bundled): unconverted; the rate of 2022-03-01 sent later converts
                // all but the first.
                shipment("e1", "E1", "JK-PULWAMA", "SAFFRON", null, "CUSTOMS_CLEARED", "150000.00", "AE", "2022-02-20T10:00:00+05:30"),
                shipment("e2", "E2", "JK-PULWAMA", "SAFFRON", "09102010", "CUSTOMS_CLEARED", "200000.00", "AE", "2022-03-10T10:00:00+05:30"),
                // 23:59:59 IST on 31 March 2022, then midnight IST (1 April: 75.20 -> $1,000.00).
                shipment("e3", "E3", "UP-VARANASI", "BANARASI-SILK", null, "SHIPPED", "75200.00", "US", "2022-03-31T18:29:59Z"),
                shipment("e3b", "E3", "UP-VARANASI", "BANARASI-SILK", null, "DELIVERED", "75200.00", "US", "2022-04-20T10:00:00+05:30"),
                shipment("e4", "E4", "UP-VARANASI", "BANARASI-SILK", null, "DELIVERED", "75200.00", "US", "2022-03-31T18:30:00Z"),
                // 86.0000 from 2025-03-01 (bundled): 2 x 43 paise and 43 paise with their own HS code are one cell of
                // 129 paise, 1.5 -> 2 cents, in the district, product and destination views; the HS views take the
                // sub-cells, 86 paise under the product's code (1 cent) and 43 under 950691 (0.5 -> 0); 215 paise
                // 2.5 -> 2.
                shipment("e5", "E5", "JK-KULGAM", "WILLOW-BAT", null, "CUSTOMS_CLEARED", "0.43", "ZA", "2025-03-10T10:00:00+05:30"),
                shipment("e6", "E6", "JK-KULGAM", "WILLOW-BAT", null, "SHIPPED", "0.43", "ZA", "2025-03-10T23:00:00+05:30"),
                shipment("e7", "E7", "JK-KULGAM", "WILLOW-BAT", "950691", "CUSTOMS_CLEARED", "0.43", "ZA", "2025-03-10T12:00:00+05:30"),
                shipment("e8", "E8", "JK-KULGAM", "WILLOW-BAT", null, "CUSTOMS_CLEARED", "2.15", "KE", "2025-03-10T12:00:00+05:30"),
                // 10 March 2025 in UTC, 11 March in IST: another cell, 0.5 -> 0 cents.
                shipment("e9", "E9", "JK-KULGAM", "WILLOW-BAT", null, "CUSTOMS_CLEARED", "0.43", "ZA", "2025-03-10T18:30:00Z"),
                // 81.90 from 2023-03-01 (bundled), then 80.00 from 2023-03-15 (sent later): 200 paise 2.44 -> 2.5 -> 2
                // cents, 120 paise 1.47 -> 1.5 -> 2; the 14th keeps 81.90.
                shipment("e10", "E10", "JK-KULGAM", "WILLOW-BAT", null, "CUSTOMS_CLEARED", "1.00", "ZA", "2023-03-20T10:00:00+05:30"),
                shipment("e11", "E11", "JK-KULGAM", "WILLOW-BAT", null, "CUSTOMS_CLEARED", "1.00", "ZA", "2023-03-20T11:00:00+05:30"),
                shipment("e12", "E12", "JK-KULGAM", "WILLOW-BAT", null, "CUSTOMS_CLEARED", "1.20", "KE", "2023-03-20T10:00:00+05:30"),
                shipment("e13", "E13", "JK-KULGAM", "WILLOW-BAT", null, "CUSTOMS_CLEARED", "1.20", "KE", "2023-03-14T10:00:00+05:30"),
                // The last second of September 2024 (IST) takes the changed 2024-09-01 rate; the next one October's.
                shipment("e14", "E14", "UP-BHADOHI", "HAND-TUFTED-CARPET", null, "CUSTOMS_CLEARED", "8310.00", "US", "2024-09-30T18:29:59Z"),
                shipment("e15", "E15", "UP-BHADOHI", "HAND-TUFTED-CARPET", null, "CUSTOMS_CLEARED", "8280.00", "US", "2024-09-30T18:30:00Z"),
                // Own HS codes: 8 digits under the product's 6-digit heading's neighbour, and a bare 4-digit heading.
                shipment("e16", "E16", "JK-JAMMU", "BASMATI", "10063090", "CUSTOMS_CLEARED", "500000.00", "AE", "2023-11-05T10:00:00+05:30"),
                shipment("e17", "E17", "UP-LUCKNOW", "CHIKANKARI", "6211", "SHIPPED", "40000.00", "GB", "2024-01-15T10:00:00+05:30"));
        List<String> lois = List.of(
                loi("el1", "JK-PULWAMA", "SAFFRON", "09102010", "500000.00", "2022-03-15T11:00:00+05:30"),
                loi("el2", "JK-JAMMU", "BASMATI", "10063090", "1200000.00", "2023-11-01T11:00:00+05:30"));
        Map<RecordType, List<String>> out = new EnumMap<>(RecordType.class);
        out.put(RecordType.LOIS, lois);
        out.put(RecordType.SHIPMENTS, shipments);
        return out;
    }

    private static String shipment(String eventId, String shipmentId, String district, String product, String hsCode,
                                   String status, String rupees, String country, String at) {
        return String.format("{\"eventId\":\"edge-%s\",\"shipmentId\":\"EDGE-%s\",\"districtCode\":\"%s\",\"productCode\":\"%s\","
                        + "%s\"status\":\"%s\",\"quantity\":\"1\",\"unit\":\"pcs\",\"valueInr\":\"%s\",\"destinationCountry\":\"%s\","
                        + "\"occurredAt\":\"%s\"}", eventId, shipmentId, district, product,
                hsCode == null ? "" : "\"hsCode\":\"" + hsCode + "\",", status, rupees, country, at);
    }

    private static String loi(String eventId, String district, String product, String hsCode, String rupees, String at) {
        return String.format("{\"eventId\":\"edge-%s\",\"loiId\":\"EDGE-%s\",\"meetId\":\"EDGE-BSM\",\"districtCode\":\"%s\","
                        + "\"productCode\":\"%s\",\"hsCode\":\"%s\",\"buyer\":\"FabIndia\",\"seller\":\"Edge Seller\","
                        + "\"valueInr\":\"%s\",\"signedAt\":\"%s\"}", eventId, eventId, district, product, hsCode, rupees, at);
    }
}
