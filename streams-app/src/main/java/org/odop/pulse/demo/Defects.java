package org.odop.pulse.demo;

import java.util.List;
import org.odop.pulse.ingest.RecordType;

/** Spoils a good line the ways real feeds do, so that ingest must reject it and park it on the dead-letter topic. */
final class Defects {
    private Defects() {}

    private static final List<Twist> EVENT_DEFECTS = List.of(Twist.BAD_MONEY, Twist.NEGATIVE_MONEY, Twist.UNKNOWN_STATUS,
            Twist.MISSING_FIELD, Twist.MALFORMED_JSON);
    private static final List<Twist> LOI_DEFECTS = List.of(Twist.BAD_MONEY, Twist.NEGATIVE_MONEY, Twist.MISSING_FIELD,
            Twist.MALFORMED_JSON);

    record Spoiled(String json, Twist twist) {}

    static Spoiled spoil(RecordType type, JsonLine line, long paise, Rand rand) {
        Twist twist = rand.pick(type == RecordType.LOIS ? LOI_DEFECTS : EVENT_DEFECTS);
        String money = type == RecordType.ORDERS ? "amountInr" : "valueInr";
        switch (twist) {
            case BAD_MONEY -> line.text(money, JsonLine.rupees(paise) + rand.between(1, 9));
            case NEGATIVE_MONEY -> line.money(money, -Math.max(1, paise));
            case UNKNOWN_STATUS -> line.text("status", type == RecordType.ORDERS
                    ? rand.pick(List.of("REFUNDED", "PENDING", "DISPUTED"))
                    : rand.pick(List.of("LOST", "IN_TRANSIT", "HELD_AT_CUSTOMS")));
            case MISSING_FIELD -> line.remove(rand.pick(required(type)));
            case MALFORMED_JSON -> {
                String json = line.toString();
                return new Spoiled(json.substring(0, json.length() - rand.between(5, 40)), twist);
            }
            default -> throw new IllegalStateException("not a defect: " + twist);
        }
        return new Spoiled(line.toString(), twist);
    }

    private static List<String> required(RecordType type) {
        return switch (type) {
            case LOIS -> List.of("eventId", "loiId", "districtCode", "buyer", "valueInr", "signedAt");
            case SHIPMENTS -> List.of("eventId", "shipmentId", "districtCode", "status", "valueInr", "occurredAt");
            default -> List.of("eventId", "orderId", "platform", "amountInr", "status", "occurredAt");
        };
    }
}
