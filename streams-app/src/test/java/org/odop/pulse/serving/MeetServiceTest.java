package org.odop.pulse.serving;

import org.odop.pulse.domain.LoiStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odop.pulse.avro.District;
import org.odop.pulse.serving.cluster.LoiRows;
import org.odop.pulse.topology.meet.FollowUp;

/** The meet views from hand-built LOI rows, reference rows and a fixed clock: no broker, no stores. */
class MeetServiceTest {
    /** The wall clock of every test: 2022-12-01 00:00 UTC (05:30 IST). */
    static final Instant NOW = Instant.parse("2022-12-01T00:00:00Z");

    static final String SKICC = "BSM-SKICC-2022-07-30";
    static final String JAMMU_APRIL = "BSM-JAMMU-2022-04-21";
    static final String VARANASI = "BSM-VARANASI-2022-11-15";
    static final String SHILLONG = "BSM-SHILLONG-2022-10-01";
    static final String JAMMU_OCTOBER = "BSM-JAMMU-2022-10-01";

    /** JK has three districts (JK-JAMMU with LOIs of two meets), UP and ML one each; AR none. */
    static final List<District> DISTRICTS = List.of(
            ListingServiceTest.district("UP-VARANASI", "Varanasi", "UP", "Uttar Pradesh", null, null),
            ListingServiceTest.district("JK-SRINAGAR", "Srinagar", "JK", "Jammu and Kashmir", null, null),
            ListingServiceTest.district("ML-WEST-JAINTIA-HILLS", "West Jaintia Hills", "ML", "Meghalaya", null, null),
            ListingServiceTest.district("JK-PULWAMA", "Pulwama", "JK", "Jammu and Kashmir", null, null),
            ListingServiceTest.district("JK-JAMMU", "Jammu", "JK", "Jammu and Kashmir", null, null));

    /**
     * Five meets, in no particular order, as the gathered partitions would give them. With the follow-up limit of 90
     * days and {@link #NOW}: SKICC has an LOI of each kind but OPEN (its first signed on 30 July IST, 29 July UTC);
     * JAMMU_APRIL has two DUE LOIs signed at the same instant and two districts of equal value; VARANASI an OPEN one;
     * SHILLONG is worth nothing (a zero-value LOI with a zero-value export); JAMMU_OCTOBER ends at the same instant
     * as SHILLONG and is converted exactly.
     */
    static List<LoiRows.Row> rows() {
        return List.of(
                loi("LOI-B3", JAMMU_APRIL, "JK-JAMMU", "BASMATI", "Reliance Retail", "R S Pura Basmati Growers",
                        400_000, "2022-04-21T05:00:00Z", 0, 0),
                loi("LOI-A3", SKICC, "JK-PULWAMA", "SAFFRON", "FabIndia", "Pampore Saffron FPO",
                        30_000_000, "2022-07-30T06:30:00Z", 0, 0,
                        correction("2022-08-01T08:00:00Z", 33_000_000, "SAFFRON", "JK-PULWAMA", "2022-07-30T06:30:00Z"),
                        correction("2022-08-02T10:00:00Z", 35_000_000, "WALNUT", "JK-SRINAGAR", "2022-07-30T06:00:00Z")),
                loi("LOI-C2", VARANASI, "UP-VARANASI", "BANARASI-SILK", "FabIndia", "Kashi Handloom Cluster",
                        500_000, "2022-11-15T06:00:00Z", 0, 0),
                loi("LOI-A1", SKICC, "JK-SRINAGAR", "PASHMINA", "FabIndia", "Kashmir Loom",
                        40_000_000, "2022-07-30T06:00:00Z", 2, 45_000_000),
                loi("LOI-E1", JAMMU_OCTOBER, "JK-JAMMU", "WALNUT", "FabIndia", "Kathua Walnut Growers",
                        100_000, "2022-10-01T06:00:00Z", 1, 100_000),
                loi("LOI-B2", JAMMU_APRIL, "ML-WEST-JAINTIA-HILLS", "LAKADONG-TURMERIC", "Reliance Retail",
                        "Jaintia Spice Collective", 1_000_000, "2022-04-21T05:00:00Z", 0, 0),
                loi("LOI-A2", SKICC, "JK-SRINAGAR", "PAPIER-MACHE", "Oma Living", "Kashmir Loom",
                        25_000_000, "2022-07-30T06:30:00Z", 1, 10_000_000,
                        correction("2022-08-01T09:00:00Z", 20_000_000, "PAPIER-MACHE", "JK-SRINAGAR", "2022-07-30T06:30:00Z")),
                loi("LOI-D1", SHILLONG, "ML-WEST-JAINTIA-HILLS", "LAKADONG-TURMERIC", "Oma Living", "Jaintia Spice Collective",
                        0, "2022-10-01T06:00:00Z", 1, 0),
                loi("LOI-C1", VARANASI, "UP-VARANASI", "BANARASI-SILK", "Oma Living", "Varanasi Weavers",
                        2_000_000, "2022-11-15T05:30:00Z", 1, 308_875),
                loi("LOI-A4", SKICC, "UP-VARANASI", "BANARASI-SILK", "FabIndia", "Varanasi Weavers",
                        10_000_000, "2022-07-29T18:45:00Z", 0, 0),
                loi("LOI-B1", JAMMU_APRIL, "JK-JAMMU", "RAJMASH", "Reliance Retail", "Bhaderwah Rajmash FPO",
                        600_000, "2022-04-21T04:30:00Z", 1, 246_900));
    }

