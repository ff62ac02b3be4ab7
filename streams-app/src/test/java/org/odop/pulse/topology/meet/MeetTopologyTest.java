package org.odop.pulse.topology.meet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.support.TestData.shipment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.LoiAlert;
import org.odop.pulse.avro.LoiAlertType;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.avro.internal.LoiRecord;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.support.PipelineDriver;
import org.odop.pulse.topology.PulseTopology;
import org.odop.pulse.topology.loi.LoiTopology;

/** Meet follow-up, rule by rule: linking, conversion, LOI identity and corrections, follow-up alerts. */
class MeetTopologyTest {
    private static final String D = "JK-SRINAGAR";
    /** Where LOIs get moved to by corrections: on another partition than {@link #D} of the district-keyed topics. */
    private static final String ELSEWHERE = "JK-PULWAMA";
    /** The default number of partitions of the event topics ({@code --partitions}). */
    private static final int PARTITIONS = 6;
    private final PipelineDriver driver = new PipelineDriver();
    private final KeyValueStore<String, LoiRecord> lois = driver.store(MeetTopology.LOIS_STORE);

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private LoiSigned loi(String eventId, String loiId, long paise, Instant signedAt) {
        return LoiSigned.newBuilder().setEventId(eventId).setLoiId(loiId).setMeetId("BSM-SKICC")
                .setDistrictCode(D).setProductCode("PASHMINA").setBuyer("FabIndia").setSeller("Seller " + loiId)
                .setValuePaise(paise).setSignedAt(signedAt).build();
    }

    private void send(LoiSigned l) {
        driver.send(Topics.LOIS, l.getDistrictCode(), l);
    }

    private void export(String eventId, String shipmentId, String loiId, long paise, ShipmentStatus status, String at) {
        driver.send(Topics.SHIPMENTS, D, shipment(eventId, shipmentId, D, "PASHMINA", status, paise, at, loiId));
    }

    private LoiRecord counted(String loiId) {
        return lois.get(loiId);
    }

    /** The same LOI corrected into {@link #ELSEWHERE} (a saffron district): a new eventId, the rest as given. */
    private void moveElsewhere(String eventId, String loiId, long paise, Instant signedAt) {
        driver.send(Topics.LOIS, ELSEWHERE, LoiSigned.newBuilder(loi(eventId, loiId, paise, signedAt))
                .setDistrictCode(ELSEWHERE).setProductCode("SAFFRON").build());
    }

    private void exportElsewhere(String eventId, String shipmentId, String loiId, long paise, String at) {
        driver.send(Topics.SHIPMENTS, ELSEWHERE, shipment(eventId, shipmentId, ELSEWHERE, "SAFFRON",
                ShipmentStatus.CUSTOMS_CLEARED, paise, at, loiId));
    }

    /** The partition Kafka's default partitioner gives a String key. */
    private static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    @Test
    @DisplayName("an export links to its LOI whichever arrives first, and a shipment exported at two stages links once")
    void linksInEitherOrderOnce() {
        export("s1", "SH1", "L1", 40_000_00L, ShipmentStatus.CUSTOMS_CLEARED, "2022-08-10T10:00:00+05:30");
        send(loi("e1", "L1", 1_00_000_00L, Instant.parse("2022-07-30T06:00:00Z")));
        assertThat(counted("L1").getLinkedExportShipments()).isEqualTo(1);
        assertThat(counted("L1").getLinkedExportValuePaise()).isEqualTo(40_000_00L);

        export("s2", "SH1", "L1", 45_000_00L, ShipmentStatus.SHIPPED, "2022-08-12T10:00:00+05:30"); // same shipment
        export("s3", "SH2", "L1", 60_000_00L, ShipmentStatus.DELIVERED, "2023-05-01T10:00:00+05:30"); // another period
        export("s4", "SH3", "L1", 5_000_00L, ShipmentStatus.BOOKED, "2022-08-12T10:00:00+05:30");    // not an export
        export("s5", "SH4", null, 7_000_00L, ShipmentStatus.CUSTOMS_CLEARED, "2022-08-12T10:00:00+05:30"); // no LOI
        assertThat(counted("L1").getLinkedExportShipments()).isEqualTo(2);
        assertThat(counted("L1").getLinkedExportValuePaise()).isEqualTo(1_00_000_00L);
    }

