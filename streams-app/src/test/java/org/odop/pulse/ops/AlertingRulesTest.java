package org.odop.pulse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Prometheus and Alertmanager files, proven with the real promtool and amtool (Debian's prometheus
 * and prometheus-alertmanager packages), including that the rule tests fail when a rule is broken.
 */
class AlertingRulesTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String ALERTS = "deploy/prometheus/alerts.yml";
    private static final String ALERTS_TEST = "deploy/prometheus/alerts.test.yml";
    private static final String ALERTMANAGER = "deploy/alertmanager/alertmanager.yml";

    private final Path root = OpsFiles.repoRoot();

    private static void assertSucceeded(ExternalTool.Run run) {
        assertThat(run.exitCode()).as(run::describe).isZero();
    }

    private static void assertFailed(ExternalTool.Run run, String mentioning) {
        assertThat(run.exitCode()).as(run::describe).isNotZero();
        assertThat(run.output()).as(run::describe).contains(mentioning);
    }

    @Test
    @DisplayName("promtool accepts prometheus.yml, including the rule file it loads and its bearer-token scrape config")
    void prometheusConfig(@TempDir Path dir) throws IOException {
        // promtool checks that the credentials file exists: a copy of the directory with a stand-in key beside it.
        Path prometheus = root.resolve("deploy/prometheus");
        for (String f : List.of("prometheus.yml", "alerts.yml")) Files.copy(prometheus.resolve(f), dir.resolve(f));
        String config = Files.readString(dir.resolve("prometheus.yml"));
        assertThat(config).contains("type: Bearer").contains("credentials_file: odop-pulse.key");
        assertFailed(ExternalTool.promtool().run(dir, "check", "config", "prometheus.yml"), "odop-pulse.key");
        Files.writeString(dir.resolve("odop-pulse.key"), "opk_000000000000_stand-in\n");
        assertSucceeded(ExternalTool.promtool().run(dir, "check", "config", "prometheus.yml"));
    }

    @Test
    @DisplayName("promtool accepts alerts.yml")
    void rulesAreValid() {
        assertSucceeded(ExternalTool.promtool().run(root, "check", "rules", ALERTS));
    }

    @Test
    @DisplayName("every rule passes its promtool unit tests in alerts.test.yml")
    void ruleUnitTestsPass() {
        assertSucceeded(ExternalTool.promtool().run(root, "test", "rules", ALERTS_TEST));
    }

    @Test
    @DisplayName("amtool accepts alertmanager.yml")
    void alertmanagerConfig() {
        assertSucceeded(ExternalTool.amtool().run(root, "check-config", ALERTMANAGER));
    }

    @ParameterizedTest(name = "{0} goes to {1}")
    @DisplayName("Alertmanager routes operations alerts apart from platform alerts")
    @CsvSource({
            "'team=operations,severity=warning,alertname=StalledShipments,district=JK-SRINAGAR', operations",
            "'team=operations,severity=warning,alertname=LoiFollowUpDue,state=JK,district=JK-SRINAGAR', operations",
            "'team=platform,severity=critical,alertname=OdopPulseDown', platform",
            "'team=platform,severity=warning,alertname=OdopPulseDeadLetters', platform"})
    void routing(String labels, String receiver) {
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + ALERTMANAGER,
                "--verify.receivers=" + receiver));
        args.addAll(List.of(labels.split(",")));
        ExternalTool.Run run = ExternalTool.amtool().run(root, args.toArray(String[]::new));
        assertSucceeded(run);
        assertThat(run.output()).as(run::describe).contains(receiver);
    }

    @Test
    @DisplayName("every rule has a firing and a not-firing case in alerts.test.yml")
    void everyRuleHasBothCases() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        YAML.readTree(root.resolve(ALERTS_TEST).toFile()).path("tests")
                .forEach(t -> t.path("alert_rule_test").forEach(cases::add));
        List<Rule> rules = rules().map(a -> (Rule) a.get()[0]).toList();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
        for (Rule rule : rules) {
            List<JsonNode> own = cases.stream().filter(c -> c.path("alertname").asText().equals(rule.alert())).toList();
            assertThat(own).as("%s: a case where it fires", rule)
                    .anyMatch(c -> expects(c, rule));
            // promtool compares the whole list, so a case listing only other alerts of the name proves it silent.
            assertThat(own).as("%s: a case where it does not fire", rule)
                    .anyMatch(c -> !expects(c, rule));
        }
    }

    private static boolean expects(JsonNode alertRuleTest, Rule rule) {
        for (JsonNode exp : alertRuleTest.path("exp_alerts")) {
            JsonNode labels = exp.path("exp_labels");
            if (rule.labels().entrySet().stream().allMatch(l -> labels.path(l.getKey()).asText().equals(l.getValue()))) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("each rule's tests fail when the rule can never fire")
    @MethodSource("rules")
    void neverFiringRuleIsCaught(Rule rule, @TempDir Path dir) throws IOException {
        ExternalTool.Run run = testRulesWith(dir, rule, "vector(0) > 1");
        assertFailed(run, "alertname: " + rule.alert() + ",");
    }

    @Test
    @DisplayName("a plausible mistake (a wrong threshold) fails the rule tests")
    void wrongThresholdIsCaught(@TempDir Path dir) throws IOException {
        Rule stalled = rules().map(a -> (Rule) a.get()[0]).filter(r -> r.alert().equals("StalledShipments"))
                .findFirst().orElseThrow();
        assertThat(stalled.expr()).contains("> 0");
        ExternalTool.Run run = testRulesWith(dir, stalled, stalled.expr().replace("> 0", "> 3"));
        assertFailed(run, "alertname: StalledShipments,");
    }

    @Test
    @DisplayName("promtool refuses a rule file with a PromQL syntax error")
    void syntaxErrorIsCaught(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.yml"), """
                groups:
                  - name: broken
                    rules:
                      - alert: Broken
                        expr: sum by (district (odop_stalled_shipments) > 0
                """);
        assertFailed(ExternalTool.promtool().run(dir, "check", "rules", "broken.yml"), "broken.yml");
    }

    @Test
    @DisplayName("alert expressions use only metrics odop-pulse exports")
    void onlyExportedMetrics() {
        rules().map(a -> (Rule) a.get()[0]).forEach(rule ->
                assertThat(PromqlMetrics.metricNames(rule.expr())).as(rule.toString())
                        .isNotEmpty().isSubsetOf(PromqlMetrics.EXPORTED));
    }

    /** Runs the real alerts.test.yml against a copy of alerts.yml with one rule's expression replaced. */
    private ExternalTool.Run testRulesWith(Path dir, Rule rule, String expr) throws IOException {
        JsonNode alerts = YAML.readTree(root.resolve(ALERTS).toFile());
        ((ObjectNode) alerts.path("groups").get(rule.group()).path("rules").get(rule.index())).put("expr", expr);
        YAML.writeValue(dir.resolve("alerts.yml").toFile(), alerts);
        Files.copy(root.resolve(ALERTS_TEST), dir.resolve("alerts.test.yml"));
        return ExternalTool.promtool().run(dir, "test", "rules", "alerts.test.yml");
    }

    /** One alerting rule of alerts.yml; several may share an alert name and differ in their labels. */
    record Rule(int group, int index, String alert, String expr, Map<String, String> labels) {
        @Override
        public String toString() {
            return alert + (labels.containsKey("metric") ? " (" + labels.get("metric") + ")" : "");
        }
    }

    static Stream<Arguments> rules() {
        try {
            JsonNode groups = YAML.readTree(OpsFiles.resolve(ALERTS).toFile()).path("groups");
            List<Arguments> rules = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                JsonNode list = groups.get(g).path("rules");
                for (int i = 0; i < list.size(); i++) {
                    JsonNode r = list.get(i);
                    if (!r.has("alert")) continue;
                    Map<String, String> labels = r.has("labels") ? YAML.convertValue(r.get("labels"),
                            YAML.getTypeFactory().constructMapType(Map.class, String.class, String.class)) : Map.of();
                    rules.add(Arguments.of(new Rule(g, i, r.path("alert").asText(), r.path("expr").asText(), labels)));
                }
            }
            return rules.stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
