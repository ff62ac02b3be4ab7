package org.odop.pulse.serving;

import java.time.Instant;

/** One stalled shipment as operations staff see it: how long it has sat at its stage, against the limit. */
public record StalledShipmentView(String shipmentId, String districtCode, String stateCode, String productCode,
                                  String status, Instant since, long stalledSeconds, long limitSeconds) {}
