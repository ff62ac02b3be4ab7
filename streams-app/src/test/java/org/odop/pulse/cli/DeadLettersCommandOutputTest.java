package org.odop.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetters;

/** dead-letters prints user-supplied text (details quote the line) with its control characters escaped. */
class DeadLettersCommandOutputTest {
    @Test
    void controlCharactersInDetailsAndHeadersAreEscaped() {
        var r = new ConsumerRecord<byte[], byte[]>("odop.dlq.v1", 0, 7, new byte[0], new byte[0]);
        DeadLetters.annotate(r.headers(), "ingest:lois\u001b[31m", DeadLetterReason.INVALID_FIELD,
                "districtCode 'X\u001b[2J\u001b]0;owned\u0007\nFAKE 0 dead-letter records' is not a valid code");
        DeadLetters.put(r.headers(), DeadLetters.HEADER_LINE, "3\r");
        String printed = DeadLettersCommand.describe(r, DeadLetters.get(r.headers(), DeadLetters.HEADER_SOURCE),
                DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON));
        assertThat(printed).doesNotContain("\u001b", "\u0007", "\n", "\r")
                .endsWith(" ingest:lois\\u001b[31m line 3\\r INVALID_FIELD: districtCode 'X\\u001b[2J\\u001b]0;owned\\u0007"
                        + "\\nFAKE 0 dead-letter records' is not a valid code");
    }
}
