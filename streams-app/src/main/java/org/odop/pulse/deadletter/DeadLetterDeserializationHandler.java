package org.odop.pulse.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * For topics read with a typed serde (the reference data global tables): a record that cannot be
 * deserialized is parked on the dead-letter topic with its reason and counted, and processing
 * resumes. Event topics never get here: they are read as bytes and decoded in the topology.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    /** Config key under which the application passes its {@link DeadLetterCounter} object. */
    public static final String COUNTER_CONFIG = "odop.dead.letter.counter";

    private DeadLetterCounter counter = DeadLetterCounter.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(COUNTER_CONFIG) instanceof DeadLetterCounter c) counter = c;
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        counter.increment(record.topic(), DeadLetterReason.NOT_DESERIALIZABLE);
        var dlq = DeadLetters.record(record.key(), record.value(), record.topic(),
                DeadLetterReason.NOT_DESERIALIZABLE, String.valueOf(exception.getMessage()));
        DeadLetters.put(dlq.headers(), DeadLetters.HEADER_TOPIC, record.topic());
        DeadLetters.put(dlq.headers(), DeadLetters.HEADER_PARTITION, Integer.toString(record.partition()));
        DeadLetters.put(dlq.headers(), DeadLetters.HEADER_OFFSET, Long.toString(record.offset()));
        return Response.resume(List.of(dlq));
    }
}
