package org.odop.pulse.serving.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.internal.LoiCorrection;
import org.odop.pulse.avro.internal.LoiRecord;
import org.odop.pulse.serving.Json;

/** LOI rows as one instance reads them from its store and sends them to another (the internal API's JSON). */
class LoiRowsTest {
    @Test
    @DisplayName("a row keeps every field of the LOI record it is read from, corrections included, and survives the JSON between instances")
    void fromRecordAndOverJson() throws Exception {
        LoiRecord record = LoiRecord.newBuilder().setLoiId("LOI-A3").setMeetId("BSM-SKICC-2022-07-30")
                .setDistrictCode("JK-PULWAMA").setProductCode("SAFFRON").setBuyer("FabIndia").setSeller("Pampore Saffron FPO")
                .setValuePaise(30_000_000L).setSignedAt(Instant.parse("2022-07-30T06:30:00Z")).setHsCode("09102010")
                .setCorrections(List.of(LoiCorrection.newBuilder().setCorrectedAt(Instant.parse("2022-08-02T10:00:00Z"))
                        .setPreviousValuePaise(35_000_000L).setPreviousProductCode("WALNUT").setPreviousDistrictCode("JK-SRINAGAR")
                        .setPreviousSignedAt(Instant.parse("2022-07-30T06:00:00Z")).build()))
                .setLinkedExportShipments(2).setLinkedExportValuePaise(9_223_372_036_854_775_807L).build();
        LoiRows.Row row = LoiRows.Row.of("meet-lois:4", record);
        assertThat(row).isEqualTo(new LoiRows.Row("meet-lois:4", "LOI-A3", "BSM-SKICC-2022-07-30", "JK-PULWAMA", "SAFFRON",
                "FabIndia", "Pampore Saffron FPO", 30_000_000L, Instant.parse("2022-07-30T06:30:00Z").toEpochMilli(), 2,
                Long.MAX_VALUE, List.of(new LoiRows.Correction(Instant.parse("2022-08-02T10:00:00Z").toEpochMilli(),
                35_000_000L, "WALNUT", "JK-SRINAGAR", Instant.parse("2022-07-30T06:00:00Z").toEpochMilli()))));

        LoiRows rows = new LoiRows(List.of("meet-lois:4", "meet-lois:5"), List.of(row));
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(rows), LoiRows.class)).isEqualTo(rows);
    }
}
