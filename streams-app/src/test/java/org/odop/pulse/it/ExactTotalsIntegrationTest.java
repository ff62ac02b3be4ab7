package org.odop.pulse.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.demo.DemoDataGenerator;
import org.odop.pulse.demo.DemoOptions;
import org.odop.pulse.demo.GeneratedLine;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.support.ExpectedViews;
import org.odop.pulse.support.Http;

/**
 * At least 100,000 generated events (with duplicates, late, out-of-order, invalid and unknown-district
 * records) go through the real pipeline; every district and state total of every period from the REST
 * API must equal a recomputation here, in plain Java that shares no code with the pipeline, to the paisa.
 */
class ExactTotalsIntegrationTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("100,000+ mixed events: every district and state total of every period equals an independent recomputation")
    void exactTotals() throws Exception {
        List<GeneratedLine> lines = new DemoDataGenerator(
                DemoOptions.backfill(DemoOptions.BACKFILL_SEED, Instant.parse("2025-03-31T00:00:00Z"), 101_000)).stream().toList();
        assertThat(lines.size()).isGreaterThanOrEqualTo(100_000);
        long invalid = lines.stream().filter(l -> l.twist().invalid()).count();
        ExpectedViews expected = new ExpectedViews();
        for (GeneratedLine l : lines) if (!l.twist().invalid()) expected.accepted(l.type(), l.json());

        try (PulseApplication app = PulseApplication.start(PulseConfig.embeddedDefaults(dir).withPorts(0, 0, 0))) {
            Http http = new Http(app.httpPort());
            await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);

            long accepted = 0;
            long rejected = 0;
            Map<RecordType, List<String>> byType = new EnumMap<>(RecordType.class);
            for (GeneratedLine l : lines) byType.computeIfAbsent(l.type(), t -> new ArrayList<>()).add(l.json());
            for (var e : byType.entrySet()) {
                List<String> ofType = e.getValue();
                for (int from = 0; from < ofType.size(); from += 20_000) {
                    String body = String.join("\n", ofType.subList(from, Math.min(ofType.size(), from + 20_000)));
                    var r = http.post("/api/v1/ingest/" + e.getKey().pathName(), "application/x-ndjson", body);
                    assertThat(r.status()).as(r.body().substring(0, Math.min(500, r.body().length()))).isIn(200, 422);
                    accepted += r.json().get("accepted").asLong();
                    rejected += r.json().get("rejectedCount").asLong();
                }
            }
            assertThat(rejected).isEqualTo(invalid);
            assertThat(accepted).isEqualTo(lines.size() - invalid);

            // Wait until every district's all-time totals match, then compare everything.
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> expected.assertAllTime(http));
            assertThat(expected.assertEveryView(http)).isGreaterThan(500);
        }
    }
}
