package org.odop.pulse.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.http.HttpApi;
import org.odop.pulse.store.LocalStores;
import org.odop.pulse.http.RankingHandler;
import org.odop.pulse.serving.ranking.RankingService;
import org.odop.pulse.support.Http;
import org.odop.pulse.support.StubHttpApi;
import org.odop.pulse.support.TestKeys;

class HttpMetricsTest {
    @Test
    @DisplayName("every answer is timed by method, route template (never the path) and status, with buckets; a path matching no route counts as 'unmatched'")
    void timesEveryAnswer() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LocalStores stores = new LocalStores(null);
        try (HttpApi api = new HttpApi(null, 1024, null, null,
                new RankingHandler(new RankingService(stores, StubHttpApi.NO_MEASURES), stores), null, null, null, null,
                registry::scrape, null, TestKeys.access(), new HttpMetrics(registry)).start("127.0.0.1", 0)) {
            Http http = new Http(api.port(), TestKeys.ADMIN);
            assertThat(http.get("/health/live").status()).isEqualTo(200);
            assertThat(http.get("/health/live").status()).isEqualTo(200);
            // No district service behind this API: the handler fails, and the failure is timed under its route.
            assertThat(http.get("/api/v1/districts/JK-SRINAGAR").status()).isEqualTo(500);
            assertThat(http.get("/no/such/path/12345").status()).isEqualTo(404);

            String scraped = registry.scrape();
            assertThat(scraped).contains(
                    "odop_http_server_requests_seconds_count{method=\"GET\",route=\"/health/live\",status=\"200\"} 2",
                    "odop_http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/districts/{districtCode}\",status=\"500\"} 1",
                    "odop_http_server_requests_seconds_count{method=\"GET\",route=\"unmatched\",status=\"404\"} 1",
                    "odop_http_server_requests_seconds_bucket{method=\"GET\",route=\"/health/live\",status=\"200\",le=\"0.005\"}",
                    "odop_http_server_requests_seconds_bucket{method=\"GET\",route=\"/health/live\",status=\"200\",le=\"+Inf\"} 2");
            assertThat(scraped).doesNotContain("JK-SRINAGAR").doesNotContain("12345");
        }
    }
}