    static MeetService service(List<LoiRows.Row> rows, Instant now) {
        return new MeetService(() -> rows, () -> DISTRICTS, FollowUp.DEFAULT, Clock.fixed(now, ZoneOffset.UTC));
    }

    static MeetService service() {
        return service(rows(), NOW);
    }

    static LoiRows.Row loi(String loiId, String meetId, String district, String product, String buyer, String seller,
                           long valuePaise, String signedAt, long linkedShipments, long linkedPaise,
                           LoiRows.Correction... corrections) {
        return new LoiRows.Row("meet-lois:" + Math.floorMod(district.hashCode(), 6), loiId, meetId, district, product,
                buyer, seller, valuePaise, Instant.parse(signedAt).toEpochMilli(), linkedShipments, linkedPaise,
                List.of(corrections));
    }

    static LoiRows.Correction correction(String correctedAt, long previousPaise, String previousProduct,
                                         String previousDistrict, String previousSignedAt) {
        return new LoiRows.Correction(Instant.parse(correctedAt).toEpochMilli(), previousPaise, previousProduct,
                previousDistrict, Instant.parse(previousSignedAt).toEpochMilli());
    }

    private static BigDecimal inr(String rupees) {
        return new BigDecimal(rupees);
    }

    private static List<String> meetIds(MeetsView v) {
        return v.meets().stream().map(MeetsView.Meet::meetId).toList();
    }

    private static List<String> loiIds(FollowUpView v) {
        return v.lois().stream().map(FollowUpView.Loi::loiId).toList();
    }

    @Test
    @DisplayName("meets: newest first by the last LOI signed, then meet id; totals exact in rupees with two decimals")
    void meetsNewestFirst() {
        MeetsView v = service().meets(null, null, null);
        assertThat(meetIds(v)).containsExactly(VARANASI, JAMMU_OCTOBER, SHILLONG, SKICC, JAMMU_APRIL);
        assertThat(v.meets().get(3)).isEqualTo(new MeetsView.Meet(SKICC, Instant.parse("2022-07-29T18:45:00Z"),
                Instant.parse("2022-07-30T06:30:00Z"), List.of("JK-PULWAMA", "JK-SRINAGAR", "UP-VARANASI"), 4,
                inr("1050000.00"), 3, inr("550000.00"), inr("0.5238")));
        assertThat(v.meets().get(4)).isEqualTo(new MeetsView.Meet(JAMMU_APRIL, Instant.parse("2022-04-21T04:30:00Z"),
                Instant.parse("2022-04-21T05:00:00Z"), List.of("JK-JAMMU", "ML-WEST-JAINTIA-HILLS"), 3,
                inr("20000.00"), 1, inr("2469.00"), inr("0.1234")));
        // Money keeps two decimals even when whole, and a meet worth nothing has no conversion.
        assertThat(v.meets().get(2)).isEqualTo(new MeetsView.Meet(SHILLONG, Instant.parse("2022-10-01T06:00:00Z"),
                Instant.parse("2022-10-01T06:00:00Z"), List.of("ML-WEST-JAINTIA-HILLS"), 1, inr("0.00"), 1, inr("0.00"), null));
        assertThat(v.meets().get(1).conversion()).isEqualTo(inr("1.0000"));
    }

