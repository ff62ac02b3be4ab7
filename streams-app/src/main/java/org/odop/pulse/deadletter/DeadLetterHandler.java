package org.odop.pulse.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams' last line of defence, so that no record can stop a stream thread: a record that
 * cannot be deserialized (reference topics, read with typed serdes) or whose processing throws is
 * parked on the dead-letter topic with its original bytes and reason, counted, and processing resumes.
 * Event topics rarely get here: they are read as bytes and checked in the topology itself.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
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
        return DeserializationExceptionHandler.Response.resume(List.of(park(record.topic(), record.partition(),
                record.offset(), record.key(), record.value(), DeadLetterReason.NOT_DESERIALIZABLE, exception)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return ProcessingExceptionHandler.Response.resume(List.of(park(context.topic(), context.partition(),
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
