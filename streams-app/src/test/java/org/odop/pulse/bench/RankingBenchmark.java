package org.odop.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.support.Http;

/**
 * Ranking latency over HTTP at 800 districts, on the embedded default. A benchmark, not a test: it
 * prints figures and asserts only that the answers are complete. Not part of `mvn verify`; run it with
 * {@code mvn -B test -pl streams-app -am -Dgroups=benchmark -DexcludedGroups= -Dtest=RankingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class RankingBenchmark {
    private static final int DISTRICTS = 800;

    @TempDir
    Path dir;

    @Test
    @DisplayName("rankings at 800 districts: latency of national, state and product rankings")
    void rankingLatency() throws Exception {
        try (PulseApplication app = PulseApplication.start(PulseConfig.embeddedDefaults(dir).withPorts(0, 0, 0))) {
            Http http = Http.of(app);
            await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);
            // Two-letter state codes QA..QZ, so 26 states of about 30 districts each.
            StringBuilder clean = new StringBuilder("districtCode,name,stateCode,stateName\n");
            for (int i = 0; i < DISTRICTS; i++) {
                clean.append(String.format("XX-D%03d,District %d,%s,State %d%n", i, i, stateCode(i), i % 30));
            }
            assertThat(http.post("/api/v1/ingest/districts", "text/csv", clean.toString()).status()).isEqualTo(200);
            Random random = new Random(1);
            String[] products = {"SAFFRON", "PASHMINA", "BASMATI", "HONEY", "APPLE"};
            StringBuilder shipments = new StringBuilder();
            int events = 0;
            for (int i = 0; i < DISTRICTS; i++) {
                for (int j = 0; j < 10; j++) {
                    String fy = j % 2 == 0 ? "2023-06-15" : "2022-06-15";
                    shipments.append(String.format("{\"eventId\":\"e%d-%d\",\"shipmentId\":\"S%d-%d\",\"districtCode\":\"XX-D%03d\","
                            + "\"productCode\":\"%s\",\"status\":\"SHIPPED\",\"quantity\":\"1\",\"unit\":\"kg\",\"valueInr\":\"%s\","
                            + "\"destinationCountry\":\"US\",\"occurredAt\":\"%sT10:00:00+05:30\"}%n", i, j, i, j, i,
                            products[random.nextInt(products.length)], BigDecimal.valueOf(1 + random.nextInt(10_000_000), 2), fy));
                    events++;
                }
            }
            assertThat(http.post("/api/v1/ingest/shipments", "application/x-ndjson", shipments.toString()).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(120)).until(() ->
                    http.get("/api/v1/rankings?metric=exportValue&period=FY2023-24&limit=0").json().get("entries").size() == DISTRICTS);

            report(http, "national, limit 10   ", "/api/v1/rankings?metric=exportValue&period=FY2023-24");
            report(http, "national, all 800    ", "/api/v1/rankings?metric=exportValue&period=FY2023-24&limit=0");
            report(http, "state                ", "/api/v1/rankings?metric=exportValue&period=FY2023-24&state=QA");
            report(http, "product, all         ", "/api/v1/products/SAFFRON/districts?metric=exportValue&period=all&limit=0");
            System.out.printf("(%d districts, %d shipment events, %d cores)%n", DISTRICTS, events,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static String stateCode(int i) {
        return "Q" + (char) ('A' + i % 26);
    }

    private static void report(Http http, String label, String path) {
        for (int i = 0; i < 20; i++) http.get(path); // warm up
        long[] micros = new long[200];
        for (int i = 0; i < micros.length; i++) {
            long t = System.nanoTime();
            assertThat(http.get(path).status()).isEqualTo(200);
            micros[i] = (System.nanoTime() - t) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("ranking %s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n", label,
                micros[micros.length / 2] / 1000.0, micros[micros.length * 95 / 100] / 1000.0, micros[micros.length - 1] / 1000.0);
    }
}
