package org.odop.pulse.ingest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.OrderStatus;
import org.odop.pulse.avro.Platform;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.ProductCategory;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.domain.Codes;
import org.odop.pulse.config.Topic;
import org.odop.pulse.config.Topics;

/** The kinds of records users send: where each goes, how its key is chosen, how its fields are read. */
public enum RecordType {
    DISTRICTS(Topics.DISTRICTS, RecordType::district),
    PRODUCTS(Topics.PRODUCTS, RecordType::product),
    LOIS(Topics.LOIS, RecordType::loi),
    SHIPMENTS(Topics.SHIPMENTS, RecordType::shipment),
    ORDERS(Topics.ORDERS, RecordType::order);

    private final Topic<? extends SpecificRecord> topic;
    private final Function<Fields, Keyed> parser;

    RecordType(Topic<? extends SpecificRecord> topic, Function<Fields, Keyed> parser) {
        this.topic = topic;
        this.parser = parser;
    }

    /**
     * A parsed record, its Kafka key (districtCode for events, the code itself for reference data) and, for
     * events, their own time, which becomes the Kafka record's timestamp.
     */
    public record Keyed(String key, SpecificRecord value, Instant eventTime) {}

    public Topic<? extends SpecificRecord> topic() {
        return topic;
    }

    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RecordType> fromPathName(String name) {
        return Arrays.stream(values()).filter(t -> t.pathName().equals(name)).findFirst();
    }

    /** Parses and validates one line's fields; throws {@link InvalidRecordException} with a user-facing reason. */
    public Keyed parse(Fields f) {
        return parser.apply(f);
    }

    private static Keyed district(Fields f) {
        District d = District.newBuilder()
                .setDistrictCode(f.code("districtCode"))
                .setName(f.requiredText("name"))
                .setStateCode(f.code("stateCode", Codes.STATE_CODE, "two capital letters of ISO 3166-2:IN, e.g. JK"))
                .setStateName(f.requiredText("stateName"))
                .setLatitude(f.optionalDouble("latitude", -90, 90))
                .setLongitude(f.optionalDouble("longitude", -180, 180))
                .build();
        return new Keyed(d.getDistrictCode(), d, null);
    }

    private static Keyed product(Fields f) {
        Product p = Product.newBuilder()
                .setProductCode(f.code("productCode"))
                .setName(f.requiredText("name"))
                .setCategory(f.enumValue("category", ProductCategory.class))
                .setDistrictCode(f.code("districtCode"))
                .setHsCode(hsCode(f))
                .build();
        return new Keyed(p.getProductCode(), p, null);
    }

    private static Keyed loi(Fields f) {
        LoiSigned l = LoiSigned.newBuilder()
                .setEventId(f.requiredText("eventId"))
                .setLoiId(f.requiredText("loiId"))
                .setMeetId(f.requiredText("meetId"))
                .setDistrictCode(f.code("districtCode"))
                .setProductCode(f.code("productCode"))
                .setBuyer(f.requiredText("buyer"))
                .setSeller(f.requiredText("seller"))
                .setValuePaise(f.moneyPaise("valueInr"))
                .setSignedAt(f.eventTime("signedAt"))
                .setHsCode(hsCode(f))
                .build();
        return new Keyed(l.getDistrictCode(), l, l.getSignedAt());
    }

    private static Keyed shipment(Fields f) {
        ShipmentEvent s = ShipmentEvent.newBuilder()
                .setEventId(f.requiredText("eventId"))
                .setShipmentId(f.requiredText("shipmentId"))
                .setLoiId(f.optionalText("loiId"))
                .setDistrictCode(f.code("districtCode"))
                .setProductCode(f.code("productCode"))
                .setHsCode(hsCode(f))
                .setStatus(f.enumValue("status", ShipmentStatus.class))
                .setQuantity(f.positiveDecimal("quantity", 3))
                .setUnit(f.requiredText("unit"))
                .setValuePaise(f.moneyPaise("valueInr"))
                .setDestinationCountry(f.code("destinationCountry", Codes.COUNTRY, "ISO 3166-1 alpha-2, e.g. AE"))
                .setPort(f.optionalText("port"))
                .setOccurredAt(f.eventTime("occurredAt"))
                .build();
        return new Keyed(s.getDistrictCode(), s, s.getOccurredAt());
    }

    private static Keyed order(Fields f) {
        EcommerceOrder o = EcommerceOrder.newBuilder()
                .setEventId(f.requiredText("eventId"))
                .setOrderId(f.requiredText("orderId"))
                .setPlatform(f.enumValue("platform", Platform.class))
                .setDistrictCode(f.code("districtCode"))
                .setProductCode(f.code("productCode"))
                .setQuantity(f.positiveLong("quantity"))
                .setAmountPaise(f.moneyPaise("amountInr"))
                .setStatus(f.enumValue("status", OrderStatus.class))
                .setOccurredAt(f.eventTime("occurredAt"))
                .build();
        return new Keyed(o.getDistrictCode(), o, o.getOccurredAt());
    }

    private static String hsCode(Fields f) {
        return f.optionalCode("hsCode", Codes.HS_CODE, "2 to 8 digits of ITC(HS)");
    }
}
