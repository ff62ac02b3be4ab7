package org.odop.pulse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.ops.DeployFiles.accepted;
import static org.odop.pulse.ops.DeployFiles.documents;
import static org.odop.pulse.ops.DeployFiles.kind;
import static org.odop.pulse.ops.DeployFiles.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odop.pulse.runtime.BoundedRocksDbMemory;
import org.odop.pulse.runtime.PulseConfig;

/**
 * The deployment files start odop-pulse with arguments and ODOP_* variables that {@code run} accepts, reference only
 * files that exist, and build the image the way the README does (no container runtime here: this is what can be
 * checked without one). The Kubernetes manifests' own rules are in {@link KubernetesManifestsTest}.
 */
class DeployFilesTest {
    private static final String COMPOSE = "deploy/compose/docker-compose.yml";
    private static final Path COMPOSE_DIR = OpsFiles.resolve("deploy/compose");
    /** The command the README documents for building the application jar, and the Dockerfile runs. */
    private static final Pattern MVN = Pattern.compile("mvn( -pl [\\w,/-]+| package| -[-\\w.=]+)+");

    private static JsonNode services() {
        return documents(COMPOSE).get(0).path("services");
    }

    private static boolean buildsOdopPulse(JsonNode service) {
        return service.path("build").path("dockerfile").asText().equals("deploy/Dockerfile");
    }

