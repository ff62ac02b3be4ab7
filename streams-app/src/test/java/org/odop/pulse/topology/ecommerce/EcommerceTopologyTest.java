package org.odop.pulse.topology.ecommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.support.TestData.order;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.avro.OrderStatus;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.Topics;
import org.odop.pulse.support.PipelineDriver;

class EcommerceTopologyTest {
    private final PipelineDriver driver = new PipelineDriver();

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void send(EcommerceOrder o) {
        driver.send(Topics.ORDERS, o.getDistrictCode(), o);
    }

    private Measures total(String period) {
        return driver.total(EcommerceTopology.STORE, "JK-SRINAGAR", period);
    }

    @Test
    @DisplayName("placed orders add, cancellations and returns subtract, each in the period of its own time")
    void netOrdersAndGmv() {
        send(order("e1", "O1", "JK-SRINAGAR", "PASHMINA", OrderStatus.PLACED, 25_000_00L, "2023-03-30T10:00:00+05:30"));
        send(order("e2", "O2", "JK-SRINAGAR", "PASHMINA", OrderStatus.PLACED, 12_500_50L, "2023-03-31T10:00:00+05:30"));
        send(order("e3", "O3", "JK-SRINAGAR", "PAPIER-MACHE", OrderStatus.PLACED, 999_99L, "2023-03-31T11:00:00+05:30"));
        send(order("e4", "O1", "JK-SRINAGAR", "PASHMINA", OrderStatus.RETURNED, 25_000_00L, "2023-04-12T10:00:00+05:30"));
        send(order("e5", "O3", "JK-SRINAGAR", "PAPIER-MACHE", OrderStatus.CANCELLED, 999_99L, "2023-03-31T12:00:00+05:30"));

        assertThat(total("2023-03").getEcommerceOrders()).isEqualTo(2);
        assertThat(total("2023-03").getEcommerceGmvPaise()).isEqualTo(37_500_50L);
        assertThat(total("FY2022-23").getEcommerceGmvPaise()).isEqualTo(37_500_50L);
        assertThat(total("2023-04").getEcommerceOrders()).isEqualTo(-1);
        assertThat(total("FY2023-24").getEcommerceGmvPaise()).isEqualTo(-25_000_00L);
        assertThat(total("all").getEcommerceOrders()).isEqualTo(1);
        assertThat(total("all").getEcommerceGmvPaise()).isEqualTo(12_500_50L);
        assertThat(driver.measures(EcommerceTopology.STORE, "JK-SRINAGAR", "all", "PAPIER-MACHE").getEcommerceGmvPaise()).isZero();
    }
}
