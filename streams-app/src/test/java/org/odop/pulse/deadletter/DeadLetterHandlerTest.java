package org.odop.pulse.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.config.Topics;
import org.odop.pulse.registry.SchemaRegistryException;
import org.odop.pulse.registry.SchemaRegistryUnavailableException;

class DeadLetterHandlerTest {
    private final List<String> counted = new ArrayList<>();
    private final DeadLetterHandler handler = new DeadLetterHandler();

    DeadLetterHandlerTest() {
        handler.configure(Map.of(DeadLetterHandler.COUNTER_CONFIG, (DeadLetterCounter) (s, r) -> counted.add(s + ":" + r)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("an undeserializable reference record is parked with its bytes and position, counted, and processing resumes")
    void deserializationFailure() {
        var record = new ConsumerRecord<>(Topics.DISTRICTS.name(), 0, 42L, utf8("JK-X"), utf8("junk"));
        var response = handler.handleError(context(), record, new RuntimeException("Unknown magic byte!"));

        assertThat(response.result().name()).isEqualTo("RESUME");
        var dlq = response.deadLetterQueueRecords().get(0);
        assertThat(dlq.topic()).isEqualTo(Topics.DEAD_LETTER);
        assertThat(dlq.value()).isEqualTo(utf8("junk"));
        assertThat(DeadLetters.get(dlq.headers(), DeadLetters.HEADER_REASON)).isEqualTo("NOT_DESERIALIZABLE");
        assertThat(DeadLetters.get(dlq.headers(), DeadLetters.HEADER_OFFSET)).isEqualTo("42");
        assertThat(counted).containsExactly(Topics.DISTRICTS.name() + ":NOT_DESERIALIZABLE");
    }

    @Test
    @DisplayName("a record whose processing throws is parked with the source bytes instead of stopping the thread")
    void processingFailure() {
        var response = handler.handleError(context(), new Record<>("k", "v", 0L), new IllegalStateException("a bug"));

        assertThat(response.result().name()).isEqualTo("RESUME");
        var dlq = response.deadLetterQueueRecords().get(0);
        assertThat(dlq.value()).isEqualTo(utf8("raw-value"));
        assertThat(DeadLetters.get(dlq.headers(), DeadLetters.HEADER_REASON)).isEqualTo("PROCESSING_FAILED");
        assertThat(DeadLetters.get(dlq.headers(), DeadLetters.HEADER_DETAIL)).contains("a bug");
        assertThat(counted).containsExactly(Topics.LOIS.name() + ":PROCESSING_FAILED");
    }

    @Test
    @DisplayName("a total that would overflow is parked as TOTAL_OUT_OF_RANGE")
    void overflow() {
        var response = handler.handleError(context(), new Record<>("k", "v", 0L), new ArithmeticException("long overflow"));
        assertThat(DeadLetters.get(response.deadLetterQueueRecords().get(0).headers(), DeadLetters.HEADER_REASON))
                .isEqualTo("TOTAL_OUT_OF_RANGE");
    }

    @Test
    @DisplayName("a record the broker refuses as too large is parked with a prefix of its value, never retried for ever")
    void productionTooLarge() {
        byte[] big = new byte[1_200_000];
        java.util.Arrays.fill(big, (byte) 'x');
        var record = new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.DEAD_LETTER, utf8("JK-SRINAGAR"), big);
        var response = handler.handleError(context(), record,
                new org.apache.kafka.common.errors.RecordTooLargeException("The message is 1200300 bytes"));

        assertThat(response.result().name()).isEqualTo("RESUME");
        var dlq = response.deadLetterQueueRecords().get(0);
        assertThat(dlq.topic()).isEqualTo(Topics.DEAD_LETTER);
        assertThat(dlq.value()).hasSize(DeadLetterHandler.KEPT_PREFIX_BYTES);
        assertThat(dlq.timestamp()).isNull();
        assertThat(DeadLetters.get(dlq.headers(), DeadLetters.HEADER_REASON)).isEqualTo("RECORD_TOO_LARGE");
        assertThat(DeadLetters.get(dlq.headers(), DeadLetters.HEADER_ORIGINAL_BYTES)).isEqualTo("1200000");
        assertThat(DeadLetters.get(dlq.headers(), DeadLetters.HEADER_TOPIC)).isEqualTo(Topics.LOIS.name());
        assertThat(DeadLetters.get(dlq.headers(), DeadLetters.HEADER_OFFSET)).isEqualTo("7");
        assertThat(counted).containsExactly(Topics.DEAD_LETTER + ":RECORD_TOO_LARGE");
    }

    @Test
    @DisplayName("a broker that cannot be reached is not a bad record: the task fails and retries, nothing is skipped")
    void productionTimeoutFails() {
        var record = new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.LOIS.name(), utf8("k"), utf8("v"));
        var response = handler.handleError(context(), record, new org.apache.kafka.common.errors.TimeoutException("t"));
        assertThat(response.result().name()).isEqualTo("FAIL");
        assertThat(counted).isEmpty();
    }

    @Test
    @DisplayName("a registry that does not answer is not a bad record: deserializing, processing and serializing fail the task, nothing is parked")
    void registryUnavailableFails() {
        var unavailable = new SchemaRegistryUnavailableException("registry down",
                SchemaRegistryException.noResponse("connection refused", null));
        var consumed = new ConsumerRecord<>(Topics.DISTRICTS.name(), 0, 42L, utf8("JK-X"), utf8("bytes"));
        assertThat(handler.handleError(context(), consumed, unavailable).result().name()).isEqualTo("FAIL");
        // As it reaches the handler from a processor: wrapped by Kafka Streams.
        var wrapped = new org.apache.kafka.streams.errors.StreamsException("process failed", unavailable);
        assertThat(handler.handleError(context(), new Record<>("k", "v", 0L), wrapped).result().name()).isEqualTo("FAIL");
        var produced = new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.LOIS.name(), utf8("k"), utf8("v"));
        assertThat(handler.handleSerializationError(context(), produced, unavailable,
                org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin.VALUE)
                .result().name()).isEqualTo("FAIL");
        assertThat(counted).isEmpty();

        // A schema the registry refuses is about the record: parked as before.
        var refused = new org.apache.kafka.common.errors.SerializationException("incompatible",
                SchemaRegistryException.incompatible("not BACKWARD-compatible"));
        assertThat(handler.handleSerializationError(context(), produced, refused,
                org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin.VALUE)
                .result().name()).isEqualTo("RESUME");
        assertThat(counted).containsExactly(Topics.LOIS.name() + ":PROCESSING_FAILED");
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            public String topic() { return Topics.LOIS.name(); }
            public int partition() { return 3; }
            public long offset() { return 7; }
            public Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "loi-aggregate"; }
            public TaskId taskId() { return new TaskId(1, 3); }
            public long timestamp() { return 0; }
            public byte[] sourceRawKey() { return utf8("JK-SRINAGAR"); }
            public byte[] sourceRawValue() { return utf8("raw-value"); }
        };
    }
}
