package org.odop.pulse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.ops.DeployFiles.documents;
import static org.odop.pulse.ops.DeployFiles.kind;
import static org.odop.pulse.ops.DeployFiles.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/k8s: the StatefulSet meets the "restricted" Pod Security Standard field by field, starts, survives drains and
 * node loss (startup probe, disruption budget, one pod per node), keeps its memory within its limit, and Prometheus
 * finds its pods. No cluster here: the manifests are checked as data, with kubectl kustomize and promtool when present.
 */
class KubernetesManifestsTest {
    private static final String K8S = "deploy/k8s/";
    /** Volume types the restricted standard allows. */
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");

    private static JsonNode statefulSet() {
        return kind(K8S + "statefulset.yaml", "StatefulSet");
    }

    private static JsonNode podSpec() {
        return statefulSet().path("spec").path("template").path("spec");
    }

    private static List<JsonNode> allContainers() {
        List<JsonNode> out = new ArrayList<>();
        for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
            podSpec().path(field).forEach(out::add);
        }
        return out;
    }

    private static Map<String, String> configMap() {
        Map<String, String> data = new LinkedHashMap<>();
        kind(K8S + "configmap.yaml", "ConfigMap").path("data").fields()
                .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
        return data;
    }

    /** A container's setting, or the pod's when the container does not set it (as Kubernetes resolves it). */
    private static JsonNode effective(JsonNode container, String field) {
        JsonNode own = container.path("securityContext").path(field);
        return own.isMissingNode() ? podSpec().path("securityContext").path(field) : own;
    }

    @Test
    @DisplayName("the pods meet the restricted Pod Security Standard, field by field, with a read-only root file system")
    void restrictedPodSecurity() {
        JsonNode pod = podSpec();
        for (String hostNamespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
            assertThat(pod.path(hostNamespace).asBoolean(false)).as(hostNamespace).isFalse();
        }
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean(false)).as("pod runAsNonRoot").isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).as("pod seccompProfile")
                .isIn("RuntimeDefault", "Localhost");
        for (JsonNode v : pod.path("volumes")) {
            Set<String> types = new TreeSet<>();
            v.fieldNames().forEachRemaining(types::add);
            types.remove("name");
            assertThat(types).as("volume " + v.path("name").asText()).hasSize(1).isSubsetOf(RESTRICTED_VOLUMES);
        }
        List<JsonNode> containers = allContainers();
        assertThat(containers).isNotEmpty();
        for (JsonNode c : containers) {
            String name = c.path("name").asText();
            JsonNode sc = c.path("securityContext");
            assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean())
                    .as(name + ": allowPrivilegeEscalation false").isTrue();
            assertThat(sc.path("privileged").asBoolean(false)).as(name + ": privileged").isFalse();
            assertThat(strings(sc.path("capabilities").path("drop"))).as(name + ": capabilities drop ALL").contains("ALL");
            assertThat(strings(sc.path("capabilities").path("add"))).as(name + ": capabilities added").isSubsetOf("NET_BIND_SERVICE");
            assertThat(effective(c, "runAsNonRoot").asBoolean(false)).as(name + ": runAsNonRoot").isTrue();
            assertThat(effective(c, "runAsUser").asInt(-1)).as(name + ": runAsUser set, not root").isPositive();
            assertThat(effective(c, "seccompProfile").path("type").asText()).as(name + ": seccomp").isIn("RuntimeDefault", "Localhost");
            assertThat(sc.path("readOnlyRootFilesystem").asBoolean(false)).as(name + ": read-only root file system").isTrue();
            for (JsonNode port : c.path("ports")) {
                assertThat(port.has("hostPort")).as(name + ": no host port").isFalse();
            }
        }
        // The user is the image's (deploy/Dockerfile USER), so the files it made in the image are its own.
        String imageUser = DeployFiles.dockerfile().last("USER").orElseThrow().arguments().split(":")[0];
        assertThat(pod.path("securityContext").path("runAsUser").asText()).isEqualTo(imageUser);
    }

    @Test
    @DisplayName("with a read-only root, the state dir is the pod's volume claim and /tmp an emptyDir: the only writable places")
    void writablePlaces() {
        JsonNode container = podSpec().path("containers").get(0);
        Map<String, String> mounts = new LinkedHashMap<>();
        Map<String, Boolean> readOnly = new LinkedHashMap<>();
        container.path("volumeMounts").forEach(m -> {
            mounts.put(m.path("mountPath").asText(), m.path("name").asText());
            readOnly.put(m.path("mountPath").asText(), m.path("readOnly").asBoolean(false));
        });
        String stateDir = configMap().get("ODOP_STATE_DIR");
        assertThat(mounts).containsKeys(stateDir, "/tmp");
        List<String> claims = new ArrayList<>();
        statefulSet().path("spec").path("volumeClaimTemplates").forEach(t -> claims.add(t.path("metadata").path("name").asText()));
        assertThat(claims).as("the state dir is a volume claim of the pod").contains(mounts.get(stateDir));
        assertThat(readOnly.get(stateDir)).isFalse();
        JsonNode tmp = null;
        for (JsonNode v : podSpec().path("volumes")) {
            if (v.path("name").asText().equals(mounts.get("/tmp"))) tmp = v;
        }
        assertThat(tmp).isNotNull();
        assertThat(tmp.has("emptyDir")).as("/tmp is an emptyDir").isTrue();
        assertThat(readOnly.get("/tmp")).isFalse();
    }

    @Test
    @DisplayName("a startup probe guards the start, and the liveness and readiness probes ask the health endpoints")
    void probes() {
        JsonNode c = podSpec().path("containers").get(0);
        Set<String> portNames = new TreeSet<>();
        c.path("ports").forEach(p -> portNames.add(p.path("name").asText()));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = c.path(probe).path("httpGet");
            assertThat(get.path("path").asText()).as(probe).matches("/health/(live|ready)");
            assertThat(portNames).as(probe + " port").contains(get.path("port").asText());
        }
        JsonNode startup = c.path("startupProbe");
        int startupSeconds = startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3);
        assertThat(startupSeconds).as("time allowed to start (connect, create topics, register schemas)").isGreaterThanOrEqualTo(120);
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
    }

    @Test
    @DisplayName("a PodDisruptionBudget selects the StatefulSet's pods, and at most one pod per node (anti-affinity on the hostname)")
    void disruptionBudgetAndAntiAffinity() {
        JsonNode selector = statefulSet().path("spec").path("selector").path("matchLabels");
        JsonNode podLabels = statefulSet().path("spec").path("template").path("metadata").path("labels");
        JsonNode pdb = kind(K8S + "pdb.yaml", "PodDisruptionBudget");
        assertThat(pdb.path("apiVersion").asText()).isEqualTo("policy/v1");
        JsonNode pdbLabels = pdb.path("spec").path("selector").path("matchLabels");
        assertThat(pdbLabels.size()).isPositive();
        pdbLabels.fields().forEachRemaining(e -> assertThat(podLabels.path(e.getKey()).asText())
                .as("the budget selects the pods by " + e.getKey()).isEqualTo(e.getValue().asText()));
        assertThat(pdbLabels).isEqualTo(selector);
        assertThat(pdb.path("spec").path("maxUnavailable").asInt(0)).as("one pod at a time").isEqualTo(1);

        JsonNode antiAffinity = podSpec().path("affinity").path("podAntiAffinity");
        List<JsonNode> terms = new ArrayList<>();
        antiAffinity.path("requiredDuringSchedulingIgnoredDuringExecution").forEach(terms::add);
        antiAffinity.path("preferredDuringSchedulingIgnoredDuringExecution").forEach(t -> terms.add(t.path("podAffinityTerm")));
        assertThat(terms).as("anti-affinity terms").anySatisfy(t -> {
            assertThat(t.path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
            JsonNode labels = t.path("labelSelector").path("matchLabels");
            assertThat(labels.size()).isPositive();
            labels.fields().forEachRemaining(e -> assertThat(podLabels.path(e.getKey()).asText())
                    .as("the term selects odop-pulse's own pods").isEqualTo(e.getValue().asText()));
        });
        // Standbys exist to be on another node than their active task.
        assertThat(Integer.parseInt(configMap().getOrDefault("ODOP_STANDBY_REPLICAS", "1"))).isPositive();
    }

    @Test
    @DisplayName("memory: heap + RocksDB budget + JVM and native overhead fit under the pod's memory limit")
    void memoryWithinTheLimit() {
        JsonNode c = podSpec().path("containers").get(0);
        long limitMib = mebibytes(c.path("resources").path("limits").path("memory").asText());
        assertThat(limitMib).as("a memory limit").isPositive();
        Map<String, String> cm = configMap();
        Matcher xmx = Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(cm.getOrDefault("JAVA_TOOL_OPTIONS", ""));
        assertThat(xmx.find()).as("a fixed heap (-Xmx) in JAVA_TOOL_OPTIONS").isTrue();
        long heapMib = Long.parseLong(xmx.group(1)) * (xmx.group(2).equalsIgnoreCase("g") ? 1024 : 1);
        long rocksDbMib = Long.parseLong(cm.get("ODOP_ROCKSDB_MEMORY_MB"));
        assertThat(heapMib + rocksDbMib + 500).as("heap " + heapMib + " + RocksDB " + rocksDbMib
                + " + 500 MiB of JVM and native overhead, within the limit of " + limitMib + " MiB").isLessThanOrEqualTo(limitMib);
        assertThat(c.path("resources").path("requests").path("memory").asText()).as("requested as much as the limit")
                .isEqualTo(c.path("resources").path("limits").path("memory").asText());
    }

    private static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertThat(m.matches()).as("memory in Mi or Gi: " + quantity).isTrue();
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }

    @Test
    @DisplayName("kustomization.yaml lists every manifest here and every file it reads exists or is a git-ignored secret")
    void kustomizationIsComplete() throws IOException {
        JsonNode k = documents(K8S + "kustomization.yaml").get(0);
        Set<String> resources = new TreeSet<>(strings(k.path("resources")));
        Set<String> manifests = new TreeSet<>();
        try (Stream<Path> files = Files.list(OpsFiles.resolve(K8S))) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
                    .forEach(manifests::add);
        }
        assertThat(resources).as("every manifest applied").isEqualTo(manifests);
        String gitignore = Files.readString(OpsFiles.resolve(".gitignore"));
        for (String generators : List.of("secretGenerator", "configMapGenerator")) {
            for (JsonNode g : k.path(generators)) {
                for (String file : strings(g.path("files"))) {
                    if (generators.equals("secretGenerator")) {
                        assertThat(gitignore).as(file + ": a secret stays out of git").contains("/" + K8S + file);
                    } else {
                        assertThat(OpsFiles.resolve(K8S + file)).isRegularFile();
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("kubectl kustomize builds deploy/k8s (with stand-in secret files), when kubectl is installed")
    void kustomizeBuilds(@TempDir Path dir) throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(kubectl != null, "kubectl is not installed");
        try (Stream<Path> files = Files.list(OpsFiles.resolve(K8S))) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        for (JsonNode g : documents(K8S + "kustomization.yaml").get(0).path("secretGenerator")) {
            for (String file : strings(g.path("files"))) {
                if (!Files.exists(dir.resolve(file))) Files.writeString(dir.resolve(file), "stand-in\n");
            }
        }
        Path out = dir.resolve("out.yaml");
        Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()).redirectError(dir.resolve("err").toFile())
                .redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(() -> readQuietly(dir.resolve("err"))).isZero();
        Set<String> built = new TreeSet<>();
        try (var parser = DeployFiles.YAML.getFactory().createParser(out.toFile())) {
            DeployFiles.YAML.readValues(parser, JsonNode.class).forEachRemaining(d ->
                    built.add(d.path("kind").asText() + "/" + d.path("metadata").path("name").asText()));
        }
        // Fixed names (no content hash): the StatefulSet's volume and the Prometheus outside find them as written.
        assertThat(built).contains("StatefulSet/odop-pulse", "PodDisruptionBudget/odop-pulse", "ConfigMap/odop-pulse",
                "ConfigMap/odop-pulse-prometheus", "Secret/odop-pulse-prometheus", "Secret/odop-pulse-secrets",
                "Role/odop-pulse-prometheus", "RoleBinding/odop-pulse-prometheus", "ServiceAccount/odop-pulse-prometheus");
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    @DisplayName("Prometheus discovers the pods with kubernetes_sd_configs, scrapes their http port with the read key of a Secret")
    void prometheusDiscovery() {
        JsonNode config = documents(K8S + "prometheus.yml").get(0);
        JsonNode job = config.path("scrape_configs").get(0);
        assertThat(job.path("job_name").asText()).as("the job the alerts and dashboards select").isEqualTo("odop-pulse");
        JsonNode sd = job.path("kubernetes_sd_configs").get(0);
        assertThat(sd.path("role").asText()).isEqualTo("pod");
        assertThat(sd.path("namespaces").path("own_namespace").asBoolean(false)).as("its own namespace only").isTrue();
        JsonNode podLabels = statefulSet().path("spec").path("template").path("metadata").path("labels");
        String selector = sd.path("selectors").get(0).path("label").asText();
        String[] kv = selector.split("=", 2);
        assertThat(podLabels.path(kv[0]).asText()).as("the selector " + selector + " picks the StatefulSet's pods").isEqualTo(kv[1]);

        // Keeps the container port the pods name http (where /metrics is).
        String portName = podSpec().path("containers").get(0).path("ports").get(0).path("name").asText();
        assertThat(job.path("relabel_configs")).anySatisfy(r -> {
            assertThat(strings(r.path("source_labels"))).containsExactly("__meta_kubernetes_pod_container_port_name");
            assertThat(r.path("regex").asText()).isEqualTo(portName);
            assertThat(r.path("action").asText()).isEqualTo("keep");
        });

        // The bearer token is the key file of the Secret the kustomization generates.
        String keyFile = job.path("authorization").path("credentials_file").asText();
        assertThat(job.path("authorization").path("type").asText()).isEqualTo("Bearer");
        List<String> secretFiles = new ArrayList<>();
        documents(K8S + "kustomization.yaml").get(0).path("secretGenerator").forEach(g -> {
            if (g.path("name").asText().equals("odop-pulse-prometheus")) secretFiles.addAll(strings(g.path("files")));
        });
        assertThat(secretFiles).containsExactly(Path.of(keyFile).getFileName().toString());

        // It may list and watch the pods of the namespace, and nothing more.
        JsonNode role = kind(K8S + "prometheus-rbac.yaml", "Role");
        assertThat(role.path("rules")).hasSize(1);
        assertThat(strings(role.path("rules").get(0).path("resources"))).containsExactly("pods");
        assertThat(strings(role.path("rules").get(0).path("verbs"))).containsExactlyInAnyOrder("get", "list", "watch");
        JsonNode binding = kind(K8S + "prometheus-rbac.yaml", "RoleBinding");
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo(role.path("metadata").path("name").asText());
        assertThat(binding.path("subjects").get(0).path("name").asText())
                .isEqualTo(kind(K8S + "prometheus-rbac.yaml", "ServiceAccount").path("metadata").path("name").asText());
    }

    @Test
    @DisplayName("promtool accepts the in-cluster Prometheus configuration and the rules it loads (discovery swapped for a static target)")
    void prometheusConfigChecks(@TempDir Path dir) throws IOException {
        ObjectNode config = (ObjectNode) documents(K8S + "prometheus.yml").get(0);
        ObjectNode job = (ObjectNode) config.path("scrape_configs").get(0);
        // Debian's promtool is built without Kubernetes service discovery: everything else of the file is checked.
        assertThat(job.remove("kubernetes_sd_configs")).isNotNull();
        ((ArrayNode) job.putArray("static_configs")).addObject().putArray("targets").add("odop-pulse-0:8080");
        ((ObjectNode) job.path("authorization")).put("credentials_file", dir.resolve("prometheus.key").toString());
        Files.writeString(dir.resolve("prometheus.key"), "opk_000000000000_stand-in\n");
        ArrayNode rules = (ArrayNode) config.path("rule_files");
        assertThat(rules).hasSize(1);
        String glob = Path.of(rules.get(0).asText()).getFileName().toString();
        Files.createDirectories(dir.resolve("rules"));
        Files.copy(OpsFiles.resolve("deploy/prometheus/alerts.yml"), dir.resolve("rules/alerts.yml"));
        assertThat(dir.getFileSystem().getPathMatcher("glob:" + glob).matches(Path.of("alerts.yml")))
                .as("alerts.yml mounted in the rules directory is loaded").isTrue();
        rules.set(0, dir.resolve("rules").resolve(glob).toString());
        DeployFiles.YAML.writeValue(dir.resolve("prometheus.yml").toFile(), config);
        ExternalTool.Run run = ExternalTool.promtool().run(dir, "check", "config", "prometheus.yml");
        assertThat(run.exitCode()).as(run::describe).isZero();
        assertThat(run.output()).as(run::describe).contains("rules found");
    }
}
