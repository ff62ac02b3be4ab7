package org.odop.pulse.topology.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.support.TestData.shipment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.Topics;
import org.odop.pulse.support.PipelineDriver;

class ShipmentTopologyTest {
    private final PipelineDriver driver = new PipelineDriver();

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void send(ShipmentEvent s) {
        driver.send(Topics.SHIPMENTS, s.getDistrictCode(), s);
    }

    private Measures total(String period) {
        return driver.total(ShipmentTopology.MEASURES_STORE, "JK-PULWAMA", period);
    }

    @Test
    @DisplayName("a shipment counts as exported once, at customs clearance, in that event's period and with its value")
    void exportedOnceAtCustomsClearance() {
        send(shipment("e1", "SH1", "JK-PULWAMA", "SAFFRON", ShipmentStatus.BOOKED, 900_00L, "2022-08-20T10:00:00+05:30", "L1"));
        send(shipment("e2", "SH1", "JK-PULWAMA", "SAFFRON", ShipmentStatus.DISPATCHED, 900_00L, "2022-08-25T10:00:00+05:30", "L1"));
        assertThat(total("all").getExportShipments()).isZero();

        send(shipment("e3", "SH1", "JK-PULWAMA", "SAFFRON", ShipmentStatus.CUSTOMS_CLEARED, 1_000_00L, "2022-09-02T10:00:00+05:30", "L1"));
        send(shipment("e4", "SH1", "JK-PULWAMA", "SAFFRON", ShipmentStatus.SHIPPED, 1_100_00L, "2022-09-05T10:00:00+05:30", "L1"));
        send(shipment("e5", "SH1", "JK-PULWAMA", "SAFFRON", ShipmentStatus.DELIVERED, 1_200_00L, "2022-10-20T10:00:00+05:30", "L1"));

        assertThat(total("all").getExportShipments()).isEqualTo(1);
        assertThat(total("all").getExportValuePaise()).isEqualTo(1_000_00L);
        assertThat(total("all").getLoiLinkedExportValuePaise()).isEqualTo(1_000_00L);
        assertThat(total("2022-09").getExportValuePaise()).isEqualTo(1_000_00L);
        assertThat(total("2022-10").getExportShipments()).isZero();
        assertThat(driver.measures(ShipmentTopology.MEASURES_STORE, "JK-PULWAMA", "FY2022-23", "SAFFRON")
                .getExportShipments()).isEqualTo(1);
    }

    @Test
    @DisplayName("out of order stages: whichever exported stage arrives first decides the period and value")
    void outOfOrderStages() {
        send(shipment("e5", "SH2", "JK-PULWAMA", "SAFFRON", ShipmentStatus.DELIVERED, 2_000_00L, "2022-11-20T10:00:00+05:30", null));
        send(shipment("e3", "SH2", "JK-PULWAMA", "SAFFRON", ShipmentStatus.CUSTOMS_CLEARED, 1_900_00L, "2022-10-02T10:00:00+05:30", null));
        send(shipment("e1", "SH2", "JK-PULWAMA", "SAFFRON", ShipmentStatus.BOOKED, 1_900_00L, "2022-09-20T10:00:00+05:30", null));

        assertThat(total("all").getExportShipments()).isEqualTo(1);
        assertThat(total("2022-11").getExportValuePaise()).isEqualTo(2_000_00L);
        assertThat(total("2022-10").getExportShipments()).isZero();
        assertThat(total("all").getLoiLinkedExportValuePaise()).isZero();
    }

    @Test
    @DisplayName("booked, dispatched, at-port and cancelled shipments are not exports")
    void notExported() {
        send(shipment("e1", "SH3", "JK-PULWAMA", "SAFFRON", ShipmentStatus.BOOKED, 100L, "2022-08-20T10:00:00+05:30", null));
        send(shipment("e2", "SH3", "JK-PULWAMA", "SAFFRON", ShipmentStatus.AT_PORT, 100L, "2022-08-21T10:00:00+05:30", null));
        send(shipment("e3", "SH3", "JK-PULWAMA", "SAFFRON", ShipmentStatus.CANCELLED, 100L, "2022-08-22T10:00:00+05:30", null));
        assertThat(total("all").getExportShipments()).isZero();
    }

    @Test
    @DisplayName("a late customs clearance for a closed month lands in that month, whenever it arrives")
    void lateEventForClosedMonth() {
        send(shipment("e1", "SH4", "JK-PULWAMA", "SAFFRON", ShipmentStatus.CUSTOMS_CLEARED, 500_00L, "2023-02-10T10:00:00+05:30", null));
        send(shipment("e2", "SH5", "JK-PULWAMA", "SAFFRON", ShipmentStatus.CUSTOMS_CLEARED, 700_00L, "2022-07-10T10:00:00+05:30", null));

        assertThat(total("2022-07").getExportValuePaise()).isEqualTo(700_00L);
        assertThat(total("FY2022-23").getExportValuePaise()).isEqualTo(1_200_00L);
        assertThat(total("2023-02").getExportValuePaise()).isEqualTo(500_00L);
    }
}
