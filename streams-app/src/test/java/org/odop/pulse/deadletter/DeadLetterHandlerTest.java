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
        var response = handler.handleError(context(), new Record<>("k", "v", 0L), new ArithmeticException("long overflow"));

        assertThat(response.result().name()).isEqualTo("RESUME");
        var dlq = response.deadLetterQueueRecords().get(0);
        assertThat(dlq.value()).isEqualTo(utf8("raw-value"));
        assertThat(DeadLetters.get(dlq.headers(), DeadLetters.HEADER_REASON)).isEqualTo("PROCESSING_FAILED");
        assertThat(DeadLetters.get(dlq.headers(), DeadLetters.HEADER_DETAIL)).contains("long overflow");
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
