package org.odop.pulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.odop.pulse.registry.TestSchemas.loi;
import static org.odop.pulse.registry.TestSchemas.loiWithDefaultedCurrency;
import static org.odop.pulse.registry.TestSchemas.loiWithoutHsCode;
import static org.odop.pulse.registry.TestSchemas.sampleLoi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.internal.Measures;

@DisplayName("AvroSerde in the Confluent wire format")
class AvroSerdeTest {

    private static final String TOPIC = "odop.lois.v1";

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<LoiSigned> serde = new AvroSerde<>(LoiSigned.class, registry);

    @Test
    @DisplayName("a LoiSigned survives the round trip exactly: long beyond 2^53, millisecond timestamp, optional field")
    void roundTrip() {
        LoiSigned withHs = sampleLoi("61171010");
        LoiSigned withoutHs = sampleLoi(null);

        LoiSigned back = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, withHs));
        LoiSigned backNull = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, withoutHs));

        assertThat(back).isEqualTo(withHs);
        assertThat(back.getValuePaise()).isEqualTo(9_007_199_254_740_993L);
        assertThat(back.getSignedAt()).isEqualTo(Instant.ofEpochMilli(1_735_689_600_123L));
        assertThat(backNull).isEqualTo(withoutHs);
        assertThat(backNull.getHsCode()).isNull();
    }

    @Test
    @DisplayName("bytes are magic 0, the 4-byte big-endian id registered under <topic>-value, then the Avro body")
    void wireFormat() {
        byte[] bytes = serde.serializer().serialize(TOPIC, sampleLoi(null));

        int id = registry.latest(TOPIC + "-value").id();
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(bytes).hasSizeGreaterThan(AvroSerde.HEADER_SIZE);
        assertThat(registry.latest(TOPIC + "-value").schema()).isEqualTo(LoiSigned.getClassSchema());
    }

    @Test
    @DisplayName("configured as key, the serde registers under <topic>-key")
    void keySubject() {
        AvroSerde<Measures> keySerde = new AvroSerde<>(Measures.class, registry);
        keySerde.configure(Map.of(), true);
        Measures measures = Measures.newBuilder().setLoiCount(3).setLoiValuePaise(Long.MAX_VALUE).build();

        byte[] bytes = keySerde.serializer().serialize("odop.measures", measures);

        assertThat(registry.subjects()).containsExactly("odop.measures-key");
        assertThat(keySerde.deserializer().deserialize("odop.measures", bytes)).isEqualTo(measures);
    }

    @Test
    @DisplayName("null serializes to null and deserializes to null")
    void nulls() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(registry.subjects()).isEmpty();
    }

    @Test
    @DisplayName("bytes written with an older schema without hsCode are read into LoiSigned with hsCode null")
    void readsOlderSchema() {
        Schema old = loiWithoutHsCode();
        int oldId = registry.register(TOPIC + "-value", old);
        GenericRecord record = new GenericData.Record(old);
        LoiSigned expected = sampleLoi(null);
        for (Schema.Field f : old.getFields()) {
            Object value = expected.get(f.name());
            record.put(f.name(), value instanceof Instant i ? i.toEpochMilli() : value);
        }

        LoiSigned read = serde.deserializer().deserialize(TOPIC, wire(oldId, old, record));

        assertThat(read).isEqualTo(expected);
        assertThat(read.getHsCode()).isNull();
        // The current schema is a compatible next version of the same subject.
        serde.serializer().serialize(TOPIC, sampleLoi("6117"));
        assertThat(registry.versions(TOPIC + "-value")).containsExactly(1, 2);
    }

    @Test
    @DisplayName("bytes written with a newer schema (an extra field) are read, the unknown field ignored")
    void readsNewerSchema() {
        Schema newer = loiWithDefaultedCurrency();
        int newerId = registry.register(TOPIC + "-value", newer);
        LoiSigned expected = sampleLoi("6117");
        GenericRecord record = new GenericData.Record(newer);
        for (Schema.Field f : loi().getFields()) {
            Object value = expected.get(f.name());
            record.put(f.name(), value instanceof Instant i ? i.toEpochMilli() : value);
        }
        record.put("currency", "EUR");

        assertThat(serde.deserializer().deserialize(TOPIC, wire(newerId, newer, record))).isEqualTo(expected);
    }

    @Test
    @DisplayName("without auto-registration an unregistered schema fails clearly, a registered one is used")
    void noAutoRegistration() {
        AvroSerde<LoiSigned> strict = new AvroSerde<>(LoiSigned.class, registry, false);

        assertThatThrownBy(() -> strict.serializer().serialize(TOPIC, sampleLoi(null)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered")
                .hasMessageContaining(TOPIC + "-value");
        assertThat(registry.subjects()).isEmpty();

        registry.register(TOPIC + "-value", loiWithoutHsCode());
        int id = registry.register(TOPIC + "-value", loi());
        byte[] bytes = strict.serializer().serialize(TOPIC, sampleLoi(null));

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(registry.versions(TOPIC + "-value")).containsExactly(1, 2);
    }

    @Test
    @DisplayName("an incompatible schema in the subject makes the serializer fail with SerializationException")
    void registrationRefused() {
        registry.register(TOPIC + "-value", District.getClassSchema());

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, sampleLoi(null)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC + "-value");
    }

    @Test
    @DisplayName("garbage, short input, wrong magic byte and unknown ids throw SerializationException")
    void malformedHeaders() {
        var deserializer = serde.deserializer();

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[0]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, "{\"loiId\":\"x\"}".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte 0x7b");
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 0x12, 0x34, 2, 'x'}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("schema id 4660");
    }

    @Test
    @DisplayName("corrupt Avro bodies (truncated, huge length, trailing bytes, other record type) throw SerializationException")
    void corruptBodies() {
        byte[] good = serde.serializer().serialize(TOPIC, sampleLoi("6117"));
        var deserializer = serde.deserializer();

        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        byte[] hugeLength = Arrays.copyOf(good, 10);
        // First field, eventId: zig-zag varint length 0x7ffffff0 claims a ~2 GB string.
        byte[] varint = {(byte) 0xe0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        System.arraycopy(varint, 0, hugeLength, 5, varint.length);
        byte[] trailing = Arrays.copyOf(good, good.length + 2);
        byte[] headerOnly = Arrays.copyOf(good, AvroSerde.HEADER_SIZE);

        for (byte[] bad : new byte[][] {truncated, hugeLength, trailing, headerOnly}) {
            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bad))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("schema id");
        }

        AvroSerde<District> districts = new AvroSerde<>(District.class, registry);
        byte[] district = districts.serializer().serialize("odop.ref.districts.v1",
                District.newBuilder().setDistrictCode("JK-SRINAGAR").setName("Srinagar").setStateCode("JK")
                        .setStateName("Jammu and Kashmir").build());
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, district))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    @DisplayName("internal store values are read in one pass, and truncated or trailing bytes still throw SerializationException")
    void internalValuesReadInOnePass() {
        AvroSerde<org.odop.pulse.avro.internal.Measures> measures = new AvroSerde<>(org.odop.pulse.avro.internal.Measures.class, registry);
        var row = new org.odop.pulse.avro.internal.Measures();
        row.setExportValuePaise(123_456_789L);
        byte[] good = measures.serializer().serialize("store-changelog", row);
        assertThat(measures.deserializer().deserialize("store-changelog", good)).isEqualTo(row);
        for (byte[] bad : new byte[][] {Arrays.copyOf(good, good.length - 1), Arrays.copyOf(good, good.length + 2)}) {
            assertThatThrownBy(() -> measures.deserializer().deserialize("store-changelog", bad))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("schema id");
        }
    }

    @Test
    @DisplayName("a record missing a required field fails to serialize with SerializationException")
    void invalidRecord() {
        LoiSigned broken = sampleLoi(null);
        broken.setBuyer(null);

        assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("LoiSigned");
    }

    @Test
    @DisplayName("over REST the serde round-trips and, once warm, makes no HTTP calls")
    void overRestWithoutSteadyStateCalls() {
        try (SchemaRegistryServer server = new SchemaRegistryServer(new InMemorySchemaRegistry(), "127.0.0.1", 0).start()) {
            RestSchemaRegistryClient rest = new RestSchemaRegistryClient(server.url());
            AvroSerde<LoiSigned> producerSide = new AvroSerde<>(LoiSigned.class, rest);
            AvroSerde<LoiSigned> consumerSide = new AvroSerde<>(LoiSigned.class, new RestSchemaRegistryClient(server.url()));
            LoiSigned loi = sampleLoi("6117");
            assertThat(consumerSide.deserializer().deserialize(TOPIC, producerSide.serializer().serialize(TOPIC, loi)))
                    .isEqualTo(loi);
            long warm = server.requestCount();

            for (int i = 0; i < 100; i++) {
                byte[] bytes = producerSide.serializer().serialize(TOPIC, loi);
                assertThat(consumerSide.deserializer().deserialize(TOPIC, bytes)).isEqualTo(loi);
            }

            assertThat(server.requestCount()).isEqualTo(warm);
        }
    }

    @Test
    @DisplayName("a registry that does not answer is SchemaRegistryUnavailableException, not a bad record (SerializationException)")
    void registryUnavailable() {
        SchemaRegistryServer stopped = new SchemaRegistryServer(new InMemorySchemaRegistry(), "127.0.0.1", 0).start();
        String url = stopped.url();
        byte[] written = new AvroSerde<>(LoiSigned.class, new RestSchemaRegistryClient(url)).serializer()
                .serialize(TOPIC, sampleLoi("6117"));
        stopped.close();
        RestSchemaRegistryClient down = new RestSchemaRegistryClient(url, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(2), 2, java.time.Duration.ofMillis(10));
        AvroSerde<LoiSigned> serdeDown = new AvroSerde<>(LoiSigned.class, down);

        assertThatThrownBy(() -> serdeDown.serializer().serialize(TOPIC, sampleLoi("6117")))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .isNotInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC + "-value");
        assertThatThrownBy(() -> serdeDown.deserializer().deserialize(TOPIC, written))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("schema id");
    }

    private static byte[] wire(int id, Schema schema, GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(ByteBuffer.allocate(4).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
