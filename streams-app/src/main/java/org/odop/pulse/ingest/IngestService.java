package org.odop.pulse.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.deadletter.DeadLetters;

/**
 * Validates users' lines and produces the good ones to their topic and the bad ones, with the reason,
 * to the dead-letter topic. Returns only once Kafka has acknowledged every record (acks=all), so an
 * "accepted" answer means the data is safe. Shared by the HTTP ingest endpoint and the import command.
 */
public final class IngestService {
    private final Producer<byte[], byte[]> producer;
    private final PulseSerdes serdes;
    private final DeadLetterCounter deadLetters;

    public IngestService(Producer<byte[], byte[]> producer, PulseSerdes serdes, DeadLetterCounter deadLetters) {
        this.producer = producer;
        this.serdes = serdes;
        this.deadLetters = deadLetters;
    }

    public IngestResult ingest(RecordType type, Iterator<InputLine> lines) {
        return ingest(type, lines, n -> {});
    }

    /** @param progress told the number of each line handled, for progress bars */
    public IngestResult ingest(RecordType type, Iterator<InputLine> lines, IntConsumer progress) {
        String topic = type.topic().name();
        String source = "ingest:" + type.pathName();
        @SuppressWarnings("unchecked")
        Serializer<SpecificRecord> serializer =
                (Serializer<SpecificRecord>) serdes.value(type.topic()).serializer();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<IngestResult.Rejection> rejected = new ArrayList<>();
        long accepted = 0;
        while (lines.hasNext()) {
            InputLine line = lines.next();
            try {
                if (line.unreadable() != null) throw line.unreadable();
                RecordType.Keyed keyed = type.parse(new Fields(line.fields()));
                byte[] value = serializer.serialize(topic, keyed.value());
                // Events are stamped with their own time, so Kafka's record time agrees with the event's.
                Long timestamp = keyed.eventTime() == null ? null : keyed.eventTime().toEpochMilli();
                send(new ProducerRecord<>(topic, null, timestamp, utf8(keyed.key()), value), failure);
                accepted++;
            } catch (InvalidRecordException e) {
                rejected.add(new IngestResult.Rejection(line.number(), e.getMessage(), e.reason()));
                var dlq = DeadLetters.record(null, utf8(line.text()), source, e.reason(), e.getMessage());
                DeadLetters.put(dlq.headers(), DeadLetters.HEADER_LINE, Integer.toString(line.number()));
                send(dlq, failure);
                deadLetters.increment(source, e.reason());
            }
            progress.accept(line.number());
        }
        try {
            producer.flush();
        } catch (KafkaException e) {
            failure.compareAndSet(null, e);
        }
        if (failure.get() != null) {
            throw new IngestFailedException("Kafka did not acknowledge every record: " + failure.get().getMessage(),
                    failure.get());
        }
        return new IngestResult(accepted, rejected);
    }

    private void send(ProducerRecord<byte[], byte[]> record, AtomicReference<Exception> failure) {
        try {
            producer.send(record, (meta, e) -> {
                if (e != null) failure.compareAndSet(null, e);
            });
        } catch (KafkaException e) {
            // send() itself throws when, for instance, metadata cannot be had within max.block.ms.
            failure.compareAndSet(null, e);
        }
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
