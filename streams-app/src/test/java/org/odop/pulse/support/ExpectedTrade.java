package org.odop.pulse.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What the dollar, destination and HS views must show, recomputed in plain Java from the exports and LOIs that
 * {@link ExpectedViews} counted, sharing no code with the pipeline (README, "How the numbers are counted"):
 * export value is grouped into cells of (district, product, destination country, IST day); a cell's paise
 * divided by the USD rate in force on its day (the one with the greatest validFrom on or before it) and rounded
 * half-even give its cents, and a cell with no rate in force counts as unconverted paise instead; the district,
 * product, state and destination views are sums of cells. HS views are sums of the (cell x HS code) sub-cells,
 * valued the same way. The rates are the bundled USD series plus every rate the test says it sent; rates of
 * other currencies value nothing.
 */
public final class ExpectedTrade implements ExpectedViews.ViewCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USD = "USD";

    // Indexes of the sums of a view.
    private static final int LOI_COUNT = 0, LOI_PAISE = 1, SHIPMENTS = 2, EXPORT_PAISE = 3, CENTS = 4, UNCONVERTED = 5;

    private final ExpectedViews counted;
    private final Map<String, String> stateOf;
    private final Map<String, String> chapters = new HashMap<>();
    /** USD rates, rupees per dollar, by the IST day from which they are in force. */
    private final TreeMap<LocalDate, BigDecimal> usd = new TreeMap<>();
    private int ratesVersion;
    private Snapshot snapshot;
    // usd, ratesVersion and snapshot are guarded by the lock of `counted`.

    public ExpectedTrade(ExpectedViews counted) {
        this.counted = counted;
        this.stateOf = counted.stateOfDistrict();
        for (String line : lines("/reference/fx-rates.ndjson")) {
            JsonNode r = read(line);
            if (r.get("currency").asText().equals(USD)) {
                usd.put(LocalDate.parse(r.get("validFrom").asText()), new BigDecimal(r.get("inrPerUnit").asText()));
            }
        }
        for (String line : lines("/reference/hs-chapters.tsv")) {
            String[] cols = line.split("\t");
            chapters.put(cols[0], cols[1]);
        }
    }

    /** A rate the test sent to {@code /api/v1/ingest/fx-rates}: a USD rate replaces the one of its day, if any. */
    public void rateSent(String currency, LocalDate validFrom, BigDecimal inrPerUnit) {
        if (!currency.equals(USD)) return;
        synchronized (counted) {
            usd.put(validFrom, inrPerUnit);
            ratesVersion++;
        }
    }

    /** The first day of the USD rates known (bundled or sent). */
    public LocalDate firstRateDay() {
        synchronized (counted) {
            return usd.firstKey();
        }
    }

    /** Every district's dollars in a period, summed: {cents, unconverted paise}. */
    public long[] nationalDollars(String period) {
        Snapshot s = now();
        long[] sum = new long[2];
        for (String d : stateOf.keySet()) {
            sum[0] += s.dollars(d, period)[0];
            sum[1] += s.dollars(d, period)[1];
        }
        return sum;
    }

    /** Every HS code the counted exports and LOIs count under. */
    public Set<String> hsCodes() {
        Set<String> codes = new TreeSet<>();
        Snapshot s = now();
        s.hsCells.forEach(c -> codes.add(c.hs));
        s.lois.forEach(l -> { if (l.hs != null) codes.add(l.hs); });
        return codes;
    }

    // ----- district and state views: exportValueUsd and exportValueInrUnconverted, checked on views others fetch

    @Override
    public void district(String district, String period, JsonNode view) {
        Snapshot s = now();
        String what = district + " " + period;
        assertDollars(view, s.dollars(district, period), what);
        // Each product row: the sum of that product's cells.
        Set<String> listed = new TreeSet<>();
        for (JsonNode row : view.get("products")) {
            String product = row.get("productCode").asText();
            assertDollars(row, s.dollars(district + "|" + product, period), what + " product " + product);
            listed.add(product);
        }
        Set<String> exported = new TreeSet<>();
        for (Cell c : s.cells) if (c.district.equals(district) && c.periods.contains(period)) exported.add(c.product);
        assertThat(listed).as(what + " product rows").containsAll(exported);
    }

    @Override
    public void state(String state, String period, JsonNode view) {
        Snapshot s = now();
        long[] sum = new long[2];
        for (var d : stateOf.entrySet()) {
            if (!d.getValue().equals(state)) continue;
            long[] m = s.dollars(d.getKey(), period);
            sum[0] += m[0];
            sum[1] += m[1];
        }
        assertDollars(view, sum, state + " " + period);
        // The state view lists each of its districts' totals too.
        int rows = 0;
        for (JsonNode row : view.get("districts")) {
            String d = row.get("districtCode").asText();
            assertDollars(row, s.dollars(d, period), state + " " + period + " row " + d);
            rows++;
        }
        assertThat(rows).as(state + " " + period + " district rows")
                .isEqualTo(stateOf.values().stream().filter(state::equals).count());
    }

    /**
     * Compares the dollars of every district, in every period given, through the state views (each lists its
     * districts' totals): one request per state and period. Returns how many views were compared.
     */
    public int assertDollarsOfStates(Http http, Collection<String> periods) {
        int compared = 0;
        for (String state : new TreeSet<>(stateOf.values())) {
            for (String period : periods) {
                var r = http.get("/api/v1/states/" + state + "?period=" + period);
                assertThat(r.status()).as(state + " " + period + ": " + r.body()).isEqualTo(200);
                state(state, period, r.json());
                compared++;
            }
        }
        return compared;
    }

    // ----- rankings by exportValueUsd

    /** {@code /api/v1/rankings?metric=exportValueUsd&period=...&limit=0}, nationally or in one state. */
    public void assertUsdRanking(Http http, String period, String state) {
        var r = http.get("/api/v1/rankings?metric=exportValueUsd&limit=0&period=" + period + (state == null ? "" : "&state=" + state));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Snapshot s = now();
        List<Map.Entry<String, Long>> ranked = new ArrayList<>();
        for (String d : stateOf.keySet()) {
            if (state != null && !stateOf.get(d).equals(state)) continue;
            long cents = s.dollars(d, period)[0];
            if (cents != 0) ranked.add(Map.entry(d, cents));
        }
        ranked.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        long total = ranked.stream().mapToLong(Map.Entry::getValue).sum();
        List<String> want = new ArrayList<>();
        int rank = 0;
        for (int i = 0; i < ranked.size(); i++) {
            if (i == 0 || !ranked.get(i).getValue().equals(ranked.get(i - 1).getValue())) rank = i + 1;
            want.add(rank + " " + ranked.get(i).getKey() + " " + money(ranked.get(i).getValue()));
        }
        List<String> got = new ArrayList<>();
        for (JsonNode e : r.json().get("entries")) {
            got.add(e.get("rank").asInt() + " " + e.get("districtCode").asText() + " " + money(hundredths(e.get("value"))));
        }
        String what = "exportValueUsd ranking " + period + (state == null ? "" : " " + state);
        assertThat(got).as(what).isEqualTo(want);
        assertThat(hundredths(r.json().get("total"))).as(what + " total").isEqualTo(total);
    }

    // ----- destinations

    /** {@code /api/v1/districts/{code}/destinations?period=...} */
    public void assertDistrictDestinations(Http http, String district, String period) {
        assertDestinations(http, "/api/v1/districts/" + district + "/destinations?period=" + period,
                c -> c.district.equals(district));
    }

    /** {@code /api/v1/states/{code}/destinations?period=...} */
    public void assertStateDestinations(Http http, String state, String period) {
        assertDestinations(http, "/api/v1/states/" + state + "/destinations?period=" + period,
                c -> stateOf.get(c.district).equals(state));
    }

    /** {@code /api/v1/destinations?period=...}, of one state and of one product where they are not null. */
    public void assertDestinations(Http http, String period, String state, String product) {
        assertDestinations(http, "/api/v1/destinations?period=" + period + (state == null ? "" : "&state=" + state)
                        + (product == null ? "" : "&product=" + product),
                c -> (state == null || stateOf.get(c.district).equals(state)) && (product == null || c.product.equals(product)));
    }

    private void assertDestinations(Http http, String path, Predicate<Cell> scope) {
        var r = http.get(path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        String period = period(path);
        Map<String, long[]> byCountry = new TreeMap<>();
        for (Cell c : now().cells) {
            if (c.periods.contains(period) && scope.test(c)) c.addTo(byCountry.computeIfAbsent(c.country, k -> new long[6]));
        }
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(byCountry.entrySet());
        rows.sort(Comparator.comparing((Map.Entry<String, long[]> e) -> e.getValue()[EXPORT_PAISE]).reversed()
                .thenComparing(Map.Entry::getKey));
        List<String> want = rows.stream().map(e -> destination(e.getKey(), e.getValue()[SHIPMENTS], e.getValue()[EXPORT_PAISE],
                e.getValue()[CENTS], e.getValue()[UNCONVERTED])).toList();
        List<String> got = new ArrayList<>();
        for (JsonNode d : r.json().get("destinations")) {
            got.add(destination(d.get("country").asText(), d.get("exportShipments").longValue(), hundredths(d.get("exportValueInr")),
                    hundredths(d.get("exportValueUsd")), hundredths(d.get("exportValueInrUnconverted"))));
        }
        assertThat(got).as(path).isEqualTo(want);
    }

    private static String destination(String country, long shipments, long paise, long cents, long unconverted) {
        return country + " shipments=" + shipments + " inr=" + money(paise) + " usd=" + money(cents) + " unconverted=" + money(unconverted);
    }

    // ----- HS codes

    /** {@code /api/v1/hs/{prefix}?period=...}, of one state where it is not null. */
    public void assertHs(Http http, String prefix, String period, String state) {
        String path = "/api/v1/hs/" + prefix + "?period=" + period + (state == null ? "" : "&state=" + state);
        var r = http.get(path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        Map<String, long[]> byDistrict = new TreeMap<>();
        Snapshot s = now();
        Predicate<String> inScope = d -> state == null || stateOf.get(d).equals(state);
        for (Cell c : s.hsCells) {
            if (c.hs.startsWith(prefix) && c.periods.contains(period) && inScope.test(c.district)) {
                c.addTo(byDistrict.computeIfAbsent(c.district, k -> new long[6]));
            }
        }
        for (LoiRow l : s.lois) {
            if (l.hs != null && l.hs.startsWith(prefix) && l.periods.contains(period) && inScope.test(l.district)) {
                long[] m = byDistrict.computeIfAbsent(l.district, k -> new long[6]);
                m[LOI_COUNT]++;
                m[LOI_PAISE] += l.paise;
            }
        }
        long[] total = new long[6];
        byDistrict.values().forEach(m -> { for (int i = 0; i < total.length; i++) total[i] += m[i]; });
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(byDistrict.entrySet());
        rows.sort(Comparator.comparing((Map.Entry<String, long[]> e) -> e.getValue()[EXPORT_PAISE]).reversed()
                .thenComparing(Map.Entry::getKey));
        List<String> want = new ArrayList<>();
        want.add("total lois=" + total[LOI_COUNT] + " shipments=" + total[SHIPMENTS] + " " + hsMoney(total[LOI_PAISE],
                total[EXPORT_PAISE], total[CENTS], total[UNCONVERTED]));
        rows.forEach(e -> want.add(e.getKey() + " " + stateOf.get(e.getKey()) + " " + hsMoney(e.getValue()[LOI_PAISE],
                e.getValue()[EXPORT_PAISE], e.getValue()[CENTS], e.getValue()[UNCONVERTED])));

        JsonNode v = r.json();
        List<String> got = new ArrayList<>();
        got.add("total lois=" + v.get("loiCount").longValue() + " shipments=" + v.get("exportShipments").longValue() + " "
                + hsMoney(hundredths(v.get("loiValueInr")), hundredths(v.get("exportValueInr")), hundredths(v.get("exportValueUsd")),
                hundredths(v.get("exportValueInrUnconverted"))));
        for (JsonNode d : v.get("districts")) {
            got.add(d.get("districtCode").asText() + " " + d.get("stateCode").asText() + " " + hsMoney(hundredths(d.get("loiValueInr")),
                    hundredths(d.get("exportValueInr")), hundredths(d.get("exportValueUsd")), hundredths(d.get("exportValueInrUnconverted"))));
        }
        assertThat(got).as(path).isEqualTo(want);
        assertThat(v.get("hsPrefix").asText()).as(path).isEqualTo(prefix);
        String chapter = chapters.get(prefix.substring(0, 2));
        if (chapter == null) assertThat(v.hasNonNull("chapterName")).as(path + " chapterName").isFalse();
        else assertThat(v.get("chapterName").asText()).as(path + " chapterName").isEqualTo(chapter);
    }

    private static String hsMoney(long loiPaise, long exportPaise, long cents, long unconverted) {
        return "loi=" + money(loiPaise) + " inr=" + money(exportPaise) + " usd=" + money(cents) + " unconverted=" + money(unconverted);
    }

    // ----- the recomputation

    /** One cell ({@code hs} null) or HS sub-cell: its key, and the sums of the exports in it. */
    private static final class Cell {
        final LocalDate day;
        final String district, product, country, hs;
        final List<String> periods;
        long shipments, paise, cents, unconverted;

        Cell(LocalDate day, String district, String product, String country, String hs) {
            this.day = day;
            this.district = district;
            this.product = product;
            this.country = country;
            this.hs = hs;
            this.periods = ExpectedViews.periodsOf(day);
        }

        void addTo(long[] m) {
            m[SHIPMENTS] += shipments;
            m[EXPORT_PAISE] += paise;
            m[CENTS] += cents;
            m[UNCONVERTED] += unconverted;
        }
    }

    private record LoiRow(String district, String hs, List<String> periods, long paise) {}

    private record Key(LocalDate day, String district, String product, String country, String hs) {}

    /**
     * The cells, HS sub-cells and LOIs of what has been counted, valued at the rates known, with every district's
     * and every district's products' dollars by period.
     */
    private static final class Snapshot {
        /** Cells of (day, district, product, country): what district, product, state and destination views sum. */
        final List<Cell> cells = new ArrayList<>();
        /** Cells split by HS code (exports with none in no sub-cell): what HS views sum. */
        final List<Cell> hsCells = new ArrayList<>();
        final List<LoiRow> lois = new ArrayList<>();
        /** district, or district|product -> period -> {cents, unconverted paise} */
        final Map<String, Map<String, long[]>> dollars = new HashMap<>();
        final int exports, loiCount, ratesVersion;

        Snapshot(List<ExpectedViews.Export> exports, List<ExpectedViews.Loi> counted, NavigableMap<LocalDate, BigDecimal> usd,
                 int ratesVersion) {
            this.exports = exports.size();
            this.loiCount = counted.size();
            this.ratesVersion = ratesVersion;
            Map<Key, Cell> byKey = new HashMap<>();
            for (ExpectedViews.Export e : exports) {
                LocalDate day = ExpectedViews.istDay(e.at());
                add(byKey, new Key(day, e.district(), e.product(), e.country(), null), e.paise());
                if (e.hsCode() != null) add(byKey, new Key(day, e.district(), e.product(), e.country(), e.hsCode()), e.paise());
            }
            for (Cell c : byKey.values()) {
                var rate = usd.floorEntry(c.day);
                if (rate == null) c.unconverted = c.paise;
                else c.cents = centsHalfEven(c.paise, rate.getValue());
                if (c.hs != null) {
                    hsCells.add(c);
                    continue;
                }
                cells.add(c);
                for (String p : c.periods) {
                    for (String row : List.of(c.district, c.district + "|" + c.product)) {
                        long[] m = dollars.computeIfAbsent(row, d -> new HashMap<>()).computeIfAbsent(p, x -> new long[2]);
                        m[0] += c.cents;
                        m[1] += c.unconverted;
                    }
                }
            }
            for (ExpectedViews.Loi l : counted) {
                lois.add(new LoiRow(l.district(), l.hsCode(), ExpectedViews.periodsOf(ExpectedViews.istDay(l.at())), l.paise()));
            }
        }

        private static void add(Map<Key, Cell> byKey, Key key, long paise) {
            Cell c = byKey.computeIfAbsent(key, k -> new Cell(k.day(), k.district(), k.product(), k.country(), k.hs()));
            c.shipments++;
            c.paise += paise;
        }

        /** {cents, unconverted paise} of a district, or of a district's product ({@code district|product}). */
        long[] dollars(String row, String period) {
            long[] m = dollars.getOrDefault(row, Map.of()).get(period);
            return m == null ? new long[2] : m;
        }
    }

    /**
     * {@code paise / inrPerUnit} in cents, rounded half to even, in whole numbers: with the rate as R / 10^s,
     * cents = paise * 10^s / R.
     */
    static long centsHalfEven(long paise, BigDecimal inrPerUnit) {
        assertThat(paise).as("a cell's paise").isNotNegative();
        BigDecimal rate = inrPerUnit.scale() < 0 ? inrPerUnit.setScale(0) : inrPerUnit;
        BigInteger numerator = BigInteger.valueOf(paise).multiply(BigInteger.TEN.pow(rate.scale()));
        BigInteger denominator = rate.unscaledValue();
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        int half = qr[1].shiftLeft(1).compareTo(denominator);
        BigInteger q = qr[0];
        if (half > 0 || (half == 0 && q.testBit(0))) q = q.add(BigInteger.ONE);
        return q.longValueExact();
    }

    /**
     * The recomputation of what has been counted at the rates known now (rebuilt when either changed). Locks only
     * {@code counted}, which {@link ExpectedViews#assertEveryView(Http, ExpectedViews.ViewCheck)} holds while it
     * calls back here: one lock, so no deadlock with a feed counting on another thread.
     */
    private Snapshot now() {
        synchronized (counted) {
            List<ExpectedViews.Export> exports = counted.exports();
            List<ExpectedViews.Loi> lois = counted.lois();
            if (snapshot == null || snapshot.exports != exports.size() || snapshot.loiCount != lois.size()
                    || snapshot.ratesVersion != ratesVersion) {
                snapshot = new Snapshot(exports, lois, usd, ratesVersion);
            }
            return snapshot;
        }
    }

    private static void assertDollars(JsonNode view, long[] want, String what) {
        assertThat(hundredths(view.get("exportValueUsd"))).as(what + " exportValueUsd (cents)").isEqualTo(want[0]);
        assertThat(hundredths(view.get("exportValueInrUnconverted"))).as(what + " exportValueInrUnconverted (paise)")
                .isEqualTo(want[1]);
    }

    /** Money as shown (two decimals at most) in hundredths: paise or cents. */
    private static long hundredths(JsonNode money) {
        assertThat(money).as("a money field").isNotNull();
        return money.decimalValue().movePointRight(2).longValueExact();
    }

    private static String money(long hundredths) {
        return BigDecimal.valueOf(hundredths, 2).toPlainString();
    }

    private static String period(String path) {
        int at = path.indexOf("period=") + "period=".length();
        int end = path.indexOf('&', at);
        return end < 0 ? path.substring(at) : path.substring(at, end);
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String resource) {
        List<String> out = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(ExpectedTrade.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) if (!line.isBlank()) out.add(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
