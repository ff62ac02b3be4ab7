package org.odop.pulse.it;

import org.odop.pulse.support.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.config.Topics;
import org.odop.pulse.demo.DemoDataGenerator;
import org.odop.pulse.demo.DemoOptions;
import org.odop.pulse.demo.GeneratedLine;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.registry.SchemaRegistryServer;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.support.ChildKafkaCluster;
import org.odop.pulse.support.ExpectedViews;
import org.odop.pulse.support.Http;
import org.odop.pulse.support.IngestFeed;
import org.odop.pulse.support.Phases;

/**
 * The application on a real 3-node KRaft cluster (each node a broker and controller voter in its own JVM),
 * every topic with replication factor 3 and min.insync.replicas 2. A third of the way through a stream of
 * generated events, the node coordinating the application's consumer group is killed with SIGKILL; two
 * thirds of the way it is started again on its data directory. Ingest must keep answering 200/422 (never
 * 503: two in-sync replicas are enough to store), and every district and state view of every period must
 * equal a recomputation from the lines ingest accepted.
 */
class ClusterFaultIntegrationTest {
    private static final int EVENTS = 20_000;
    private static final int BODY_LINES = 1_000;

    @TempDir
    Path dir;

    @Test
    @DisplayName("a broker killed (SIGKILL) mid-stream and restarted: ingest keeps answering, views equal a recomputation")
    void brokerKilledMidStream() throws Exception {
        Phases phases = new Phases();
        List<GeneratedLine> lines = new DemoDataGenerator(
                DemoOptions.backfill(7_2024L, Instant.parse("2025-03-31T00:00:00Z"), EVENTS)).stream().toList();
        List<IngestFeed.Body> bodies = IngestFeed.bodies(lines, BODY_LINES);
        phases.end("generate");

        // Three partitions per event topic (one led by each node at first): half the tasks, changelog partitions
        // and transaction markers of the default six, for the same faults, on two shared cores.
        try (ChildKafkaCluster cluster = ChildKafkaCluster.start(dir.resolve("kafka"), 3);
             SchemaRegistryServer registry = new SchemaRegistryServer(new InMemorySchemaRegistry(), "127.0.0.1", 0).start();
             PulseApplication app = PulseApplication.start(PulseConfig.embeddedDefaults(dir.resolve("app"))
                     .withPorts(0, 0, 0).withCluster(cluster.bootstrapServers(), registry.url())
                     .toBuilder().eventPartitions(3).build())) {
            try {
                run(cluster, app, lines, bodies, phases);
            } catch (Throwable t) {
                System.err.println("Kafka node logs, last lines:\n" + cluster.tails(40));
                throw t;
            }
        }
    }

    private void run(ChildKafkaCluster cluster, PulseApplication app, List<GeneratedLine> lines,
                     List<IngestFeed.Body> bodies, Phases phases) throws Exception {
        int killAt = bodies.size() / 3;
        int restartAt = 2 * bodies.size() / 3;
        // Cluster mode generates no admin key; the keys file is read again within seconds of a change.
        Http http = new Http(app.httpPort(), TestKeys.addAdmin(PulseConfig.embeddedDefaults(dir.resolve("app"))));
        await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/states").status() != 401);
        phases.end("start");

        ExpectedViews expected = new ExpectedViews();
        IngestFeed feed = new IngestFeed(expected, () -> http,
                () -> await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200));

