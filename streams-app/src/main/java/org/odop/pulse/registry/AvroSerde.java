package org.odop.pulse.registry;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Serde for a generated Avro class in the Confluent wire format, backed by any {@link SchemaRegistryClient}.
 * Byte-compatible with Confluent's KafkaAvroSerializer/Deserializer, so their tools read our topics and back.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    /** First byte of every Confluent-framed record. */
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus 4-byte schema id. */
    public static final int HEADER_SIZE = 5;

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** A serde that registers T's schema on first use. */
    public AvroSerde(Class<T> type, SchemaRegistryClient client) {
        this(type, client, true);
    }

    /** @param autoRegister false: only look the schema up, failing clearly if it is not registered */
    public AvroSerde(Class<T> type, SchemaRegistryClient client, boolean autoRegister) {
        this.serializer = new AvroSerializer<>(type, client, autoRegister);
        this.deserializer = new AvroDeserializer<>(type, client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public AvroSerializer<T> serializer() {
        return serializer;
    }

    @Override
    public AvroDeserializer<T> deserializer() {
        return deserializer;
    }
}
