package org.odop.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.registry.InMemorySchemaRegistry;

class IngestServiceTest {
    private final PulseSerdes serdes = new PulseSerdes(new InMemorySchemaRegistry());
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<String> counted = new ArrayList<>();
    private final IngestService ingest =
            new IngestService(producer, serdes, (source, reason) -> counted.add(source + ":" + reason));

    private IngestResult run(RecordType type, InputFormat format, String body) {
        return ingest.ingest(type, new LineReader(new BufferedReader(new StringReader(body)), format).start());
    }

    private static final String LOI = "{\"eventId\":\"e1\",\"loiId\":\"L1\",\"meetId\":\"BSM-SKICC-2022\","
            + "\"districtCode\":\"JK-SRINAGAR\",\"productCode\":\"PASHMINA\",\"buyer\":\"Pashmina.com\","
            + "\"seller\":\"Artisan co-op\",\"valueInr\":3500000.05,\"signedAt\":\"2022-07-30T11:00:00+05:30\"}";

    @Test
    @DisplayName("a valid NDJSON LOI is produced keyed by district, stamped with its event time, money in exact paise")
    void producesValidLoi() {
        IngestResult r = run(RecordType.LOIS, InputFormat.NDJSON, LOI + "\n");

        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejected()).isEmpty();
        var sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo(Topics.LOIS.name());
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("JK-SRINAGAR");
        assertThat(sent.timestamp()).isEqualTo(Instant.parse("2022-07-30T05:30:00Z").toEpochMilli());
        LoiSigned loi = serdes.value(Topics.LOIS).deserializer().deserialize(sent.topic(), sent.value());
        assertThat(loi.getValuePaise()).isEqualTo(350_000_005L);
    }

    @Test
    @DisplayName("each bad line is rejected with its line number and reason and parked on the dead-letter topic")
    void rejectsBadLines() {
        String body = String.join("\n",
                LOI,
                "{not json",
                LOI.replace("\"valueInr\":3500000.05", "\"valueInr\":-5"),
                "",
                LOI.replace("\"valueInr\":3500000.05", "\"valueInr\":\"10.505\""),
                LOI.replace("\"signedAt\":\"2022-07-30T11:00:00+05:30\"", "\"signedAt\":\"2022-07-30T11:00:00\""),
                LOI.replace("\"buyer\":\"Pashmina.com\",", ""),
                LOI.replace("\"valueInr\":3500000.05", "\"valueInr\":\"1050000.50\""));
        IngestResult r = run(RecordType.LOIS, InputFormat.NDJSON, body);

        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.rejected()).extracting(IngestResult.Rejection::line).containsExactly(2, 3, 5, 6, 7);
        assertThat(r.rejected().get(0).reason()).contains("not valid JSON");
        assertThat(r.rejected().get(1).reason()).contains("valueInr").contains("negative");
        assertThat(r.rejected().get(2).reason()).contains("two decimals");
        assertThat(r.rejected().get(3).reason()).contains("signedAt").contains("offset");
        assertThat(r.rejected().get(4).reason()).contains("missing required field 'buyer'");

        var dead = producer.history().stream().filter(p -> p.topic().equals(Topics.DEAD_LETTER)).toList();
        assertThat(dead).hasSize(5);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(DeadLetters.get(dead.get(0).headers(), DeadLetters.HEADER_REASON)).isEqualTo("MALFORMED");
        assertThat(DeadLetters.get(dead.get(1).headers(), DeadLetters.HEADER_LINE)).isEqualTo("3");
        assertThat(DeadLetters.get(dead.get(4).headers(), DeadLetters.HEADER_REASON)).isEqualTo("MISSING_FIELD");
        assertThat(counted).hasSize(5).allMatch(s -> s.startsWith("ingest:lois:"));
    }

    @Test
    @DisplayName("CSV uses the header row as field names and counts it as line 1")
    void readsCsv() {
        String body = "eventId,shipmentId,districtCode,productCode,status,quantity,unit,valueInr,destinationCountry,occurredAt\n"
                + "s1,SH1,JK-PULWAMA,SAFFRON,customs_cleared,12.5,kg,\"1,00\",AE,2022-09-01T10:00:00+05:30\n"
                + "s2,SH1,JK-PULWAMA,SAFFRON,CUSTOMS_CLEARED,12.5,kg,250000.75,AE,2022-09-01T10:00:00+05:30\n"
                + "s3,SH2,JK-PULWAMA,SAFFRON,LOST,1,kg,1,AE,2022-09-01T10:00:00+05:30\n";
        IngestResult r = run(RecordType.SHIPMENTS, InputFormat.CSV, body);

        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejected()).extracting(IngestResult.Rejection::line).containsExactly(2, 4);
        assertThat(r.rejected().get(1).reason()).contains("'LOST' is not one of BOOKED");
        var sent = producer.history().stream().filter(p -> p.topic().equals(Topics.SHIPMENTS.name())).findFirst().orElseThrow();
        ShipmentEvent s = serdes.value(Topics.SHIPMENTS).deserializer().deserialize(sent.topic(), sent.value());
        assertThat(s.getStatus()).isEqualTo(ShipmentStatus.CUSTOMS_CLEARED);
        assertThat(s.getValuePaise()).isEqualTo(25_000_075L);
        assertThat(s.getQuantity()).isEqualByComparingTo("12.5");
    }

    @Test
    @DisplayName("a CSV body without a header row cannot be read at all")
    void emptyCsv() {
        assertThatThrownBy(() -> run(RecordType.LOIS, InputFormat.CSV, "\n\n"))
                .isInstanceOf(UnreadableBodyException.class);
    }

    @Test
    @DisplayName("a failed send is reported, not counted as accepted")
    void sendFailureIsReported() {
        MockProducer<byte[], byte[]> failing =
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        failing.sendException = new org.apache.kafka.common.errors.TimeoutException("broker gone");
        IngestService svc = new IngestService(failing, serdes, (s, r) -> {});
        assertThatThrownBy(() -> svc.ingest(RecordType.LOIS,
                new LineReader(new BufferedReader(new StringReader(LOI)), InputFormat.NDJSON).start()))
                .isInstanceOf(IngestFailedException.class).hasMessageContaining("broker gone");
    }
}
