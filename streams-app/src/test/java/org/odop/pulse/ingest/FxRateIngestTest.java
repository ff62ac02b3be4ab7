package org.odop.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odop.pulse.avro.FxRate;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.registry.InMemorySchemaRegistry;

class FxRateIngestTest {
    private final PulseSerdes serdes = new PulseSerdes(new InMemorySchemaRegistry());
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<String> counted = new ArrayList<>();
    private final IngestService ingest =
            new IngestService(producer, serdes, (source, reason) -> counted.add(source + ":" + reason));

    private IngestResult run(InputFormat format, String body) {
        return ingest.ingest(RecordType.FX_RATES,
                new LineReader(new BufferedReader(new StringReader(body)), format).start());
    }

    private List<ProducerRecord<byte[], byte[]>> sent(String topic) {
        return producer.history().stream().filter(p -> p.topic().equals(topic)).toList();
    }

    private FxRate value(ProducerRecord<byte[], byte[]> record) {
        return serdes.value(Topics.FX_RATES).deserializer().deserialize(record.topic(), record.value());
    }

    private static String line(String currency, String validFrom, String inrPerUnit) {
        return "{\"currency\":\"" + currency + "\",\"validFrom\":\"" + validFrom + "\",\"inrPerUnit\":" + inrPerUnit
                + ",\"source\":\"CBIC\"}";
    }

    @Test
    @DisplayName("the path name is fx-rates, and it finds the type")
    void pathName() {
        assertThat(RecordType.FX_RATES.pathName()).isEqualTo("fx-rates");
        assertThat(RecordType.fromPathName("fx-rates")).contains(RecordType.FX_RATES);
        assertThat(RecordType.fromPathName("fx_rates")).isEmpty();
        assertThat(RecordType.LOIS.pathName()).isEqualTo("lois");
        assertThat(RecordType.pathNames()).isEqualTo("districts, products, lois, shipments, orders or fx-rates");
    }

    @Test
    @DisplayName("an accepted rate goes to the fx-rates topic keyed currency|validFrom, exact, scale 4, no event time")
    void acceptsRate() {
        IngestResult r = run(InputFormat.NDJSON,
                "{\"currency\":\"USD\",\"validFrom\":\"2022-08-01\",\"inrPerUnit\":\"79.5000\",\"source\":\"CBIC\"}\n");

        assertThat(r.rejected()).isEmpty();
        assertThat(r.accepted()).isEqualTo(1);
        var record = sent(Topics.FX_RATES.name()).get(0);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("USD|2022-08-01");
        assertThat(record.timestamp()).isNull();
        FxRate rate = value(record);
        assertThat(rate.getCurrency()).isEqualTo("USD");
        assertThat(rate.getValidFrom()).isEqualTo(LocalDate.of(2022, 8, 1));
        assertThat(rate.getInrPerUnit()).isEqualTo(new BigDecimal("79.5000"));
        assertThat(rate.getInrPerUnit().scale()).isEqualTo(4);
        assertThat(rate.getSource()).isEqualTo("CBIC");
    }

    @Test
    @DisplayName("a JSON number is read from its text, never through a double; source is optional; scale widens to 4")
    void numberAndNoSource() {
        IngestResult r = run(InputFormat.NDJSON, String.join("\n",
                "{\"currency\":\"USD\",\"validFrom\":\"2023-01-20\",\"inrPerUnit\":80.55}",
                "{\"currency\":\"EUR\",\"validFrom\":\"2023-01-20\",\"inrPerUnit\":0.1001,\"source\":\"\"}",
                "{\"currency\":\"JPY\",\"validFrom\":\"2023-01-20\",\"inrPerUnit\":99999999.9999}",
                "{\"currency\":\"KWD\",\"validFrom\":\"2023-01-20\",\"inrPerUnit\":2.5e2}"));

        assertThat(r.rejected()).isEmpty();
        List<FxRate> rates = sent(Topics.FX_RATES.name()).stream().map(this::value).toList();
        assertThat(rates).extracting(FxRate::getInrPerUnit).containsExactly(new BigDecimal("80.5500"),
                new BigDecimal("0.1001"), new BigDecimal("99999999.9999"), new BigDecimal("250.0000"));
        assertThat(rates).extracting(FxRate::getSource).containsOnlyNulls();
        assertThat(sent(Topics.FX_RATES.name())).extracting(p -> new String(p.key(), StandardCharsets.UTF_8))
                .containsExactly("USD|2023-01-20", "EUR|2023-01-20", "JPY|2023-01-20", "KWD|2023-01-20");
    }

