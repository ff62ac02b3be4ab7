package org.odop.pulse.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.odop.pulse.registry.CompatibilityLevel;
import org.odop.pulse.runtime.FreePort;

/**
 * A real Apicurio Registry (built by the deploy/registry module, in-memory storage) running as a child JVM on
 * 127.0.0.1, serving the Confluent API at {@link #url()}. Talks to it with plain HTTP, never with the client under
 * test. {@link #close()} stops exactly the process it started.
 */
public final class ApicurioRegistry implements AutoCloseable {

    /** Overrides where the fast-jar is; by default found by walking up from the working directory. */
    public static final String JAR_PROPERTY = "apicurio.jar";
    private static final Path JAR_IN_REPO = Path.of("deploy", "registry", "target", "quarkus-app", "quarkus-run.jar");
    private static final String API = "/apis/ccompat/v7";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final String root;
    private final String url;
    private final Thread killOnExit;
    private volatile boolean exitedEarly;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private ApicurioRegistry(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.root = "http://127.0.0.1:" + port;
        this.url = root + API;
        // If the test JVM exits without close(), the registry must not outlive it.
        this.killOnExit = new Thread(process::destroyForcibly, "apicurio-" + process.pid() + "-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts Apicurio, waits until its Confluent API answers, and sets the global compatibility to {@code global}.
     * Tries up to three free ports: another process may take the one picked before Apicurio binds it.
     */
    public static ApicurioRegistry start(CompatibilityLevel global) {
        for (int attempt = 1; ; attempt++) {
            ApicurioRegistry registry = launch(jar(), FreePort.find());
            try {
                registry.awaitReady();
                registry.setGlobalCompatibility(global);
                return registry;
            } catch (RuntimeException | Error e) {
                registry.close();
                if (registry.exitedEarly && attempt < 3) {
                    continue;
                }
                throw e;
            }
        }
    }

    private static ApicurioRegistry launch(Path jar, int port) {
        Path log;
        Process process;
        try {
            Path logDir = Files.createDirectories(Path.of("target", "apicurio-logs"));
            log = logDir.resolve("apicurio-" + port + ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // System properties must come before -jar, or they become program arguments.
            process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                    "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Apicurio from " + jar, e);
        }
        return new ApicurioRegistry(process, log, port);
    }

    /** Base URL of the Confluent-compatible API, e.g. http://127.0.0.1:PORT/apis/ccompat/v7. */
    public String url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Back to an empty registry: every subject deleted permanently (with its rules and content), global level set. */
    public void reset(CompatibilityLevel global) {
        for (JsonNode subject : send("GET", "/subjects", null).json()) {
            String path = "/subjects/" + URLEncoder.encode(subject.asText(), StandardCharsets.UTF_8);
            expectOk(send("DELETE", path, null), "DELETE " + path);
            expectOk(send("DELETE", path + "?permanent=true", null), "DELETE " + path + "?permanent=true");
        }
        setGlobalCompatibility(global);
        if (send("GET", "/subjects", null).json().size() != 0) {
            throw new IllegalStateException("Apicurio still has subjects after reset");
        }
    }

    /** Sets the global level over the Confluent API; Apicurio's own default is NONE. */
    public void setGlobalCompatibility(CompatibilityLevel level) {
        Response put = send("PUT", "/config", "{\"compatibility\":\"" + level.name() + "\"}");
        // NONE deletes Apicurio's global rule; with no rule to delete that is a 404, and NONE already holds.
        if (!(level == CompatibilityLevel.NONE && put.status() == 404)) {
            expectOk(put, "PUT /config");
        }
        String now = send("GET", "/config", null).json().path("compatibilityLevel").asText();
        if (!level.name().equals(now)) {
            throw new IllegalStateException("Apicurio global compatibility is " + now + " after setting " + level);
        }
    }

    /** One raw request to the Confluent API, for tests that look at status codes and bodies themselves. */
    public Response send(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.schemaregistry.v1+json");
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    /** Stops the process this object started (SIGTERM, then SIGKILL after 10 s); nothing else. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway; the process is already gone
        }
    }

    private void awaitReady() {
        await("Apicurio at " + url).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        exitedEarly = true;
                        throw new IllegalStateException("Apicurio exited with " + process.exitValue()
                                + " before it was ready; its log " + log + " ends with:\n" + logTail());
                    }
                    try {
                        // Ask who answers: on a shared machine another server may hold the port we picked.
                        Response info = get(root + "/apis/registry/v2/system/info");
                        return info.status() == 200 && info.body().contains("\"apicurio-registry\"")
                                && process.isAlive() && send("GET", "/subjects", null).status() == 200;
                    } catch (UncheckedIOException notYetListening) {
                        return false;
                    }
                });
    }

    private Response get(String absoluteUrl) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(absoluteUrl))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(absoluteUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void expectOk(Response r, String what) {
        if (r.status() != 200) {
            throw new IllegalStateException("Apicurio answered " + what + " with " + r.status() + ": " + r.body());
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null) {
            Path jar = Path.of(configured);
            if (Files.isRegularFile(jar)) {
                return jar.toAbsolutePath();
            }
            throw new IllegalStateException(JAR_PROPERTY + "=" + configured + " is not a file");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(JAR_IN_REPO);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("No Apicurio Registry build found (" + JAR_IN_REPO + " above "
                + Path.of("").toAbsolutePath() + "). Build it first: mvn -B package -f deploy/registry/pom.xml "
                + "(mvn -B verify at the root builds it before streams-app).");
    }
}
