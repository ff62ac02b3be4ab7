package org.odop.pulse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The policymaker dashboard: well-formed, wired to the provisioned data source, and every query real PromQL. */
class GrafanaDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)(?::\\w+)?}?");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
    private static final Set<String> DURATION_VARIABLES = Set.of("__rate_interval", "__interval", "__range");
    private static final Pattern PERIOD_REGEX = Pattern.compile("period=~\"([^\"]*)\"");

    private final Path root = OpsFiles.repoRoot();
    private JsonNode dashboard;
    /** Each panel query, keyed by a readable "panel title / refId". */
    private final Map<String, String> queries = new LinkedHashMap<>();

    @BeforeEach
    void load() throws IOException {
        dashboard = JSON.readTree(root.resolve("grafana/dashboards/odop-pulse.json").toFile());
        collect(dashboard.path("panels"));
    }

    private void collect(JsonNode panels) {
        for (JsonNode p : panels) {
            collect(p.path("panels")); // panels inside collapsed rows
            for (JsonNode t : p.path("targets")) {
                queries.put(p.path("title").asText() + " / " + t.path("refId").asText(), t.path("expr").asText());
            }
        }
    }

    @Test
    @DisplayName("the dashboard has its variables, unique panel ids and a layout within 24 columns")
    void structure() {
        assertThat(dashboard.path("uid").asText()).isEqualTo("odop-pulse");
        List<String> variables = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).containsExactly("state", "district", "period");

        Set<Integer> ids = new HashSet<>();
        List<String> types = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            assertThat(ids.add(p.path("id").asInt())).as("duplicate panel id %s", p.path("id")).isTrue();
            JsonNode g = p.path("gridPos");
            assertThat(g.path("x").asInt() + g.path("w").asInt()).as(p.path("title").asText()).isBetween(1, 24);
            types.add(p.path("type").asText());
        }
        assertThat(types).contains("stat", "timeseries", "table", "row");
        assertThat(queries).isNotEmpty().allSatisfy((panel, expr) -> assertThat(expr).as(panel).isNotBlank());
    }

    @Test
    @DisplayName("every panel query uses only metrics odop-pulse exports")
    void onlyExportedMetrics() {
        Set<String> used = new HashSet<>();
        queries.forEach((panel, expr) -> {
            Set<String> names = PromqlMetrics.metricNames(expr);
            assertThat(names).as(panel + ": " + expr).isNotEmpty().isSubsetOf(PromqlMetrics.EXPORTED);
            used.addAll(names);
        });
        // The policymaker panels the dashboard exists for.
        assertThat(used).contains("odop_loi_value_inr", "odop_export_value_inr", "odop_ecommerce_gmv_inr",
                "odop_stalled_shipments", "odop_dead_letter_records_total", "odop_streams_running");
    }

    @Test
    @DisplayName("a panel that selects periods by pattern selects exactly one of the exported periods, the kind its title names")
    void periodPatternsSelectOnePeriod() {
        // The gauges export the periods an event now counts in: all, the fiscal year, its quarter, the month.
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
        dashboard.path("templating").path("list").forEach(v -> {
            Matcher m = LABEL_VALUES.matcher(v.path("query").asText());
            assertThat(m.matches()).as("variable %s: %s", v.path("name"), v.path("query")).isTrue();
            all.put("variable " + v.path("name").asText(), m.group(1));
        });
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
        assertThat(dashboard.findValues("datasource")).isNotEmpty()
                .allSatisfy(ds -> assertThat(ds.path("uid").asText()).isEqualTo(uid));

        String path = YAML.readTree(root.resolve("grafana/provisioning/dashboards/odop.yml").toFile())
                .path("providers").get(0).path("options").path("path").asText();
        List<String> mounts = new ArrayList<>();
        YAML.readTree(root.resolve("deploy/compose/docker-compose.yml").toFile())
                .path("services").path("grafana").path("volumes").forEach(v -> mounts.add(v.asText()));
        assertThat(mounts).contains("../../grafana/dashboards:" + path + ":ro");
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
