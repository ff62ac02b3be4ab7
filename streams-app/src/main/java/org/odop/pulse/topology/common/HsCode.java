package org.odop.pulse.topology.common;

import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.odop.pulse.avro.Product;
import org.odop.pulse.domain.Codes;

/** The ITC(HS) code an event counts under: its own when it has one, else its product's (as the reference data says now). */
public final class HsCode {
    private HsCode() {}

    /** Null when neither the event nor its product has a well-formed code. */
    public static String of(String own, String productCode, KeyValueStore<String, ValueAndTimestamp<Product>> products) {
        if (own != null && !own.isBlank()) return own;
        ValueAndTimestamp<Product> p = products.get(productCode);
        String code = p == null || p.value() == null ? null : p.value().getHsCode();
        return code != null && Codes.HS_CODE.matcher(code).matches() ? code : null;
    }
}
