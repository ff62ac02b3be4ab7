package org.odop.pulse.topology.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.support.TestData.loi;
import static org.odop.pulse.support.TestData.order;
import static org.odop.pulse.support.TestData.shipment;

import java.time.Duration;
import org.apache.kafka.streams.state.KeyValueStore;
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
    @DisplayName("event ids are forgotten only after the retention has passed on the wall clock")
    void retentionOfEventIds() {
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l1", "JK-SRINAGAR", "PASHMINA", 100_00L, "2022-07-30T11:00:00+05:30"));
        KeyValueStore<String, Long> ids = driver.store("loi-event-ids");
        driver.advanceWallClock(Duration.ofDays(29));
        assertThat(ids.get("l1")).isNotNull();
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l1", "JK-SRINAGAR", "PASHMINA", 100_00L, "2022-07-30T11:00:00+05:30"));
        assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiCount()).isEqualTo(1);

        driver.advanceWallClock(Duration.ofDays(2));
        assertThat(ids.get("l1")).isNull();
    }

    @Test
    @DisplayName("a delivery after its id was forgotten counts again: the retention is how long repeats are caught")
    void redeliveryAfterRetentionCountsAgain() {
        driver.send(Topics.ORDERS, "JK-SRINAGAR", order("o1", "ORD-1", "JK-SRINAGAR", "PASHMINA", OrderStatus.PLACED,
                100_00L, "2022-07-30T11:00:00+05:30"));
        driver.advanceWallClock(Duration.ofDays(30).plusHours(1));
        KeyValueStore<String, Long> ids = driver.store("order-event-ids");
        assertThat(ids.get("o1")).isNull();
        KeyValueStore<String, String> index = driver.store(TimeIndex.storeName("order-event-ids"));
        try (var it = index.all()) {
            assertThat(it.next().key).as("only the built mark is left").isEqualTo("~built");
            assertThat(it.hasNext()).isFalse();
        }

        driver.send(Topics.ORDERS, "JK-SRINAGAR", order("o1", "ORD-1", "JK-SRINAGAR", "PASHMINA", OrderStatus.PLACED,
                100_00L, "2022-07-30T11:00:00+05:30"));
        assertThat(driver.total(EcommerceTopology.STORE, "JK-SRINAGAR", "all").getEcommerceOrders()).isEqualTo(2);
        assertThat(ids.get("o1")).isNotNull();
    }

    @Test
    @DisplayName("an LOI delivered again after its event id was forgotten still counts once: an LOI is known by its loiId for good")
    void loiRedeliveredAfterRetentionCountsOnce() {
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l1", "JK-SRINAGAR", "PASHMINA", 100_00L, "2022-07-30T11:00:00+05:30"));
        driver.advanceWallClock(Duration.ofDays(60));
        KeyValueStore<String, Long> ids = driver.store("loi-event-ids");
        assertThat(ids.get("l1")).isNull();
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