    @Test
    @DisplayName("conversion: linked export value over LOI value, exact, rounded half-even to four decimals; null over zero")
    void conversionRounding() {
        // 246,900 / 2,000,000 = 0.12345: half-even keeps the even 4 (half-up would give 0.1235).
        assertThat(MeetService.conversion(246_900, 2_000_000)).isEqualTo(inr("0.1234"));
        // 308,875 / 2,500,000 = 0.12355: half-even rounds to the even 6 (half-down would give 0.1235).
        assertThat(MeetService.conversion(308_875, 2_500_000)).isEqualTo(inr("0.1236"));
        // Exact beyond what a double holds: (10^17 + 1) / (2 * 10^17) = 0.500000000000000005 rounds to 0.5000.
        assertThat(MeetService.conversion(100_000_000_000_000_001L, 200_000_000_000_000_000L)).isEqualTo(inr("0.5000"));
        assertThat(MeetService.conversion(1, 3)).isEqualTo(inr("0.3333"));
        assertThat(MeetService.conversion(2, 3)).isEqualTo(inr("0.6667"));
        assertThat(MeetService.conversion(0, 5)).isEqualTo(inr("0.0000"));
        assertThat(MeetService.conversion(15, 10)).isEqualTo(inr("1.5000"));
        assertThat(MeetService.conversion(0, 0)).isNull();
        assertThat(MeetService.conversion(7, 0)).isNull();
        // As the meets show them.
        MeetsView v = service().meets(null, null, null);
        assertThat(v.meets()).filteredOn(m -> m.meetId().equals(VARANASI)).singleElement()
                .extracting(MeetsView.Meet::conversion).isEqualTo(inr("0.1236"));
        assertThat(v.meets()).filteredOn(m -> m.meetId().equals(JAMMU_APRIL)).singleElement()
                .extracting(MeetsView.Meet::conversion).isEqualTo(inr("0.1234"));
    }

    @Test
    @DisplayName("meets of a state: those with at least one LOI in one of its districts, each with all its LOIs; a state with no district is a 404")
    void meetsOfState() {
        assertThat(meetIds(service().meets("JK", null, null))).containsExactly(JAMMU_OCTOBER, SKICC, JAMMU_APRIL);
        assertThat(meetIds(service().meets("UP", null, null))).containsExactly(VARANASI, SKICC);
        assertThat(meetIds(service().meets("ML", null, null))).containsExactly(SHILLONG, JAMMU_APRIL);
        // The whole meet, not only its LOIs in the state.
        MeetsView.Meet skicc = service().meets("UP", null, null).meets().get(1);
        assertThat(skicc.loiCount()).isEqualTo(4);
        assertThat(skicc.loiValueInr()).isEqualTo(inr("1050000.00"));
        assertThat(skicc.districts()).containsExactly("JK-PULWAMA", "JK-SRINAGAR", "UP-VARANASI");
        assertThatThrownBy(() -> service().meets("AR", null, null)).isInstanceOf(NotFoundException.class).hasMessageContaining("'AR'");
    }

    @Test
    @DisplayName("from/to: the IST date of a meet's first LOI, both bounds included, each optional, combinable with the state")
    void meetsByDate() {
        MeetService s = service();
        assertThat(meetIds(s.meets(null, "2022-07-30", null))).containsExactly(VARANASI, JAMMU_OCTOBER, SHILLONG, SKICC);
        // SKICC's first LOI was signed on 29 July in UTC, 30 July in IST: not on or before the 29th.
        assertThat(meetIds(s.meets(null, null, "2022-07-29"))).containsExactly(JAMMU_APRIL);
        assertThat(meetIds(s.meets(null, "2022-07-30", "2022-07-30"))).containsExactly(SKICC);
        assertThat(meetIds(s.meets(null, "2022-10-01", "2022-10-01"))).containsExactly(JAMMU_OCTOBER, SHILLONG);
        assertThat(meetIds(s.meets(null, "2022-04-21", "2022-11-14"))).containsExactly(JAMMU_OCTOBER, SHILLONG, SKICC, JAMMU_APRIL);
        assertThat(meetIds(s.meets("JK", "2022-07-30", null))).containsExactly(JAMMU_OCTOBER, SKICC);
        assertThat(meetIds(s.meets("ML", null, "2022-10-01"))).containsExactly(SHILLONG, JAMMU_APRIL);
        assertThat(meetIds(s.meets(null, "2022-12-01", null))).isEmpty();
    }

