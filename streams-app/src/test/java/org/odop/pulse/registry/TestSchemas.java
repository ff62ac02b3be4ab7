package org.odop.pulse.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.apache.avro.Schema;
import org.odop.pulse.avro.LoiSigned;

/** Variants of the LoiSigned schema for evolution tests, made by editing its JSON. */
final class TestSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestSchemas() {
    }

    /** The current LoiSigned schema (version 2 in these tests). */
    static Schema loi() {
        return LoiSigned.getClassSchema();
    }

    /** The LoiSigned schema before the optional hsCode field was added (version 1). */
    static Schema loiWithoutHsCode() {
        return withoutField(loi(), "hsCode");
    }

    /** LoiSigned plus a required field without default: new readers cannot read old data. */
    static Schema loiWithRequiredCurrency() {
        return withField(loi(), "{\"name\":\"currency\",\"type\":\"string\"}");
    }

    /** LoiSigned plus a field with a default: a newer schema that is compatible both ways. */
    static Schema loiWithDefaultedCurrency() {
        return withField(loi(), "{\"name\":\"currency\",\"type\":\"string\",\"default\":\"INR\"}");
    }

    static Schema withoutField(Schema schema, String field) {
        ObjectNode json = json(schema);
        ArrayNode fields = (ArrayNode) json.get("fields");
        for (int i = 0; i < fields.size(); i++) {
            if (field.equals(fields.get(i).get("name").asText())) {
                fields.remove(i);
                return parse(json);
            }
        }
        throw new IllegalArgumentException("no field " + field);
    }

    static Schema withField(Schema schema, String fieldJson) {
        ObjectNode json = json(schema);
        try {
            ((ArrayNode) json.get("fields")).add(MAPPER.readTree(fieldJson));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        return parse(json);
    }

    static LoiSigned sampleLoi(String hsCode) {
        return LoiSigned.newBuilder()
                .setEventId("evt-0001")
                .setLoiId("loi-42")
                .setMeetId("bsm-srinagar-2025")
                .setDistrictCode("JK-SRINAGAR")
                .setProductCode("PASHMINA-SHAWL")
                .setBuyer("Buyer GmbH")
                .setSeller("Kashmir Looms")
                .setValuePaise(9_007_199_254_740_993L) // 2^53 + 1: would not survive a trip through a double
                .setSignedAt(Instant.ofEpochMilli(1_735_689_600_123L))
                .setHsCode(hsCode)
                .build();
    }

    private static ObjectNode json(Schema schema) {
        try {
            return (ObjectNode) MAPPER.readTree(schema.toString());
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Schema parse(ObjectNode json) {
        return new Schema.Parser().parse(json.toString());
    }
}