    @Test
    @DisplayName("CSV rates are read like NDJSON ones")
    void readsCsv() {
        IngestResult r = run(InputFormat.CSV, "currency,validFrom,inrPerUnit,source\n"
                + "USD,2024-03-27,82.25,CBIC\n"
                + "usd,2024-03-27,82.25,CBIC\n");

        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejected()).extracting(IngestResult.Rejection::line).containsExactly(3);
        assertThat(value(sent(Topics.FX_RATES.name()).get(0)).getInrPerUnit()).isEqualTo(new BigDecimal("82.2500"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "lower-case currency | usd | 2022-08-01 | `\"79.50\"` | currency | 'usd' is not valid (ISO 4217",
            "four letters        | USDT | 2022-08-01 | `\"79.50\"` | currency | 'USDT' is not valid (ISO 4217",
            "digits              | U5D | 2022-08-01 | `\"79.50\"` | currency | 'U5D' is not valid",
            "no such currency    | XYZ | 2022-08-01 | `\"79.50\"` | currency | 'XYZ' is not valid (ISO 4217",
            "no such currency 2  | ABC | 2022-08-01 | `\"79.50\"` | currency | 'ABC' is not valid (ISO 4217",
            "non-ASCII letters   | ÜSD | 2022-08-01 | `\"79.50\"` | currency | 'ÜSD' is not valid",
            "day that is not     | USD | 2023-02-29 | `\"79.50\"` | validFrom | '2023-02-29' is not an ISO-8601 date yyyy-MM-dd",
            "day-first date      | USD | 01-08-2022 | `\"79.50\"` | validFrom | '01-08-2022' is not an ISO-8601 date",
            "no leading zeros    | USD | 2022-8-1 | `\"79.50\"` | validFrom | '2022-8-1' is not an ISO-8601 date",
            "date-time           | USD | 2022-08-01T00:00:00+05:30 | `\"79.50\"` | validFrom | is not an ISO-8601 date",
            "local date-time     | USD | 2022-08-01T00:00 | `\"79.50\"` | validFrom | is not an ISO-8601 date",
            "signed year         | USD | +2022-08-01 | `\"79.50\"` | validFrom | is not an ISO-8601 date",
            "zero                | USD | 2022-08-01 | 0 | inrPerUnit | must be greater than zero, got '0'",
            "zero with decimals  | USD | 2022-08-01 | `\"0.0000\"` | inrPerUnit | must be greater than zero",
            "negative            | USD | 2022-08-01 | -79.5 | inrPerUnit | must be greater than zero, got '-79.5'",
            "five decimals       | USD | 2022-08-01 | `\"79.12345\"` | inrPerUnit | has more than 4 decimals: '79.12345'",
            "huge                | USD | 2022-08-01 | 123456789 | inrPerUnit | is too large (at most 8 digits before",
            "huge exponent       | USD | 2022-08-01 | 1e999999999 | inrPerUnit | is too large",
            "not a number        | USD | 2022-08-01 | `\"79,50\"` | inrPerUnit | '79,50' is not a number",
    })
    @DisplayName("each bad field is a rejection naming the line and the field, parked on the dead-letter topic")
    void rejects(String what, String currency, String validFrom, String inrPerUnit, String field, String problem) {
        String good = line("USD", "2022-08-01", "\"79.50\"");
        IngestResult r = run(InputFormat.NDJSON, good + "\n" + line(currency, validFrom, inrPerUnit) + "\n");

        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.rejectedCount()).isEqualTo(1);
        IngestResult.Rejection rejection = r.rejected().get(0);
        assertThat(rejection.line()).isEqualTo(2);
        assertThat(rejection.reason()).startsWith("field '" + field + "' ").contains(problem);
        assertThat(r.rejectedByReason()).containsOnlyKeys(DeadLetterReason.INVALID_FIELD);

        var dead = sent(Topics.DEAD_LETTER);
        assertThat(dead).hasSize(1);
        assertThat(DeadLetters.get(dead.get(0).headers(), DeadLetters.HEADER_LINE)).isEqualTo("2");
        assertThat(DeadLetters.get(dead.get(0).headers(), DeadLetters.HEADER_SOURCE)).isEqualTo("ingest:fx-rates");
        assertThat(counted).containsExactly("ingest:fx-rates:INVALID_FIELD");
        assertThat(sent(Topics.FX_RATES.name())).hasSize(1);
    }

    @Test
    @DisplayName("currencies are checked against ISO 4217: USD, EUR, GBP, AED, JPY and KWD are, XYZ and QQQ are not")
    void iso4217() {
        IngestResult r = run(InputFormat.NDJSON, String.join("\n",
                line("USD", "2022-08-01", "79.5"), line("EUR", "2022-08-01", "81.2"), line("GBP", "2022-08-01", "96.1"),
                line("XYZ", "2022-08-01", "1"), line("AED", "2022-08-01", "21.6"), line("JPY", "2022-08-01", "0.59"),
                line("KWD", "2022-08-01", "258.4"), line("QQQ", "2022-08-01", "1")));

        assertThat(r.accepted()).isEqualTo(6);
        assertThat(r.rejected()).extracting(IngestResult.Rejection::line).containsExactly(4, 8);
        assertThat(r.rejected()).extracting(IngestResult.Rejection::reason).containsExactly(
                "field 'currency' 'XYZ' is not valid (ISO 4217 currency code in capitals, e.g. USD)",
                "field 'currency' 'QQQ' is not valid (ISO 4217 currency code in capitals, e.g. USD)");
        assertThat(sent(Topics.FX_RATES.name())).extracting(p -> new String(p.key(), StandardCharsets.UTF_8)).containsExactly(
                "USD|2022-08-01", "EUR|2022-08-01", "GBP|2022-08-01", "AED|2022-08-01", "JPY|2022-08-01", "KWD|2022-08-01");
    }

    @Test
    @DisplayName("currency, validFrom and inrPerUnit are required")
    void missingFields() {
        IngestResult r = run(InputFormat.NDJSON, String.join("\n",
                "{\"validFrom\":\"2022-08-01\",\"inrPerUnit\":79.5}",
                "{\"currency\":\"USD\",\"inrPerUnit\":79.5}",
                "{\"currency\":\"USD\",\"validFrom\":\"2022-08-01\",\"inrPerUnit\":\" \"}"));

        assertThat(r.accepted()).isZero();
        assertThat(r.rejected()).extracting(IngestResult.Rejection::reason).containsExactly(
                "missing required field 'currency'", "missing required field 'validFrom'",
                "missing required field 'inrPerUnit'");
    }
}
