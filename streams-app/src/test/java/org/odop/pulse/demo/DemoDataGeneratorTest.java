package org.odop.pulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.OrderStatus;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.ProductCategory;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.ingest.RecordType;

@DisplayName("DemoDataGenerator")
class DemoDataGeneratorTest {
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final String SRINAGAR_MEET = "BSM-JK-SRINAGAR-SKICC-2022-07-30";
    private static final String JAMMU_MEET = "BSM-JK-JAMMU-2022-04-21";
    private static final double DUP = 0.02, LATE = 0.02, INVALID = 0.03, UNKNOWN = 0.01, OUT_OF_ORDER = 0.05;

    /** FY2022-23 with generous shares of every twist, read back the way ingest reads it. */
    private static final DemoOptions OPTIONS = DemoOptions.of(42, DemoOptions.FY2022_23_START, Duration.ofDays(365))
            .withShares(DUP, LATE, INVALID, UNKNOWN).withOutOfOrderShare(OUT_OF_ORDER).withEventCount(40_000);
    private static List<ParsedLine> lines;
    private static Map<String, ProductCategory> categories;
    private static Set<String> districts;

    @BeforeAll
    static void generate() throws Exception {
        lines = new DemoDataGenerator(OPTIONS).stream().map(ParsedLine::of).toList();
        categories = ParsedLine.reference(RecordType.PRODUCTS, "/reference/products.ndjson").stream()
                .map(Product.class::cast).collect(Collectors.toMap(Product::getProductCode, Product::getCategory));
        districts = ParsedLine.reference(RecordType.DISTRICTS, "/reference/districts.ndjson").stream()
                .map(d -> ((District) d).getDistrictCode()).collect(Collectors.toSet());
    }

    private static List<ParsedLine> valid() {
        return lines.stream().filter(p -> !p.line().twist().invalid()).toList();
    }

    private static <T> List<T> values(Class<T> type, boolean withDuplicates) {
        return valid().stream().filter(p -> withDuplicates || p.line().twist() != Twist.DUPLICATE)
                .map(ParsedLine::value).filter(type::isInstance).map(type::cast).toList();
    }

    private static long count(Twist twist) {
        return lines.stream().filter(p -> p.line().twist() == twist).count();
    }

    @Test
    @DisplayName("the same options give the same lines; another seed gives others")
    void deterministic() {
        DemoOptions o = DemoOptions.of(7, DemoOptions.FY2022_23_START, Duration.ofDays(120)).withEventCount(5_000);
        List<GeneratedLine> first = new DemoDataGenerator(o).stream().toList();
        List<GeneratedLine> again = new DemoDataGenerator(o).stream().toList();
        List<GeneratedLine> other = new DemoDataGenerator(o.withSeed(8)).stream().toList();

        assertThat(first).hasSizeGreaterThan(4_000).isEqualTo(again);
        assertThat(other.stream().map(GeneratedLine::json).toList()).doesNotContainAnyElementsOf(
                first.stream().map(GeneratedLine::json).toList());
    }

    @Test
    @DisplayName("the Srinagar meet of 2022-07-30: 30 LOIs for crafts in a few hours, worth exactly Rs 10.50 crore")
    void srinagarMeet() {
        List<LoiSigned> lois = values(LoiSigned.class, false).stream().filter(l -> l.getMeetId().equals(SRINAGAR_MEET)).toList();

        assertThat(lois).hasSize(30);
        assertThat(lois.stream().mapToLong(LoiSigned::getValuePaise).sum()).isEqualTo(10_500_000_000L);
        assertThat(lois.stream().map(LoiSigned::getLoiId).distinct()).hasSize(30);
        assertThat(lois).allSatisfy(l -> {
            assertThat(categories.get(l.getProductCode())).isIn(ProductCategory.HANDICRAFT, ProductCategory.HANDLOOM);
            var signed = l.getSignedAt().atOffset(IST);
            assertThat(signed.toLocalDate()).isEqualTo(LocalDate.parse("2022-07-30"));
            assertThat(signed.toLocalTime()).isBetween(LocalTime.of(11, 0), LocalTime.of(16, 30));
        });
        assertThat(lois.stream().map(LoiSigned::getBuyer).distinct().count()).isBetween(2L, 15L);
    }