    /** The compose services that run odop-pulse instances: built from deploy/Dockerfile, running `run`. */
    private static Map<String, JsonNode> instances() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        services().fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            if (buildsOdopPulse(s) && s.path("entrypoint").isMissingNode() && "run".equals(s.path("command").path(0).asText())) {
                out.put(e.getKey(), s);
            }
        });
        return out;
    }

    /** The ODOP_* variables a compose service runs with: the image's, then the service's. */
    private static Map<String, String> odopEnv(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        DeployFiles.dockerfile().env().forEach((k, v) -> {
            if (k.startsWith("ODOP_")) env.put(k, v);
        });
        service.path("environment").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("ODOP_")) env.put(e.getKey(), e.getValue().asText());
        });
        return env;
    }

    /** A compose volume entry: source (a named volume or a path), target, read-only. */
    private record Mount(String source, String target, boolean readOnly) {
        boolean bind() {
            return source.startsWith(".") || source.startsWith("/");
        }

        static List<Mount> of(JsonNode service) {
            List<Mount> out = new ArrayList<>();
            for (JsonNode v : service.path("volumes")) {
                String[] p = v.asText().split(":");
                out.add(new Mount(p[0], p[1], p.length > 2 && p[2].equals("ro")));
            }
            return out;
        }
    }

    /** Where a path inside a container comes from: the mount that holds it. */
    private static Mount mountHolding(JsonNode service, String containerPath) {
        return Mount.of(service).stream().filter(m -> containerPath.equals(m.target()) || containerPath.startsWith(m.target() + "/"))
                .max(java.util.Comparator.comparingInt(m -> m.target().length()))
                .orElseThrow(() -> new AssertionError(containerPath + " is in no volume of the service"));
    }

    private static String host(String url) {
        return URI.create(url.contains("://") ? url : "tcp://" + url).getHost();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {COMPOSE, "deploy/compose/prometheus.yml", "deploy/compose/grafana-datasource.yml",
            "deploy/k8s/configmap.yaml", "deploy/k8s/services.yaml", "deploy/k8s/statefulset.yaml", "deploy/k8s/pdb.yaml",
            "deploy/k8s/prometheus-rbac.yaml", "deploy/k8s/kustomization.yaml", "deploy/k8s/prometheus.yml"})
    @DisplayName("every compose, Kubernetes and Prometheus file parses as YAML")
    void parses(String file) {
        List<JsonNode> docs = documents(file);
        assertThat(docs).as(file).isNotEmpty().allSatisfy(d -> assertThat(d.isObject()).as(file).isTrue());
        if (file.startsWith("deploy/k8s/") && !file.endsWith("prometheus.yml")) {
            assertThat(docs).as(file).allSatisfy(d -> {
                assertThat(d.path("apiVersion").asText()).isNotBlank();
                assertThat(d.path("kind").asText()).isNotBlank();
            });
        }
    }

    @Test
    @DisplayName("Kubernetes: the pods' arguments and ODOP_* variables are run's, and every pod mounts the shared keys and cluster secret")
    void kubernetes() {
        Map<String, String> env = new LinkedHashMap<>();
        kind("deploy/k8s/configmap.yaml", "ConfigMap").path("data").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("ODOP_")) env.put(e.getKey(), e.getValue().asText());
        });
        JsonNode pod = kind("deploy/k8s/statefulset.yaml", "StatefulSet").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        container.path("env").forEach(e -> {
            if (e.path("name").asText().startsWith("ODOP_")) env.put(e.path("name").asText(), e.path("value").asText());
        });
        accepted(strings(container.path("args")), env);
        assertThat(env).containsKeys("ODOP_BOOTSTRAP_SERVERS", "ODOP_SCHEMA_REGISTRY_URL", "ODOP_ADVERTISED_HOST",
                "ODOP_KEYS_FILE", "ODOP_CLUSTER_SECRET_FILE", "ODOP_ROCKSDB_MEMORY_MB");

        // The keys file and the cluster secret are files of the generated Secret, mounted where the variables say.
        JsonNode generator = documents("deploy/k8s/kustomization.yaml").get(0).path("secretGenerator").get(0);
        List<String> files = strings(generator.path("files"));
        String secretName = generator.path("name").asText();
        JsonNode volume = null;
        for (JsonNode v : pod.path("volumes")) {
            if (secretName.equals(v.path("secret").path("secretName").asText())) volume = v;
        }
        assertThat(volume).as("a volume of the Secret " + secretName).isNotNull();
        String volumeName = volume.path("name").asText();
        String mountPath = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if (volumeName.equals(m.path("name").asText())) mountPath = m.path("mountPath").asText();
        }
        assertThat(mountPath).isNotNull();
        for (String variable : List.of("ODOP_KEYS_FILE", "ODOP_CLUSTER_SECRET_FILE")) {
            Path file = Path.of(env.get(variable));
            assertThat(file.getParent()).as(variable).isEqualTo(Path.of(mountPath));
            assertThat(files).as(variable).contains(file.getFileName().toString());
        }
    }

    @Test
    @DisplayName("compose: two instances run with arguments and ODOP_* variables run accepts, reaching Kafka, the registry and each other by service name")
    void composeInstances() {
        Map<String, JsonNode> instances = instances();
        assertThat(instances).as("odop-pulse instances in " + COMPOSE).hasSizeGreaterThanOrEqualTo(2);
        JsonNode services = services();
        Set<String> applicationIds = new TreeSet<>();
        instances.forEach((name, service) -> {
            Map<String, String> env = odopEnv(service);
            accepted(strings(service.path("command")), env);
            assertThat(env).as(name).containsKeys("ODOP_BOOTSTRAP_SERVERS", "ODOP_SCHEMA_REGISTRY_URL",
                    "ODOP_ADVERTISED_HOST", "ODOP_KEYS_FILE", "ODOP_CLUSTER_SECRET_FILE", "ODOP_STATE_DIR");
            // Other instances reach this one by its service name, on the compose network.
            assertThat(env.get("ODOP_ADVERTISED_HOST")).as(name).isEqualTo(name);
            assertThat(env.get("ODOP_HTTP_BIND_ADDRESS")).as(name + " listens on the container's address").isEqualTo("0.0.0.0");
            for (String url : List.of(env.get("ODOP_BOOTSTRAP_SERVERS"), env.get("ODOP_SCHEMA_REGISTRY_URL"))) {
                assertThat(services.has(host(url))).as(name + ": " + url + " names a compose service").isTrue();
            }
            assertThat(Long.parseLong(env.getOrDefault("ODOP_ROCKSDB_MEMORY_MB", "256")) * 1024 * 1024)
                    .isGreaterThanOrEqualTo(BoundedRocksDbMemory.MIN_BYTES);
            applicationIds.add(env.getOrDefault("ODOP_APPLICATION_ID", PulseConfig.DEFAULT_APPLICATION_ID));
            // Its own state volume, writable, where the state dir is.
            Mount state = mountHolding(service, env.get("ODOP_STATE_DIR"));
            assertThat(state.bind() || state.readOnly()).as(name + ": the state dir is a writable named volume").isFalse();
            // The shared keys and cluster secret: one volume, written by the init service.
            for (String variable : List.of("ODOP_KEYS_FILE", "ODOP_CLUSTER_SECRET_FILE")) {
                Mount shared = mountHolding(service, env.get(variable));
                assertThat(shared.bind()).as(variable).isFalse();
                JsonNode init = services.path(initService());
                Mount written = mountHolding(init, env.get(variable));
                assertThat(written.source()).as(variable + ": the init service writes it in the same volume").isEqualTo(shared.source());
                assertThat(written.readOnly()).isFalse();
                assertThat(init.path("command").toString()).as("the init service makes " + env.get(variable))
                        .contains(Path.of(env.get(variable)).getFileName().toString());
            }
        });
        assertThat(applicationIds).as("one application: the instances share the work").hasSize(1);
        Set<String> stateVolumes = new TreeSet<>();
        instances.forEach((name, s) -> stateVolumes.add(mountHolding(s, odopEnv(s).get("ODOP_STATE_DIR")).source()));
        assertThat(stateVolumes).as("each instance its own state").hasSize(instances.size());
    }

    /** The one-shot service that writes the shared keys and secret. */
    private static String initService() {
        List<String> names = new ArrayList<>();
        services().fields().forEachRemaining(e -> {
            if (buildsOdopPulse(e.getValue()) && !e.getValue().path("entrypoint").isMissingNode()) names.add(e.getKey());
        });
        assertThat(names).as("one init service").hasSize(1);
        return names.get(0);
    }

    @Test
    @DisplayName("compose: no host networking, ports published on 127.0.0.1 only, and every dependency is healthy or done")
    void composeNetworkingAndHealth() {
        JsonNode services = services();
        Set<String> published = new TreeSet<>();
        services.fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode s = e.getValue();
            String mode = s.path("network_mode").asText("");
            assertThat(mode).as(name + ": network_mode").isNotEqualTo("host");
            if (!mode.isEmpty()) {
                // Another service's namespace only (never the host's): the alert sink shares Alertmanager's loopback.
                assertThat(mode).as(name).startsWith("service:");
                assertThat(services.has(mode.substring("service:".length()))).as(name + ": " + mode).isTrue();
            }
            for (JsonNode p : s.path("ports")) {
                String hostIp = p.isObject() ? p.path("host_ip").asText() : p.asText().split(":")[0];
                assertThat(hostIp).as(name + " publishes " + p + " on the loopback address only").isEqualTo("127.0.0.1");
                published.add(p.isObject() ? p.path("published").asText() : p.asText().split(":")[1]);
            }
            assertThat(s.path("privileged").asBoolean(false)).as(name).isFalse();
            assertThat(s.path("depends_on").isArray()).as(name + ": depends_on with conditions, not a bare list").isFalse();
            s.path("depends_on").fields().forEachRemaining(d -> {
                JsonNode dependency = services.path(d.getKey());
                assertThat(dependency.isMissingNode()).as(name + " depends on " + d.getKey()).isFalse();
                String condition = d.getValue().path("condition").asText();
                switch (condition) {
                    case "service_healthy" -> assertThat(hasHealthcheck(dependency))
                            .as(name + " waits for " + d.getKey() + " to be healthy: it has a healthcheck").isTrue();
                    case "service_completed_successfully" -> assertThat(dependency.path("restart").asText("no"))
                            .as(d.getKey() + " runs once").isEqualTo("no");
                    case "service_started" -> assertThat(s.path("network_mode").asText())
                            .as(name + ": service_started only for a network namespace's owner").isEqualTo("service:" + d.getKey());
                    default -> throw new AssertionError(name + " depends on " + d.getKey() + " with condition '" + condition + "'");
                }
            });
        });
        // What the instances need before they start: the broker and the registry healthy, the keys made.
        instances().forEach((name, s) -> {
            Map<String, String> env = odopEnv(s);
            for (String needed : List.of(host(env.get("ODOP_BOOTSTRAP_SERVERS")), host(env.get("ODOP_SCHEMA_REGISTRY_URL")))) {
                assertThat(s.path("depends_on").path(needed).path("condition").asText())
                        .as(name + " waits for " + needed).isEqualTo("service_healthy");
            }
            assertThat(s.path("depends_on").path(initService()).path("condition").asText()).isEqualTo("service_completed_successfully");
        });
        assertThat(published).as("the API, Grafana, Prometheus and Alertmanager reachable from the host")
                .contains("8080", "3000", "9090", "9093");
    }

    private static boolean hasHealthcheck(JsonNode service) {
        if (service.has("healthcheck")) {
            JsonNode test = service.path("healthcheck").path("test");
            return !service.path("healthcheck").path("disable").asBoolean(false) && test.size() > 1
                    && !test.get(0).asText().equals("NONE");
        }
        return buildsOdopPulse(service) && DeployFiles.dockerfile().last("HEALTHCHECK").isPresent();
    }

    @Test
    @DisplayName("compose: every file it mounts or builds from exists, and each configuration it mounts points at compose services")
    void composeReferences() throws IOException {
        JsonNode root = documents(COMPOSE).get(0);
        Set<String> declaredVolumes = new TreeSet<>();
        root.path("volumes").fieldNames().forEachRemaining(declaredVolumes::add);
        root.path("services").fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            if (s.has("build")) {
                Path context = COMPOSE_DIR.resolve(s.path("build").path("context").asText()).normalize();
                assertThat(context.resolve(s.path("build").path("dockerfile").asText())).as(e.getKey() + " builds").isRegularFile();
                assertThat(context).isEqualTo(OpsFiles.repoRoot());
            }
            for (Mount m : Mount.of(s)) {
                if (m.bind()) {
                    assertThat(COMPOSE_DIR.resolve(m.source()).normalize()).as(e.getKey() + " mounts " + m.source()).exists();
                } else {
                    assertThat(declaredVolumes).as(e.getKey() + " mounts a declared volume").contains(m.source());
                }
            }
        });

        // Prometheus: its configuration, the rule file beside it, the read key from the shared volume; its targets.
        JsonNode prometheus = root.path("services").path("prometheus");
        String configFile = prometheus.path("command").toString().replaceAll(".*--config.file=([^\"]+).*", "$1");
        Mount configMount = mountHolding(prometheus, configFile);
        JsonNode config = DeployFiles.YAML.readTree(COMPOSE_DIR.resolve(configMount.source()).toFile());
        for (JsonNode rules : config.path("rule_files")) {
            Mount rulesMount = mountHolding(prometheus, Path.of(configFile).resolveSibling(rules.asText()).toString());
            assertThat(rulesMount.bind()).isTrue();
            assertThat(COMPOSE_DIR.resolve(rulesMount.source()).normalize())
                    .isEqualTo(OpsFiles.resolve("deploy/prometheus/alerts.yml"));
        }
        JsonNode job = config.path("scrape_configs").get(0);
        assertThat(job.path("job_name").asText()).as("the job the alerts and dashboards select").isEqualTo("odop-pulse");
        String keyFile = job.path("authorization").path("credentials_file").asText();
        assertThat(mountHolding(prometheus, keyFile).source()).as("the read key comes from the shared volume")
                .isEqualTo(mountHolding(root.path("services").path(initService()), "/etc/odop-pulse/shared").source());
        assertThat(root.path("services").path(initService()).path("command").toString())
                .contains(Path.of(keyFile).getFileName().toString().replace(".key", "")).contains("read");
        List<String> targets = strings(job.path("static_configs").get(0).path("targets"));
        List<String> expected = new ArrayList<>();
        instances().forEach((name, s) -> expected.add(name + ":" + odopEnv(s).getOrDefault("ODOP_HTTP_PORT",
                Integer.toString(PulseConfig.defaults().httpPort()))));
        assertThat(targets).as("every instance is scraped").containsExactlyInAnyOrderElementsOf(expected);
        for (JsonNode am : config.path("alerting").path("alertmanagers").get(0).path("static_configs").get(0).path("targets")) {
            assertThat(root.path("services").has(host(am.asText()))).as(am.asText()).isTrue();
        }

        // Grafana: the data source has the dashboards' uid and the compose address of Prometheus.
        JsonNode grafana = root.path("services").path("grafana");
        JsonNode composeSource = DeployFiles.YAML.readTree(COMPOSE_DIR.resolve(
                mountHolding(grafana, "/etc/grafana/provisioning/datasources/prometheus.yml").source()).toFile())
                .path("datasources").get(0);
        JsonNode repoSource = documents("grafana/provisioning/datasources/prometheus.yml").get(0).path("datasources").get(0);
        for (String field : List.of("name", "uid", "type")) {
            assertThat(composeSource.path(field)).as(field).isEqualTo(repoSource.path(field));
        }
        assertThat(root.path("services").has(host(composeSource.path("url").asText()))).isTrue();
        assertThat(mountHolding(grafana, "/etc/grafana/provisioning/dashboards").source()).isEqualTo("../../grafana/provisioning/dashboards");
        String dashboardsPath = documents("grafana/provisioning/dashboards/odop.yml").get(0).path("providers").get(0)
                .path("options").path("path").asText();
        assertThat(COMPOSE_DIR.resolve(mountHolding(grafana, dashboardsPath).source()).normalize())
                .isEqualTo(OpsFiles.resolve("grafana/dashboards"));

        // Alertmanager's webhooks go to 127.0.0.1:5001: the sink shares its network namespace and listens there.
        JsonNode sink = root.path("services").path("alert-sink");
        assertThat(sink.path("network_mode").asText()).isEqualTo("service:alertmanager");
        String receivers = Files.readString(OpsFiles.resolve("deploy/alertmanager/alertmanager.yml"));
        assertThat(receivers).contains("http://127.0.0.1:5001/");
        assertThat(strings(sink.path("command"))).contains("127.0.0.1", "5001");
    }

    @Test
    @DisplayName("promtool accepts the compose Prometheus configuration, with the alert rules it loads")
    void composePrometheusConfig(@TempDir Path dir) throws IOException {
        ObjectNode config = (ObjectNode) DeployFiles.YAML.readTree(COMPOSE_DIR.resolve("prometheus.yml").toFile());
        ObjectNode auth = (ObjectNode) config.path("scrape_configs").get(0).path("authorization");
        auth.put("credentials_file", dir.resolve("prometheus.key").toString());
        Files.writeString(dir.resolve("prometheus.key"), "opk_000000000000_stand-in\n");
        Files.copy(OpsFiles.resolve("deploy/prometheus/alerts.yml"), dir.resolve("alerts.yml"));
        DeployFiles.YAML.writeValue(dir.resolve("prometheus.yml").toFile(), config);
        ExternalTool.Run run = ExternalTool.promtool().run(dir, "check", "config", "prometheus.yml");
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.output()).as(run::describe).contains("SUCCESS").contains("rules found");
    }

    @Test
    @DisplayName("Dockerfile: a Maven build stage running the README's build step, then a JRE runtime as a fixed non-root user")
    void dockerfile() throws IOException {
        DeployFiles.Dockerfile docker = DeployFiles.dockerfile();
        List<DeployFiles.Instruction> froms = docker.all("FROM");
        assertThat(froms).as("a build stage and a runtime stage").hasSize(2);
        assertThat(froms.get(0).arguments()).as("the build stage: Maven on JDK 17").matches("maven:[\\d.]+-eclipse-temurin-17@sha256:[0-9a-f]{64} AS build");
        assertThat(froms.get(1).arguments()).as("the runtime: Temurin JRE 17").matches("eclipse-temurin:17[\\w.-]*-jre[\\w.-]*@sha256:[0-9a-f]{64}");

        // The build step: the README's, and ./odop-pulse's (which only adds -q).
        List<String> builds = new ArrayList<>();
        for (DeployFiles.Instruction run : docker.all("RUN")) {
            Matcher m = MVN.matcher(run.arguments());
            if (run.stage() == 1 && m.find()) builds.add(m.group());
        }
        assertThat(builds).as("one Maven build in the build stage").hasSize(1);
        String build = builds.get(0);
        assertThat(build).contains(" package ").contains("-pl streams-app").contains("-am");
        assertThat(Files.readString(OpsFiles.resolve("README.md"))).as("the README documents the build step").contains(build);
        assertThat(Files.readString(OpsFiles.resolve("odop-pulse")).replace("mvn -q ", "mvn ")).as("./odop-pulse builds the same way")
                .contains(build);

        // What the build reads is copied, and exists; the jar it produces is what the runtime gets.
        for (DeployFiles.Instruction copy : docker.all("COPY")) {
            List<String> words = DeployFiles.Dockerfile.tokens(copy.arguments());
            if (words.get(0).startsWith("--from=")) {
                assertThat(words.get(0)).isEqualTo("--from=build");
                assertThat(words.get(1)).as("the jar of streams-app's build (finalName odop-pulse)")
                        .isEqualTo("/src/streams-app/target/odop-pulse.jar");
                assertThat(Files.readString(OpsFiles.resolve("streams-app/pom.xml"))).contains("<finalName>odop-pulse</finalName>");
                continue;
            }
            assertThat(copy.stage()).as("sources go to the build stage only").isEqualTo(1);
            for (String source : words.subList(0, words.size() - 1)) {
                assertThat(OpsFiles.resolve(source)).as("COPY " + source).exists();
            }
        }
        assertThat(docker.all("WORKDIR").get(0).arguments()).isEqualTo("/src");

        // The runtime: a fixed non-root user, the state volume, the port, a health check, the `run` command.
        String user = docker.last("USER").orElseThrow().arguments();
        assertThat(user).as("numeric, so runAsNonRoot can check it").matches("\\d+:\\d+");
        assertThat(Integer.parseInt(user.split(":")[0])).isGreaterThanOrEqualTo(10000);
        Map<String, String> env = docker.env();
        assertThat(DeployFiles.strings(DeployFiles.JSON.readTree(docker.last("VOLUME").orElseThrow().arguments())))
                .contains(env.get("ODOP_STATE_DIR"));
        assertThat(docker.last("EXPOSE").orElseThrow().arguments()).isEqualTo(Integer.toString(PulseConfig.defaults().httpPort()));
        String health = docker.last("HEALTHCHECK").orElseThrow().arguments();
        assertThat(health).containsPattern("/health/(live|ready)").contains("CMD ").contains("127.0.0.1");
        List<String> command = new ArrayList<>(docker.last("ENTRYPOINT").orElseThrow().execForm());
        assertThat(command.subList(0, 3)).containsExactly("java", "-jar", "/opt/odop-pulse/odop-pulse.jar");
        List<String> args = docker.last("CMD").orElseThrow().execForm();
        assertThat(args.get(0)).isEqualTo("run");
        Map<String, String> odop = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("ODOP_")) odop.put(k, v);
        });
        accepted(args, odop);
    }

    @Test
    @DisplayName(".dockerignore keeps builds, history, state and secrets out of the context, and nothing the build copies")
    void dockerignore() throws IOException {
        List<String> patterns = Files.readAllLines(OpsFiles.resolve(".dockerignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(patterns).noneMatch(p -> p.startsWith("!")); // exceptions would need Docker's full rules here
        List<PathMatcher> matchers = new ArrayList<>();
        for (String p : patterns) {
            String glob = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            // Docker's **/x also matches x at the top.
            if (glob.startsWith("**/")) matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
        }
        java.util.function.Predicate<String> ignored = relative -> {
            Path p = Path.of(relative);
            for (int i = 1; i <= p.getNameCount(); i++) {
                Path prefix = p.subpath(0, i); // a matched directory excludes what is in it
                if (matchers.stream().anyMatch(m -> m.matches(prefix))) return true;
            }
            return false;
        };
        for (String kept : List.of("streams-app/target/odop-pulse.jar", "schemas/target/classes/x.class", ".git/config",
                ".odop-pulse/api-keys.json", ".odop-pulse-2/streams/x", "state/x", "deploy/k8s/api-keys.json",
                "deploy/k8s/cluster.secret", "deploy/k8s/prometheus.key", "admin.key", "tls/key.pem")) {
            assertThat(ignored.test(kept)).as(kept + " stays out of the build context").isTrue();
        }
        // Every file the Dockerfile copies reaches the build.
        for (DeployFiles.Instruction copy : DeployFiles.dockerfile().all("COPY")) {
            List<String> words = DeployFiles.Dockerfile.tokens(copy.arguments());
            if (words.get(0).startsWith("--from=")) continue;
            for (String source : words.subList(0, words.size() - 1)) {
                try (Stream<Path> files = Files.walk(OpsFiles.resolve(source))) {
                    files.filter(Files::isRegularFile).map(f -> OpsFiles.repoRoot().relativize(f).toString())
                            .forEach(f -> assertThat(ignored.test(f)).as(f + " is copied by the Dockerfile").isFalse());
                }
            }
        }
    }
}
