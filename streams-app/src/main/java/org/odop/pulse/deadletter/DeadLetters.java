package org.odop.pulse.deadletter;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.odop.pulse.config.Topics;

/**
 * The dead-letter record format: the original bytes as the value, the original key, and headers
 * saying where it came from and why it was parked, so it can be reported and replayed.
 */
public final class DeadLetters {
    public static final String HEADER_SOURCE = "odop.dlq.source";
    public static final String HEADER_REASON = "odop.dlq.reason";
    public static final String HEADER_DETAIL = "odop.dlq.detail";
    public static final String HEADER_LINE = "odop.dlq.line";
    public static final String HEADER_TOPIC = "odop.dlq.topic";
    public static final String HEADER_PARTITION = "odop.dlq.partition";
    public static final String HEADER_OFFSET = "odop.dlq.offset";
    /**
     * What a dead letter keeps of a value too large to park whole (an ingest line over the limit, a record the
     * broker refuses): enough to recognise it, never enough to be refused in turn.
     */
    public static final int KEPT_PREFIX_BYTES = 4096;
    /** Set when the value was cut: how many bytes the original had. */
    public static final String HEADER_ORIGINAL_BYTES = "odop.dlq.original-bytes";
    /** "true" when the value keeps only a prefix of the original line or record. */
    public static final String HEADER_TRUNCATED = "odop.dlq.truncated";
    /** Headers of a batch of rejected ingest lines (see IngestService): one record holding many lines. */
    public static final String HEADER_BATCH = "odop.dlq.batch";
    public static final String HEADER_FIRST_LINE = "odop.dlq.first-line";
    public static final String HEADER_LAST_LINE = "odop.dlq.last-line";
    public static final String HEADER_LINES = "odop.dlq.lines";
    public static final String HEADER_LINE_NUMBERS = "odop.dlq.line-numbers";
    public static final String HEADER_TRUNCATED_LINES = "odop.dlq.truncated-lines";

    private DeadLetters() {}

    /** Adds the reason headers to {@code headers} (which may already carry the original record's headers). */
    public static Headers annotate(Headers headers, String source, DeadLetterReason reason, String detail) {
        put(headers, HEADER_SOURCE, source);
        put(headers, HEADER_REASON, reason.name());
        put(headers, HEADER_DETAIL, detail == null ? "" : truncate(detail));
        return headers;
    }

    /** Where a parked record was read from, so it can be found, reported and replayed to its topic. */
    public static Headers origin(Headers headers, String topic, int partition, long offset) {
        put(headers, HEADER_TOPIC, topic);
        put(headers, HEADER_PARTITION, Integer.toString(partition));
        put(headers, HEADER_OFFSET, Long.toString(offset));
        return headers;
    }

    public static ProducerRecord<byte[], byte[]> record(
            byte[] key, byte[] value, String source, DeadLetterReason reason, String detail) {
        Headers headers = annotate(new RecordHeaders(), source, reason, detail);
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, key, value, headers);
    }

    public static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String get(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 1000) + "...";
    }
}