    @Test
    @DisplayName("only exports in the LOI's own district link, also where districts share a partition; a moved LOI links its new district's")
    void linksOnlyInItsDistrict() {
        // The test driver has one partition: every district shares the task and its stores.
        driver.send(Topics.SHIPMENTS, "JK-PULWAMA", shipment("s1", "SH1", "JK-PULWAMA", "SAFFRON",
                ShipmentStatus.CUSTOMS_CLEARED, 40_000_00L, "2022-08-10T10:00:00+05:30", "L1")); // before its LOI
        send(loi("e1", "L1", 1_00_000_00L, Instant.parse("2022-07-30T06:00:00Z")));
        assertThat(counted("L1").getLinkedExportShipments()).isZero();
        driver.send(Topics.SHIPMENTS, "JK-PULWAMA", shipment("s2", "SH2", "JK-PULWAMA", "SAFFRON",
                ShipmentStatus.CUSTOMS_CLEARED, 20_000_00L, "2022-08-11T10:00:00+05:30", "L1")); // after it
        export("s3", "SH3", "L1", 30_000_00L, ShipmentStatus.CUSTOMS_CLEARED, "2022-08-12T10:00:00+05:30");
        assertThat(counted("L1").getLinkedExportShipments()).isEqualTo(1);
        assertThat(counted("L1").getLinkedExportValuePaise()).isEqualTo(30_000_00L);

        // Corrected to Pulwama: now Pulwama's exports are its, Srinagar's no longer.
        send(LoiSigned.newBuilder(loi("e2", "L1", 1_00_000_00L, Instant.parse("2022-07-30T06:00:00Z")))
                .setDistrictCode("JK-PULWAMA").setProductCode("SAFFRON").build());
        assertThat(counted("L1").getLinkedExportShipments()).isEqualTo(2);
        assertThat(counted("L1").getLinkedExportValuePaise()).isEqualTo(60_000_00L);
    }

    @Test
    @DisplayName("partial, then full conversion: the linked value grows with each export")
    void partialThenFull() {
        send(loi("e1", "L1", 1_00_000_00L, Instant.parse("2022-07-30T06:00:00Z")));
        assertThat(counted("L1").getLinkedExportValuePaise()).isZero();
        export("s1", "SH1", "L1", 30_000_00L, ShipmentStatus.CUSTOMS_CLEARED, "2022-08-10T10:00:00+05:30");
        assertThat(counted("L1").getLinkedExportValuePaise()).isEqualTo(30_000_00L);
        export("s2", "SH2", "L1", 80_000_00L, ShipmentStatus.CUSTOMS_CLEARED, "2022-09-10T10:00:00+05:30");
        assertThat(counted("L1").getLinkedExportValuePaise()).isEqualTo(1_10_000_00L);
        assertThat(counted("L1").getLinkedExportShipments()).isEqualTo(2);
    }

