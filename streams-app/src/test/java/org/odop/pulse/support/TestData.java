package org.odop.pulse.support;

import java.time.Instant;
import org.odop.pulse.avro.District;
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

    public static District district(String code, String name, String state, String stateName) {
        return District.newBuilder().setDistrictCode(code).setName(name).setStateCode(state).setStateName(stateName).build();
    }

    public static Product product(String code, String name, String district) {
        return Product.newBuilder().setProductCode(code).setName(name).setCategory(ProductCategory.HANDICRAFT)
                .setDistrictCode(district).build();
    }
}
