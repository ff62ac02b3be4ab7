package org.odop.pulse.demo;

import java.time.Instant;

/** The NDJSON field names of LOIs, shipments and orders (issue 2), written in one place. */
final class EventLines {
    private EventLines() {}

    static JsonLine loi(String eventId, Drafts.Loi l) {
        JsonLine line = new JsonLine().text("eventId", eventId).text("loiId", l.loiId()).text("meetId", l.meetId())
                .text("districtCode", l.districtCode()).text("productCode", l.product().code());
        if (l.hsCode() != null) line.text("hsCode", l.hsCode());
        return line.text("buyer", l.buyer()).text("seller", l.seller()).money("valueInr", l.paise())
                .time("signedAt", l.signedAt());
    }

    static JsonLine shipment(String eventId, Drafts.Shipment s, String status, Instant at) {
        JsonLine line = new JsonLine().text("eventId", eventId).text("shipmentId", s.shipmentId());
        if (s.loiId() != null) line.text("loiId", s.loiId());
        line.text("districtCode", s.districtCode()).text("productCode", s.product().code());
        // An event names its own ITC(HS) line only when it refines its product's; otherwise the product's applies.
        if (s.hsCode() != null) line.text("hsCode", s.hsCode());
        return line.text("status", status).number("quantity", s.quantity())
                .text("unit", s.product().unit()).money("valueInr", s.paise())
                .text("destinationCountry", s.country()).text("port", s.port()).time("occurredAt", at);
    }

    static JsonLine order(String eventId, Drafts.Order o, String status, Instant at) {
        return new JsonLine().text("eventId", eventId).text("orderId", o.orderId()).text("platform", o.platform())
                .text("districtCode", o.districtCode()).text("productCode", o.product().code())
                .number("quantity", o.quantity()).money("amountInr", o.paise()).text("status", status)
                .time("occurredAt", at);
    }
}