    @Test
    @DisplayName("the same LOI with the same content never counts again; with other content it is a correction that replaces it")
    void identityAndCorrection() {
        Instant signed = Instant.parse("2022-07-30T06:00:00Z");
        send(loi("e1", "L1", 1_00_000_00L, signed));
        send(loi("e2", "L1", 1_00_000_00L, signed)); // another eventId, same LOI: a re-import
        assertThat(driver.total(LoiTopology.STORE, D, "all").getLoiCount()).isEqualTo(1);
        assertThat(driver.loiCorrections.get()).isZero();

        export("s1", "SH1", "L1", 30_000_00L, ShipmentStatus.CUSTOMS_CLEARED, "2022-08-10T10:00:00+05:30");
        send(loi("e3", "L1", 2_50_000_00L, signed)); // the value was mistyped
        assertThat(driver.total(LoiTopology.STORE, D, "all").getLoiCount()).isEqualTo(1);
        assertThat(driver.total(LoiTopology.STORE, D, "all").getLoiValuePaise()).isEqualTo(2_50_000_00L);
        assertThat(driver.total(LoiTopology.STORE, D, "2022-07").getLoiValuePaise()).isEqualTo(2_50_000_00L);
        assertThat(driver.measures(LoiTopology.STORE, D, "FY2022-23", "PASHMINA").getLoiValuePaise()).isEqualTo(2_50_000_00L);
        assertThat(driver.loiCorrections.get()).isEqualTo(1);
        LoiRecord corrected = counted("L1");
        assertThat(corrected.getValuePaise()).isEqualTo(2_50_000_00L);
        assertThat(corrected.getLinkedExportValuePaise()).as("its exports stay linked").isEqualTo(30_000_00L);
        assertThat(corrected.getCorrections()).singleElement().satisfies(c -> {
            assertThat(c.getPreviousValuePaise()).isEqualTo(1_00_000_00L);
            assertThat(c.getCorrectedAt()).isEqualTo(driver.wallClock());
        });

        // Corrected again, to another product, month and district: every view it touched follows.
        LoiSigned moved = LoiSigned.newBuilder(loi("e4", "L1", 2_50_000_00L, Instant.parse("2022-09-02T06:00:00Z")))
                .setDistrictCode("JK-PULWAMA").setProductCode("SAFFRON").build();
        driver.send(Topics.LOIS, "JK-PULWAMA", moved);
        assertThat(driver.total(LoiTopology.STORE, D, "all").getLoiCount()).isZero();
        assertThat(driver.total(LoiTopology.STORE, D, "all").getLoiValuePaise()).isZero();
        assertThat(driver.total(LoiTopology.STORE, D, "2022-07").getLoiCount()).isZero();
        assertThat(driver.total(LoiTopology.STORE, "JK-PULWAMA", "2022-09").getLoiValuePaise()).isEqualTo(2_50_000_00L);
        assertThat(driver.measures(LoiTopology.STORE, "JK-PULWAMA", "all", "SAFFRON").getLoiCount()).isEqualTo(1);
        assertThat(counted("L1").getDistrictCode()).isEqualTo("JK-PULWAMA");
        assertThat(counted("L1").getCorrections()).hasSize(2);
        assertThat(driver.loiCorrections.get()).isEqualTo(2);
    }

