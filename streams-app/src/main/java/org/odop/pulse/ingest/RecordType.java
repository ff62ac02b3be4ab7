package org.odop.pulse.ingest;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.avro.FxRate;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.OrderStatus;
import org.odop.pulse.avro.Platform;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.ProductCategory;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.domain.Codes;
import org.odop.pulse.domain.FxRates;
import org.odop.pulse.config.Topic;
import org.odop.pulse.config.Topics;

/** The kinds of records users send: where each goes, how its key is chosen, how its fields are read. */
public enum RecordType {
    DISTRICTS(Topics.DISTRICTS, RecordType::district),
    PRODUCTS(Topics.PRODUCTS, RecordType::product),
    LOIS(Topics.LOIS, RecordType::loi),
    SHIPMENTS(Topics.SHIPMENTS, RecordType::shipment),
    ORDERS(Topics.ORDERS, RecordType::order),
    FX_RATES(Topics.FX_RATES, RecordType::fxRate);

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

    /** The name in URLs, the import command and dead-letter sources: lower case, words joined by '-' (fx-rates). */
    public String pathName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every {@link #pathName}, for messages: "districts, products, ... or fx-rates". */
    public static String pathNames() {
        RecordType[] all = values();
        String allButLast = Arrays.stream(all, 0, all.length - 1).map(RecordType::pathName)
                .collect(Collectors.joining(", "));
        return allButLast + " or " + all[all.length - 1].pathName();
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

    /**
     * A rate keyed {@code currency|validFrom}. Reference data: no event time. The rate is read exactly from its text
     * and kept with scale {@link FxRates#MAX_DECIMALS}, the scale of the Avro decimal.
     */
    private static Keyed fxRate(Fields f) {
        FxRate r = FxRate.newBuilder()
                .setCurrency(f.code("currency", Codes::isCurrency, "ISO 4217 currency code in capitals, e.g. USD"))
                .setValidFrom(f.isoDate("validFrom"))
                .setInrPerUnit(f.positiveDecimal("inrPerUnit", FxRates.MAX_DECIMALS, FxRates.MAX_INTEGER_DIGITS))
                .setSource(f.optionalText("source"))
                .build();
        return new Keyed(FxRates.key(r.getCurrency(), r.getValidFrom()), r, null);
    }

    private static String hsCode(Fields f) {
        return f.optionalCode("hsCode", Codes.HS_CODE, "2 to 8 digits of ITC(HS)");
    }
}
