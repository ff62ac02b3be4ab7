package org.odop.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.domain.EventLimits;
import org.odop.pulse.registry.InMemorySchemaRegistry;

/** IngestService with its limits: a fixed clock for the event-time window, and the bounded dead letters of a bad body. */
class IngestServiceLimitsTest {
    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    private final PulseSerdes serdes = new PulseSerdes(new InMemorySchemaRegistry());
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<DeadLetterReason> counted = new ArrayList<>();
    private final IngestService ingest = new IngestService(producer, serdes, (source, reason) -> counted.add(reason),
            new EventLimits(EventLimits.EARLIEST_EVENT_TIME, Duration.ofHours(2)), Clock.fixed(NOW, ZoneOffset.UTC));

    private IngestResult run(String body) {
        return ingest.ingest(RecordType.LOIS, new LineReader(new StringReader(body), InputFormat.NDJSON).start());
    }

    private static String loi(String eventId, String signedAt) {
        return "{\"eventId\":\"" + eventId + "\",\"loiId\":\"L\",\"meetId\":\"M\",\"districtCode\":\"JK-SRINAGAR\","
                + "\"productCode\":\"PASHMINA\",\"buyer\":\"B\",\"seller\":\"S\",\"valueInr\":10,\"signedAt\":\"" + signedAt + "\"}";
    }

    private List<ProducerRecord<byte[], byte[]>> dead() {
        return producer.history().stream().filter(r -> r.topic().equals(Topics.DEAD_LETTER)).toList();
    }

