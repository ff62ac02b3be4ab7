package org.odop.pulse.topology.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.support.TestData.loi;
import static org.odop.pulse.support.TestData.shipment;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.support.PipelineDriver;
import org.odop.pulse.support.TestData;
import org.odop.pulse.topology.loi.LoiTopology;
import org.odop.pulse.topology.shipment.ShipmentTopology;
import org.odop.pulse.topology.shipment.StallLimits;

/** Events whose district or product is not known yet wait for the reference data instead of being parked at once. */
class HeldEventsTest {
    private PipelineDriver driver = new PipelineDriver(Duration.ofDays(30), StallLimits.defaults(),
            new HoldPolicy(Duration.ofHours(24), Duration.ofSeconds(1)));

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private List<String> deadLetterReasons() {
        return driver.deadLetters().stream().map(r -> DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON)).toList();
    }

    @Test
    @DisplayName("an LOI read before its product is held, then counted once the product arrives, whatever the order")
    void eventBeforeItsProduct() {
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l1", "JK-SRINAGAR", "CREWEL", 500L, "2022-07-30T11:00:00+05:30"));
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l2", "JK-SRINAGAR", "PASHMINA", 7L, "2022-07-30T11:00:00+05:30"));
        driver.advanceWallClock(Duration.ofSeconds(5));
        assertThat(deadLetterReasons()).isEmpty();
        assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiValuePaise()).isEqualTo(7L);

        driver.addProduct(TestData.product("CREWEL", "Crewel embroidery", "JK-SRINAGAR"));
        driver.advanceWallClock(Duration.ofSeconds(1));

        assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiValuePaise()).isEqualTo(507L);
        assertThat(driver.measures(LoiTopology.STORE, "JK-SRINAGAR", "2022-07", "CREWEL").getLoiCount()).isEqualTo(1L);
        driver.advanceWallClock(Duration.ofDays(2));
        assertThat(deadLetterReasons()).isEmpty();
        assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiCount()).isEqualTo(2L);
    }

    @Test
    @DisplayName("a held event delivered twice counts once when released; one missing both codes waits for both")
    void duplicatesAndTwoMissingCodes() {
        var l = loi("l1", "JK-KUPWARA", "WALNUT", 300L, "2022-07-30T11:00:00+05:30");
        driver.send(Topics.LOIS, "JK-KUPWARA", l);
        driver.send(Topics.LOIS, "JK-KUPWARA", l);
        driver.addDistrict(TestData.district("JK-KUPWARA", "Kupwara", "JK", "Jammu and Kashmir"));
        driver.advanceWallClock(Duration.ofSeconds(1));
        assertThat(driver.total(LoiTopology.STORE, "JK-KUPWARA", "all").getLoiCount()).isZero();

        driver.addProduct(TestData.product("WALNUT", "Walnuts", "JK-KUPWARA"));
        driver.advanceWallClock(Duration.ofSeconds(1));
        assertThat(driver.total(LoiTopology.STORE, "JK-KUPWARA", "all").getLoiCount()).isEqualTo(1L);
        assertThat(driver.total(LoiTopology.STORE, "JK-KUPWARA", "all").getLoiValuePaise()).isEqualTo(300L);
        assertThat(deadLetterReasons()).isEmpty();
    }

    @Test
    @DisplayName("an event whose code never arrives is parked with its reason once the wait has passed, not before")
    void parkedAfterTheWait() {
        driver.send(Topics.SHIPMENTS, "JK-NOWHERE", shipment("s1", "SH1", "JK-NOWHERE", "SAFFRON",
                ShipmentStatus.CUSTOMS_CLEARED, 100L, "2022-09-01T10:00:00+05:30", null));
        driver.advanceWallClock(Duration.ofHours(23));
        assertThat(deadLetterReasons()).isEmpty();

        driver.advanceWallClock(Duration.ofHours(1).plusSeconds(1));
        var dead = driver.deadLetters();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON)).isEqualTo("UNKNOWN_DISTRICT");
            assertThat(DeadLetters.get(r.headers(), DeadLetters.HEADER_DETAIL)).contains("JK-NOWHERE").contains("held from");
            assertThat(DeadLetters.get(r.headers(), DeadLetters.HEADER_TOPIC)).isEqualTo(Topics.SHIPMENTS.name());
            assertThat(DeadLetters.get(r.headers(), DeadLetters.HEADER_OFFSET)).isEqualTo("0");
        });
        assertThat(driver.deadLetterCounts).containsExactly(Topics.SHIPMENTS.name() + ":UNKNOWN_DISTRICT");

        // Replayed after the fix, the parked bytes count once, and the hold stores are empty again.
        driver.addDistrict(TestData.district("JK-NOWHERE", "Nowhere", "JK", "Jammu and Kashmir"));
        driver.sendBytes(Topics.SHIPMENTS.name(), dead.get(0).key(), dead.get(0).value());
        assertThat(driver.total(ShipmentTopology.MEASURES_STORE, "JK-NOWHERE", "all").getExportShipments()).isEqualTo(1L);
        assertThat(driver.<Object>store(HeldEvents.heldStore("shipment")).approximateNumEntries()).isZero();
        assertThat(driver.<Object>store(HeldEvents.indexStore("shipment")).approximateNumEntries()).isZero();
    }

    @Test
    @DisplayName("with a wait of zero, unknown codes are parked at once")
    void parkAtOnce() {
        driver.close();
        driver = new PipelineDriver(Duration.ofDays(30), StallLimits.defaults(), HoldPolicy.PARK_AT_ONCE);
        driver.send(Topics.LOIS, "JK-KUPWARA", loi("l1", "JK-KUPWARA", "PASHMINA", 1L, "2022-07-30T11:00:00+05:30"));
        assertThat(deadLetterReasons()).containsExactly("UNKNOWN_DISTRICT");
    }
}
