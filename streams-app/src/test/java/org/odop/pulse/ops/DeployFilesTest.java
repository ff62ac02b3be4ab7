package org.odop.pulse.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.cli.OdopPulse;

/**
 * The deployment files start odop-pulse with arguments and ODOP_* variables that {@code run} accepts (no container
 * runtime here: this is what can be checked without one), and the Kubernetes pods share their secrets.
 */
class DeployFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<JsonNode> documents(String relative) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(Files.readString(OpsFiles.resolve(relative)))) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        return docs;
    }

    private static JsonNode kind(String relative, String kind) throws Exception {
        return documents(relative).stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst().orElseThrow();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Parses the command line as the container would run it, with these variables; unknown options fail. */
    private static void accepted(List<String> args, Map<String, String> env) {
        assertThat(env.keySet()).as("every ODOP_* variable is an option of run")
                .isSubsetOf(OdopPulse.environmentVariables("run"));
        assertThatCode(() -> OdopPulse.commandLine(env).parseArgs(args.toArray(String[]::new)))
                .as(String.join(" ", args) + " with " + env).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("Kubernetes: the pods' arguments and ODOP_* variables are run's, and every pod mounts the shared keys and cluster secret")
    void kubernetes() throws Exception {
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
                "ODOP_KEYS_FILE", "ODOP_CLUSTER_SECRET_FILE");

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
        assertThat(Files.readString(OpsFiles.resolve(".gitignore"))).as("the secret files stay out of git")
                .contains("/deploy/k8s/api-keys.json", "/deploy/k8s/cluster.secret");
    }

    @Test
    @DisplayName("compose and the Dockerfile run odop-pulse with arguments run accepts")
    void composeAndDockerfile() throws Exception {
        JsonNode service = documents("deploy/compose/docker-compose.yml").get(0).path("services").path("odop-pulse");
        Map<String, String> env = new LinkedHashMap<>();
        service.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        accepted(strings(service.path("command")), env);

        String cmd = Files.readAllLines(OpsFiles.resolve("deploy/Dockerfile")).stream()
                .filter(l -> l.startsWith("CMD ")).findFirst().orElseThrow();
        accepted(strings(new ObjectMapper().readTree(cmd.substring(4))), Map.of());
    }
}
