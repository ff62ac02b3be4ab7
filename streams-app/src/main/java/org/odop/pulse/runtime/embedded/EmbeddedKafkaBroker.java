package org.odop.pulse.runtime.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft combined mode (broker + controller in one process),
 * running inside this JVM and bound to 127.0.0.1 only.
 *
 * <p>Data lives under {@code dataDir/kafka-logs}; the directory is formatted (cluster id written to
 * {@code meta.properties}) only on first use, so a later {@link #start} on the same directory resumes with
 * all topics, records, committed offsets and transaction state.
 *
 * <p>Supports idempotent/transactional producers and Kafka Streams {@code exactly_once_v2}: every internal
 * topic (offsets, transactions, share state) is configured with replication factor 1 / min ISR 1.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** Bound for format + startup + first successful describeCluster. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String LOG_DIR_NAME = "kafka-logs";
    private static final String META_PROPERTIES = "meta.properties";
    private static final String LOCK_FILE = "embedded-kafka.lock";
    private static final int MAX_PORT_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final FileLock dirLock;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Object closeLock = new Object();
    private volatile boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, FileLock dirLock, Path dataDir, int port, int controllerPort) {
        this.server = server;
        this.dirLock = dirLock;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker that keeps its data under {@code dataDir} and listens on {@code 127.0.0.1:port}.
     *
     * @param dataDir directory for the log dirs; created if missing, reused (not reformatted) if already formatted
     * @param port    client port, or 0 to pick free loopback ports (for tests)
     * @return a broker that already answers Admin requests
     * @throws EmbeddedKafkaException if the broker does not come up within {@link #STARTUP_TIMEOUT}
     */
    /**
     * An override naming a further client listener, {@code PROTOCOL://127.0.0.1:PORT} (e.g. SASL_SSL), beside the
     * PLAINTEXT one that stays for this class, the controller and inter-broker traffic; its settings
     * ({@code listener.name.sasl_ssl.*}, {@code sasl.enabled.mechanisms}, ...) go in the same overrides.
     */
    public static final String EXTRA_LISTENER = "odop.embedded.extra.listener";

    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /**
     * Like {@link #start(Path, int)}, with extra/overriding broker properties (e.g. {@code log.retention.hours}).
     * Listener, node id, role and log dir settings are owned by this class and cannot be overridden.
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, Map<String, String> overrides) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        Path absDir = dataDir.toAbsolutePath().normalize();
        Path logDir = absDir.resolve(LOG_DIR_NAME);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Cannot create Kafka log directory " + logDir, e);
        }

        if (port != 0) {
            // Why: fail fast with one clear line instead of a half-started broker logging three ERROR stack
            // traces (and, on a fresh dir, formatting it first). The broker's own bind error stays a fallback.
            ensurePortFree(port);
        }
        // Why our own lock: Kafka locks the log dir only late in startup (LogManager), after the KRaft
        // controller has already opened and recovered (i.e. possibly truncated) the metadata log. A second
        // process on the same dir would damage the running one before failing, so refuse up front.
        FileLock lock = lockDataDir(absDir);
        try {
            return startWithPortRetries(absDir, logDir, port, overrides, lock);
        } catch (RuntimeException | Error e) {
            release(lock);
            throw e;
        }
    }

    private static EmbeddedKafkaBroker startWithPortRetries(Path absDir, Path logDir, int port,
                                                            Map<String, String> overrides, FileLock lock) {
        // Why retry: free ports (both with port 0, and the controller port always) are picked by briefly
        // binding and releasing them, which can race with another process grabbing one before Kafka binds it.
        int attempts = MAX_PORT_ATTEMPTS;
        EmbeddedKafkaException failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            int[] free = freePorts(port == 0 ? 2 : 1);
            int brokerPort = port == 0 ? free[0] : port;
            int ctrlPort = port == 0 ? free[1] : free[0];
            try {
                return startOnce(absDir, logDir, brokerPort, ctrlPort, overrides, lock);
            } catch (EmbeddedKafkaException e) {
                failure = e;
                if (!isBindFailure(e) || attempt == attempts) {
                    break;
                }
                LOG.warn("Embedded Kafka could not bind ports {}/{}, retrying with other ports", brokerPort, ctrlPort);
            }
        }
        throw failure;
    }

    private static EmbeddedKafkaBroker startOnce(Path dataDir, Path logDir, int port, int controllerPort,
                                                 Map<String, String> overrides, FileLock lock) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Properties props = brokerProperties(logDir, port, controllerPort, overrides);

        formatIfNeeded(logDir, props);

        // doLog=false: the full config dump is ~300 INFO lines and says nothing we did not set here.
        KafkaConfig config = new KafkaConfig(props, false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, lock, dataDir, port, controllerPort);
        try {
            // Blocks until the controller elected itself, the broker caught up with the metadata log and was
            // unfenced; bounded by server.max.startup.time.ms.
            server.startup();
            broker.awaitServing(deadline);
        } catch (Throwable t) {
            // Why: a half-started server keeps non-daemon threads, sockets and the log dir lock.
            broker.shutdownQuietly();
            if (t instanceof EmbeddedKafkaException eke) {
                throw eke;
            }
            throw new EmbeddedKafkaException("Embedded Kafka failed to start on " + HOST + ":" + port
                    + " (controller " + controllerPort + ", data " + logDir + "): " + t, t);
        }
        LOG.info("Embedded Kafka (KRaft, node {}) serving on {} with data in {}", NODE_ID, broker.bootstrapServers(), logDir);
        return broker;
    }

    static Properties brokerProperties(Path logDir, int port, int controllerPort, Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        // Tunables first, so that overrides may replace them.
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "false");
        // Internal topics must fit on one node, otherwise group coordination / transactions never work.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");                 // default 50: slow to create, useless here
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");        // default 50
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // No artificial wait before the first rebalance: apps and tests start consuming immediately.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.streams.initial.rebalance.delay.ms", "0");
        // Small footprint on a 2-core laptop; the default cleaner buffer alone is 128 MiB of heap.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("background.threads", "4");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        // Faster unfencing after startup/restart (default 2000 ms heartbeat). After a crash (kill -9) the old
        // registration must expire before the node may register again: that takes broker.session.timeout.ms
        // (default 9 s), so keep it short; nothing but this JVM heartbeats to this controller.
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "4000");
        // Bounds the otherwise unbounded waits inside KafkaRaftServer.startup().
        p.put("server.max.startup.time.ms", String.valueOf(STARTUP_TIMEOUT.toMillis()));
        p.putAll(overrides);

        // Identity / networking: owned by this class.
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // Static voter set (kraft.version 0): the controller endpoint is read from config on every start,
        // not baked into the metadata log, so the controller port may differ between restarts.
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        String extra = p.remove(EXTRA_LISTENER);
        if (extra != null) {
            if (!extra.matches("[A-Z_]+://" + java.util.regex.Pattern.quote(HOST) + ":[0-9]+")) {
                throw new IllegalArgumentException(EXTRA_LISTENER + " must be PROTOCOL://" + HOST + ":PORT, got " + extra);
            }
            String name = extra.substring(0, extra.indexOf("://"));
            p.put("listeners", p.get("listeners") + "," + extra);
            p.put("advertised.listeners", p.get("advertised.listeners") + "," + extra);
            p.put("listener.security.protocol.map", p.get("listener.security.protocol.map") + "," + name + ":" + name);
        }

        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    /**
     * Formats the log dir once. Why the guard: the Formatter refuses already formatted dirs and a new random
     * cluster id would not match the stored one; skipping it is what makes restarts resume the old data.
     * Why StorageTool and not {@code org.apache.kafka.metadata.storage.Formatter}: kafka-metadata is only a
     * runtime dependency of kafka_2.13, StorageTool.execute is on the compile classpath and never calls exit.
     */
    private static void formatIfNeeded(Path logDir, Properties props) {
        if (Files.exists(logDir.resolve(META_PROPERTIES))) {
            LOG.debug("Kafka log dir {} already formatted, reusing it", logDir);
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        Path configFile = null;
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            configFile = Files.createTempFile(logDir.getParent(), "kafka-format-", ".properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "embedded Kafka, used once for storage formatting");
            }
            int rc;
            try (PrintStream ps = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                rc = StorageTool.execute(new String[] {"format", "--config", configFile.toString(), "--cluster-id", clusterId}, ps);
            }
            if (rc != 0) {
                throw new EmbeddedKafkaException("Formatting " + logDir + " failed (rc " + rc + "): " + output.toString(StandardCharsets.UTF_8));
            }
            LOG.info("Formatted Kafka log dir {} with cluster id {}", logDir, clusterId);
            LOG.debug("Format output: {}", output.toString(StandardCharsets.UTF_8).strip());
        } catch (EmbeddedKafkaException e) {
            throw e;
        } catch (Exception e) {
            throw new EmbeddedKafkaException("Formatting " + logDir + " failed: " + e + " " + output.toString(StandardCharsets.UTF_8), e);
        } finally {
            if (configFile != null) {
                try {
                    Files.deleteIfExists(configFile);
                } catch (IOException ignored) {
                    // leftover temp file is harmless
                }
            }
        }
    }

    /**
     * Why: startup() returning means the server thinks it is up; a round trip through the client listener
     * proves that the advertised address is reachable and that the broker serves metadata.
     */
    private void awaitServing(long deadlineNanos) {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness");
        int timeoutMs = remainingMs(deadlineNanos);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 10_000));
        try (Admin admin = Admin.create(adminProps)) {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            if (nodes.isEmpty()) {
                throw new EmbeddedKafkaException("Embedded Kafka on " + bootstrapServers() + " reports no live brokers");
            }
        } catch (TimeoutException e) {
            throw new EmbeddedKafkaException("Embedded Kafka on " + bootstrapServers() + " did not answer within " + STARTUP_TIMEOUT, e);
        } catch (ExecutionException e) {
            throw new EmbeddedKafkaException("Embedded Kafka on " + bootstrapServers() + " is not serving: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while waiting for embedded Kafka on " + bootstrapServers(), e);
        }
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The client (PLAINTEXT) port actually in use. */
    public int port() {
        return port;
    }

    /** The KRaft controller port (loopback only, not for clients). */
    public int controllerPort() {
        return controllerPort;
    }

    /** The data directory given to {@link #start}. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Controlled shutdown: flushes logs, writes the clean-shutdown marker (so the next start skips log
     * recovery) and releases ports and the directory lock. Idempotent and thread-safe; callable from a JVM
     * shutdown hook. Concurrent callers wait for the first one to finish.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            LOG.info("Stopping embedded Kafka on {}", bootstrapServers());
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                throw new EmbeddedKafkaException("Embedded Kafka did not shut down cleanly", e);
            } finally {
                release(dirLock);
            }
        }
    }

    /** Stops a server whose startup failed; the caller still owns (and releases) the directory lock. */
    private void shutdownQuietly() {
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Ignoring error while stopping a failed embedded Kafka", e);
        }
    }

    private static FileLock lockDataDir(Path dataDir) {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new EmbeddedKafkaException("Data directory " + dataDir + " is in use by another process"
                        + " (embedded Kafka already running?); lock " + lockFile);
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new EmbeddedKafkaException("Data directory " + dataDir + " is already used by an embedded Kafka in this JVM", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EmbeddedKafkaException("Cannot lock data directory " + dataDir + " via " + lockFile, e);
        }
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("Could not release {}", LOCK_FILE, e);
        } finally {
            closeQuietly(lock.channel());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", data=" + dataDir + (closed ? ", closed" : "") + "]";
    }

    /** Binds all requested ports at once (so they differ), then releases them for the broker. */
    private static int[] freePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            InetAddress loopback = InetAddress.getByName(HOST);
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, loopback);
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // nothing to do
                    }
                }
            }
        }
    }

    private static void ensurePortFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // like Kafka's acceptor, so a TIME_WAIT leftover does not count as busy
            probe.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("Port " + HOST + ":" + port + " is already in use (another Kafka running?)", e);
        }
    }

    private static boolean isBindFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BindException) {
                return true;
            }
            String msg = c.getMessage();
            if (msg != null && (msg.contains("Address already in use") || msg.contains("failed to bind"))) {
                return true;
            }
        }
        return false;
    }

    private static int remainingMs(long deadlineNanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        return (int) Math.max(1_000, Math.min(Integer.MAX_VALUE, ms));
    }
}
