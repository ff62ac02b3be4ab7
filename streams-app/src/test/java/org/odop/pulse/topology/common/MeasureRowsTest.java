package org.odop.pulse.topology.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.Measure;
import org.odop.pulse.domain.MeasureCatalog;

class MeasureRowsTest {
    @Test
    @DisplayName("every measure of the catalogue is kept in its own field of the store row, and read back by name")
    void everyMeasureRoundTrips() {
        Measures row = new Measures();
        long n = 1;
        for (Measure m : MeasureCatalog.ALL) MeasureRows.add(row, m, n++);
        n = 1;
        for (Measure m : MeasureCatalog.ALL) {
            assertThat(MeasureRows.get(row, m)).as(m.name()).isEqualTo(n);
            assertThat(MeasureRows.values(row).get(m)).isEqualTo(BigInteger.valueOf(n++));
        }
        assertThat(row.getLoiValuePaise()).isEqualTo(2L);
        var shipments = MeasureRows.byName(row, MeasureCatalog.of(MeasureCatalog.SHIPMENT));
        assertThat(shipments).containsOnlyKeys("exportShipments", "exportValueInr", "exportValueUsd",
                "exportValueInrUnconverted", "loiLinkedExportValueInr");
        assertThat(MeasureRows.fromNames(shipments).get(MeasureCatalog.EXPORT_VALUE)).isEqualTo(BigInteger.valueOf(4));
        assertThat(MeasureRows.fromNames(shipments).get(MeasureCatalog.LOI_VALUE)).isZero();
    }

    @Test
    @DisplayName("adding beyond a long throws, and an unknown measure name from another instance is refused")
    void exactAndStrict() {
        Measures row = new Measures();
        MeasureRows.add(row, MeasureCatalog.EXPORT_VALUE, Long.MAX_VALUE);
        assertThatThrownBy(() -> MeasureRows.add(row, MeasureCatalog.EXPORT_VALUE, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> MeasureRows.fromNames(Map.of("gdp", 1L))).hasMessageContaining("gdp");
    }
}
