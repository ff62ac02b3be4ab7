package org.odop.pulse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.demo.DemoFeed;
import org.odop.pulse.domain.Periods;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.support.Http;

/**
 * Grafana, proven: the embedded default with the demo feed, scraped by a real Prometheus with the deployed scrape
 * configuration; every query of every panel of every dashboard, its variables filled in with values Prometheus
 * has, answers with data. The rankings' CSV and XLSX links are fetched from the running API too.
 */
class GrafanaProofTest {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
    /** Grafana's built-ins, as Grafana would set them for a 1 s scrape interval and the test's short time range. */
    /** A query ending so shows 0 where a gauge has no series (a district with nothing stalled). */
    private static final String FALLBACK = " or on() vector(0)";
    /** A label matcher on one variable's value, {@code district="$district"}. */
    private static final Pattern ANY_VALUE = Pattern.compile("=\"\\$\\{?\\w+}?\"");
    private static final Map<String, String> BUILT_IN = Map.of("__rate_interval", "10s", "__interval", "5s", "__range", "1h");

    @TempDir
    Path dir;

    @Test
    @DisplayName("every panel query of every dashboard returns data from Prometheus scraping the demo; the ranking links download")
    void everyPanelHasData() throws Exception {
        try (PulseApplication app = PulseApplication.start(PulseConfig.embeddedDefaults(dir.resolve("state")).withPorts(0, 0, 0))) {
            Http http = Http.of(app);
            await().atMost(Duration.ofSeconds(90)).until(() -> http.get("/health/ready").status() == 200);
            try (DemoFeed feed = DemoFeed.start(app.ingestService(), app.bootstrapServers(), Clock.systemUTC(),
                    new DemoFeed.Settings(1_500, 20, Duration.ofSeconds(1)));
                 Prometheus prometheus = Prometheus.start(dir.resolve("prometheus"), app.httpPort(), app.adminKey())) {
                await().atMost(Duration.ofSeconds(90)).until(feed::live);
                // The live feed may sign no LOI, clear no export or take no order in the test's minute: one of each
                // now, so the "this month" and "this fiscal year" panels have something to show.
                String now = java.time.OffsetDateTime.now(Periods.IST).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
                assertThat(http.post("/api/v1/ingest/lois", "application/x-ndjson", String.format(
                        "{\"eventId\":\"proof-loi\",\"loiId\":\"L-PROOF\",\"meetId\":\"BSM-PROOF\",\"districtCode\":\"JK-SRINAGAR\","
                        + "\"productCode\":\"PASHMINA\",\"buyer\":\"Proof\",\"seller\":\"Proof\",\"valueInr\":1234.56,"
                        + "\"signedAt\":\"%s\"}%n", now)).status()).isEqualTo(200);
                assertThat(http.post("/api/v1/ingest/shipments", "application/x-ndjson", String.format(
                        "{\"eventId\":\"proof-shipment\",\"shipmentId\":\"SH-PROOF\",\"districtCode\":\"JK-PULWAMA\","
                        + "\"productCode\":\"SAFFRON\",\"status\":\"CUSTOMS_CLEARED\",\"quantity\":\"2.5\",\"unit\":\"kg\","
                        + "\"valueInr\":\"150000.00\",\"destinationCountry\":\"AE\",\"port\":\"Mundra\",\"occurredAt\":\"%s\"}%n",
                        now)).status()).isEqualTo(200);
                assertThat(http.post("/api/v1/ingest/orders", "application/x-ndjson", String.format(
                        "{\"eventId\":\"proof-order\",\"orderId\":\"O-PROOF\",\"platform\":\"AMAZON\",\"districtCode\":\"JK-SRINAGAR\","
                        + "\"productCode\":\"PASHMINA\",\"quantity\":1,\"amountInr\":\"2500.50\",\"status\":\"PLACED\","
                        + "\"occurredAt\":\"%s\"}%n", now)).status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(20)).until(prometheus::ready);

                // A bad line, scraped, then another: the dead-letter panels of the time range see records arrive.
                String badLine = "{\"eventId\": \"proof\", broken\n";
                assertThat(http.post("/api/v1/ingest/lois", "application/x-ndjson", badLine).status()).isLessThan(500);
                Instant posted = Instant.now();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(prometheus.query("up{job=\"odop-pulse\"} == 1")).as(prometheus::log).hasSize(1);
                    // At least two scrapes since the bad line: every sample in the window is later than it.
                    long since = Duration.between(posted, Instant.now()).toSeconds();
                    assertThat(since).isGreaterThanOrEqualTo(2);
                    assertThat(prometheus.query("count_over_time(up{job=\"odop-pulse\"}[" + since + "s]) >= 2")).isNotEmpty();
                    assertThat(prometheus.query("odop_loi_value_inr")).isNotEmpty();
                });
                assertThat(http.post("/api/v1/ingest/lois", "application/x-ndjson", badLine).status()).isLessThan(500);

                Map<String, JsonNode> dashboards = Dashboards.load();
                assertThat(dashboards).hasSize(4);
                String api = "http://127.0.0.1:" + app.httpPort();
                List<String> evaluated = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    evaluated.clear();
                    SoftAssertions soft = new SoftAssertions();
                    dashboards.forEach((file, d) -> {
                        Map<String, String> values = variableValues(prometheus, file, d, api, soft);
                        Dashboards.forEachTarget(d, (panel, target) -> {
                            String expr = fill(target.path("expr").asText(), values);
                            String where = file + ": " + panel.path("title").asText() + " / " + target.path("refId").asText();
                            soft.assertThat(prometheus.query(expr)).as("%s: %s", where, expr).isNotEmpty();
                            String raw = target.path("expr").asText();
                            if (raw.endsWith(FALLBACK)) {
                                // "or on() vector(0)" always answers: the query before it must have data for some value.
                                String any = fill(ANY_VALUE.matcher(raw.substring(0, raw.length() - FALLBACK.length()))
                                        .replaceAll("=~\".*\""), values);
                                soft.assertThat(prometheus.query(any)).as("%s without its fallback: %s", where, any).isNotEmpty();
                            }
                            evaluated.add(where);
                        });
                    });
                    soft.assertAll();
                });
                assertThat(evaluated).hasSizeGreaterThanOrEqualTo(60);

                rankingLinksDownload(dashboards.get("odop-rankings.json"), prometheus, api, app.adminKey());
            }
        }
    }

    /**
     * Each variable's value as Grafana would set it from Prometheus: the query's label values (asserted non-empty), then
     * the dashboard's default when it is among them (All becomes the allValue), else the first.
     */
    private static Map<String, String> variableValues(Prometheus prometheus, String file, JsonNode dashboard, String api,
                                                      SoftAssertions soft) {
        Map<String, String> values = new LinkedHashMap<>(BUILT_IN);
        for (JsonNode v : Dashboards.variables(dashboard)) {
            String name = v.path("name").asText();
            if (v.path("type").asText().equals("textbox")) {
                values.put(name, api);
                continue;
            }
            Matcher m = LABEL_VALUES.matcher(v.path("query").asText());
            assertThat(m.matches()).as("%s: %s", file, name).isTrue();
            List<String> found = prometheus.labelValues(m.group(2), fill(m.group(1), values));
            soft.assertThat(found).as("%s: values of variable %s", file, name).isNotEmpty();
            if (name.equals("period")) {
                // Every period with data, not only those an event counts in now.
                soft.assertThat(found).as("%s: periods", file).contains(Periods.ALL)
                        .anySatisfy(p -> assertThat(Periods.of(Instant.now())).doesNotContain(p))
                        .anySatisfy(p -> assertThat(p).matches("FY[0-9]{4}-[0-9]{2}-Q[1-4]"));
            }
            JsonNode current = v.path("current").path("value");
            String preferred = current.isArray() ? current.path(0).asText() : current.asText();
            if (preferred.equals("$__all")) {
                values.put(name, v.path("allValue").asText(".*"));
            } else if (found.contains(preferred)) {
                values.put(name, preferred);
            } else {
                values.put(name, found.isEmpty() ? "none" : found.get(0));
            }
        }
        return values;
    }

    private static String fill(String expr, Map<String, String> values) {
        return VARIABLE.matcher(expr).replaceAll(m -> {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            assertThat(values).as("variable $%s of %s", name, expr).containsKey(name);
            return Matcher.quoteReplacement(values.get(name));
        });
    }

    /** The rankings' CSV and XLSX links, with a real period and state, answer 200 with a table from the running API. */
    private static void rankingLinksDownload(JsonNode rankings, Prometheus prometheus, String api, String key) throws Exception {
        Map<String, String> values = new LinkedHashMap<>(BUILT_IN);
        values.put("api", api);
        values.put("period", Periods.ALL);
        values.put("state", "JK"); // the state of the demo's Srinagar meet
        assertThat(prometheus.labelValues("state", "odop_export_value_inr")).contains("JK");
        HttpClient client = HttpClient.newHttpClient();
        int links = 0;
        for (JsonNode panel : Dashboards.panels(rankings)) {
            for (JsonNode link : panel.path("links")) {
                String url = fill(link.path("url").asText(), values);
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).as(url).isEqualTo(200);
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (url.endsWith("format=csv")) {
                    assertThat(type).as(url).startsWith("text/csv");
                    assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).lines().count())
                            .as("%s: a header and districts", url).isGreaterThan(1);
                } else {
                    assertThat(type).as(url).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                    assertThat(r.body()).as(url).startsWith((byte) 'P', (byte) 'K'); // a zip, as XLSX is
                }
                links++;
            }
        }
        assertThat(links).isGreaterThanOrEqualTo(16);
    }
}
