package org.odop.pulse.registry;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format into a specific record, resolving the writer's schema (fetched by id) to T's
 * schema, so records written with an older or newer compatible schema still read. Every malformed input ends in
 * a {@link SerializationException}, which Kafka Streams' deserialization exception handlers understand; a registry
 * that cannot be reached throws {@link SchemaRegistryUnavailableException} instead, as the record may be fine.
 * Thread-safe.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    static {
        AvroTrust.ensure();
    }

    private final Class<T> type;
    private final SchemaRegistryClient client;
    private final SpecificData model;
    private final Schema readerSchema;
    private final Map<Integer, Reader<T>> readersById = new ConcurrentHashMap<>();
    /**
     * Whether each record's bytes are walked before they are read. Records of the event topics come from outside and
     * are walked; the internal types ({@value #INTERNAL_PACKAGE}*: store values, repartitioned records) are written
     * only by this application's own serializer to its own topics, and read many times per event, so they are not.
     */
    private final boolean walkFirst;
    static final String INTERNAL_PACKAGE = "org.odop.pulse.avro.internal.";

    /** The writer schema of one id and the reader resolving it to T. */
    private record Reader<T>(Schema writerSchema, DatumReader<T> datumReader) {
    }

    public AvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this.type = Objects.requireNonNull(type, "type");
        this.client = Objects.requireNonNull(client, "client");
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.walkFirst = !type.getName().startsWith(INTERNAL_PACKAGE);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the schema id in each record says everything.
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < AvroSerde.HEADER_SIZE) {
            throw new SerializationException("Cannot deserialize " + type.getSimpleName() + " from topic '" + topic
                    + "': " + data.length + " bytes is too short for the Confluent wire format"
                    + " (magic byte + 4-byte schema id + Avro body)");
        }
        if (data[0] != AvroSerde.MAGIC_BYTE) {
            throw new SerializationException(String.format("Cannot deserialize %s from topic '%s': unknown magic byte"
                    + " 0x%02x (expected 0x00, the Confluent wire format)", type.getSimpleName(), topic, data[0]));
        }
        int id = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
        Reader<T> reader = readerFor(id, topic);
        int offset = AvroSerde.HEADER_SIZE;
        int length = data.length - offset;
        T value;
        try {
            if (walkFirst) {
                // First walk the bytes with the writer schema without building anything: a corrupt length then fails
                // as "end of data" instead of allocating a huge string or array. Trailing bytes are found below.
                GenericDatumReader.skip(reader.writerSchema(), DecoderFactory.get().binaryDecoder(data, offset, length, null));
            }
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, offset, length, null);
            value = reader.datumReader().read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("trailing bytes after the Avro body");
            }
        } catch (IOException | RuntimeException e) { // EOFException, AvroRuntimeException, IndexOutOfBounds, ...
            throw new SerializationException("Cannot deserialize " + type.getSimpleName() + " from topic '" + topic
                    + "' with schema id " + id + ": corrupt or incompatible Avro data (" + e + ")", e);
        }
        return value;
    }

    /** A reader resolving schema {@code id} to T's schema; one per id, as building the resolver is not free. */
    private Reader<T> readerFor(int id, String topic) {
        Reader<T> cached = readersById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writerSchema;
        try {
            writerSchema = client.getById(id);
        } catch (SchemaRegistryException e) {
            if (e.isTransient()) {
                throw new SchemaRegistryUnavailableException("Cannot deserialize " + type.getSimpleName()
                        + " from topic '" + topic + "' now: fetching schema id " + id + " failed (" + e.getMessage() + ")", e);
            }
            throw new SerializationException("Cannot deserialize " + type.getSimpleName() + " from topic '" + topic
                    + "': schema id " + id + " is unknown to the registry (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot deserialize " + type.getSimpleName() + " from topic '" + topic
                    + "': fetching schema id " + id + " failed (" + e + ")", e);
        }
        Reader<T> reader = new Reader<>(writerSchema, new SpecificDatumReader<>(writerSchema, readerSchema, model));
        Reader<T> raced = readersById.putIfAbsent(id, reader);
        return raced != null ? raced : reader;
    }
}