    @Test
    @DisplayName("the Srinagar meet's 30 LOIs (Rs 10.50 crore) were shipped in full, in part and never, about a third each")
    void srinagarMeetOutcomes() {
        List<LoiSigned> lois = values(LoiSigned.class, false).stream().filter(l -> l.getMeetId().equals(SRINAGAR_MEET)).toList();
        Map<String, List<ShipmentEvent>> exports = exportsByLoi(lines);

        assertThat(lois).hasSize(30);
        assertThat(lois.stream().mapToLong(LoiSigned::getValuePaise).sum()).isEqualTo(10_500_000_000L);
        Map<String, Conversion> outcomes = outcomes(lois, exports);
        Map<Conversion, List<LoiSigned>> byOutcome = lois.stream().collect(Collectors.groupingBy(l -> outcomes.get(l.getLoiId())));
        assertThat(byOutcome.keySet()).containsExactlyInAnyOrder(Conversion.values());
        assertThat(byOutcome.values()).allSatisfy(members -> assertThat(members.size()).isBetween(6, 14));
        // Shipped in full within weeks: the first export within 60 days of signing, the last within 90.
        assertThat(byOutcome.get(Conversion.FULLY)).allSatisfy(l -> {
            List<ShipmentEvent> shipped = exports.get(l.getLoiId());
            assertThat(shipped.get(0).getOccurredAt()).isBefore(l.getSignedAt().plus(Duration.ofDays(60)));
            assertThat(shipped.get(shipped.size() - 1).getOccurredAt()).isBefore(l.getSignedAt().plus(Duration.ofDays(90)));
        });
        long exported = lois.stream().flatMap(l -> exports.getOrDefault(l.getLoiId(), List.of()).stream())
                .mapToLong(ShipmentEvent::getValuePaise).sum();
        assertThat(exported / 10_500_000_000d).as("the meet's conversion").isBetween(0.25, 0.75);

        // The same seed gives the same outcomes, LOI by LOI.
        List<ParsedLine> again = new DemoDataGenerator(OPTIONS).stream().map(ParsedLine::of).toList();
        assertThat(outcomes(lois, exportsByLoi(again))).isEqualTo(outcomes);
    }

    @Test
    @DisplayName("an ordinary meet's LOIs are shipped in full, in part or never, roughly in the configured shares")
    void loiOutcomes() {
        Map<String, List<ShipmentEvent>> exports = exportsByLoi(lines);
        // LOIs of the other meets signed early enough for their shipments to be exported within the window.
        Instant signedBy = OPTIONS.start().plus(OPTIONS.span()).minus(Duration.ofDays(120));
        List<LoiSigned> lois = valid().stream().filter(p -> p.line().twist() == Twist.NONE).map(ParsedLine::value)
                .filter(LoiSigned.class::isInstance).map(LoiSigned.class::cast)
                .filter(l -> !l.getMeetId().equals(SRINAGAR_MEET) && !l.getMeetId().equals(JAMMU_MEET))
                .filter(l -> l.getSignedAt().isBefore(signedBy)).toList();
        Map<Conversion, Long> byOutcome = outcomes(lois, exports).values().stream()
                .collect(Collectors.groupingBy(c -> c, Collectors.counting()));

        assertThat(lois).hasSizeGreaterThan(1_000);
        // Planned: 30 % in full, 20 % in part, 50 % never; a stalled or cancelled lot turns a few into less.
        assertThat((double) byOutcome.get(Conversion.FULLY) / lois.size()).isBetween(0.22, 0.32);
        assertThat((double) byOutcome.get(Conversion.PARTLY) / lois.size()).isBetween(0.17, 0.27);
        assertThat((double) byOutcome.get(Conversion.NEVER) / lois.size()).isBetween(0.47, 0.57);
    }

    /** How far an LOI turned into trade: its exports' value against its own. */
    enum Conversion { FULLY, PARTLY, NEVER }