        // The client sends every body in order on its own thread; this thread injects the fault meanwhile, so
        // the kill lands while a body is being stored and the Streams application is inside a transaction.
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<?> sending = client.submit(() -> bodies.forEach(feed::send));
        int victim;
        boolean victimWasController;
        long killedAfter;
        long restartedAfter;
        long killedAt;
        long restartedAt;
        try {
            feed.awaitAnswered(killAt, sending, Duration.ofSeconds(120));
            // The node coordinating the application's group: its death moves the group coordinator, the
            // leadership of its partitions and possibly the transaction coordinators and the quorum leader.
            victim = cluster.admin().describeConsumerGroups(List.of(PulseConfig.DEFAULT_APPLICATION_ID)).all().get()
                    .get(PulseConfig.DEFAULT_APPLICATION_ID).coordinator().id();
            victimWasController = cluster.admin().describeMetadataQuorum().quorumInfo().get().leaderId() == victim;
            killedAfter = feed.bodies.get();
            cluster.kill(victim);
            killedAt = System.nanoTime();
            Set<Integer> others = new TreeSet<>(cluster.nodeIds());
            others.remove(victim);

            feed.awaitAnswered(restartAt, sending, Duration.ofSeconds(180));
            // The cluster has noticed: the dead node is fenced (and out of every ISR) before it comes back.
            cluster.awaitBrokers(others, Duration.ofSeconds(30));
            assertThat(cluster.isAlive(victim)).isFalse();
            restartedAfter = feed.bodies.get();
            cluster.restart(victim);
            restartedAt = System.nanoTime();
            // A client that lost the answer to the body it sent as the node died sends it again.
            assertThat(feed.sendAgain(bodies.get((int) killedAfter)).attempts()).isEqualTo(1);
            sending.get(180, TimeUnit.SECONDS);
        } finally {
            client.shutdownNow();
        }
        long bodiesWhileDown = restartedAfter - killedAfter;
        double secondsDown = (restartedAt - killedAt) / 1e9;
        phases.end("ingest");

        // Views: wait for the all-time figures to settle, then compare every view of every period.
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> expected.assertAllTime(http));
        phases.end("settle");
        int[] compared = new int[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> compared[0] = expected.assertEveryView(http));
        phases.end("compare");
        // The restarted node rejoined and caught up: every replica of every partition is in sync again.
        cluster.awaitBrokers(cluster.nodeIds(), Duration.ofSeconds(60));
        cluster.awaitFullIsr(Duration.ofSeconds(60));
        phases.end("healed");

        // Ingest never said "not stored" while two replicas were in sync, and never lost a connection.
        assertThat(feed.answered503.get()).as("503 answers with one broker down").isZero();
        assertThat(feed.lostConnections.get()).as("requests without an answer").isZero();
        assertThat(feed.retries.get()).as("bodies that needed a second attempt").isZero();
        assertThat(bodiesWhileDown).isGreaterThan(0);
        assertThat(feed.bodies.get()).isEqualTo(bodies.size());
        assertThat(feed.lines.get()).isEqualTo(lines.size());
        assertThat(feed.rejected.get()).isGreaterThan(0);   // the generator's invalid lines
        assertThat(expected.countedEvents()).isGreaterThan(EVENTS / 2);
        assertThat(compared[0]).isGreaterThan(500);

        // Every topic, the application's internal ones and Kafka's own included, is replicated three times;
        // all but Kafka's own inherit min.insync.replicas 2.
        Map<String, TopicDescription> topics = cluster.describeAllTopics();
        assertThat(topics.keySet()).contains(Topics.LOIS.name(), Topics.DEAD_LETTER, "__consumer_offsets", "__transaction_state")
                .anyMatch(t -> t.endsWith("-changelog"));
        topics.forEach((name, d) -> d.partitions().forEach(p ->
                assertThat(p.replicas()).as(name + "-" + p.partition()).hasSize(3)));
        Set<ConfigResource> resources = new HashSet<>();
        topics.keySet().stream().filter(t -> !t.startsWith("__"))
                .forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
        Map<ConfigResource, Config> configs = cluster.admin().describeConfigs(resources).all().get();
        configs.forEach((r, c) -> assertThat(c.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value())
                .as(r.name()).isEqualTo("2"));

        System.out.printf("FAULTS cluster brokers=3 rf=3 minIsr=2 events=%d bodies=%d accepted=%d rejected=%d"
                        + " counted=%d faults=1 killedNode=%d%s killedAfterBodies=%d bodiesWhileDown=%d downSeconds=%.1f answered503=%d"
                        + " retries=%d sentAgain=%d comparisons=%d topics=%d %s cpuTest=%.0f cpuBrokers=%.0f seconds=%.1f%n",
                feed.lines.get(), feed.bodies.get(), feed.accepted.get(), feed.rejected.get(), expected.countedEvents(),
                victim, victimWasController ? "(quorum leader)" : "", killedAfter, bodiesWhileDown, secondsDown,
                feed.answered503.get(), feed.retries.get(), feed.sentAgain.get(), compared[0], topics.size(), phases,
                phases.cpuSeconds(), cluster.cpuSeconds(), phases.total());
    }
}
