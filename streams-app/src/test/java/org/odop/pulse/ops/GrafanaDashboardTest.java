package org.odop.pulse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.domain.Periods;

/**
 * The provisioned dashboards (trade overview, district drill-down, rankings, pipeline health): well-formed, wired to
 * the provisioned data source, every query real PromQL over metrics odop-pulse exports, money in crore or lakh.
 * {@link GrafanaProofTest} runs every query against a real Prometheus scraping a running instance.
 */
class GrafanaDashboardTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)(?::\\w+)?}?");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
    private static final Set<String> DURATION_VARIABLES = Set.of("__rate_interval", "__interval", "__range");
    private static final Pattern PERIOD_REGEX = Pattern.compile("period=~\"([^\"]*)\"");
    private static final Pattern RANKINGS_LINK = Pattern.compile(
            "\\$\\{api}/api/v1/rankings\\?metric=(\\w+)&period=\\$\\{period}&limit=0(&state=\\$\\{state})?&format=(csv|xlsx)");

    private final Path root = OpsFiles.repoRoot();
    private Map<String, JsonNode> dashboards;
    private JsonNode dashboard;
    /** Each panel query of every dashboard, keyed by a readable "file: panel title / refId". */
    private final Map<String, String> queries = new LinkedHashMap<>();

    @BeforeEach
    void load() {
        dashboards = Dashboards.load();
        dashboard = dashboards.get("odop-pulse.json");
        dashboards.forEach((file, d) -> Dashboards.queries(d).forEach((k, v) -> queries.put(file + ": " + k, v)));
    }

    @Test
    @DisplayName("four dashboards, each with its own uid and title, tagged odop, on the current schema")
    void fourDashboards() {
        assertThat(dashboards).containsOnlyKeys("odop-pulse.json", "odop-district.json", "odop-rankings.json",
                "odop-pipeline.json");
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        dashboards.forEach((file, d) -> {
            assertThat(uids.add(d.path("uid").asText())).as("%s: uid %s", file, d.path("uid")).isTrue();
            assertThat(titles.add(d.path("title").asText())).as("%s: title", file).isTrue();
            assertThat(d.path("schemaVersion").asInt()).as(file).isGreaterThanOrEqualTo(41);
            assertThat(d.path("tags").toString()).as(file).contains("\"odop\"");
            assertThat(Dashboards.queries(d)).as(file).isNotEmpty();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : Dashboards.panels(d)) {
                assertThat(ids.add(p.path("id").asInt())).as("%s: duplicate panel id %s", file, p.path("id")).isTrue();
                JsonNode g = p.path("gridPos");
                assertThat(g.path("x").asInt() + g.path("w").asInt()).as(file + ": " + p.path("title").asText()).isBetween(1, 24);
                assertThat(g.path("h").asInt()).as(file + ": " + p.path("title").asText()).isPositive();
            }
        });
        assertThat(dashboards.get("odop-pulse.json").path("uid").asText()).isEqualTo("odop-pulse");
        assertThat(Dashboards.panels(dashboards.get("odop-pulse.json"))).extracting(p -> p.path("type").asText())
                .contains("geomap");
    }

    @Test
    @DisplayName("the geomap places districts by the latitude and longitude labels its query takes from odop_district_info")
    void geomapUsesDistrictCoordinates() {
        JsonNode map = Dashboards.panels(dashboard).stream().filter(p -> p.path("type").asText().equals("geomap"))
                .findFirst().orElseThrow();
        String expr = map.path("targets").get(0).path("expr").asText();
        assertThat(expr).contains("odop_district_info")
                .containsPattern("group_left\\([^)]*latitude[^)]*\\)").containsPattern("group_left\\([^)]*longitude[^)]*\\)");
        assertThat(map.path("targets").get(0).path("format").asText()).isEqualTo("table");
        JsonNode location = map.path("options").path("layers").get(0).path("location");
        assertThat(location.path("mode").asText()).isEqualTo("coords");
        assertThat(location.path("latitude").asText()).isEqualTo("latitude");
        assertThat(location.path("longitude").asText()).isEqualTo("longitude");
        // Labels are strings: the panel converts both to numbers before placing markers.
        List<String> converted = new ArrayList<>();
        map.path("transformations").forEach(t -> t.path("options").path("conversions").forEach(c -> {
            if (c.path("destinationType").asText().equals("number")) converted.add(c.path("targetField").asText());
        }));
        assertThat(converted).contains("latitude", "longitude");
    }

    @Test
    @DisplayName("the trade overview has its variables, unique panel ids and a layout within 24 columns")
    void structure() {
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).containsExactly("state", "district", "period");

        Set<Integer> ids = new HashSet<>();
        List<String> types = new ArrayList<>();
        for (JsonNode p : Dashboards.panels(dashboard)) {
            assertThat(ids.add(p.path("id").asInt())).as("duplicate panel id %s", p.path("id")).isTrue();
            JsonNode g = p.path("gridPos");
            assertThat(g.path("x").asInt() + g.path("w").asInt()).as(p.path("title").asText()).isBetween(1, 24);
            types.add(p.path("type").asText());
        }
        assertThat(types).contains("stat", "timeseries", "table", "row", "geomap");
        assertThat(queries).isNotEmpty().allSatisfy((panel, expr) -> assertThat(expr).as(panel).isNotBlank());
    }

    @Test
    @DisplayName("every panel query uses only metrics odop-pulse exports")
    void onlyExportedMetrics() {
        Set<String> used = new HashSet<>();
        Map<String, String> all = new LinkedHashMap<>(queries);
        all.putAll(variableQueries());
        all.forEach((panel, expr) -> {
            Set<String> names = PromqlMetrics.metricNames(expr);
            if (!expr.contains("__name__")) assertThat(names).as(panel + ": " + expr).isNotEmpty();
            assertThat(names).as(panel + ": " + expr).isSubsetOf(PromqlMetrics.EXPORTED);
            used.addAll(names);
        });
        // The policymaker panels the dashboards exist for, and the pipeline's health.
        assertThat(used).contains("odop_loi_value_inr", "odop_export_value_inr", "odop_ecommerce_gmv_inr",
                "odop_stalled_shipments", "odop_dead_letter_records_total", "odop_streams_running", "odop_district_info",
                "odop_current_period", "odop_http_server_requests_seconds_bucket", "jvm_gc_pause_seconds_count",
                "kafka_stream_thread_commit_latency_avg", "kafka_consumer_fetch_manager_records_lag");
    }

    @Test
    @DisplayName("a panel that selects periods by pattern selects exactly one of the exported periods, the kind its title names")
    void periodPatternsSelectOnePeriod() {
        // The gauges export every period with data; odop_current_period has those an event now counts in (all, the
        // fiscal year, its quarter, the month) and a panel that selects by pattern keeps only those.
        queries.forEach((panel, expr) -> {
            if (PERIOD_REGEX.matcher(expr).find()) {
                assertThat(expr).as(panel).contains("and on(period) odop_current_period");
            }
        });
        // Instants whose fiscal year, quarter and month are spelt differently (a Q4 is in the next calendar year).
        for (String at : List.of("2022-12-31T18:30:00Z", "2022-06-30T18:30:00Z", "2099-03-31T18:29:59Z")) {
            List<String> exported = Periods.of(Instant.parse(at));
            Map<String, String> kinds = Map.of("fiscal year", exported.get(1), "quarter", exported.get(2), "month", exported.get(3));
            int patterns = 0;
            for (Map.Entry<String, String> q : queries.entrySet()) {
                Matcher m = PERIOD_REGEX.matcher(q.getValue());
                while (m.find()) {
                    patterns++;
                    String regex = m.group(1); // PromQL label matchers are anchored, as String.matches is
                    List<String> selected = exported.stream().filter(p -> p.matches(regex)).toList();
                    assertThat(selected).as("%s at %s: period=~\"%s\" over %s", q.getKey(), at, regex, exported).hasSize(1);
                    String named = kinds.entrySet().stream().filter(k -> q.getKey().contains("this " + k.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    assertThat(named).as("%s names the period kind it selects", q.getKey()).isNotNull();
                    assertThat(selected).as(q.getKey()).containsExactly(named);
                }
            }
            assertThat(patterns).as("the fiscal year and month stat panels select periods by pattern").isGreaterThanOrEqualTo(6);
        }
        // Not vacuous: the pattern the fiscal-year panels once used also takes the quarter, counting it twice.
        List<String> exported = Periods.of(Instant.parse("2022-12-31T18:30:00Z"));
        assertThat(exported.stream().filter(p -> p.matches("FY.*")).toList()).hasSize(2);
    }

    @Test
    @DisplayName("promtool accepts every panel and variable query (Grafana variables filled in)")
    void promtoolAcceptsEveryQuery(@TempDir Path dir) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(queries);
        all.putAll(variableQueries());
        assertThat(variableQueries()).hasSizeGreaterThanOrEqualTo(8);
        ExternalTool.Run run = checkAsRecordingRules(dir, all);
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.output()).contains("SUCCESS: " + all.size() + " rules found");
    }

    @Test
    @DisplayName("the checks catch a misspelt metric and a malformed query")
    void checksAreNotVacuous(@TempDir Path dir) throws IOException {
        assertThat(PromqlMetrics.metricNames(
                "sum by (district) (odop_loi_valu_inr{state=~\"$state\", period=\"all\"}[5m] offset 1h) / 1e7 > bool 0"))
                .containsExactly("odop_loi_valu_inr");
        ExternalTool.Run run = checkAsRecordingRules(dir,
                Map.of("broken", "sum by (district (odop_loi_value_inr{period=\"$period\"})"));
        assertThat(run.exitCode()).as(run::describe).isNotZero();
    }

    @Test
    @DisplayName("panels use the provisioned data source, and provisioning loads the dashboard where compose mounts it")
    void provisioning() throws IOException {
        JsonNode source = YAML.readTree(root.resolve("grafana/provisioning/datasources/prometheus.yml").toFile())
                .path("datasources").get(0);
        String uid = source.path("uid").asText();
        assertThat(source.path("type").asText()).isEqualTo("prometheus");
        dashboards.forEach((file, d) -> assertThat(d.findValues("datasource")).as(file).isNotEmpty()
                .allSatisfy(ds -> assertThat(ds.path("uid").asText()).as(file).isEqualTo(uid)));

        String path = YAML.readTree(root.resolve("grafana/provisioning/dashboards/odop.yml").toFile())
                .path("providers").get(0).path("options").path("path").asText();
        List<String> mounts = new ArrayList<>();
        YAML.readTree(root.resolve("deploy/compose/docker-compose.yml").toFile())
                .path("services").path("grafana").path("volumes").forEach(v -> mounts.add(v.asText()));
        assertThat(mounts).contains("../../grafana/dashboards:" + path + ":ro");
    }

    @Test
    @DisplayName("every Period variable lists every period with data: label_values of the period label, unfiltered")
    void periodVariablesListEveryPeriod() {
        int periodVariables = 0;
        for (Map.Entry<String, JsonNode> d : dashboards.entrySet()) {
            for (JsonNode v : Dashboards.variables(d.getValue())) {
                if (!v.path("name").asText().equals("period")) continue;
                periodVariables++;
                Matcher m = LABEL_VALUES.matcher(v.path("query").asText());
                assertThat(m.matches()).as(d.getKey()).isTrue();
                assertThat(m.group(2)).isEqualTo("period");
                assertThat(m.group(1)).as(d.getKey()).doesNotContain("period").doesNotContain("odop_current_period");
                assertThat(v.path("includeAll").asBoolean()).as(d.getKey()).isFalse();
            }
        }
        assertThat(periodVariables).isEqualTo(3); // overview, district drill-down, rankings
    }

    @Test
    @DisplayName("money is shown in crore (/ 1e7, unit Cr) or lakh (/ 1e5, unit L), and the title says which")
    void moneyInCroreOrLakh() {
        int money = 0;
        for (Map.Entry<String, JsonNode> d : dashboards.entrySet()) {
            for (JsonNode p : Dashboards.panels(d.getValue())) {
                String exprs = p.path("targets").toString();
                boolean crore = exprs.contains("/ 1e7");
                boolean lakh = exprs.contains("/ 1e5");
                if (!crore && !lakh) continue;
                money++;
                String title = d.getKey() + ": " + p.path("title").asText();
                assertThat(p.path("title").asText()).as(title).contains(crore ? "₹ crore" : "₹ lakh");
                List<String> units = new ArrayList<>(p.findValuesAsText("unit"));
                p.path("fieldConfig").path("overrides").forEach(o -> o.path("properties").forEach(prop -> {
                    if (prop.path("id").asText().equals("unit")) units.add(prop.path("value").asText());
                }));
                assertThat(units).as(title).contains(crore ? "suffix: Cr" : "suffix: L").doesNotContain("none");
            }
        }
        assertThat(money).isGreaterThanOrEqualTo(15);
    }

    @Test
    @DisplayName("the rankings tables link to /api/v1/rankings as CSV and XLSX, with metrics the API knows")
    void rankingsLinks() {
        JsonNode rankings = dashboards.get("odop-rankings.json");
        assertThat(Dashboards.variables(rankings)).extracting(v -> v.path("name").asText())
                .containsExactly("state", "period", "api");
        Set<String> linked = new HashSet<>();
        Set<String> formats = new HashSet<>();
        for (JsonNode p : Dashboards.panels(rankings)) {
            for (JsonNode link : p.path("links")) {
                Matcher m = RANKINGS_LINK.matcher(link.path("url").asText());
                assertThat(m.matches()).as("%s: %s", p.path("title"), link.path("url")).isTrue();
                linked.add(org.odop.pulse.serving.ranking.RankingMetric.fromApiName(m.group(1)).apiName());
                formats.add(m.group(3) + (m.group(2) == null ? "" : " by state"));
            }
        }
        assertThat(linked).contains("loiValue", "exportValue", "ecommerceGmv", "exportValueUsd");
        assertThat(formats).containsExactlyInAnyOrder("csv", "xlsx", "csv by state", "xlsx by state");
    }

    /** Each query variable of every dashboard: the series selector of its label_values(...). */
    private Map<String, String> variableQueries() {
        Map<String, String> out = new LinkedHashMap<>();
        dashboards.forEach((file, d) -> Dashboards.variables(d).forEach(v -> {
            if (!v.path("type").asText().equals("query")) return;
            Matcher m = LABEL_VALUES.matcher(v.path("query").asText());
            assertThat(m.matches()).as("%s: variable %s: %s", file, v.path("name"), v.path("query")).isTrue();
            out.put(file + ": variable " + v.path("name").asText(), m.group(1));
        }));
        return out;
    }

    /** promtool has no "check this expression": each query becomes a recording rule in a file it checks. */
    private static ExternalTool.Run checkAsRecordingRules(Path dir, Map<String, String> queries) throws IOException {
        ArrayNode rules = YAML.createArrayNode();
        int n = 0;
        for (Map.Entry<String, String> q : queries.entrySet()) {
            ObjectNode rule = rules.addObject();
            rule.put("record", "dashboard:query_" + n++);
            rule.put("expr", fillVariables(q.getValue()));
            rule.putObject("labels").put("panel", q.getKey());
        }
        ObjectNode file = YAML.createObjectNode();
        file.putArray("groups").addObject().put("name", "dashboard").set("rules", rules);
        Path rulesFile = dir.resolve("dashboard-queries.yml");
        YAML.writeValue(rulesFile.toFile(), file);
        return ExternalTool.promtool().run(dir, "check", "rules", rulesFile.getFileName().toString());
    }

    /** $__range and friends are durations; the others ($state, $period...) sit in label values. */
    static String fillVariables(String expr) {
        return VARIABLE.matcher(expr).replaceAll(m -> DURATION_VARIABLES.contains(m.group(1)) ? "5m" : "x");
    }
}