    private static Map<String, Conversion> outcomes(List<LoiSigned> lois, Map<String, List<ShipmentEvent>> exports) {
        Map<String, Conversion> out = new HashMap<>();
        for (LoiSigned l : lois) {
            long value = exports.getOrDefault(l.getLoiId(), List.of()).stream().mapToLong(ShipmentEvent::getValuePaise).sum();
            out.put(l.getLoiId(), value == 0 ? Conversion.NEVER : value >= l.getValuePaise() ? Conversion.FULLY : Conversion.PARTLY);
        }
        return out;
    }

    /**
     * Exported shipments that name an LOI, by loiId, in the order exported: a shipment counts once, at the first of
     * its CUSTOMS_CLEARED, SHIPPED or DELIVERED lines to arrive (duplicates included, as the pipeline sees them).
     */
    private static Map<String, List<ShipmentEvent>> exportsByLoi(List<ParsedLine> lines) {
        Set<ShipmentStatus> exported = Set.of(ShipmentStatus.CUSTOMS_CLEARED, ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED);
        Set<String> counted = new HashSet<>();
        Map<String, List<ShipmentEvent>> byLoi = new HashMap<>();
        for (ParsedLine p : lines) {
            if (!(p.value() instanceof ShipmentEvent s) || p.line().twist().invalid()) continue;
            if (s.getLoiId() == null || !exported.contains(s.getStatus()) || !counted.add(s.getShipmentId())) continue;
            byLoi.computeIfAbsent(s.getLoiId(), k -> new ArrayList<>()).add(s);
        }
        return byLoi;
    }

    @Test
    @DisplayName("the Jammu meet of 2022-04-21 signs dozens of LOIs for agro products")
    void jammuMeet() {
        List<LoiSigned> lois = values(LoiSigned.class, false).stream().filter(l -> l.getMeetId().equals(JAMMU_MEET)).toList();

        assertThat(lois).hasSize(24).allSatisfy(l -> {
            assertThat(categories.get(l.getProductCode())).isIn(ProductCategory.AGRICULTURE, ProductCategory.HORTICULTURE);
            assertThat(l.getSignedAt().atOffset(IST).toLocalDate()).isEqualTo(LocalDate.parse("2022-04-21"));
        });
    }

    @Test
    @DisplayName("other meets sign dozens of LOIs within a few hours each")
    void meetsAreBursts() {
        Map<String, List<LoiSigned>> byMeet = values(LoiSigned.class, false).stream()
                .filter(l -> l.getMeetId().matches("BSM-(JK-SRINAGAR|JK-JAMMU|UP-VARANASI|AS-KAMRUP)-\\d{4}-\\d\\d-\\d\\d(-\\d+)?"))
                .collect(Collectors.groupingBy(LoiSigned::getMeetId));
        var meets = byMeet.values().stream().filter(l -> l.size() >= 12).toList();

        assertThat(meets).hasSizeGreaterThan(50);
        assertThat(meets).allSatisfy(l -> {
            Instant first = l.stream().map(LoiSigned::getSignedAt).min(Instant::compareTo).orElseThrow();
            Instant last = l.stream().map(LoiSigned::getSignedAt).max(Instant::compareTo).orElseThrow();
            assertThat(Duration.between(first, last)).isLessThanOrEqualTo(Duration.ofHours(6));
            assertThat(l.size()).isLessThanOrEqualTo(40 + 10); // a few late LOIs may join a meet's own
        });
    }

    @Test
    @DisplayName("every line meant to be valid passes ingest's parsing; every invalid one is rejected for its reason")
    void validAndInvalid() {
        assertThat(lines).allSatisfy(p -> {
            if (p.line().twist().invalid()) {
                assertThat(p.error()).as(p.line().json()).isNotNull();
                assertThat(p.error().reason()).as(p.line().json()).isEqualTo(p.line().twist().rejectedAs());
            } else {
                assertThat(p.error()).as(p.line().json()).isNull();
            }
        });
        for (Twist defect : List.of(Twist.BAD_MONEY, Twist.NEGATIVE_MONEY, Twist.UNKNOWN_STATUS, Twist.MISSING_FIELD,
                Twist.MALFORMED_JSON)) {
            assertThat(count(defect)).as(defect.name()).isGreaterThan(20);
        }
    }

