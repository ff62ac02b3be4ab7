package org.odop.pulse.bench;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.demo.GeneratedLine;
import org.odop.pulse.ingest.Fields;
import org.odop.pulse.ingest.InputFormat;
import org.odop.pulse.ingest.InputLine;
import org.odop.pulse.ingest.InvalidRecordException;
import org.odop.pulse.ingest.LineReader;
import org.odop.pulse.ingest.RecordType;

/**
 * Turns the demo generator's NDJSON lines into the records a producer writes to the event topics: valid
 * lines are parsed and validated exactly as ingest does and written as Avro keyed by district, stamped
 * with their event time; a line ingest would refuse is written as its raw text, as a foreign producer
 * writing JSON to an Avro topic would, so the pipeline must park it on the dead-letter topic.
 */
final class EventRecords {
    private final Map<RecordType, Serializer<SpecificRecord>> serializers = new EnumMap<>(RecordType.class);

    @SuppressWarnings("unchecked")
    EventRecords(PulseSerdes serdes) {
        for (RecordType type : new RecordType[] {RecordType.LOIS, RecordType.SHIPMENTS, RecordType.ORDERS}) {
            serializers.put(type, (Serializer<SpecificRecord>) serdes.value(type.topic()).serializer());
        }
    }

    /** The parsed record, or null when ingest would refuse the line. */
    static RecordType.Keyed parse(GeneratedLine line) {
        InputLine input = new LineReader(new BufferedReader(new StringReader(line.json()), line.json().length() + 2),
                InputFormat.NDJSON).start().next();
        if (input.unreadable() != null) return null;
        try {
            return line.type().parse(new Fields(input.fields()));
        } catch (InvalidRecordException e) {
            return null;
        }
    }

    ProducerRecord<byte[], byte[]> record(GeneratedLine line) {
        String topic = line.type().topic().name();
        RecordType.Keyed keyed = parse(line);
        if (keyed == null) return new ProducerRecord<>(topic, null, line.json().getBytes(StandardCharsets.UTF_8));
        return record(line.type(), keyed);
    }

    ProducerRecord<byte[], byte[]> record(RecordType type, RecordType.Keyed keyed) {
        String topic = type.topic().name();
        byte[] value = serializers.get(type).serialize(topic, keyed.value());
        Long timestamp = keyed.eventTime() == null ? null : keyed.eventTime().toEpochMilli();
        return new ProducerRecord<>(topic, null, timestamp, keyed.key().getBytes(StandardCharsets.UTF_8), value);
    }
}
