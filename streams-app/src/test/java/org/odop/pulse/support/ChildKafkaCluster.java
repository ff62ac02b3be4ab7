package org.odop.pulse.support;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of {@code size} KRaft nodes, each a combined broker + controller voter running the
 * Apache Kafka jars ({@code kafka.Kafka}) in its own JVM on 127.0.0.1, so a node can be killed for real
 * (SIGKILL: no controlled shutdown, no flush, no clean-shutdown marker) and started again on its data dir.
 *
 * <p>Every topic gets replication factor {@code size} and {@code min.insync.replicas = size - 1} by default,
 * the internal topics (offsets, transactions, share state) too.
 */
public final class ChildKafkaCluster implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");

    /** One node: its ports and directory stay the same across restarts. */
    public static final class KafkaNode {
        final int id;
        final int port;
        final int controllerPort;
        final Path dir;
        ChildJvm jvm;
        double cpuOfEndedJvms;

        KafkaNode(int id, int port, int controllerPort, Path dir) {
            this.id = id;
            this.port = port;
            this.controllerPort = controllerPort;
            this.dir = dir;
        }

        Path config() {
            return dir.resolve("server.properties");
        }

        Path log() {
            return dir.resolve("server.log");
        }
    }

    private final Map<Integer, KafkaNode> nodes = new LinkedHashMap<>();
    private Admin admin;

    private ChildKafkaCluster() {}

    /** Formats and starts {@code size} nodes under {@code dir}; returns once all of them serve as brokers. */
    public static ChildKafkaCluster start(Path dir, int size) {
        ChildKafkaCluster cluster = new ChildKafkaCluster();
        try {
            int[] ports = freePorts(2 * size);
            for (int i = 0; i < size; i++) {
                int id = i + 1;
                cluster.nodes.put(id, new KafkaNode(id, ports[2 * i], ports[2 * i + 1], dir.resolve("node-" + id)));
            }
            String voters = cluster.nodes.values().stream().map(n -> n.id + "@" + HOST + ":" + n.controllerPort)
                    .collect(Collectors.joining(","));
            String clusterId = Uuid.randomUuid().toString();
            for (KafkaNode n : cluster.nodes.values()) {
                Files.createDirectories(n.dir);
                Properties props = properties(n, voters, size);
                try (OutputStream out = Files.newOutputStream(n.config())) {
                    props.store(out, "node " + n.id + " of a " + size + "-node test cluster");
                }
                format(n, clusterId);
            }
            for (KafkaNode n : cluster.nodes.values()) cluster.launch(n);
            cluster.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
            cluster.awaitBrokers(cluster.nodes.keySet(), Duration.ofSeconds(120));
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static Properties properties(KafkaNode n, String voters, int size) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(n.id));
        p.put("controller.quorum.voters", voters);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + n.port + ",CONTROLLER://" + HOST + ":" + n.controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + n.port);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", n.dir.resolve("data").toString());
        String rf = String.valueOf(size);
        String minIsr = String.valueOf(Math.max(1, size - 1));
        p.put("default.replication.factor", rf);
        p.put("min.insync.replicas", minIsr);
        p.put("offsets.topic.replication.factor", rf);
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", rf);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", rf);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("unclean.leader.election.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.streams.initial.rebalance.delay.ms", "0");
        // A dead node is fenced (and dropped from every ISR) after this long without heartbeats.
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "4000");
        p.put("replica.lag.time.max.ms", "10000");
        // Small footprint: three of these share two cores with the application and the test.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.replica.fetchers", "1");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("background.threads", "2");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private static void format(KafkaNode n, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "--config", n.config().toString(), "--cluster-id", clusterId}, ps);
        } catch (Exception e) {
            throw new IllegalStateException("formatting node " + n.id + " failed: " + output.toString(StandardCharsets.UTF_8), e);
        }
        if (rc != 0) throw new IllegalStateException("formatting node " + n.id + " failed (rc " + rc + "): "
                + output.toString(StandardCharsets.UTF_8));
    }

    private void launch(KafkaNode n) {
        n.jvm = ChildJvm.start(JVM_OPTIONS, "kafka.Kafka", List.of(n.config().toString()), n.log());
    }

    public String bootstrapServers() {
        return nodes.values().stream().map(n -> HOST + ":" + n.port).collect(Collectors.joining(","));
    }

    public Admin admin() {
        return admin;
    }

    public Set<Integer> nodeIds() {
        return nodes.keySet();
    }

    /** SIGKILL to the node's JVM: broker and controller die at once, mid-write. */
    public void kill(int id) {
        KafkaNode n = nodes.get(id);
        n.jvm.kill();
        n.cpuOfEndedJvms += n.jvm.cpuSeconds();
    }

    /** Starts a killed node again on the same ports and data directory (it recovers its logs). */
    public void restart(int id) {
        KafkaNode n = nodes.get(id);
        if (n.jvm != null && n.jvm.isAlive()) throw new IllegalStateException("node " + id + " is running");
        launch(n);
    }

    public boolean isAlive(int id) {
        return nodes.get(id).jvm.isAlive();
    }

    /** The unfenced brokers the cluster reports. */
    public Set<Integer> liveBrokers() {
        try {
            return admin.describeCluster().nodes().get().stream().map(Node::id).collect(Collectors.toCollection(TreeSet::new));
        } catch (Exception e) {
            return Set.of();
        }
    }

    /** Waits until exactly these brokers are registered and unfenced. */
    public void awaitBrokers(Set<Integer> ids, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .failFast("a Kafka node died", () -> ids.stream().anyMatch(id -> !nodes.get(id).jvm.isAlive()))
                .until(() -> liveBrokers().equals(new TreeSet<>(ids)));
    }

    /** Every partition of every topic (internal ones too). */
    public Map<String, TopicDescription> describeAllTopics() throws Exception {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        return admin.describeTopics(names).allTopicNames().get();
    }

    /** Waits until every replica of every partition is back in its ISR. */
    public void awaitFullIsr(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                describeAllTopics().values().stream().flatMap(d -> d.partitions().stream())
                        .allMatch((TopicPartitionInfo p) -> p.isr().size() == p.replicas().size()));
    }

    /** CPU seconds all nodes' JVMs have used so far, killed ones included. */
    public double cpuSeconds() {
        return nodes.values().stream().mapToDouble(n -> n.cpuOfEndedJvms + (n.jvm == null ? 0 : n.jvm.cpuSeconds())).sum();
    }

    /** The last lines of every node's log, for failure messages. */
    public String tails(int lines) {
        StringBuilder all = new StringBuilder();
        nodes.values().forEach(n -> all.append("--- node ").append(n.id).append(" (").append(n.log()).append(")\n")
                .append(n.jvm == null ? "(never started)" : n.jvm.tail(lines)).append('\n'));
        return all.toString();
    }

    @Override
    public void close() {
        if (admin != null) admin.close(Duration.ofSeconds(2));
        List<RuntimeException> failures = new ArrayList<>();
        for (KafkaNode n : nodes.values()) {
            try {
                if (n.jvm != null) n.jvm.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) throw failures.get(0);
    }

    /** Binds all requested loopback ports at once (so they differ), then releases them for the nodes. */
    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) s.close();
            }
        }
    }
}