    @Test
    @DisplayName("money is a string with exactly two decimals and every timestamp is ISO-8601 in IST")
    void formats() {
        Pattern money = Pattern.compile("\"(valueInr|amountInr)\":\"\\d+\\.\\d{2}\"");
        Pattern time = Pattern.compile("\"(signedAt|occurredAt)\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+05:30\"");
        assertThat(valid()).allSatisfy(p -> {
            assertThat(money.matcher(p.line().json()).find()).as(p.line().json()).isTrue();
            assertThat(time.matcher(p.line().json()).find()).as(p.line().json()).isTrue();
        });
    }

    @Test
    @DisplayName("lines come in arrival order, and eventIds are unique except the intended exact duplicates")
    void duplicates() {
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i).line().arrivesAt()).isAfterOrEqualTo(lines.get(i - 1).line().arrivesAt());
        }
        Map<String, String> jsonById = new HashMap<>();
        Set<String> seenJson = new HashSet<>();
        for (ParsedLine p : lines) {
            if (p.line().twist() == Twist.DUPLICATE) {
                assertThat(seenJson).contains(p.line().json());
                assertThat(jsonById.get(eventId(p.value()))).isEqualTo(p.line().json());
            } else if (p.value() != null) {
                assertThat(jsonById.put(eventId(p.value()), p.line().json())).as("eventId reused").isNull();
            }
            seenJson.add(p.line().json());
        }
    }

    @Test
    @DisplayName("duplicate, late, invalid, unknown-district and out-of-order shares are roughly as configured")
    void shares() {
        long ordinary = count(Twist.NONE) + count(Twist.OUT_OF_ORDER);
        long real = ordinary + count(Twist.LATE);
        long invalid = lines.stream().filter(p -> p.line().twist().invalid()).count();

        assertThat(lines.size()).isBetween(36_000, 44_000);
        assertThat((double) count(Twist.DUPLICATE) / real).isCloseTo(DUP, within(DUP * 0.2));
        assertThat((double) count(Twist.LATE) / ordinary).isCloseTo(LATE, within(LATE * 0.2));
        assertThat((double) invalid / ordinary).isCloseTo(INVALID, within(INVALID * 0.2));
        assertThat((double) count(Twist.UNKNOWN_DISTRICT) / ordinary).isCloseTo(UNKNOWN, within(UNKNOWN * 0.3));
        long shipmentsWithTwoStages = values(ShipmentEvent.class, false).stream()
                .collect(Collectors.groupingBy(ShipmentEvent::getShipmentId, Collectors.counting()))
                .values().stream().filter(n -> n >= 2).count();
        assertThat((double) count(Twist.OUT_OF_ORDER) / shipmentsWithTwoStages).isCloseTo(OUT_OF_ORDER, within(OUT_OF_ORDER * 0.3));
    }

    @Test
    @DisplayName("shipment stages arrive in order, days apart, except the intended out-of-order ones; some stall, some are cancelled")
    void shipmentStages() {
        Map<String, List<ParsedLine>> byShipment = new HashMap<>();
        valid().stream().filter(p -> p.value() instanceof ShipmentEvent && p.line().twist() != Twist.DUPLICATE)
                .forEach(p -> byShipment.computeIfAbsent(((ShipmentEvent) p.value()).getShipmentId(), k -> new ArrayList<>()).add(p));
        Map<String, Integer> outcomes = new HashMap<>();
        byShipment.forEach((id, events) -> {
            ShipmentEvent previous = null;
            for (ParsedLine p : events) {
                ShipmentEvent s = (ShipmentEvent) p.value();
                if (p.line().twist() == Twist.OUT_OF_ORDER) {
                    assertThat(events.stream().takeWhile(e -> e != p).map(e -> ((ShipmentEvent) e.value()).getStatus()))
                            .as("an out-of-order stage follows a later one").anyMatch(st -> st.ordinal() > s.getStatus().ordinal());
                    continue;
                }
                if (previous != null) {
                    assertThat(s.getStatus().ordinal()).as(id).isGreaterThan(previous.getStatus().ordinal());
                    assertThat(s.getOccurredAt()).isAfter(previous.getOccurredAt());
                    assertThat(s.getValuePaise()).isEqualTo(previous.getValuePaise());
                }
                previous = s;
            }
            String outcome = previous.getStatus() == ShipmentStatus.DELIVERED || previous.getStatus() == ShipmentStatus.CANCELLED
                    ? previous.getStatus().name() : "STALLED";
            outcomes.merge(outcome, 1, Integer::sum);
        });
        int total = byShipment.size();
        assertThat(total).isGreaterThan(3_000);
        assertThat(outcomes.get("CANCELLED") / (double) total).isBetween(0.03, 0.07);
        // Stalled: the planned stalls plus those still under way when the window closes.
        assertThat(outcomes.get("STALLED") / (double) total).isBetween(0.04, 0.12);
        assertThat(values(ShipmentEvent.class, false)).extracting(ShipmentEvent::getPort)
                .contains("Mundra", "Nhava Sheva", "ICD Katra");
        assertThat(values(ShipmentEvent.class, false)).extracting(ShipmentEvent::getDestinationCountry)
                .contains("AE", "US", "GB", "DE", "SA");
    }

    @Test
    @DisplayName("every product has its own destinations: real ISO 3166-1 alpha-2 codes, each with a transit time")
    void destinationsPerProduct() {
        Set<String> iso = Set.of(Locale.getISOCountries());
        assertThat(Catalog.DESTINATIONS.keySet())
                .isEqualTo(Catalog.PRODUCTS.stream().map(DemoProduct::code).collect(Collectors.toSet()));
        assertThat(Catalog.PRODUCTS).allSatisfy(p -> assertThat(Catalog.destinations(p)).as(p.code()).isNotEmpty()
                .allSatisfy(d -> {
                    assertThat(d.value()).matches("[A-Z]{2}").isIn(iso);
                    assertThat(d.weight()).isPositive();
                    double[] days = Catalog.transitDays(d.value(), "Mundra");
                    assertThat(days[0]).isPositive().isLessThan(days[1]);
                })
                .extracting(Catalog.Weighted::value).doesNotHaveDuplicates());
    }

    @Test
    @DisplayName("every shipment goes to one of its product's destinations, its top market most often")
    void shipmentDestinations() {
        Map<String, ShipmentEvent> byShipment = new HashMap<>();
        for (ShipmentEvent s : values(ShipmentEvent.class, false)) byShipment.putIfAbsent(s.getShipmentId(), s);
        assertThat(byShipment.values()).allSatisfy(s -> assertThat(s.getDestinationCountry()).as(s.getProductCode())
                .isIn(Catalog.destinations(Catalog.product(s.getProductCode())).stream()
                        .map(Catalog.Weighted::value).toList()));

        // Each product's first destination is its top market: it gets its weighted share, well above an even one.
        double toTop = 0, expected = 0, even = 0;
        for (ShipmentEvent s : byShipment.values()) {
            List<Catalog.Weighted> d = Catalog.destinations(Catalog.product(s.getProductCode()));
            if (s.getDestinationCountry().equals(d.get(0).value())) toTop++;
            expected += (double) d.get(0).weight() / d.stream().mapToInt(Catalog.Weighted::weight).sum();
            even += 1.0 / d.size();
        }
        int n = byShipment.size();
        assertThat(toTop / n).isCloseTo(expected / n, within(0.03)).isGreaterThan(1.4 * even / n);
        assertThat(byShipment.values()).extracting(ShipmentEvent::getDestinationCountry)
                .contains("IR", "IQ", "EG", "ES", "AU", "NZ", "ZA", "MY", "BD", "NP");
    }

    @Test
    @DisplayName("some LOIs and shipments (not most) name their own 8-digit hsCode, in their product's heading")
    void ownHsCodes() throws Exception {
        Map<String, String> productHs = ParsedLine.reference(RecordType.PRODUCTS, "/reference/products.ndjson").stream()
                .map(Product.class::cast).collect(Collectors.toMap(Product::getProductCode, Product::getHsCode));
        List<LoiSigned> lois = values(LoiSigned.class, false);
        List<ShipmentEvent> shipments = values(ShipmentEvent.class, false);
        record Own(String productCode, String hsCode) {}
        List<Own> loisOwn = lois.stream().filter(l -> l.getHsCode() != null)
                .map(l -> new Own(l.getProductCode(), l.getHsCode())).toList();
        List<Own> shipmentsOwn = shipments.stream().filter(s -> s.getHsCode() != null)
                .map(s -> new Own(s.getProductCode(), s.getHsCode())).toList();

        assertThat((double) loisOwn.size() / lois.size()).isBetween(0.03, 0.2);
        assertThat((double) shipmentsOwn.size() / shipments.size()).isBetween(0.03, 0.2);
        List<Own> all = new ArrayList<>(loisOwn);
        all.addAll(shipmentsOwn);
        assertThat(all).allSatisfy(o -> {
            String productHsCode = productHs.get(o.productCode());
            assertThat(o.hsCode()).as(o.toString()).matches("\\d{8}").startsWith(productHsCode.substring(0, 4))
                    .isNotEqualTo(productHsCode);
        });
        assertThat(all.stream().map(Own::hsCode).distinct().count()).isGreaterThanOrEqualTo(5);

        // A shipment names the same code at every stage, and the code its LOI named, if that LOI named one.
        Map<String, String> loiHs = new HashMap<>();
        lois.stream().filter(l -> l.getHsCode() != null).forEach(l -> loiHs.put(l.getLoiId(), l.getHsCode()));
        Map<String, Optional<String>> shipmentHs = new HashMap<>();
        long followingLoi = 0;
        for (ShipmentEvent s : shipments) {
            var hs = Optional.ofNullable(s.getHsCode());
            assertThat(shipmentHs.computeIfAbsent(s.getShipmentId(), k -> hs)).as(s.getShipmentId()).isEqualTo(hs);
            String named = s.getLoiId() == null ? null : loiHs.get(s.getLoiId());
            if (named != null) {
                assertThat(s.getHsCode()).as(s.getShipmentId()).isEqualTo(named);
                followingLoi++;
            }
        }
        assertThat(followingLoi).isPositive();
    }

    @Test
    @DisplayName("many shipments fulfil an LOI signed earlier: same district and product, together worth at most a little over the LOI")
    void loisConvert() {
        Map<String, LoiSigned> lois = new HashMap<>();
        Set<String> linkedShipments = new HashSet<>();
        Set<String> allShipments = new HashSet<>();
        Map<String, Long> valueByLoi = new HashMap<>();
        for (ParsedLine p : valid()) {
            if (p.value() instanceof LoiSigned l) lois.put(l.getLoiId(), l);
            if (p.value() instanceof ShipmentEvent s && p.line().twist() == Twist.NONE) {
                allShipments.add(s.getShipmentId());
                if (s.getLoiId() == null) continue;
                LoiSigned loi = lois.get(s.getLoiId());
                assertThat(loi).as("LOI %s arrived before its shipment", s.getLoiId()).isNotNull();
                assertThat(s.getDistrictCode()).isEqualTo(loi.getDistrictCode());
                assertThat(s.getProductCode()).isEqualTo(loi.getProductCode());
                assertThat(s.getOccurredAt()).isAfter(loi.getSignedAt().plus(Duration.ofDays(5)));
                if (linkedShipments.add(s.getShipmentId())) {
                    long sum = valueByLoi.merge(loi.getLoiId(), s.getValuePaise(), Long::sum);
                    assertThat(sum).as(s.getLoiId()).isLessThanOrEqualTo(loi.getValuePaise() * 106 / 100 + 1);
                }
            }
        }
        assertThat((double) linkedShipments.size() / allShipments.size()).isBetween(0.15, 0.6);
        long convertedLois = values(ShipmentEvent.class, false).stream().map(ShipmentEvent::getLoiId)
                .filter(java.util.Objects::nonNull).distinct().count();
        assertThat(convertedLois).isLessThan(lois.size()); // LOIs only partly convert
    }

    @Test
    @DisplayName("orders on every platform; cancellations and returns follow their order with the same amount")
    void orders() {
        Map<String, EcommerceOrder> placed = new HashMap<>();
        Map<OrderStatus, Integer> statuses = new EnumMap<>(OrderStatus.class);
        for (EcommerceOrder o : values(EcommerceOrder.class, false)) {
            statuses.merge(o.getStatus(), 1, Integer::sum);
            if (o.getStatus() == OrderStatus.PLACED) {
                assertThat(placed.put(o.getOrderId(), o)).isNull();
                continue;
            }
            EcommerceOrder original = placed.get(o.getOrderId());
            assertThat(original).as("%s follows its order", o.getStatus()).isNotNull();
            assertThat(o.getAmountPaise()).isEqualTo(original.getAmountPaise());
            assertThat(o.getQuantity()).isEqualTo(original.getQuantity());
            assertThat(o.getDistrictCode()).isEqualTo(original.getDistrictCode());
            assertThat(o.getOccurredAt()).isAfter(original.getOccurredAt());
        }
        assertThat(values(EcommerceOrder.class, false)).extracting(EcommerceOrder::getPlatform).map(Enum::name)
                .contains("GEM", "AMAZON", "FLIPKART", "OTHER");
        assertThat(statuses.get(OrderStatus.CANCELLED) / (double) statuses.get(OrderStatus.PLACED)).isBetween(0.04, 0.08);
        assertThat(statuses.get(OrderStatus.RETURNED) / (double) statuses.get(OrderStatus.PLACED)).isBetween(0.025, 0.055);
    }

    @Test
    @DisplayName("late events carry a timestamp weeks before the lines around them")
    void lateEvents() {
        for (int i = 0; i < lines.size(); i++) {
            ParsedLine p = lines.get(i);
            if (p.line().twist() != Twist.LATE) continue;
            Instant at = eventTime(p.value());
            assertThat(at).isBefore(p.line().arrivesAt().minus(Duration.ofDays(13)));
            ParsedLine neighbour = lines.get(i > 0 ? i - 1 : i + 1);
            if (neighbour.value() != null && neighbour.line().twist() == Twist.NONE) {
                assertThat(at).isBefore(eventTime(neighbour.value()).minus(Duration.ofDays(7)));
            }
        }
    }

    @Test
    @DisplayName("events name only districts of the reference data, except the intended JK-NOWHERE ones")
    void unknownDistricts() {
        assertThat(valid()).allSatisfy(p -> {
            String district = districtCode(p.value());
            if (p.line().twist() == Twist.UNKNOWN_DISTRICT) assertThat(district).isEqualTo("JK-NOWHERE");
            else if (p.line().twist() != Twist.DUPLICATE) assertThat(districts).contains(district);
        });
        assertThat(count(Twist.UNKNOWN_DISTRICT)).isGreaterThan(100);
    }

    @Test
    @DisplayName("the demo catalogue matches the bundled reference products: codes, districts, categories, HS codes")
    void catalogMatchesReference() throws Exception {
        Map<String, Product> reference = ParsedLine.reference(RecordType.PRODUCTS, "/reference/products.ndjson").stream()
                .map(Product.class::cast).collect(Collectors.toMap(Product::getProductCode, p -> p));
        assertThat(Catalog.PRODUCTS).hasSize(reference.size()).allSatisfy(p -> {
            Product r = reference.get(p.code());
            assertThat(r).as(p.code()).isNotNull();
            assertThat(p.districtCode()).isEqualTo(r.getDistrictCode());
            assertThat(p.category()).isEqualTo(r.getCategory());
            assertThat(p.hsCode()).isEqualTo(r.getHsCode());
        });
        assertThat(districts).doesNotContain(Catalog.UNKNOWN_DISTRICT);
    }

    @Test
    @DisplayName("every product has an ITC(HS) code of 6 or 8 digits, in the reference data and in the demo catalogue")
    void everyProductHasAnHsCode() throws Exception {
        List<Product> reference = ParsedLine.reference(RecordType.PRODUCTS, "/reference/products.ndjson").stream()
                .map(Product.class::cast).toList();
        assertThat(reference).isNotEmpty().allSatisfy(p ->
                assertThat(p.getHsCode()).as(p.getProductCode()).isNotNull().matches("\\d{6,8}"));
        assertThat(Catalog.PRODUCTS).allSatisfy(p -> assertThat(p.hsCode()).as(p.code()).matches("\\d{6,8}"));
    }

    @Test
    @DisplayName("with a cutoff the stream is the same lines, ending at the cutoff")
    void cutoff() {
        DemoOptions o = DemoOptions.of(3, DemoOptions.FY2022_23_START, Duration.ofDays(60)).withEventCount(3_000);
        Instant cutoff = DemoOptions.FY2022_23_START.plus(Duration.ofDays(30));
        List<GeneratedLine> all = new DemoDataGenerator(o).stream().toList();
        List<GeneratedLine> cut = new DemoDataGenerator(o.withCutoff(cutoff)).stream().toList();

        assertThat(cut).isNotEmpty().allSatisfy(l -> assertThat(l.arrivesAt()).isBeforeOrEqualTo(cutoff));
        assertThat(cut).isEqualTo(all.stream().filter(l -> !l.arrivesAt().isAfter(cutoff)).toList());
    }

    @Test
    @DisplayName("a live stream compresses the days, keeps its rate from first minute to last, and dates nothing in the future")
    void liveCompression() {
        Instant now = Instant.parse("2025-01-15T06:00:00Z");
        DemoOptions o = DemoOptions.live(11, now, Duration.ofMinutes(10), 20, Duration.ofSeconds(3));
        List<ParsedLine> live = new DemoDataGenerator(o).stream().map(ParsedLine::of).toList();

        assertThat(live.size()).isBetween(10_800, 13_200);
        assertThat(live).allSatisfy(p -> {
            assertThat(p.line().arrivesAt()).isBetween(now, now.plus(Duration.ofMinutes(10)));
            if (p.value() != null) assertThat(eventTime(p.value())).isBeforeOrEqualTo(p.line().arrivesAt());
        });
        long firstMinute = live.stream().filter(p -> p.line().arrivesAt().isBefore(now.plusSeconds(60))).count();
        long lastMinute = live.stream().filter(p -> !p.line().arrivesAt().isBefore(now.plusSeconds(540))).count();
        assertThat(firstMinute).isBetween(900L, 1_500L);
        assertThat(lastMinute).isBetween(900L, 1_500L);
        // Shipments under way when the stream starts go on moving through their stages.
        assertThat(live.subList(0, 300)).anyMatch(p -> p.value() instanceof ShipmentEvent s && s.getStatus() != ShipmentStatus.BOOKED);
        assertThat(live).extracting(p -> p.value() instanceof ShipmentEvent s ? s.getStatus() : null)
                .contains(ShipmentStatus.DELIVERED);
        assertThat(live).noneMatch(p -> p.value() instanceof LoiSigned l && l.getMeetId().equals(SRINAGAR_MEET));
    }

    @Test
    @DisplayName("100,000 events are made in well under 10 seconds without holding them")
    void fastAndLight() {
        DemoOptions o = DemoOptions.backfill(99, Instant.parse("2025-03-31T18:30:00Z"), 100_000);
        long started = System.nanoTime();
        long n = 0, bytes = 0;
        for (GeneratedLine l : new DemoDataGenerator(o)) {
            n++;
            bytes += l.json().length();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(n).isBetween(90_000L, 110_000L);
        assertThat(bytes / n).isBetween(150L, 400L);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    static String eventId(SpecificRecord r) {
        if (r instanceof LoiSigned l) return l.getEventId();
        if (r instanceof ShipmentEvent s) return s.getEventId();
        return ((EcommerceOrder) r).getEventId();
    }

    static Instant eventTime(SpecificRecord r) {
        if (r instanceof LoiSigned l) return l.getSignedAt();
        if (r instanceof ShipmentEvent s) return s.getOccurredAt();
        return ((EcommerceOrder) r).getOccurredAt();
    }

    static String districtCode(SpecificRecord r) {
        if (r instanceof LoiSigned l) return l.getDistrictCode();
        if (r instanceof ShipmentEvent s) return s.getDistrictCode();
        return ((EcommerceOrder) r).getDistrictCode();
    }
}