    @Test
    @DisplayName("the event-time window is the configured one, against the injected clock: maxAhead included, a millisecond more rejected")
    void windowFromTheClock() {
        IngestResult r = run(String.join("\n",
                loi("e1", NOW.plus(Duration.ofHours(2)).toString()),
                loi("e2", NOW.plus(Duration.ofHours(2)).plusMillis(1).toString()),
                loi("e3", "2000-01-01T05:30:00+05:30"),
                loi("e4", "2000-01-01T05:29:59.999+05:30")));
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.rejectedCount()).isEqualTo(2);
        assertThat(r.rejected()).extracting(IngestResult.Rejection::line).containsExactly(2, 4);
        assertThat(r.rejected().get(0).reason()).contains("signedAt").contains("2 h ahead").contains("2025-06-15T14:00:00Z");
        assertThat(r.rejected().get(1).reason()).contains("signedAt").contains("before 2000-01-01T00:00:00Z");
        assertThat(producer.history().stream().filter(p -> p.topic().equals(Topics.LOIS.name())).map(ProducerRecord::timestamp))
                .containsExactly(NOW.plus(Duration.ofHours(2)).toEpochMilli(), EventLimits.EARLIEST_EVENT_TIME.toEpochMilli());
    }

    @Test
    @DisplayName("past the first 1000 rejected lines, dead letters are batches of at most 1000 lines or 256 KiB, every line kept and counted")
    void batchedDeadLetters() {
        StringBuilder body = new StringBuilder();
        int lines = 3500;
        String longGarbage = "g".repeat(100 * 1024);
        for (int i = 1; i <= lines; i++) {
            if (i % 500 == 0) body.append(loi("ok" + i, "2025-06-15T11:00:00Z"));
            else if (i == 2001 || i == 2002 || i == 2003) body.append(longGarbage);
            else if (i == 3001) body.append("t".repeat(EventLimits.MAX_LINE_BYTES + 1));
            else body.append("bad ").append(i);
            body.append('\n');
        }
        IngestResult r = run(body.toString());

        int good = lines / 500;
        int bad = lines - good;
        assertThat(r.accepted()).isEqualTo(good);
        assertThat(r.rejectedCount()).isEqualTo(bad);
        assertThat(r.rejected()).hasSize(IngestResult.LISTED_AT_MOST);
        assertThat(r.rejectedNotListed()).isEqualTo(bad - IngestResult.LISTED_AT_MOST);
        assertThat(r.rejectedByReason()).containsEntry(DeadLetterReason.MALFORMED, (long) bad);
        assertThat(counted).hasSize(bad);

        var dead = dead();
        var singles = dead.stream().filter(d -> DeadLetters.get(d.headers(), DeadLetters.HEADER_BATCH) == null).toList();
        var batches = dead.stream().filter(d -> DeadLetters.get(d.headers(), DeadLetters.HEADER_BATCH) != null).toList();
        assertThat(singles).hasSize(IngestService.SINGLE_DEAD_LETTERS_AT_MOST);
        List<String> batchedLines = new ArrayList<>();
        List<Integer> batchedNumbers = new ArrayList<>();
        for (var b : batches) {
            assertThat(b.value().length).isLessThanOrEqualTo(IngestService.BATCH_BYTES_AT_MOST);
            String[] values = new String(b.value(), StandardCharsets.UTF_8).split("\n", -1);
            String[] numbers = DeadLetters.get(b.headers(), DeadLetters.HEADER_LINE_NUMBERS).split(",");
            assertThat(values).hasSize(numbers.length).hasSizeLessThanOrEqualTo(IngestService.BATCH_LINES_AT_MOST);
            assertThat(DeadLetters.get(b.headers(), DeadLetters.HEADER_LINES)).isEqualTo(Integer.toString(numbers.length));
            assertThat(DeadLetters.get(b.headers(), DeadLetters.HEADER_FIRST_LINE)).isEqualTo(numbers[0]);
            assertThat(DeadLetters.get(b.headers(), DeadLetters.HEADER_LAST_LINE)).isEqualTo(numbers[numbers.length - 1]);
            assertThat(DeadLetters.get(b.headers(), DeadLetters.HEADER_REASON)).isEqualTo("MALFORMED");
            batchedLines.addAll(List.of(values));
            for (String n : numbers) batchedNumbers.add(Integer.parseInt(n));
        }
        assertThat(batchedLines).hasSize(bad - IngestService.SINGLE_DEAD_LETTERS_AT_MOST);
        assertThat(batchedNumbers).isSorted().doesNotHaveDuplicates().allMatch(n -> n % 500 != 0);
        // The first batch closes before the third 100 KiB line (256 KiB), the second at 1000 lines, the third at the end.
        assertThat(batchedLines.stream().filter(longGarbage::equals)).hasSize(3);
        assertThat(batches).extracting(b -> DeadLetters.get(b.headers(), DeadLetters.HEADER_LINES))
                .containsExactly("998", "1000", "495");
        // The over-long line is in a batch as its 4 KiB prefix, and the batch says so.
        int at = batchedNumbers.indexOf(3001);
        assertThat(batchedLines.get(at)).hasSize(LineReader.KEPT_PREFIX_BYTES);
        assertThat(batches).anySatisfy(b -> assertThat(DeadLetters.get(b.headers(), DeadLetters.HEADER_TRUNCATED_LINES))
                .isEqualTo("3001:" + (EventLimits.MAX_LINE_BYTES + 1)));
    }

    @Test
    @DisplayName("a single over-long line is parked as its prefix with truncation headers, within any producer limit")
    void truncatedSingle() {
        String line = "{\"buyer\":\"" + "\u0939".repeat(EventLimits.MAX_LINE_BYTES) + "\"}";
        IngestResult r = run(line);
        assertThat(r.rejected()).singleElement().satisfies(rej ->
                assertThat(rej.reason()).contains("more than the limit of " + EventLimits.MAX_LINE_BYTES + " bytes"));
        var d = dead();
        assertThat(d).hasSize(1);
        assertThat(d.get(0).value().length).isLessThanOrEqualTo(LineReader.KEPT_PREFIX_BYTES);
        assertThat(line).startsWith(new String(d.get(0).value(), StandardCharsets.UTF_8));
        assertThat(DeadLetters.get(d.get(0).headers(), DeadLetters.HEADER_TRUNCATED)).isEqualTo("true");
        assertThat(DeadLetters.get(d.get(0).headers(), DeadLetters.HEADER_ORIGINAL_BYTES))
                .isEqualTo(Integer.toString(line.getBytes(StandardCharsets.UTF_8).length));
    }
}
