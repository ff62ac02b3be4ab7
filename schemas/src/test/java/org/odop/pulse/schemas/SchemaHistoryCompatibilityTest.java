package org.odop.pulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Schema history: each schema reads data written with every released version")
class SchemaHistoryCompatibilityTest {
    private static final Path AVRO = Path.of("src", "main", "avro");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("every schema in src/main/avro keeps its versions and reads data written with each of them")
    void currentSchemasReadEveryKeptVersion() throws IOException {
        List<String> problems = SchemaHistory.problems(AVRO);

        assertThat(problems)
                .withFailMessage(() -> "Schema history rules broken (the README's 'Compatibility and schema evolution' says how to evolve a schema):\n  "
                        + String.join("\n  ", problems))
                .isEmpty();
        assertThat(Files.list(AVRO.resolve("history")).map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("District", "EcommerceOrder", "FxRate", "HeldEvent", "LoiAlert", "LoiRecord", "LoiSigned",
                        "Measures", "OpenShipment", "Product",
                        "ShipmentAlert", "ShipmentEvent");
    }

    @Test
    @DisplayName("a new required field without default is caught, naming schema, kept version and field")
    void newRequiredFieldCaught() throws IOException {
        Schema v1 = released("LoiSigned");
        Schema v2 = plus(v1, new Schema.Field("currency", Schema.create(Schema.Type.STRING)));
        layout("LoiSigned", v2, v1, v2);

        assertThat(SchemaHistory.problems(tmp)).singleElement().asString()
                .startsWith("LoiSigned.avsc cannot read data written with history/LoiSigned/v1.avsc")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("currency");
    }

    @Test
    @DisplayName("a narrowed type (valuePaise long to int) is caught")
    void narrowedTypeCaught() throws IOException {
        Schema v1 = released("LoiSigned");
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : v1.getFields()) {
            fields.add(f.name().equals("valuePaise")
                    ? new Schema.Field(f.name(), Schema.create(Schema.Type.INT), f.doc())
                    : new Schema.Field(f, f.schema()));
        }
        Schema v2 = record(v1, fields);
        layout("LoiSigned", v2, v1, v2);

        assertThat(SchemaHistory.problems(tmp)).singleElement().asString()
                .contains("history/LoiSigned/v1.avsc").contains("TYPE_MISMATCH").contains("valuePaise");
    }

    @Test
    @DisplayName("an optional field with a default passes, and data written with v1 really reads with the new schema")
    void optionalFieldPasses() throws IOException {
        Schema v1 = released("LoiSigned");
        Schema v2 = plus(v1, new Schema.Field("currency", Schema.create(Schema.Type.STRING), null, "INR"));
        layout("LoiSigned", v2, v1, v2);

        assertThat(SchemaHistory.problems(tmp)).isEmpty();
        GenericRecord old = new GenericData.Record(v1);
        v1.getFields().forEach(f -> old.put(f.name(), f.schema().getType() == Schema.Type.LONG ? 7L : "x"));
        old.put("hsCode", null);
        GenericRecord read = roundTrip(old, v2);
        assertThat(read.get("currency").toString()).isEqualTo("INR");
        assertThat(read.get("valuePaise")).isEqualTo(7L);
    }

    @Test
    @DisplayName("a schema without kept versions, or changed without keeping the new version, is reported")
    void unkeptVersionsReported() throws IOException {
        Schema v1 = released("District");
        Schema v2 = plus(v1, new Schema.Field("pinCode", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), null, Schema.Field.NULL_DEFAULT_VALUE));
        layout("District", v2, v1);
        Files.writeString(tmp.resolve("Product.avsc"), released("Product").toString(true));

        assertThat(SchemaHistory.problems(tmp)).containsExactly(
                "District.avsc differs from its newest kept version history/District/v1.avsc;"
                        + " keep the version you release as history/District/v2.avsc",
                "Product.avsc: no released version kept; copy it to history/Product/v1.avsc");
    }

    private static Schema released(String name) throws IOException {
        return new Schema.Parser().parse(AVRO.resolve("history").resolve(name).resolve("v1.avsc").toFile());
    }

    private static Schema plus(Schema schema, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(extra);
        return record(schema, fields);
    }

    private static Schema record(Schema like, List<Schema.Field> fields) {
        return Schema.createRecord(like.getName(), like.getDoc(), like.getNamespace(), false, fields);
    }

    /** Writes {@code current} as NAME.avsc and {@code kept} as history/NAME/v1.avsc, v2.avsc, ... */
    private void layout(String name, Schema current, Schema... kept) throws IOException {
        Files.writeString(tmp.resolve(name + ".avsc"), current.toString(true));
        Path history = Files.createDirectories(tmp.resolve("history").resolve(name));
        for (int i = 0; i < kept.length; i++) {
            Files.writeString(history.resolve("v" + (i + 1) + ".avsc"), kept[i].toString(true));
        }
    }

    private static GenericRecord roundTrip(GenericRecord written, Schema reader) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(written.getSchema()).write(written, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(written.getSchema(), reader)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
