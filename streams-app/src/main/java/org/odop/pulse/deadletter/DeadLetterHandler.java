package org.odop.pulse.deadletter;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.odop.pulse.registry.SchemaRegistryUnavailableException;

/**
 * Kafka Streams' last line of defence, so that no record can stop a stream thread: a record that
 * cannot be deserialized (reference topics, read with typed serdes) or whose processing throws is
 * parked on the dead-letter topic with its original bytes and reason, counted, and processing resumes.
 * Event topics rarely get here: they are read as bytes and checked in the topology itself.
 * <p>
 * A schema registry that cannot be reached ({@link SchemaRegistryUnavailableException}) is no fault of the record:
 * every handler then fails the task instead of parking the record. The stream thread is replaced, and under
 * exactly-once the records since the last commit are processed again, so nothing is lost or counted twice.
 */
public final class DeadLetterHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {
    /** What a dead letter keeps of a record the broker refuses as too large. */
    public static final int KEPT_PREFIX_BYTES = DeadLetters.KEPT_PREFIX_BYTES;

    /** Config key under which the application passes its {@link DeadLetterCounter} object. */
    public static final String COUNTER_CONFIG = "odop.dead.letter.counter";

    private DeadLetterCounter counter = DeadLetterCounter.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(COUNTER_CONFIG) instanceof DeadLetterCounter c) counter = c;
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (SchemaRegistryUnavailableException.isCauseOf(exception)) return DeserializationExceptionHandler.Response.fail();
        return DeserializationExceptionHandler.Response.resume(List.of(park(record.topic(), record.partition(),
                record.offset(), record.key(), record.value(), DeadLetterReason.NOT_DESERIALIZABLE, exception)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (SchemaRegistryUnavailableException.isCauseOf(exception)) return ProcessingExceptionHandler.Response.fail();
        return ProcessingExceptionHandler.Response.resume(List.of(park(context.topic(), context.partition(),
                context.offset(), context.sourceRawKey(), context.sourceRawValue(),
                exception instanceof ArithmeticException ? DeadLetterReason.TOTAL_OUT_OF_RANGE
                        : DeadLetterReason.PROCESSING_FAILED,
                exception)));
    }

    /**
     * A record the broker will never take (larger than the topic allows, or refused for its timestamp) would
     * stop the stream thread on every retry: it is parked instead, its value cut to the first
     * {@value #KEPT_PREFIX_BYTES} bytes when it was too large, with the topic it was meant for and, in
     * headers, the source record it came from. Anything else (a broker down, a timeout) fails as before:
     * under exactly-once the task restarts and retries, losing nothing.
     */
    @Override
    public ProductionExceptionHandler.Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        boolean tooLarge = exception instanceof RecordTooLargeException;
        if (!tooLarge && !(exception instanceof InvalidTimestampException)) return ProductionExceptionHandler.Response.fail();
        byte[] value = record.value();
        byte[] kept = value != null && value.length > KEPT_PREFIX_BYTES && tooLarge
                ? Arrays.copyOf(value, KEPT_PREFIX_BYTES) : value;
        String detail = "the broker refused the record for " + record.topic() + ": " + exception.getMessage()
                + (kept != value ? "; value cut from " + value.length + " to its first " + KEPT_PREFIX_BYTES + " bytes" : "");
        DeadLetterReason reason = tooLarge ? DeadLetterReason.RECORD_TOO_LARGE : DeadLetterReason.PROCESSING_FAILED;
        counter.increment(record.topic(), reason);
        // No timestamp: the dead letter is stamped now, so the broker cannot refuse it for its time either.
        var dlq = DeadLetters.record(record.key(), kept, record.topic(), reason, detail);
        DeadLetters.origin(dlq.headers(), context.topic() == null ? record.topic() : context.topic(),
                context.partition(), context.offset());
        if (kept != value) {
            DeadLetters.put(dlq.headers(), DeadLetters.HEADER_TRUNCATED, "true");
            DeadLetters.put(dlq.headers(), DeadLetters.HEADER_ORIGINAL_BYTES, Integer.toString(value.length));
        }
        return ProductionExceptionHandler.Response.resume(List.of(dlq));
    }

    @Override
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        if (SchemaRegistryUnavailableException.isCauseOf(exception)) return ProductionExceptionHandler.Response.fail();
        return ProductionExceptionHandler.Response.resume(List.of(park(context.topic(), context.partition(),
                context.offset(), context.sourceRawKey(), context.sourceRawValue(), DeadLetterReason.PROCESSING_FAILED,
                exception)));
    }

    private org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> park(
            String topic, int partition, long offset, byte[] key, byte[] value, DeadLetterReason reason, Exception e) {
        String source = topic == null ? "unknown" : topic;
        counter.increment(source, reason);
        var dlq = DeadLetters.record(key, value, source, reason, e.getClass().getSimpleName() + ": " + e.getMessage());
        DeadLetters.origin(dlq.headers(), source, partition, offset);
        return dlq;
    }
}