    @ParameterizedTest(name = "from={0}")
    @ValueSource(strings = {"2022-7-30", "2022-02-30", "30-07-2022", "2022/07/30", "yesterday", "2022-07-30T00:00", "+2022-07-30"})
    @DisplayName("a malformed from or to date is an IllegalArgumentException (400) naming it")
    void malformedDates(String date) {
        assertThatThrownBy(() -> service().meets(null, date, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed from date").hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> service().meets(null, null, date)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed to date");
    }

    @Test
    @DisplayName("from after to is refused rather than answered with nothing")
    void reversedRange() {
        assertThatThrownBy(() -> service().meets(null, "2022-08-01", "2022-07-31")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after");
    }

    @Test
    @DisplayName("one meet: totals, distinct buyers and sellers, districts by value, LOIs by signedAt then loiId with their status, corrections by time")
    void meetInDetail() {
        MeetView v = service().meet(SKICC).orElseThrow();
        assertThat(v).isEqualTo(new MeetView(SKICC, Instant.parse("2022-07-29T18:45:00Z"), Instant.parse("2022-07-30T06:30:00Z"),
                4, inr("1050000.00"), 2, 3, 3, inr("550000.00"), inr("0.5238"),
                List.of(new MeetView.DistrictRow("JK-SRINAGAR", 2, inr("650000.00"), inr("550000.00")),
                        new MeetView.DistrictRow("JK-PULWAMA", 1, inr("300000.00"), inr("0.00")),
                        new MeetView.DistrictRow("UP-VARANASI", 1, inr("100000.00"), inr("0.00"))),
                List.of(new MeetView.Loi("LOI-A4", "UP-VARANASI", "BANARASI-SILK", "FabIndia", "Varanasi Weavers",
                                inr("100000.00"), Instant.parse("2022-07-29T18:45:00Z"), 0, inr("0.00"), LoiStatus.DUE),
                        new MeetView.Loi("LOI-A1", "JK-SRINAGAR", "PASHMINA", "FabIndia", "Kashmir Loom",
                                inr("400000.00"), Instant.parse("2022-07-30T06:00:00Z"), 2, inr("450000.00"), LoiStatus.CONVERTED),
                        new MeetView.Loi("LOI-A2", "JK-SRINAGAR", "PAPIER-MACHE", "Oma Living", "Kashmir Loom",
                                inr("250000.00"), Instant.parse("2022-07-30T06:30:00Z"), 1, inr("100000.00"), LoiStatus.PARTIAL),
                        new MeetView.Loi("LOI-A3", "JK-PULWAMA", "SAFFRON", "FabIndia", "Pampore Saffron FPO",
                                inr("300000.00"), Instant.parse("2022-07-30T06:30:00Z"), 0, inr("0.00"), LoiStatus.DUE)),
                List.of(new MeetView.Correction("LOI-A3", Instant.parse("2022-08-01T08:00:00Z"), inr("330000.00"), "SAFFRON", "JK-PULWAMA"),
                        new MeetView.Correction("LOI-A2", Instant.parse("2022-08-01T09:00:00Z"), inr("200000.00"), "PAPIER-MACHE", "JK-SRINAGAR"),
                        new MeetView.Correction("LOI-A3", Instant.parse("2022-08-02T10:00:00Z"), inr("350000.00"), "WALNUT", "JK-SRINAGAR"))));
    }

    @Test
    @DisplayName("one meet: districts of equal value by code; one buyer and three sellers; no corrections")
    void meetTiesAndCounts() {
        MeetView v = service().meet(JAMMU_APRIL).orElseThrow();
        assertThat(v.buyers()).isEqualTo(1);
        assertThat(v.sellers()).isEqualTo(3);
        assertThat(v.districts()).containsExactly(
                new MeetView.DistrictRow("JK-JAMMU", 2, inr("10000.00"), inr("2469.00")),
                new MeetView.DistrictRow("ML-WEST-JAINTIA-HILLS", 1, inr("10000.00"), inr("0.00")));
        assertThat(v.lois()).extracting(MeetView.Loi::loiId).containsExactly("LOI-B1", "LOI-B2", "LOI-B3");
        assertThat(v.lois()).extracting(MeetView.Loi::status).containsExactly(LoiStatus.PARTIAL, LoiStatus.DUE, LoiStatus.DUE);
        assertThat(v.corrections()).isEmpty();
        assertThat(v.conversion()).isEqualTo(inr("0.1234"));

        assertThat(service().meet(VARANASI).orElseThrow().lois()).extracting(MeetView.Loi::status)
                .containsExactly(LoiStatus.PARTIAL, LoiStatus.OPEN);
        MeetView shillong = service().meet(SHILLONG).orElseThrow();
        assertThat(shillong.conversion()).isNull();
        assertThat(shillong.loiValueInr()).isEqualTo(inr("0.00"));
        // A linked export worth nothing is a follow-up, not a conversion.
        assertThat(shillong.lois()).extracting(MeetView.Loi::status).containsExactly(LoiStatus.PARTIAL);
    }

    @Test
    @DisplayName("an unknown meet is empty (a 404)")
    void unknownMeet() {
        assertThat(service().meet("BSM-NOWHERE")).isEmpty();
        assertThat(service().meet("bsm-skicc-2022-07-30")).isEmpty();
        assertThat(service(List.of(), NOW).meet(SKICC)).isEmpty();
    }

    @Test
    @DisplayName("status: CONVERTED at or above its value, PARTIAL below it, OPEN before the limit, DUE from the limit on (wall clock)")
    void statuses() {
        long signed = Instant.parse("2022-07-30T06:00:00Z").toEpochMilli();
        long due = FollowUp.DEFAULT.dueAt(signed);
        assertThat(due - signed).isEqualTo(Duration.ofDays(90).toMillis());
        assertThat(LoiStatus.of(1_000, 1, 1_000, due, due + 1)).isEqualTo(LoiStatus.CONVERTED);
        assertThat(LoiStatus.of(1_000, 3, 1_001, due, due - 1)).isEqualTo(LoiStatus.CONVERTED);
        assertThat(LoiStatus.of(1_000, 1, 999, due, due + 1)).isEqualTo(LoiStatus.PARTIAL);
        assertThat(LoiStatus.of(1_000, 1, 1, due, due - 1)).isEqualTo(LoiStatus.PARTIAL);
        assertThat(LoiStatus.of(1_000, 1, 0, due, due + 1)).isEqualTo(LoiStatus.PARTIAL);
        assertThat(LoiStatus.of(1_000, 0, 0, due, due - 1)).isEqualTo(LoiStatus.OPEN);
        assertThat(LoiStatus.of(1_000, 0, 0, due, due)).isEqualTo(LoiStatus.DUE);
        assertThat(LoiStatus.of(0, 0, 0, due, due)).isEqualTo(LoiStatus.DUE);

        // Through the service, at the limit and a millisecond before it.
        List<LoiRows.Row> one = List.of(loi("LOI-X", "BSM-X", "JK-SRINAGAR", "PASHMINA", "FabIndia", "Kashmir Loom",
                5_000, "2022-07-30T06:00:00Z", 0, 0));
        Instant limit = Instant.ofEpochMilli(due);
        assertThat(service(one, limit.minusMillis(1)).meet("BSM-X").orElseThrow().lois().get(0).status()).isEqualTo(LoiStatus.OPEN);
        assertThat(service(one, limit.minusMillis(1)).followUp(null, null, null).lois()).isEmpty();
        assertThat(service(one, limit).meet("BSM-X").orElseThrow().lois().get(0).status()).isEqualTo(LoiStatus.DUE);
        assertThat(service(one, limit).followUp(null, null, null).lois()).singleElement()
                .extracting(FollowUpView.Loi::daysSinceSigned).isEqualTo(90L);
        // A shorter limit (--loi-follow-up 30d) makes it due sooner.
        MeetService thirtyDays = new MeetService(() -> one, () -> DISTRICTS, FollowUp.DEFAULT.withAfter(Duration.ofDays(30)),
                Clock.fixed(Instant.parse("2022-08-29T06:00:00Z"), ZoneOffset.UTC));
        assertThat(thirtyDays.meet("BSM-X").orElseThrow().lois().get(0).status()).isEqualTo(LoiStatus.DUE);
    }

    @Test
    @DisplayName("follow-up: LOIs with no linked export past the limit, oldest first then by loiId, whole days since signed")
    void followUpList() {
        FollowUpView v = service().followUp(null, null, null);
        assertThat(v.lois()).containsExactly(
                new FollowUpView.Loi("LOI-B2", JAMMU_APRIL, "ML-WEST-JAINTIA-HILLS", "LAKADONG-TURMERIC", "Reliance Retail",
                        "Jaintia Spice Collective", inr("10000.00"), Instant.parse("2022-04-21T05:00:00Z"), 223),
                new FollowUpView.Loi("LOI-B3", JAMMU_APRIL, "JK-JAMMU", "BASMATI", "Reliance Retail",
                        "R S Pura Basmati Growers", inr("4000.00"), Instant.parse("2022-04-21T05:00:00Z"), 223),
                new FollowUpView.Loi("LOI-A4", SKICC, "UP-VARANASI", "BANARASI-SILK", "FabIndia", "Varanasi Weavers",
                        inr("100000.00"), Instant.parse("2022-07-29T18:45:00Z"), 124),
                new FollowUpView.Loi("LOI-A3", SKICC, "JK-PULWAMA", "SAFFRON", "FabIndia", "Pampore Saffron FPO",
                        inr("300000.00"), Instant.parse("2022-07-30T06:30:00Z"), 123));
        // Whole days: 123 days and 23:59:59.999 is 123.
        Instant almost = Instant.parse("2022-07-30T06:30:00Z").plus(Duration.ofDays(124)).minusMillis(1);
        assertThat(service(rows(), almost).followUp(null, "JK-PULWAMA", null).lois()).singleElement()
                .extracting(FollowUpView.Loi::daysSinceSigned).isEqualTo(123L);
    }

    @Test
    @DisplayName("follow-up filters: state, district and meet, alone or together")
    void followUpFilters() {
        MeetService s = service();
        assertThat(loiIds(s.followUp("JK", null, null))).containsExactly("LOI-B3", "LOI-A3");
        assertThat(loiIds(s.followUp("UP", null, null))).containsExactly("LOI-A4");
        assertThat(loiIds(s.followUp(null, "JK-PULWAMA", null))).containsExactly("LOI-A3");
        assertThat(loiIds(s.followUp(null, "JK-SRINAGAR", null))).isEmpty();
        assertThat(loiIds(s.followUp(null, null, JAMMU_APRIL))).containsExactly("LOI-B2", "LOI-B3");
        assertThat(loiIds(s.followUp("JK", null, JAMMU_APRIL))).containsExactly("LOI-B3");
        assertThat(loiIds(s.followUp("ML", "ML-WEST-JAINTIA-HILLS", JAMMU_APRIL))).containsExactly("LOI-B2");
        assertThat(loiIds(s.followUp("UP", "JK-PULWAMA", null))).isEmpty();
        assertThat(loiIds(s.followUp(null, null, VARANASI))).isEmpty();
        assertThat(loiIds(s.followUp(null, null, "BSM-NOWHERE"))).isEmpty();
    }

    @Test
    @DisplayName("follow-up: an unknown state or district is a 404 naming it")
    void followUpUnknownCodes() {
        assertThatThrownBy(() -> service().followUp("AR", null, null)).isInstanceOf(NotFoundException.class).hasMessageContaining("'AR'");
        assertThatThrownBy(() -> service().followUp(null, "JK-NOWHERE", null)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'JK-NOWHERE'");
        assertThatThrownBy(() -> service().followUp("JK", "JK-NOWHERE", JAMMU_APRIL)).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("sums are exact in paise however many LOIs: 10,000 LOIs of 0.01 rupees are 100.00, not 99.99999")
    void exactSums() {
        List<LoiRows.Row> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(loi(String.format("LOI-%05d", i), "BSM-MANY", i % 2 == 0 ? "JK-SRINAGAR" : "JK-PULWAMA", "PASHMINA",
                    "Buyer " + (i % 7), "Seller " + (i % 11), 1, "2022-07-30T06:00:00Z", i % 3 == 0 ? 1 : 0, i % 3 == 0 ? 1 : 0));
        }
        MeetView v = service(many, NOW).meet("BSM-MANY").orElseThrow();
        assertThat(v.loiValueInr()).isEqualTo(inr("100.00"));
        assertThat(v.linkedExportValueInr()).isEqualTo(inr("33.34"));
        assertThat(v.conversion()).isEqualTo(inr("0.3334"));
        assertThat(v.buyers()).isEqualTo(7);
        assertThat(v.sellers()).isEqualTo(11);
        assertThat(v.districts()).extracting(MeetView.DistrictRow::loiValueInr).containsExactly(inr("50.00"), inr("50.00"));
        assertThat(v.districts()).extracting(MeetView.DistrictRow::districtCode).containsExactly("JK-PULWAMA", "JK-SRINAGAR");
    }
}
