package org.odop.pulse.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.domain.EventLimits;

/**
 * Validates users' lines and produces the good ones to their topic and the bad ones, with the reason,
 * to the dead-letter topic. Returns only once Kafka has acknowledged every record (acks=all), so an
 * "accepted" answer means the data is safe. Shared by the HTTP ingest endpoint and the import command.
 *
 * <p>Event times are judged against {@link EventLimits#timeProblem} at the wall-clock time each line is read;
 * money against {@link EventLimits#valueProblem}.
 *
 * <h2>What a body of many bad lines does to the dead-letter topic</h2>
 * No rejected line is lost, and none is counted twice, however many there are; but the topic grows by a bounded
 * number of records:
 * <ul>
 *   <li>Each of the first {@value #SINGLE_DEAD_LETTERS_AT_MOST} rejected lines of a body becomes its own dead-letter
 *       record: the line as the value, headers {@link DeadLetters#HEADER_SOURCE} ({@code ingest:<type>}),
 *       {@link DeadLetters#HEADER_REASON}, {@link DeadLetters#HEADER_DETAIL} and {@link DeadLetters#HEADER_LINE}.</li>
 *   <li>Rejected lines after those are packed into batch records of at most {@value #BATCH_LINES_AT_MOST} lines
 *       and at most {@value #BATCH_BYTES_AT_MOST} bytes of value: the value is the lines, in body order, joined
 *       by {@code '\n'}; the source, reason and detail headers are those of the batch's first line (later lines may
 *       have other reasons); {@link DeadLetters#HEADER_BATCH} is {@code true}; {@link DeadLetters#HEADER_FIRST_LINE},
 *       {@link DeadLetters#HEADER_LAST_LINE} and {@link DeadLetters#HEADER_LINES} give the first and last line numbers and how many
 *       lines the batch holds, and {@link DeadLetters#HEADER_LINE_NUMBERS} the number of each, comma-separated (good lines
 *       between them are not in the batch). So a body of size S adds at most 1000 + S / 256 KiB records (plus
 *       one per 1000 lines for bodies of tiny lines).</li>
 *   <li>A line longer than {@link EventLimits#MAX_LINE_BYTES} is rejected and only its first
 *       {@value LineReader#KEPT_PREFIX_BYTES} bytes are parked, with {@link DeadLetters#HEADER_TRUNCATED} {@code true} and
 *       {@link DeadLetters#HEADER_ORIGINAL_BYTES} its length (in a batch: {@link DeadLetters#HEADER_TRUNCATED_LINES} lists
 *       {@code line:bytes} of each such line), so no dead letter can exceed the producer's request size.</li>
 * </ul>
 * The dead-letter counter counts every rejected line, whether parked alone or in a batch. The answer lists the
 * first {@value IngestResult#LISTED_AT_MOST} rejections and counts the rest.
 */
public final class IngestService {

    public static final int SINGLE_DEAD_LETTERS_AT_MOST = 1000;
    public static final int BATCH_LINES_AT_MOST = 1000;
    public static final int BATCH_BYTES_AT_MOST = 256 * 1024;

    private final Producer<byte[], byte[]> producer;
    private final PulseSerdes serdes;
    private final DeadLetterCounter deadLetters;
    private final EventLimits limits;
    private final Clock clock;

    /** With the default event limits and the system clock. */
    public IngestService(Producer<byte[], byte[]> producer, PulseSerdes serdes, DeadLetterCounter deadLetters) {
        this(producer, serdes, deadLetters, EventLimits.DEFAULT, Clock.systemUTC());
    }

