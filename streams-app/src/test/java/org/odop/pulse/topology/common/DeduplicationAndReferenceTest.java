package org.odop.pulse.topology.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.support.TestData.loi;
import static org.odop.pulse.support.TestData.order;
import static org.odop.pulse.support.TestData.shipment;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.OrderStatus;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.support.PipelineDriver;
import org.odop.pulse.support.TestData;
import org.odop.pulse.topology.ecommerce.EcommerceTopology;
import org.odop.pulse.topology.loi.LoiTopology;
import org.odop.pulse.topology.shipment.ShipmentTopology;

class DeduplicationAndReferenceTest {
    private PipelineDriver driver = new PipelineDriver(Duration.ofDays(30));

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    @DisplayName("the same events imported twice count once, for every family")
    void duplicatesAcrossTwoImports() {
        for (int run = 0; run < 2; run++) {
            driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l1", "JK-SRINAGAR", "PASHMINA", 100_00L, "2022-07-30T11:00:00+05:30"));
            driver.send(Topics.SHIPMENTS, "JK-PULWAMA", shipment("s1", "SH1", "JK-PULWAMA", "SAFFRON",
                    ShipmentStatus.CUSTOMS_CLEARED, 200_00L, "2022-09-01T10:00:00+05:30", null));
            driver.send(Topics.ORDERS, "JK-SRINAGAR", order("o1", "O1", "JK-SRINAGAR", "PASHMINA",
                    OrderStatus.PLACED, 300_00L, "2022-09-01T10:00:00+05:30"));
            driver.send(Topics.ORDERS, "JK-SRINAGAR", order("o2", "O1", "JK-SRINAGAR", "PASHMINA",
                    OrderStatus.CANCELLED, 300_00L, "2022-09-02T10:00:00+05:30"));
        }
        assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiCount()).isEqualTo(1);
        assertThat(driver.total(ShipmentTopology.MEASURES_STORE, "JK-PULWAMA", "all").getExportValuePaise()).isEqualTo(200_00L);
        assertThat(driver.total(EcommerceTopology.STORE, "JK-SRINAGAR", "2022-09").getEcommerceOrders()).isZero();
        assertThat(driver.total(EcommerceTopology.STORE, "JK-SRINAGAR", "2022-09").getEcommerceGmvPaise()).isZero();
    }

    @Test
    @DisplayName("event ids are forgotten exactly when the retention has passed on the wall clock")
    void retentionOfEventIds() {
        driver.send(Topics.ORDERS, "JK-SRINAGAR", order("o1", "ORD-1", "JK-SRINAGAR", "PASHMINA", OrderStatus.PLACED,
                100_00L, "2022-07-30T11:00:00+05:30"));
        driver.advanceWallClock(Duration.ofDays(30));
        driver.send(Topics.ORDERS, "JK-SRINAGAR", order("o1", "ORD-1", "JK-SRINAGAR", "PASHMINA", OrderStatus.PLACED,
                100_00L, "2022-07-30T11:00:00+05:30"));
        assertThat(driver.total(EcommerceTopology.STORE, "JK-SRINAGAR", "all").getEcommerceOrders())
                .as("30 days to the millisecond: still a repeat").isEqualTo(1);

        driver.advanceWallClock(Duration.ofMillis(1));
        driver.send(Topics.ORDERS, "JK-SRINAGAR", order("o1", "ORD-1", "JK-SRINAGAR", "PASHMINA", OrderStatus.PLACED,
                100_00L, "2022-07-30T11:00:00+05:30"));
        assertThat(driver.total(EcommerceTopology.STORE, "JK-SRINAGAR", "all").getEcommerceOrders())
                .as("a millisecond later: forgotten, so it counts again").isEqualTo(2);
    }

    @Test
    @DisplayName("the store of seen ids drops whole segments once they are past the retention: its size follows the traffic of the retention, not of all time")
    void seenIdsAreDroppedBySegment() {
        driver.send(Topics.ORDERS, "JK-SRINAGAR", order("o1", "ORD-1", "JK-SRINAGAR", "PASHMINA", OrderStatus.PLACED,
                100_00L, "2022-07-30T11:00:00+05:30"));
        driver.advanceWallClock(Duration.ofDays(20));
        driver.send(Topics.ORDERS, "JK-SRINAGAR", order("o2", "ORD-2", "JK-SRINAGAR", "PASHMINA", OrderStatus.PLACED,
                100_00L, "2022-07-30T11:00:00+05:30"));
        assertThat(driver.seenEventIds("order")).containsExactlyInAnyOrder("o1", "o2");

        // Segments are half the retention long: o1's is dropped once the newest id is more than a retention and a
        // segment past it; o2, 29 days old, stays.
        driver.advanceWallClock(Duration.ofDays(29));
        driver.send(Topics.ORDERS, "JK-SRINAGAR", order("o3", "ORD-3", "JK-SRINAGAR", "PASHMINA", OrderStatus.PLACED,
                100_00L, "2022-07-30T11:00:00+05:30"));
        assertThat(driver.seenEventIds("order")).containsExactlyInAnyOrder("o2", "o3");
        assertThat(driver.total(EcommerceTopology.STORE, "JK-SRINAGAR", "all").getEcommerceOrders()).isEqualTo(3);
    }

    @Test
    @DisplayName("an LOI delivered again after its event id was forgotten still counts once: an LOI is known by its loiId for good")
    void loiRedeliveredAfterRetentionCountsOnce() {
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l1", "JK-SRINAGAR", "PASHMINA", 100_00L, "2022-07-30T11:00:00+05:30"));
        driver.advanceWallClock(Duration.ofDays(60));
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l1", "JK-SRINAGAR", "PASHMINA", 100_00L, "2022-07-30T11:00:00+05:30"));
        assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiCount()).isEqualTo(1);
        assertThat(driver.loiCorrections.get()).isZero();
    }

    @Test
    @DisplayName("with no wait, an event for an unknown district or product is parked with the reason and counts once replayed after the fix")
    void unknownDistrictParkedThenReplayed() {
        driver.close();
        driver = new PipelineDriver(Duration.ofDays(30), org.odop.pulse.topology.shipment.StallLimits.defaults(),
                HoldPolicy.PARK_AT_ONCE);
        var parked = loi("l9", "JK-KUPWARA", "PASHMINA", 4_200_00L, "2022-07-30T11:00:00+05:30");
        driver.send(Topics.LOIS, "JK-KUPWARA", parked);
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l10", "JK-SRINAGAR", "WILLOW-BAT", 1L, "2022-07-30T11:00:00+05:30"));

        var dead = driver.deadLetters();
        assertThat(dead).extracting(r -> DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON))
                .containsExactly("UNKNOWN_DISTRICT", "UNKNOWN_PRODUCT");
        assertThat(DeadLetters.get(dead.get(0).headers(), DeadLetters.HEADER_DETAIL)).contains("JK-KUPWARA");
        assertThat(driver.total(LoiTopology.STORE, "JK-KUPWARA", "all").getLoiCount()).isZero();

        driver.addDistrict(TestData.district("JK-KUPWARA", "Kupwara", "JK", "Jammu and Kashmir"));
        // Replay: the parked bytes go back to their topic, twice even, and count exactly once.
        driver.sendBytes(Topics.LOIS.name(), dead.get(0).key(), dead.get(0).value());
        driver.sendBytes(Topics.LOIS.name(), dead.get(0).key(), dead.get(0).value());
        assertThat(driver.total(LoiTopology.STORE, "JK-KUPWARA", "all").getLoiCount()).isEqualTo(1);
        assertThat(driver.total(LoiTopology.STORE, "JK-KUPWARA", "all").getLoiValuePaise()).isEqualTo(4_200_00L);
        assertThat(driver.deadLetters()).isEmpty();
    }
}
