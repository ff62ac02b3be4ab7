package org.odop.pulse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.config.Topics;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.support.Http;

/** {@code run --demo}: the feed on a running application with its embedded broker, registry and HTTP API. */
@DisplayName("run --demo (DemoFeed on the running application)")
class DemoFeedIntegrationTest {
    private static final List<String> JK_DISTRICTS = Catalog.PRODUCTS.stream().map(DemoProduct::districtCode)
            .filter(d -> d.startsWith("JK-")).distinct().toList();
    private static final DemoFeed.Settings SMALL = new DemoFeed.Settings(1_500, 20, Duration.ofSeconds(1));

    @TempDir
    Path stateDir;

    @Test
    @DisplayName("backfills the history with the Srinagar meet, then trickles live events until closed; started again on data, it does not backfill twice")
    void demo() throws Exception {
        try (PulseApplication app = PulseApplication.start(PulseConfig.embeddedDefaults(stateDir).withPorts(0, 0, 0))) {
            Http http = awaitReady(app);
            BigDecimal julyValue;
            DemoFeed feed = DemoFeed.start(app.ingestService(), app.bootstrapServers(), Clock.systemUTC(), SMALL);
            try {
                await().atMost(Duration.ofSeconds(120)).until(feed::live);
                SimulationSummary backfill = feed.backfillSummary().orElseThrow();
                assertThat(backfill.sent()).isBetween(1_200L, 1_800L);
                assertThat(backfill.rejectedCount()).isPositive();

                // The Srinagar meet's Rs 10.50 crore lands in July 2022 in the districts of its products, with
                // whatever else the data set put there (duplicates count once or, before deduplication, twice).
                BigDecimal[] expected = jammuAndKashmirJuly2022(backfill.options());
                assertThat(expected[0]).isGreaterThanOrEqualTo(new BigDecimal("105000000.00"));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        loiValueOfJammuAndKashmir(http, "2022-07")).isBetween(expected[0], expected[1]));
                julyValue = loiValueOfJammuAndKashmir(http, "2022-07");

                // The demo's bad lines count in this instance's dead-letter metric, like any ingest.
                assertThat(http.get("/metrics").body()).containsPattern(
                        "odop_dead_letter_records_total\\{reason=\"[A-Z_]+\",source=\"ingest:(lois|shipments|orders)\"}");

                // Live: orders keep coming.
                long orders = eventCount(app, Topics.ORDERS.name());
                await().atMost(Duration.ofSeconds(60)).until(() -> eventCount(app, Topics.ORDERS.name()) > orders + 10);
            } finally {
                feed.close();
            }
            assertThat(feed.running()).isFalse();
            long afterClose = eventCount(app, Topics.ORDERS.name());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> eventCount(app, Topics.ORDERS.name()) == afterClose);

            // Started again on topics that hold data (as after a restart on the same state directory):
            // no second backfill, so nothing historical counts twice; the live trickle resumes.
            try (DemoFeed again = DemoFeed.start(app.ingestService(), app.bootstrapServers(), Clock.systemUTC(), SMALL)) {
                await().atMost(Duration.ofSeconds(60)).until(again::live);
                assertThat(again.backfillSummary()).isEmpty();
                await().atMost(Duration.ofSeconds(60)).until(() -> eventCount(app, Topics.ORDERS.name()) > afterClose + 10);
                assertThat(loiValueOfJammuAndKashmir(http, "2022-07")).isEqualByComparingTo(julyValue);
            }
        }
    }

    /** LOIs for J&K districts signed in July 2022 (IST) in the backfill: {each eventId once, every line}. */
    private static BigDecimal[] jammuAndKashmirJuly2022(DemoOptions options) {
        Map<String, Long> byEventId = new HashMap<>();
        long everyLine = 0;
        for (GeneratedLine line : new DemoDataGenerator(options)) {
            if (line.twist().invalid() || line.type() != org.odop.pulse.ingest.RecordType.LOIS) continue;
            LoiSigned loi = (LoiSigned) ParsedLine.of(line).value();
            if (!JK_DISTRICTS.contains(loi.getDistrictCode())
                    || !YearMonth.from(loi.getSignedAt().atOffset(java.time.ZoneOffset.ofHoursMinutes(5, 30)))
                    .equals(YearMonth.of(2022, 7))) continue;
            byEventId.put(loi.getEventId(), loi.getValuePaise());
            everyLine += loi.getValuePaise();
        }
        long once = byEventId.values().stream().mapToLong(Long::longValue).sum();
        return new BigDecimal[] {BigDecimal.valueOf(once, 2), BigDecimal.valueOf(everyLine, 2)};
    }

    private static BigDecimal loiValueOfJammuAndKashmir(Http http, String period) {
        BigDecimal sum = BigDecimal.ZERO;
        for (String district : JK_DISTRICTS) {
            var view = http.get("/api/v1/districts/" + district + "?period=" + period);
            assertThat(view.status()).isEqualTo(200);
            sum = sum.add(view.json().get("loiValueInr").decimalValue());
        }
        return sum;
    }

    private static Http awaitReady(PulseApplication app) {
        Http http = Http.of(app);
        await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);
        return http;
    }

    private static long eventCount(PulseApplication app, String topic) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().values().stream().mapToLong(i -> i.offset()).sum();
        }
    }
}
