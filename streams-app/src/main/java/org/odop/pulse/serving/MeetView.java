package org.odop.pulse.serving;

import org.odop.pulse.domain.LoiStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One buyer-seller meet: its totals, its districts (by LOI value, largest first, then code), every LOI (by
 * {@code signedAt}, then loiId) with the exports linked to it and where it stands, and the corrections its LOIs
 * had (by when they were counted, then loiId). Money in rupees, exact to the paisa.
 *
 * @param buyers     how many distinct buyer names signed
 * @param sellers    how many distinct seller names signed
 * @param conversion linked export value over LOI value, to four decimals (half-even); null when the LOIs are worth nothing
 */
public record MeetView(String meetId, Instant firstSignedAt, Instant lastSignedAt, long loiCount, BigDecimal loiValueInr,
                       long buyers, long sellers, long linkedExportShipments, BigDecimal linkedExportValueInr,
                       BigDecimal conversion, List<DistrictRow> districts, List<Loi> lois, List<Correction> corrections) {

    public record DistrictRow(String districtCode, long loiCount, BigDecimal loiValueInr, BigDecimal linkedExportValueInr) {}

    public record Loi(String loiId, String districtCode, String productCode, String buyer, String seller,
                      BigDecimal valueInr, Instant signedAt, long linkedExportShipments, BigDecimal linkedExportValueInr,
                      LoiStatus status) {}

    /** A version an LOI replaced: what it said before, and when the correction was counted. */
    public record Correction(String loiId, Instant correctedAt, BigDecimal previousValueInr, String previousProductCode,
                             String previousDistrictCode) {}
}
