package org.odop.pulse.demo;

import java.time.Instant;

/** The business content of the demo's events before they become lines. */
final class Drafts {
    private Drafts() {}

    record Loi(String loiId, String meetId, DemoProduct product, String districtCode, String buyer, String seller,
               long paise, Instant signedAt) {}

    record Shipment(String shipmentId, String loiId, DemoProduct product, String districtCode, long quantity,
                    long paise, String country, String port) {}

    record Order(String orderId, String platform, DemoProduct product, String districtCode, long quantity, long paise) {}

    /** A status an entity reaches and when. */
    record Step(String status, Instant at) {}
}
