package org.odop.pulse.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.odop.pulse.ingest.RecordType;

/**
 * What the buyer-seller meet views must show, recomputed in plain Java from the lines ingest accepted (in the order
 * they were sent), sharing no code with the pipeline: reference data from the seeded files, each eventId counted
 * once per family, an LOI known by its loiId (the same content again changes nothing, other content replaces it and
 * is a correction), a shipment exported once at its first CUSTOMS_CLEARED/SHIPPED/DELIVERED event with that event's
 * value, and linked to the LOI it names when it is in that LOI's district, whatever its period. Statuses and the
 * follow-up list depend on the wall clock passed in.
 * <p>
 * The views' JSON is read into the same records ({@link #meetsFrom}, {@link #meetFrom}, {@link #followUpFrom}) so
 * a comparison is one {@code equals}. Money is compared by value (trailing zeros stripped on both sides); the
 * scale the API writes is checked on raw bodies by the test.
 */
public final class ExpectedMeets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final Set<String> EXPORT_STAGES = Set.of("CUSTOMS_CLEARED", "SHIPPED", "DELIVERED");

    /** One LOI as counted: its latest content and the line it came in (to re-send or correct it). */
    public record Loi(String loiId, String meetId, String districtCode, String productCode, String buyer, String seller,
                      long paise, Instant signedAt, String hsCode, ObjectNode json) {
        boolean sameContent(Loi o) {
            return meetId.equals(o.meetId) && districtCode.equals(o.districtCode) && productCode.equals(o.productCode)
                    && buyer.equals(o.buyer) && seller.equals(o.seller) && paise == o.paise && signedAt.equals(o.signedAt)
                    && java.util.Objects.equals(hsCode, o.hsCode);
        }
    }

    /** A shipment counted as exported: once, with the value of its first export-stage event. */
    public record Export(String shipmentId, String loiId, String districtCode, long paise) {}

    // ---- the views, as records ----
    public record MeetRow(String meetId, Instant firstSignedAt, Instant lastSignedAt, List<String> districts, long loiCount,
                          BigDecimal loiValueInr, long linkedExportShipments, BigDecimal linkedExportValueInr,
                          BigDecimal conversion) {}

    public record MeetDetail(String meetId, Instant firstSignedAt, Instant lastSignedAt, long loiCount,
                             BigDecimal loiValueInr, long buyers, long sellers, long linkedExportShipments,
                             BigDecimal linkedExportValueInr, BigDecimal conversion, List<DistrictRow> districts,
                             List<LoiRow> lois, List<CorrectionRow> corrections) {}

    public record DistrictRow(String districtCode, long loiCount, BigDecimal loiValueInr, BigDecimal linkedExportValueInr) {}

    public record LoiRow(String loiId, String districtCode, String productCode, String buyer, String seller,
                         BigDecimal valueInr, Instant signedAt, long linkedExportShipments, BigDecimal linkedExportValueInr,
                         String status) {}

    /** A replaced version; when it was corrected is the pipeline's wall clock, checked apart. */
    public record CorrectionRow(String loiId, BigDecimal previousValueInr, String previousProductCode,
                                String previousDistrictCode) {}

    public record FollowUpRow(String loiId, String meetId, String districtCode, String productCode, String buyer,
                              String seller, BigDecimal valueInr, Instant signedAt, long daysSinceSigned) {}

    private final Duration followUpAfter;
    private final Map<String, String> stateOf = new HashMap<>();
    private final Set<String> products = new HashSet<>();
    private final Set<String> seenEvents = new HashSet<>();
    private final Map<String, Loi> lois = new LinkedHashMap<>();
    /** Every version an LOI had, oldest first (the current one last). */
    private final Map<String, List<Loi>> versions = new HashMap<>();
    private final List<CorrectionRow> corrections = new ArrayList<>();
    private final Map<String, Export> exports = new HashMap<>();
    private final Map<String, List<Export>> exportsByLoi = new HashMap<>();

    /** @param followUpAfter how long after signing an LOI with no linked export is due */
    public ExpectedMeets(Duration followUpAfter) {
        this.followUpAfter = followUpAfter;
        for (JsonNode d : resource("/reference/districts.ndjson")) {
            stateOf.put(d.get("districtCode").asText(), d.get("stateCode").asText());
        }
        for (JsonNode p : resource("/reference/products.ndjson")) products.add(p.get("productCode").asText());
    }

    /** One line ingest accepted; lines of other types than LOIs and shipments change no meet view. */
    public synchronized void accepted(RecordType type, String json) {
        if (type != RecordType.LOIS && type != RecordType.SHIPMENTS) return;
        ObjectNode e = read(json);
        String district = e.get("districtCode").asText();
        // An unknown district or product is held, not counted (the test runs far within the wait).
        if (!stateOf.containsKey(district) || !products.contains(e.get("productCode").asText())) return;
        if (!seenEvents.add(type + "|" + e.get("eventId").asText())) return;
        if (type == RecordType.LOIS) {
            Loi next = new Loi(e.get("loiId").asText(), e.get("meetId").asText(), district, e.get("productCode").asText(),
                    e.get("buyer").asText(), e.get("seller").asText(), paise(e.get("valueInr")),
                    OffsetDateTime.parse(e.get("signedAt").asText()).toInstant(),
                    e.hasNonNull("hsCode") ? e.get("hsCode").asText() : null, e);
            Loi counted = lois.get(next.loiId());
            if (counted != null && counted.sameContent(next)) return;
            if (counted != null) {
                corrections.add(new CorrectionRow(counted.loiId(), inr(counted.paise()), counted.productCode(),
                        counted.districtCode()));
            }
            lois.put(next.loiId(), next);
            versions.computeIfAbsent(next.loiId(), id -> new ArrayList<>()).add(next);
        } else if (EXPORT_STAGES.contains(e.get("status").asText()) && !exports.containsKey(e.get("shipmentId").asText())) {
            String loiId = e.hasNonNull("loiId") && !e.get("loiId").asText().isBlank() ? e.get("loiId").asText() : null;
            Export x = new Export(e.get("shipmentId").asText(), loiId, district, paise(e.get("valueInr")));
            exports.put(x.shipmentId(), x);
            if (loiId != null) exportsByLoi.computeIfAbsent(loiId, id -> new ArrayList<>()).add(x);
        }
    }

    public synchronized List<Loi> lois() {
        return List.copyOf(lois.values());
    }

    public synchronized Loi loi(String loiId) {
        return lois.get(loiId);
    }

    /** Every version the LOI was counted with, oldest first (the current one last). */
    public synchronized List<Loi> versionsOf(String loiId) {
        return List.copyOf(versions.getOrDefault(loiId, List.of()));
    }

    /** Every value the LOI was counted with, oldest first. */
    public synchronized List<Long> valuesOf(String loiId) {
        return versions.getOrDefault(loiId, List.of()).stream().map(Loi::paise).toList();
    }

    public synchronized Set<String> meetIds() {
        Set<String> ids = new TreeSet<>();
        lois.values().forEach(l -> ids.add(l.meetId()));
        return ids;
    }

    /** Every district of the reference data, by code. */
    public Set<String> districts() {
        return new TreeSet<>(stateOf.keySet());
    }

    public String stateOf(String districtCode) {
        return stateOf.get(districtCode);
    }

    /** Exports linked to the LOI: those naming it, in its (current) district. */
    public synchronized long[] linked(Loi l) {
        long shipments = 0, paise = 0;
        for (Export x : exportsByLoi.getOrDefault(l.loiId(), List.of())) {
            if (!x.districtCode().equals(l.districtCode())) continue;
            shipments++;
            paise += x.paise();
        }
        return new long[] {shipments, paise};
    }

    /** CONVERTED (linked value reaches its own), PARTIAL (some linked), else OPEN until the limit, then DUE. */
    public synchronized String status(Loi l, long nowMillis) {
        long[] k = linked(l);
        if (k[0] > 0 || k[1] > 0) return k[1] > 0 && k[1] >= l.paise() ? "CONVERTED" : "PARTIAL";
        return nowMillis >= l.signedAt().plus(followUpAfter).toEpochMilli() ? "DUE" : "OPEN";
    }

    public Instant dueAt(Loi l) {
        return l.signedAt().plus(followUpAfter);
    }

    /** GET /api/v1/meets: those with an LOI in the state, first signed on an IST day within [from, to]; newest first. */
    public synchronized List<MeetRow> meets(String state, LocalDate from, LocalDate to) {
        List<MeetRow> out = new ArrayList<>();
        byMeet().forEach((meetId, rows) -> {
            if (state != null && rows.stream().noneMatch(l -> state.equals(stateOf.get(l.districtCode())))) return;
            Instant first = rows.stream().map(Loi::signedAt).min(Comparator.naturalOrder()).orElseThrow();
            Instant last = rows.stream().map(Loi::signedAt).max(Comparator.naturalOrder()).orElseThrow();
            LocalDate firstDay = first.atZone(IST).toLocalDate();
            if (from != null && firstDay.isBefore(from)) return;
            if (to != null && firstDay.isAfter(to)) return;
            long value = 0, shipments = 0, linked = 0;
            for (Loi l : rows) {
                long[] k = linked(l);
                value += l.paise();
                shipments += k[0];
                linked += k[1];
            }
            List<String> districts = List.copyOf(new TreeSet<>(rows.stream().map(Loi::districtCode).toList()));
            out.add(new MeetRow(meetId, first, last, districts, rows.size(), inr(value), shipments, inr(linked),
                    conversion(linked, value)));
        });
        out.sort(Comparator.comparing(MeetRow::lastSignedAt, Comparator.reverseOrder()).thenComparing(MeetRow::meetId));
        return out;
    }

    /** GET /api/v1/meets/{meetId}; null when no LOI names it. */
    public synchronized MeetDetail meet(String meetId, long nowMillis) {
        List<Loi> rows = byMeet().get(meetId);
        if (rows == null) return null;
        rows = new ArrayList<>(rows);
        rows.sort(Comparator.comparing(Loi::signedAt).thenComparing(Loi::loiId));
        long value = 0, shipments = 0, linked = 0;
        Set<String> buyers = new HashSet<>(), sellers = new HashSet<>();
        Map<String, long[]> byDistrict = new TreeMap<>(); // count, value, linked value
        List<LoiRow> loiRows = new ArrayList<>();
        for (Loi l : rows) {
            long[] k = linked(l);
            value += l.paise();
            shipments += k[0];
            linked += k[1];
            buyers.add(l.buyer());
            sellers.add(l.seller());
            long[] d = byDistrict.computeIfAbsent(l.districtCode(), c -> new long[3]);
            d[0]++;
            d[1] += l.paise();
            d[2] += k[1];
            loiRows.add(new LoiRow(l.loiId(), l.districtCode(), l.productCode(), l.buyer(), l.seller(), inr(l.paise()),
                    l.signedAt(), k[0], inr(k[1]), status(l, nowMillis)));
        }
        List<Map.Entry<String, long[]>> districts = new ArrayList<>(byDistrict.entrySet());
        districts.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed()
                .thenComparing(Map.Entry::getKey));
        Set<String> ofMeet = new HashSet<>(rows.stream().map(Loi::loiId).toList());
        return new MeetDetail(meetId, rows.get(0).signedAt(),
                rows.stream().map(Loi::signedAt).max(Comparator.naturalOrder()).orElseThrow(), rows.size(), inr(value),
                buyers.size(), sellers.size(), shipments, inr(linked), conversion(linked, value),
                districts.stream().map(e -> new DistrictRow(e.getKey(), e.getValue()[0], inr(e.getValue()[1]),
                        inr(e.getValue()[2]))).toList(),
                loiRows, corrections.stream().filter(c -> ofMeet.contains(c.loiId())).toList());
    }

    /** GET /api/v1/lois/follow-up: DUE LOIs of the state, district and meet asked for (null: any), oldest first. */
    public synchronized List<FollowUpRow> followUp(String state, String district, String meetId, long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        return lois.values().stream()
                .filter(l -> state == null || state.equals(stateOf.get(l.districtCode())))
                .filter(l -> district == null || district.equals(l.districtCode()))
                .filter(l -> meetId == null || meetId.equals(l.meetId()))
                .filter(l -> status(l, nowMillis).equals("DUE"))
                .sorted(Comparator.comparing(Loi::signedAt).thenComparing(Loi::loiId))
                .map(l -> new FollowUpRow(l.loiId(), l.meetId(), l.districtCode(), l.productCode(), l.buyer(), l.seller(),
                        inr(l.paise()), l.signedAt(), Duration.between(l.signedAt(), now).toDays()))
                .toList();
    }

    /** DUE LOIs per district. */
    public synchronized Map<String, Long> dueByDistrict(long nowMillis) {
        Map<String, Long> out = new TreeMap<>();
        lois.values().stream().filter(l -> status(l, nowMillis).equals("DUE"))
                .forEach(l -> out.merge(l.districtCode(), 1L, Long::sum));
        return out;
    }

    /** LOI count and value (paise) of a district (and product, when not null) in a period: all, FY, quarter or month. */
    public synchronized long[] loiMeasures(String district, String product, String period) {
        long count = 0, paise = 0;
        for (Loi l : lois.values()) {
            if (!l.districtCode().equals(district) || (product != null && !product.equals(l.productCode()))) continue;
            if (!periodsOf(l.signedAt()).contains(period)) continue;
            count++;
            paise += l.paise();
        }
        return new long[] {count, paise};
    }

    /** The periods a time counts in, in IST: all, its fiscal year, its fiscal quarter and its month. */
    public static List<String> periodsOf(Instant t) {
        ZonedDateTime ist = t.atZone(IST);
        int fyStart = ist.getMonthValue() >= 4 ? ist.getYear() : ist.getYear() - 1;
        String fy = String.format("FY%d-%02d", fyStart, (fyStart + 1) % 100);
        String quarter = fy + "-Q" + (ist.getMonthValue() <= 3 ? 4 : (ist.getMonthValue() - 1) / 3);
        return List.of("all", fy, quarter, String.format("%d-%02d", ist.getYear(), ist.getMonthValue()));
    }

    public static LocalDate istDate(Instant t) {
        return t.atZone(IST).toLocalDate();
    }

    // ---- reading the API's JSON into the records ----

    public static List<MeetRow> meetsFrom(JsonNode view) {
        List<MeetRow> out = new ArrayList<>();
        for (JsonNode m : view.get("meets")) {
            List<String> districts = new ArrayList<>();
            m.get("districts").forEach(d -> districts.add(d.asText()));
            out.add(new MeetRow(m.get("meetId").asText(), instant(m.get("firstSignedAt")), instant(m.get("lastSignedAt")),
                    districts, m.get("loiCount").asLong(), money(m.get("loiValueInr")),
                    m.get("linkedExportShipments").asLong(), money(m.get("linkedExportValueInr")),
                    money(m.get("conversion"))));
        }
        return out;
    }

    public static MeetDetail meetFrom(JsonNode m) {
        List<DistrictRow> districts = new ArrayList<>();
        for (JsonNode d : m.get("districts")) {
            districts.add(new DistrictRow(d.get("districtCode").asText(), d.get("loiCount").asLong(),
                    money(d.get("loiValueInr")), money(d.get("linkedExportValueInr"))));
        }
        List<LoiRow> lois = new ArrayList<>();
        for (JsonNode l : m.get("lois")) {
            lois.add(new LoiRow(l.get("loiId").asText(), l.get("districtCode").asText(), l.get("productCode").asText(),
                    l.get("buyer").asText(), l.get("seller").asText(), money(l.get("valueInr")), instant(l.get("signedAt")),
                    l.get("linkedExportShipments").asLong(), money(l.get("linkedExportValueInr")),
                    l.get("status").asText()));
        }
        List<CorrectionRow> corrections = new ArrayList<>();
        for (JsonNode c : m.get("corrections")) {
            corrections.add(new CorrectionRow(c.get("loiId").asText(), money(c.get("previousValueInr")),
                    c.get("previousProductCode").asText(), c.get("previousDistrictCode").asText()));
        }
        return new MeetDetail(m.get("meetId").asText(), instant(m.get("firstSignedAt")), instant(m.get("lastSignedAt")),
                m.get("loiCount").asLong(), money(m.get("loiValueInr")), m.get("buyers").asLong(), m.get("sellers").asLong(),
                m.get("linkedExportShipments").asLong(), money(m.get("linkedExportValueInr")), money(m.get("conversion")),
                districts, lois, corrections);
    }

    public static List<FollowUpRow> followUpFrom(JsonNode view) {
        List<FollowUpRow> out = new ArrayList<>();
        for (JsonNode l : view.get("lois")) {
            out.add(new FollowUpRow(l.get("loiId").asText(), l.get("meetId").asText(), l.get("districtCode").asText(),
                    l.get("productCode").asText(), l.get("buyer").asText(), l.get("seller").asText(),
                    money(l.get("valueInr")), instant(l.get("signedAt")), l.get("daysSinceSigned").asLong()));
        }
        return out;
    }

    // ---- helpers ----

    /** Linked over LOI value, half-even to four decimals; null for LOIs worth nothing. */
    private static BigDecimal conversion(long linkedPaise, long loiPaise) {
        if (loiPaise == 0) return null;
        return strip(BigDecimal.valueOf(linkedPaise).divide(BigDecimal.valueOf(loiPaise), 4, RoundingMode.HALF_EVEN));
    }

    private Map<String, List<Loi>> byMeet() {
        Map<String, List<Loi>> out = new TreeMap<>();
        lois.values().forEach(l -> out.computeIfAbsent(l.meetId(), m -> new ArrayList<>()).add(l));
        return out;
    }

    public static BigDecimal inr(long paise) {
        return strip(BigDecimal.valueOf(paise, 2));
    }

    private static BigDecimal money(JsonNode n) {
        return n == null || n.isNull() ? null : strip(new BigDecimal(n.asText()));
    }

    private static BigDecimal strip(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    private static Instant instant(JsonNode n) {
        return Instant.parse(n.asText());
    }

    public static long paise(JsonNode money) {
        return new BigDecimal(money.asText()).movePointRight(2).longValueExact();
    }

    public static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> resource(String name) {
        List<JsonNode> rows = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(
                ExpectedMeets.class.getResourceAsStream(name), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) rows.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
