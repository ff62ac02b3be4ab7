package org.odop.pulse.it;

import org.odop.pulse.support.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.demo.DemoDataGenerator;
import org.odop.pulse.demo.DemoOptions;
import org.odop.pulse.demo.GeneratedLine;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.registry.SchemaRegistryServer;
import org.odop.pulse.runtime.FreePort;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.runtime.embedded.EmbeddedKafkaBroker;
import org.odop.pulse.support.ChildJvm;
import org.odop.pulse.support.ExpectedViews;
import org.odop.pulse.support.Http;
import org.odop.pulse.support.IngestFeed;
import org.odop.pulse.support.Phases;

/**
 * The application as its own JVM ({@code odop-pulse run --bootstrap-servers ... --schema-registry-url ...}),
 * fed over HTTP by a client thread while the test kills it with SIGKILL mid-stream and starts it again:
 * once on its state directory, once with that directory wiped (the stores come back from their changelogs).
 * The client sends a body again when its connection was lost (lines stored just before the kill arrive
 * twice), and after each restart it sends the last body answered before the kill once more, as a client
 * whose answer got lost would: all must be counted once. After each restart every view equals a
 * recomputation.
 */
class ApplicationKillIntegrationTest {
    private static final int EVENTS = 15_000;
    private static final int BODY_LINES = 500;
    private static final List<String> JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    @TempDir
    Path dir;

    private volatile ChildJvm child;
    /** True from a kill until the next start: the client's wait for readiness must not give up meanwhile. */
    private volatile boolean killing;
    private double appCpu;
    private IngestFeed.Body lastBeforeKill;
    private String bootstrap;
    private String registryUrl;
    private int httpPort;
    private Http http;

