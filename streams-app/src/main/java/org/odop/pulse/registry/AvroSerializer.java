package org.odop.pulse.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a specific record in the Confluent wire format: magic byte 0, the 4-byte big-endian schema id, then the
 * Avro binary body. The subject is {@code <topic>-value} (or {@code <topic>-key}), Confluent's default strategy.
 * Thread-safe: Kafka Streams shares one serializer among its stream threads. A registry that cannot be reached
 * throws {@link SchemaRegistryUnavailableException}, not a {@link SerializationException}: the record is fine.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    /** Same name as Confluent's setting, so existing configs keep their meaning. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    private final Class<T> type;
    private final SchemaRegistryClient client;
    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    private volatile boolean autoRegister;
    private volatile boolean isKey;

    public AvroSerializer(Class<T> type, SchemaRegistryClient client) {
        this(type, client, true);
    }

    /**
     * @param autoRegister if false the schema must already be registered under the subject (looked up, never
     *                     registered), as when producers may not change the registry
     */
    public AvroSerializer(Class<T> type, SchemaRegistryClient client, boolean autoRegister) {
        AvroTrust.ensure();
        this.type = Objects.requireNonNull(type, "type");
        this.client = Objects.requireNonNull(client, "client");
        // SpecificData for T knows T's logical-type conversions (timestamp-millis <-> Instant).
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        idsByTopic.clear(); // the subjects depend on isKey
        Object auto = configs == null ? null : configs.get(AUTO_REGISTER_SCHEMAS);
        if (auto != null) {
            this.autoRegister = Boolean.parseBoolean(auto.toString());
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        int id = schemaId(topic);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(AvroSerde.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) { // e.g. NullPointerException for a missing required field
            throw new SerializationException("Cannot serialize " + type.getSimpleName() + " for topic '" + topic
                    + "' with schema id " + id + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The subject this serializer uses for {@code topic}. */
    public String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }

    private int schemaId(String topic) {
        if (topic == null) {
            throw new SerializationException("Cannot serialize " + type.getSimpleName() + " without a topic name");
        }
        // By topic: the subject string is built only on the first record of a topic, not on every record.
        Integer cached = idsByTopic.get(topic);
        if (cached != null) {
            return cached;
        }
        String subject = subject(topic);
        int id;
        try {
            if (autoRegister) {
                id = client.register(subject, schema);
            } else {
                id = client.lookup(subject, schema).map(RegisteredSchema::id).orElseThrow(() -> new SerializationException(
                        "Schema of " + type.getName() + " is not registered under subject '" + subject
                                + "' and auto-registration is disabled; register it first"));
            }
        } catch (SchemaRegistryException e) {
            String what = "Cannot " + (autoRegister ? "register" : "look up") + " schema of " + type.getName()
                    + " under subject '" + subject + "': " + e.getMessage();
            if (e.isTransient()) throw new SchemaRegistryUnavailableException(what, e);
            throw new SerializationException(what, e);
        }
        idsByTopic.put(topic, id);
        return id;
    }
}
