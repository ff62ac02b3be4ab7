package org.odop.pulse.serving;

import java.time.Instant;
import org.odop.pulse.avro.ShipmentAlert;

/** A STALLED or RESOLVED alert of the shipment-alert topic, as the alert stream sends it. */
public record AlertView(String type, String shipmentId, String districtCode, String stateCode, String productCode,
                        String stage, Instant since, long limitSeconds, Instant at) {

    public static AlertView of(ShipmentAlert a) {
        return new AlertView(a.getType().name(), a.getShipmentId(), a.getDistrictCode(), a.getStateCode(),
                a.getProductCode(), a.getStage(), a.getSince(), a.getLimitSeconds(), a.getAt());
    }
}