    public IngestService(Producer<byte[], byte[]> producer, PulseSerdes serdes, DeadLetterCounter deadLetters,
                         EventLimits limits, Clock clock) {
        this.producer = producer;
        this.serdes = serdes;
        this.deadLetters = deadLetters;
        this.limits = limits;
        this.clock = clock;
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
        List<IngestResult.Rejection> listed = new ArrayList<>();
        Map<DeadLetterReason, Long> byReason = new EnumMap<>(DeadLetterReason.class);
        Batch batch = new Batch(source);
        long accepted = 0;
        long rejected = 0;
        while (lines.hasNext()) {
            InputLine line = lines.next();
            try {
                if (line.unreadable() != null) throw line.unreadable();
                RecordType.Keyed keyed = type.parse(new Fields(line.fields(), limits, clock.instant()));
                byte[] value = serializer.serialize(topic, keyed.value());
                // Events are stamped with their own time, so Kafka's record time agrees with the event's.
                Long timestamp = keyed.eventTime() == null ? null : keyed.eventTime().toEpochMilli();
                send(new ProducerRecord<>(topic, null, timestamp, utf8(keyed.key()), value), failure);
                accepted++;
            } catch (InvalidRecordException e) {
                rejected++;
                byReason.merge(e.reason(), 1L, Long::sum);
                if (listed.size() < IngestResult.LISTED_AT_MOST) {
                    listed.add(new IngestResult.Rejection(line.number(), e.getMessage(), e.reason()));
                }
                if (rejected <= SINGLE_DEAD_LETTERS_AT_MOST) {
                    send(single(line, source, e), failure);
                } else {
                    byte[] text = utf8(line.text());
                    if (!batch.fits(text)) send(batch.drain(), failure);
                    batch.add(line, text, e);
                }
                deadLetters.increment(source, e.reason());
            }
            progress.accept(line.number());
        }
        if (!batch.isEmpty()) send(batch.drain(), failure);
        try {
            producer.flush();
        } catch (KafkaException e) {
            failure.compareAndSet(null, e);
        }
        if (failure.get() != null) {
            throw new IngestFailedException("Kafka did not acknowledge every record: " + failure.get().getMessage(),
                    failure.get());
        }
        return new IngestResult(accepted, rejected, List.copyOf(listed), rejected - listed.size(), byReason);
    }

    private static ProducerRecord<byte[], byte[]> single(InputLine line, String source, InvalidRecordException e) {
        var dlq = DeadLetters.record(null, utf8(line.text()), source, e.reason(), e.getMessage());
        DeadLetters.put(dlq.headers(), DeadLetters.HEADER_LINE, Integer.toString(line.number()));
        if (line.truncated()) {
            DeadLetters.put(dlq.headers(), DeadLetters.HEADER_TRUNCATED, "true");
            DeadLetters.put(dlq.headers(), DeadLetters.HEADER_ORIGINAL_BYTES, Long.toString(line.truncatedFromBytes()));
        }
        return dlq;
    }

    /** Rejected lines packed into one dead-letter record; see the class comment. */
    private static final class Batch {
        private final String source;
        private final ByteArrayOutputStream value = new ByteArrayOutputStream();
        private final StringBuilder lineNumbers = new StringBuilder();
        private final StringBuilder truncatedLines = new StringBuilder();
        private int lines;
        private int firstLine;
        private int lastLine;
        private DeadLetterReason reason;
        private String detail;

        Batch(String source) {
            this.source = source;
        }

        boolean isEmpty() {
            return lines == 0;
        }

        /** Whether a line of these bytes can join without passing a limit; an empty batch takes any line. */
        boolean fits(byte[] text) {
            return lines == 0
                    || (lines < BATCH_LINES_AT_MOST && value.size() + 1L + text.length <= BATCH_BYTES_AT_MOST);
        }

        void add(InputLine line, byte[] text, InvalidRecordException e) {
            if (lines == 0) {
                firstLine = line.number();
                reason = e.reason();
                detail = e.getMessage();
            } else {
                value.write('\n');
                lineNumbers.append(',');
            }
            value.writeBytes(text);
            lineNumbers.append(line.number());
            if (line.truncated()) {
                if (!truncatedLines.isEmpty()) truncatedLines.append(',');
                truncatedLines.append(line.number()).append(':').append(line.truncatedFromBytes());
            }
            lastLine = line.number();
            lines++;
        }

        ProducerRecord<byte[], byte[]> drain() {
            var dlq = DeadLetters.record(null, value.toByteArray(), source, reason, detail);
            var h = dlq.headers();
            DeadLetters.put(h, DeadLetters.HEADER_LINE, Integer.toString(firstLine));
            DeadLetters.put(h, DeadLetters.HEADER_BATCH, "true");
            DeadLetters.put(h, DeadLetters.HEADER_FIRST_LINE, Integer.toString(firstLine));
            DeadLetters.put(h, DeadLetters.HEADER_LAST_LINE, Integer.toString(lastLine));
            DeadLetters.put(h, DeadLetters.HEADER_LINES, Integer.toString(lines));
            DeadLetters.put(h, DeadLetters.HEADER_LINE_NUMBERS, lineNumbers.toString());
            if (!truncatedLines.isEmpty()) DeadLetters.put(h, DeadLetters.HEADER_TRUNCATED_LINES, truncatedLines.toString());
            value.reset();
            lineNumbers.setLength(0);
            truncatedLines.setLength(0);
            lines = 0;
            return dlq;
        }
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
