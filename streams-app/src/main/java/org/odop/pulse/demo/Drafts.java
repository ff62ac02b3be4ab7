package org.odop.pulse.demo;

import java.time.Instant;

/** The business content of the demo's events before they become lines. */
final class Drafts {
    private Drafts() {}

    /** @param hsCode the ITC(HS) line the LOI names itself, or null when its product's code applies */
    record Loi(String loiId, String meetId, DemoProduct product, String hsCode, String districtCode, String buyer,
               String seller, long paise, Instant signedAt) {}

    /** @param hsCode the ITC(HS) line the shipping bill names itself, or null when its product's code applies */
    record Shipment(String shipmentId, String loiId, DemoProduct product, String hsCode, String districtCode,
                    long quantity, long paise, String country, String port) {}

    record Order(String orderId, String platform, DemoProduct product, String districtCode, long quantity, long paise) {}

    /** A status an entity reaches and when. */
    record Step(String status, Instant at) {}
}
