package org.odop.pulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.FxRate;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.domain.FxRates;
import org.odop.pulse.ingest.IngestResult;
import org.odop.pulse.ingest.IngestService;
import org.odop.pulse.ingest.InputFormat;
import org.odop.pulse.ingest.LineReader;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.registry.InMemorySchemaRegistry;

/** The bundled USD rates, read exactly as the seeder loads them: through the fx-rates ingest. */
class BundledFxRatesTest {
    private final PulseSerdes serdes = new PulseSerdes(new InMemorySchemaRegistry());
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private IngestResult result;
    private final List<String> keys = new ArrayList<>();
    private final List<FxRate> rates = new ArrayList<>();

    @BeforeEach
    void load() throws Exception {
        IngestService ingest = new IngestService(producer, serdes, (source, reason) -> {});
        try (var in = ReferenceDataSeeder.class.getResourceAsStream(ReferenceDataSeeder.FX_RATES_RESOURCE)) {
            assertThat(in).as(ReferenceDataSeeder.FX_RATES_RESOURCE).isNotNull();
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            result = ingest.ingest(RecordType.FX_RATES, new LineReader(reader, InputFormat.NDJSON).start());
        }
        for (var record : producer.history()) {
            assertThat(record.topic()).isEqualTo(Topics.FX_RATES.name());
            keys.add(new String(record.key(), StandardCharsets.UTF_8));
            rates.add(serdes.value(Topics.FX_RATES).deserializer().deserialize(record.topic(), record.value()));
        }
    }

    @Test
    @DisplayName("every line is accepted by the fx-rates ingest: USD, a source that says notified or estimate, keyed currency|validFrom")
    void parsesCompletely() {
        assertThat(result.rejectedCount()).isZero();
        assertThat(result.rejected()).isEmpty();
        assertThat(result.accepted()).isEqualTo(rates.size()).isGreaterThan(0);
        assertThat(rates).allSatisfy(r -> {
            assertThat(r.getCurrency()).isEqualTo(FxRates.USD);
            assertThat(r.getSource()).matches("CBIC notification No\\. \\d{2}/\\d{4}-Customs \\(N\\.T\\.\\)(, still in force)?|estimate: .*");
            assertThat(r.getInrPerUnit().scale()).isEqualTo(FxRates.MAX_DECIMALS);
        });
        for (int i = 0; i < rates.size(); i++) {
            assertThat(keys.get(i)).isEqualTo(FxRates.key(rates.get(i).getCurrency(), rates.get(i).getValidFrom()));
        }
    }

    @Test
    @DisplayName("the days are in strictly increasing order (so none twice), the 1st of every month 2022-04 to 2025-11")
    void inDateOrderWithoutDuplicates() {
        List<LocalDate> days = rates.stream().map(FxRate::getValidFrom).toList();
        for (int i = 1; i < days.size(); i++) {
            assertThat(days.get(i)).as("line %d", i + 1).isAfter(days.get(i - 1));
        }
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(days.get(0)).isEqualTo(LocalDate.of(2022, 4, 1));
        assertThat(days.get(days.size() - 1)).isEqualTo(LocalDate.of(2025, 11, 1));
        for (LocalDate first = LocalDate.of(2022, 4, 1); !first.isAfter(LocalDate.of(2025, 11, 1));
             first = first.plusMonths(1)) {
            assertThat(days).contains(first);
        }
    }

    @Test
    @DisplayName("the figures read in CBIC notifications are in force on their days")
    void verifiedFigures() {
        Map<LocalDate, BigDecimal> byDay = new LinkedHashMap<>();
        rates.forEach(r -> byDay.put(r.getValidFrom(), r.getInrPerUnit()));
        FxRates usd = new FxRates(byDay);
        Map<String, String> notified = Map.of(
                "2022-04-01", "75.20", "2022-06-03", "76.80", "2022-08-01", "79.20", "2022-09-16", "78.70",
                "2022-10-21", "82.20", "2023-01-06", "81.95", "2023-01-20", "80.55", "2023-09-07", "82.20",
                "2024-03-27", "82.25", "2024-06-07", "82.60");
        notified.forEach((day, rate) ->
                assertThat(usd.inForce(LocalDate.parse(day))).as(day).hasValue(new BigDecimal(rate).setScale(4)));
        assertThat(usd.inForce(LocalDate.of(2022, 3, 31))).isEmpty();
    }
}