    @Test
    @DisplayName("SIGKILL mid-stream, restart; SIGKILL again, state directory wiped, restart: views equal a recomputation each time")
    void killedAndRestarted() throws Exception {
        Phases phases = new Phases();
        List<GeneratedLine> lines = new DemoDataGenerator(
                DemoOptions.backfill(9_2024L, Instant.parse("2025-03-31T00:00:00Z"), EVENTS)).stream().toList();
        List<IngestFeed.Body> bodies = IngestFeed.bodies(lines, BODY_LINES);
        int half = bodies.size() / 2;
        Path stateDir = dir.resolve("app-state");
        phases.end("generate");

        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
             SchemaRegistryServer registry = new SchemaRegistryServer(new InMemorySchemaRegistry(), "127.0.0.1", 0).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            bootstrap = broker.bootstrapServers();
            registryUrl = registry.url();
            httpPort = FreePort.find();
            // In cluster mode no admin key is generated: the test adds one to the keys file the child reads, kept
            // outside the state directory, which run 3 starts without.
            http = new Http(httpPort, TestKeys.addAdmin(PulseConfig.embeddedDefaults(stateDir).toBuilder()
                    .security(PulseConfig.Security.DEFAULT.withFiles(keysFile(), null)).build()));
            ExpectedViews expected = new ExpectedViews();
            IngestFeed feed = new IngestFeed(expected, () -> http, this::awaitReady);

            startApp(stateDir);
            awaitReady();
            phases.end("start");

            // Run 1, killed halfway through the first half; run 2 (same state directory) receives the rest of it.
            Future<?> first = sender.submit(() -> bodies.subList(0, half).forEach(feed::send));
            long killedAfter1 = killMidStream(feed, half / 2, first);
            phases.end("ingest");
            forgetDeadMember(admin);
            restartApp(stateDir);
            awaitReady();
            phases.end("restart");
            feed.sendAgain(lastBeforeKill);   // the answer "got lost": the same lines once more
            first.get(180, TimeUnit.SECONDS);
            phases.end("ingest");
            int compared1 = awaitViews(expected, phases);
            long counted1 = expected.countedEvents();

            // Run 2, killed halfway through the second half; run 3 starts with no state directory at all.
            Future<?> second = sender.submit(() -> bodies.subList(half, bodies.size()).forEach(feed::send));
            long killedAfter2 = killMidStream(feed, half + (bodies.size() - half) / 2, second);
            phases.end("ingest");
            deleteRecursively(stateDir);
            assertThat(stateDir).doesNotExist();
            forgetDeadMember(admin);
            restartApp(stateDir);
            awaitReady();
            phases.end("restartWiped");
            feed.sendAgain(lastBeforeKill);
            second.get(180, TimeUnit.SECONDS);
            phases.end("ingest");
            int compared2 = awaitViews(expected, phases);

            assertThat(feed.bodies.get()).isEqualTo(bodies.size());
            assertThat(feed.lines.get()).isEqualTo(lines.size());
            assertThat(feed.lostConnections.get()).as("requests cut off by the two kills").isGreaterThanOrEqualTo(2);
            assertThat(killedAfter1).isLessThan(half);
            assertThat(killedAfter2).isLessThan(bodies.size());
            assertThat(counted1).isGreaterThan(0).isLessThan(expected.countedEvents());
            assertThat(compared1 + compared2).isGreaterThan(500);

            System.out.printf("FAULTS sigkill events=%d bodies=%d accepted=%d rejected=%d counted=%d faults=2"
                            + " (SIGKILL after %d and %d bodies; second restart with the state directory wiped)"
                            + " retriedBodies=%d sentAgain=%d lostConnections=%d comparisons=%d %s cpuTest=%.0f cpuApp=%.0f seconds=%.1f%n",
                    feed.lines.get(), feed.bodies.get(), feed.accepted.get(), feed.rejected.get(), expected.countedEvents(),
                    killedAfter1, killedAfter2, feed.retries.get(), feed.sentAgain.get(), feed.lostConnections.get(), compared1 + compared2,
                    phases, phases.cpuSeconds(), appCpu + child.cpuSeconds(), phases.total());
        } catch (Throwable t) {
            if (child != null) System.err.println("Application log, last lines:\n" + child.tail(60));
            throw t;
        } finally {
            sender.shutdownNow();
            if (child != null) child.close();
        }
    }

    private void startApp(Path stateDir) {
        child = ChildJvm.start(JVM_OPTIONS, "org.odop.pulse.cli.OdopPulse", List.of("run",
                "--bootstrap-servers", bootstrap, "--schema-registry-url", registryUrl,
                "--state-dir", stateDir.toString(), "--http-port", String.valueOf(httpPort),
                "--keys-file", keysFile().toString()), dir.resolve("app.log"));
    }

    private Path keysFile() {
        return dir.resolve("api-keys.json");
    }

    private void restartApp(Path stateDir) {
        startApp(stateDir);
        killing = false;
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .failFast("the application JVM exited", () -> child != null && !child.isAlive() && !killing)
                .until(() -> http.get("/health/ready").status() == 200);
    }

    /** Kills the application once the client has had {@code afterBodies} bodies answered, while it keeps sending. */
    private long killMidStream(IngestFeed feed, int afterBodies, Future<?> sending) {
        feed.awaitAnswered(afterBodies, sending, Duration.ofSeconds(180));
        killing = true;
        long answered = feed.bodies.get();
        lastBeforeKill = feed.lastAnswered();
        child.kill();
        appCpu += child.cpuSeconds();
        assertThat(sending.isDone()).as("the client was still sending when the application died").isFalse();
        return answered;
    }

    /**
     * A dead member stays in the consumer group until its session times out (45 s); an orchestrator that
     * replaces a dead instance removes it, as here, so the new one gets its partitions at once.
     */
    private void forgetDeadMember(Admin admin) throws Exception {
        var group = admin.describeConsumerGroups(List.of(PulseConfig.DEFAULT_APPLICATION_ID)).all().get()
                .get(PulseConfig.DEFAULT_APPLICATION_ID);
        if (!group.members().isEmpty()) {
            admin.removeMembersFromConsumerGroup(PulseConfig.DEFAULT_APPLICATION_ID,
                    new RemoveMembersFromConsumerGroupOptions()).all().get();
        }
    }

    private int awaitViews(ExpectedViews expected, Phases phases) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .failFast("the application JVM exited", () -> !child.isAlive())
                .untilAsserted(() -> expected.assertAllTime(http));
        phases.end("settle");
        int[] compared = new int[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> compared[0] = expected.assertEveryView(http));
        phases.end("compare");
        return compared[0];
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