    @Test
    @DisplayName("due for follow-up the limit after signing with no linked export, not a minute before; one alert")
    void dueAfterTheLimit() {
        Instant signed = driver.wallClock().minus(Duration.ofDays(89));
        send(loi("e1", "L1", 1_00_000_00L, signed));
        send(loi("e2", "L2", 1_00_000_00L, signed));
        export("s1", "SH1", "L2", 10_00L, ShipmentStatus.CUSTOMS_CLEARED, "2026-10-01T10:00:00+05:30");
        var alerts = driver.loiAlerts();

        driver.advanceWallClock(Duration.ofDays(1).minusMinutes(2));
        assertThat(alerts.readValuesToList()).isEmpty();

        driver.advanceWallClock(Duration.ofMinutes(2));
        List<LoiAlert> due = alerts.readValuesToList();
        assertThat(due).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo(LoiAlertType.LOI_FOLLOW_UP_DUE);
            assertThat(a.getLoiId()).isEqualTo("L1");
            assertThat(a.getStateCode()).isEqualTo("JK");
            assertThat(a.getDueAt()).isEqualTo(signed.plus(Duration.ofDays(90)));
        });
        driver.advanceWallClock(Duration.ofDays(10));
        assertThat(alerts.readValuesToList()).as("once per LOI").isEmpty();
        assertThat(driver.loiAlertCounts).containsExactly("LOI_FOLLOW_UP_DUE");
    }

    @Test
    @DisplayName("a late export resolves a due LOI with one FOLLOWED_UP, and nothing more for later exports")
    void lateExportFollowsUp() {
        send(loi("e1", "L1", 1_00_000_00L, Instant.parse("2022-07-30T06:00:00Z"))); // long past its limit
        var alerts = driver.loiAlerts();
        driver.advanceWallClock(Duration.ofMinutes(1));
        assertThat(alerts.readValuesToList()).extracting(LoiAlert::getType).containsExactly(LoiAlertType.LOI_FOLLOW_UP_DUE);

        export("s1", "SH1", "L1", 20_000_00L, ShipmentStatus.CUSTOMS_CLEARED, "2023-01-10T10:00:00+05:30");
        export("s2", "SH2", "L1", 20_000_00L, ShipmentStatus.CUSTOMS_CLEARED, "2023-01-11T10:00:00+05:30");
        driver.advanceWallClock(Duration.ofMinutes(5));
        List<LoiAlert> after = alerts.readValuesToList();
        assertThat(after).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo(LoiAlertType.FOLLOWED_UP);
            assertThat(a.getLinkedExportValuePaise()).isEqualTo(20_000_00L);
            assertThat(a.getAt()).isEqualTo(Instant.parse("2023-01-10T04:30:00Z"));
        });
    }

    @Test
    @DisplayName("an LOI linked before its limit never comes due")
    void linkedInTimeNeverDue() {
        Instant signed = driver.wallClock().minus(Duration.ofDays(30));
        send(loi("e1", "L1", 1_00_000_00L, signed));
        export("s1", "SH1", "L1", 1_00_000_00L, ShipmentStatus.CUSTOMS_CLEARED, "2026-11-20T10:00:00+05:30");
        var alerts = driver.loiAlerts();
        driver.advanceWallClock(Duration.ofDays(120));
        assertThat(alerts.readValuesToList()).isEmpty();
    }

    @Test
    @DisplayName("the meet stage runs on the LOI identity's task, fed only by topics keyed by loiId, so one LOI is in one place whatever its district")
    void meetStageKeyedByLoiId() {
        // The test driver runs every partition as one task, so the other tests cannot tell partitions apart: this one
        // shows that they need not. Every LOI version and every export naming an LOI reach the meet stage by loiId.
        TopologyDescription topology = PulseTopology.build(new PulseSerdes(new InMemorySchemaRegistry()),
                PulseTopology.Settings.defaults((source, reason) -> {})).describe();
        TopologyDescription.Subtopology meet = topology.subtopologies().stream()
                .filter(t -> t.nodes().stream().anyMatch(n -> n.name().equals("meet-track"))).findFirst().orElseThrow();
        Set<String> sources = meet.nodes().stream().filter(n -> n instanceof TopologyDescription.Source)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream()).collect(Collectors.toSet());
        assertThat(sources).containsExactlyInAnyOrder("loi-by-id-repartition", "loi-exports-by-id-repartition");
        assertThat(meet.nodes()).extracting(TopologyDescription.Node::name).contains("loi-identity");
    }

    @Test
    @DisplayName("a due LOI corrected into a district on another partition is not due again; a linked export there follows it up once")
    void dueLoiMovedToAnotherPartition() {
        assertThat(partition(ELSEWHERE)).as("the two districts' partitions").isNotEqualTo(partition(D));
        Instant signed = Instant.parse("2022-07-30T06:00:00Z"); // long past its limit
        send(loi("e1", "L1", 1_00_000_00L, signed));
        var alerts = driver.loiAlerts();
        driver.advanceWallClock(Duration.ofMinutes(1));
        assertThat(alerts.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(D);
            assertThat(r.value().getType()).isEqualTo(LoiAlertType.LOI_FOLLOW_UP_DUE);
        });

        moveElsewhere("e2", "L1", 1_00_000_00L, signed);
        driver.advanceWallClock(Duration.ofDays(1));
        moveElsewhere("e3", "L1", 1_20_000_00L, signed); // then its value corrected, in the same district
        driver.advanceWallClock(Duration.ofDays(1));
        assertThat(alerts.readValuesToList()).as("no second DUE, in its new district nor after a value correction").isEmpty();
        assertThat(counted("L1").getDistrictCode()).isEqualTo(ELSEWHERE);
        assertThat(counted("L1").getCorrections()).hasSize(2);

        // An export naming it in its old district is not its own; the first in its new district follows it up.
        export("s1", "SH1", "L1", 50_000_00L, ShipmentStatus.CUSTOMS_CLEARED, "2023-01-09T10:00:00+05:30");
        exportElsewhere("s2", "SH2", "L1", 30_000_00L, "2023-01-10T10:00:00+05:30");
        exportElsewhere("s3", "SH3", "L1", 10_000_00L, "2023-01-11T10:00:00+05:30");
        driver.advanceWallClock(Duration.ofDays(1));
        assertThat(alerts.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(ELSEWHERE);
            assertThat(r.value().getType()).isEqualTo(LoiAlertType.FOLLOWED_UP);
            assertThat(r.value().getDistrictCode()).isEqualTo(ELSEWHERE);
            assertThat(r.value().getValuePaise()).isEqualTo(1_20_000_00L);
            assertThat(r.value().getLinkedExportValuePaise()).isEqualTo(30_000_00L);
        });
        assertThat(counted("L1").getLinkedExportValuePaise()).isEqualTo(40_000_00L);
        assertThat(driver.loiAlertCounts).containsExactly("LOI_FOLLOW_UP_DUE", "FOLLOWED_UP");
    }

    @Test
    @DisplayName("a due LOI corrected into the district whose exports name it is followed up at the correction, once")
    void dueLoiMovedToItsExports() {
        Instant signed = Instant.parse("2022-07-30T06:00:00Z");
        send(loi("e1", "L1", 1_00_000_00L, signed));
        var alerts = driver.loiAlerts();
        driver.advanceWallClock(Duration.ofMinutes(1));
        assertThat(alerts.readValuesToList()).extracting(LoiAlert::getType).containsExactly(LoiAlertType.LOI_FOLLOW_UP_DUE);

        exportElsewhere("s1", "SH1", "L1", 40_000_00L, "2022-09-10T10:00:00+05:30"); // the district was mistyped
        assertThat(alerts.readValuesToList()).as("not its district's export yet").isEmpty();
        Instant correctedAt = driver.wallClock();
        moveElsewhere("e2", "L1", 1_00_000_00L, signed);
        assertThat(alerts.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(ELSEWHERE);
            assertThat(r.value().getType()).isEqualTo(LoiAlertType.FOLLOWED_UP);
            assertThat(r.value().getLinkedExportValuePaise()).isEqualTo(40_000_00L);
            assertThat(r.value().getAt()).isEqualTo(correctedAt);
        });
        exportElsewhere("s2", "SH2", "L1", 40_000_00L, "2022-09-11T10:00:00+05:30");
        driver.advanceWallClock(Duration.ofDays(10));
        assertThat(alerts.readValuesToList()).isEmpty();
    }

    @Test
    @DisplayName("an LOI moved before its limit is due once, in its new district")
    void movedBeforeDue() {
        Instant signed = driver.wallClock().minus(Duration.ofDays(89));
        send(loi("e1", "L1", 1_00_000_00L, signed));
        moveElsewhere("e2", "L1", 1_00_000_00L, signed);
        var alerts = driver.loiAlerts();
        driver.advanceWallClock(Duration.ofDays(2));
        assertThat(alerts.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(ELSEWHERE);
            assertThat(r.value().getType()).isEqualTo(LoiAlertType.LOI_FOLLOW_UP_DUE);
        });
    }
}
