package org.odop.pulse.topology.common;

import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.domain.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.support.TestData.loi;
import static org.odop.pulse.support.TestData.order;
import static org.odop.pulse.support.TestData.shipment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.OrderStatus;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.domain.EventLimits;
import org.odop.pulse.support.PipelineDriver;
import org.odop.pulse.topology.ecommerce.EcommerceTopology;
import org.odop.pulse.topology.loi.LoiTopology;
import org.odop.pulse.topology.shipment.ShipmentTopology;

/** Money and time at their edges, for events that did not come through ingest (other producers may write anything). */
class EventEdgesTest {
    private final PipelineDriver driver = new PipelineDriver();

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private List<String> deadLetterReasons() {
        return driver.deadLetters().stream().map(r -> DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON) + ": "
                + DeadLetters.get(r.headers(), DeadLetters.HEADER_DETAIL)).toList();
    }

    @Test
    @DisplayName("an event whose change would overflow a total is applied to no row and parked as TOTAL_OUT_OF_RANGE")
    void overflowAppliesToNoRow() {
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l1", "JK-SRINAGAR", "PASHMINA", 100L, "2022-07-30T11:00:00+05:30"));
        // The fiscal year's total is at the edge of a long (as after ~92,000 LOIs at the per-event limit).
        KeyValueStore<String, Measures> store = driver.store(LoiTopology.STORE);
        String fyTotal = MeasureKeys.total("JK-SRINAGAR", "FY2022-23");
        store.put(fyTotal, new Measures(1L, Long.MAX_VALUE - 50, 0L, 0L, 0L, 0L, 0L, 0L, 0L));

        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l2", "JK-SRINAGAR", "PASHMINA", 100L, "2022-07-30T12:00:00+05:30"));

        assertThat(deadLetterReasons()).singleElement().asString().startsWith("TOTAL_OUT_OF_RANGE");
        // Not one row changed: 'all' (written before the fiscal year's in the old order), the product rows, the month.
        assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiValuePaise()).isEqualTo(100L);
        assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiCount()).isEqualTo(1L);
        assertThat(driver.measures(LoiTopology.STORE, "JK-SRINAGAR", "all", "PASHMINA").getLoiValuePaise()).isEqualTo(100L);
        assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "2022-07").getLoiValuePaise()).isEqualTo(100L);
        assertThat(store.get(fyTotal).getLoiValuePaise()).isEqualTo(Long.MAX_VALUE - 50);

        // The pipeline goes on: the next event counts.
        driver.send(Topics.LOIS, "JK-PULWAMA", loi("l3", "JK-PULWAMA", "SAFFRON", 7L, "2022-07-30T12:00:00+05:30"));
        assertThat(driver.total(LoiTopology.STORE, "JK-PULWAMA", "all").getLoiValuePaise()).isEqualTo(7L);
    }

    @Test
    @DisplayName("a shipment refused for overflow is not marked exported: it counts once the totals allow")
    void overflowingShipmentNotMarkedExported() {
        KeyValueStore<String, Measures> store = driver.store(ShipmentTopology.MEASURES_STORE);
        String allTotal = MeasureKeys.total("JK-PULWAMA", "all");
        store.put(allTotal, new Measures(0L, 0L, 1L, Long.MAX_VALUE, 0L, 0L, 0L, 0L, 0L));
        driver.send(Topics.SHIPMENTS, "JK-PULWAMA", shipment("s1", "SH1", "JK-PULWAMA", "SAFFRON",
                ShipmentStatus.CUSTOMS_CLEARED, 10L, "2022-09-01T10:00:00+05:30", null));
        assertThat(deadLetterReasons()).singleElement().asString().startsWith("TOTAL_OUT_OF_RANGE");
        KeyValueStore<String, Long> exported = driver.store(ShipmentTopology.EXPORTED_STORE);
        assertThat(exported.get("SH1")).isNull();

        store.delete(allTotal);
        driver.send(Topics.SHIPMENTS, "JK-PULWAMA", shipment("s2", "SH1", "JK-PULWAMA", "SAFFRON",
                ShipmentStatus.SHIPPED, 10L, "2022-09-02T10:00:00+05:30", null));
        assertThat(driver.total(ShipmentTopology.MEASURES_STORE, "JK-PULWAMA", "2022-09").getExportValuePaise()).isEqualTo(10L);
    }

    @Test
    @DisplayName("a single event above Rs 1 lakh crore from another producer is parked with the limit in the reason")
    void valueAboveLimitParked() {
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l1", "JK-SRINAGAR", "PASHMINA",
                EventLimits.MAX_EVENT_VALUE_PAISE + 1, "2022-07-30T11:00:00+05:30"));
        driver.send(Topics.ORDERS, "JK-SRINAGAR", order("o1", "O1", "JK-SRINAGAR", "PASHMINA", OrderStatus.PLACED,
                Long.MAX_VALUE, "2022-07-30T11:00:00+05:30"));
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l2", "JK-SRINAGAR", "PASHMINA",
                EventLimits.MAX_EVENT_VALUE_PAISE, "2022-07-30T11:00:00+05:30"));

        assertThat(deadLetterReasons()).hasSize(2).allSatisfy(r -> assertThat(r).startsWith("INVALID_FIELD")
                .contains("1,00,000 crore"));
        assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiValuePaise())
                .isEqualTo(EventLimits.MAX_EVENT_VALUE_PAISE);
        assertThat(driver.total(EcommerceTopology.STORE, "JK-SRINAGAR", "all").getEcommerceOrders()).isZero();
    }

    @Test
    @DisplayName("event times outside the window (before 2000, more than a day ahead of the clock) are parked; a day ahead counts")
    void eventTimeWindow() {
        Instant now = driver.wallClock();
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l1", "JK-SRINAGAR", "PASHMINA", 1L, "2099-01-01T00:00:00Z"));
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l2", "JK-SRINAGAR", "PASHMINA", 2L, "1999-12-31T18:29:59Z"));
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l3", "JK-SRINAGAR", "PASHMINA", 4L, "1960-01-01T00:00:00Z"));
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l4", "JK-SRINAGAR", "PASHMINA", 8L,
                now.plus(Duration.ofHours(23)).toString()));
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l5", "JK-SRINAGAR", "PASHMINA", 16L,
                now.plus(Duration.ofHours(25)).toString()));
        driver.send(Topics.LOIS, "JK-SRINAGAR", loi("l6", "JK-SRINAGAR", "PASHMINA", 32L, "2000-01-01T00:00:00Z"));

        assertThat(deadLetterReasons()).hasSize(4).allSatisfy(r -> assertThat(r).startsWith("INVALID_FIELD: signedAt"));
        assertThat(driver.total(LoiTopology.STORE, "JK-SRINAGAR", "all").getLoiValuePaise()).isEqualTo(8L + 32L);
    }
}
