package org.odop.pulse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.odop.pulse.runtime.FreePort;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}) on a free loopback port, scraping one odop-pulse
 * instance every second with the configuration of {@code deploy/prometheus/prometheus.yml}: its scrape job,
 * bearer-token file and rules, with the target, the token file and the intervals adapted. Stopped by its process.
 */
final class Prometheus implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Process process;
    private final Path log;
    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Prometheus(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Starts Prometheus in {@code dir} (config, key file, TSDB, log) scraping 127.0.0.1:{@code targetPort}. */
    static Prometheus start(Path dir, int targetPort, String readKey) throws IOException {
        Files.createDirectories(dir);
        Path keyFile = dir.resolve("odop-pulse.key");
        Files.writeString(keyFile, readKey + "\n");
        Files.copy(OpsFiles.resolve("deploy/prometheus/alerts.yml"), dir.resolve("alerts.yml"));

        ObjectNode config = (ObjectNode) YAML.readTree(OpsFiles.resolve("deploy/prometheus/prometheus.yml").toFile());
        ObjectNode global = (ObjectNode) config.path("global");
        global.put("scrape_interval", "1s").put("evaluation_interval", "1s").put("scrape_timeout", "1s");
        config.remove("alerting"); // no Alertmanager here; the rules are still loaded and evaluated
        JsonNode job = config.path("scrape_configs").get(0);
        assertThat(job.path("job_name").asText()).isEqualTo("odop-pulse");
        assertThat(job.path("authorization").path("type").asText()).isEqualTo("Bearer");
        ((ObjectNode) job.path("authorization")).put("credentials_file", keyFile.toString());
        ((ObjectNode) job.path("static_configs").get(0)).putArray("targets").add("127.0.0.1:" + targetPort);
        Path configFile = dir.resolve("prometheus.yml");
        YAML.writeValue(configFile.toFile(), config);

        Path executable = Path.of("/usr/bin/prometheus");
        if (!Files.isExecutable(executable)) {
            fail("/usr/bin/prometheus is not installed: " + ExternalTool.INSTALL);
        }
        int port = FreePort.find();
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(executable.toString(), "--config.file=" + configFile,
                "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.path=" + dir.resolve("data"))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new Prometheus(p, log, port);
    }

    boolean ready() {
        if (!process.isAlive()) fail("Prometheus exited " + process.exitValue() + ":\n" + log());
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The result of an instant query; fails unless Prometheus answers success. */
    JsonNode query(String promql) {
        JsonNode answer = api("/api/v1/query?query=" + encode(promql));
        return answer.path("data").path("result");
    }

    /** The values of a label on the series {@code selector} selects. */
    List<String> labelValues(String label, String selector) {
        List<String> values = new ArrayList<>();
        api("/api/v1/label/" + label + "/values?match[]=" + encode(selector)).path("data").forEach(v -> values.add(v.asText()));
        return values;
    }

    private JsonNode api(String pathAndQuery) {
        try {
            HttpResponse<String> r = get(pathAndQuery);
            JsonNode answer = JSON.readTree(r.body());
            assertThat(answer.path("status").asText()).as("%s answered %s: %s", pathAndQuery, r.statusCode(), r.body())
                    .isEqualTo("success");
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    String log() {
        try {
            String all = Files.readString(log);
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops this Prometheus (its own process only), forcibly if it does not stop within 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
