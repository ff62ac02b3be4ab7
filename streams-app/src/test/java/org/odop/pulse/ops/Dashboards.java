package org.odop.pulse.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/** The provisioned Grafana dashboards (grafana/dashboards/*.json) and their panel queries. */
final class Dashboards {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dashboards() {}

    /** Each dashboard by file name, in file-name order. */
    static Map<String, JsonNode> load() {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(OpsFiles.resolve("grafana/dashboards"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                all.put(f.getFileName().toString(), JSON.readTree(f.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Every panel of a dashboard, those inside collapsed rows too. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        collect(dashboard.path("panels"), out);
        return out;
    }

    private static void collect(JsonNode panels, List<JsonNode> out) {
        for (JsonNode p : panels) {
            out.add(p);
            collect(p.path("panels"), out);
        }
    }

    /** Each panel query of a dashboard, keyed by a readable "panel title / refId". */
    static Map<String, String> queries(JsonNode dashboard) {
        Map<String, String> queries = new LinkedHashMap<>();
        forEachTarget(dashboard, (panel, t) ->
                queries.put(panel.path("title").asText() + " / " + t.path("refId").asText(), t.path("expr").asText()));
        return queries;
    }

    static void forEachTarget(JsonNode dashboard, BiConsumer<JsonNode, JsonNode> action) {
        for (JsonNode p : panels(dashboard)) {
            for (JsonNode t : p.path("targets")) action.accept(p, t);
        }
    }

    /** The template variables of a dashboard. */
    static List<JsonNode> variables(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(out::add);
        return out;
    }
}
