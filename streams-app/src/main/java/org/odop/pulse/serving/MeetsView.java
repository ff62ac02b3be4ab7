package org.odop.pulse.serving;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Buyer-seller meets as their LOIs show them, newest first (by the last LOI signed, then meet id). */
public record MeetsView(List<Meet> meets) {
    /**
     * One meet: when its LOIs were signed, the districts they are in (by code), what they are worth and the exports
     * linked to them (money in rupees, exact to the paisa).
     *
     * @param conversion linked export value over LOI value, to four decimals (half-even); null when the LOIs are worth nothing
     */
    public record Meet(String meetId, Instant firstSignedAt, Instant lastSignedAt, List<String> districts, long loiCount,
                       BigDecimal loiValueInr, long linkedExportShipments, BigDecimal linkedExportValueInr,
                       BigDecimal conversion) {}
}
