package org.odop.pulse.support;

import java.time.Instant;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.avro.OrderStatus;
import org.odop.pulse.avro.Platform;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.ProductCategory;

/** Small builders for test records. */
public final class TestData {
    private TestData() {}

    public static LoiSigned loi(String eventId, String district, String product, long paise, String signedAt) {
        return LoiSigned.newBuilder().setEventId(eventId).setLoiId("L-" + eventId).setMeetId("BSM-1")
                .setDistrictCode(district).setProductCode(product).setBuyer("FabIndia").setSeller("Seller " + eventId)
                .setValuePaise(paise).setSignedAt(Instant.parse(signedAt)).build();
    }

    public static ShipmentEvent shipment(String eventId, String shipmentId, String district, String product,
                                         ShipmentStatus status, long paise, String occurredAt, String loiId) {
        return ShipmentEvent.newBuilder().setEventId(eventId).setShipmentId(shipmentId).setLoiId(loiId)
                .setDistrictCode(district).setProductCode(product).setStatus(status)
                .setQuantity(new java.math.BigDecimal("10.000")).setUnit("kg").setValuePaise(paise)
                .setDestinationCountry("AE").setOccurredAt(Instant.parse(occurredAt)).build();
    }

    public static EcommerceOrder order(String eventId, String orderId, String district, String product,
                                       OrderStatus status, long paise, String occurredAt) {
        return EcommerceOrder.newBuilder().setEventId(eventId).setOrderId(orderId).setPlatform(Platform.GEM)
                .setDistrictCode(district).setProductCode(product).setQuantity(1).setAmountPaise(paise)
                .setStatus(status).setOccurredAt(Instant.parse(occurredAt)).build();
    }

    public static District district(String code, String name, String state, String stateName) {
        return District.newBuilder().setDistrictCode(code).setName(name).setStateCode(state).setStateName(stateName).build();
    }

    public static Product product(String code, String name, String district) {
        return Product.newBuilder().setProductCode(code).setName(name).setCategory(ProductCategory.HANDICRAFT)
                .setDistrictCode(district).build();
    }
}
