package org.odop.pulse.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.security.KeyFile;
import org.odop.pulse.security.Role;

/**
 * The pipeline under test: a whole odop-pulse instance (all topologies, stores, exactly_once_v2, standby
 * settings, HTTP API: everything as shipped) under a fresh application id, so it starts from the beginning
 * of the event topics with empty stores, as a new replica or a rebuild would.
 */
final class PipelineInstance implements AutoCloseable {
    /** Give up waiting when the committed offsets have not moved for this long. */
    static final Duration STALL_LIMIT = Duration.ofMinutes(3);
    private static final long POLL_NANOS = Duration.ofMillis(200).toNanos();

    /** How a wait for the committed offsets ended. */
    record CatchUp(long records, long committed, Duration took, Duration untilRunning, boolean complete) {
        double eps() {
            return records / Math.max(1e-9, took.toNanos() / 1e9);
        }

        /** The rate once Kafka Streams was RUNNING (start-up, restoration and the first rebalance left out). */
        double epsFromRunning() {
            if (untilRunning == null) return Double.NaN;
            return records / Math.max(1e-9, (took.toNanos() - untilRunning.toNanos()) / 1e9);
        }
    }

    private final PulseApplication app;
    private final String applicationId;
    private final long startedNanos;
    private final String apiKey;

    private PipelineInstance(PulseApplication app, String applicationId, long startedNanos, String apiKey) {
        this.app = app;
        this.applicationId = applicationId;
        this.startedNanos = startedNanos;
        this.apiKey = apiKey;
    }

    /**
     * The production configuration, with only the application id, cluster, state directory and HTTP port of the run.
     * Instances after the first get their own state directory ({@code instance-2}, ...); all share the run's cluster
     * secret, as instances of one application must.
     */
    static PulseConfig config(BenchCluster cluster, String applicationId, int index) {
        String dir = index == 0 ? "instance" : "instance-" + (index + 1);
        return PulseConfig.embeddedDefaults(cluster.dir())
                .asInstance(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), cluster.dir().resolve(dir), 0)
                .toBuilder().applicationId(applicationId).connections(cluster.connections()).build();
    }

    static PipelineInstance start(BenchCluster cluster, String applicationId, int index) throws Exception {
        long started = System.nanoTime();
        PulseConfig cfg = config(cluster, applicationId, index);
        // An instance in cluster mode generates no key: the run adds its own admin key to the keys file first.
        String key = KeyFile.add(cfg.keysFile(), index == 0 ? applicationId : applicationId + "-" + (index + 1), Role.ADMIN,
                java.time.Clock.systemUTC());
        return new PipelineInstance(PulseApplication.start(cfg), applicationId, started, key);
    }

    /** The run's admin key, for its HTTP calls. */
    String apiKey() {
        return apiKey;
    }

    String applicationId() {
        return applicationId;
    }

    int httpPort() {
        return app.httpPort();
    }

    /** This instance's Kafka Streams metrics (RocksDB's among them). */
    Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> streamsMetrics() {
        return app.streams().metrics();
    }

    /**
     * Records of the event topics this instance's stream threads have consumed so far (their consumers' fetch
     * metrics): with several instances, how the work was split.
     */
    long eventRecordsConsumed() {
        java.util.Set<String> topics = new java.util.HashSet<>(BenchCluster.eventTopics());
        double sum = 0;
        for (var e : app.streams().metrics().entrySet()) {
            var name = e.getKey();
            String client = name.tags().getOrDefault("client-id", "");
            if (name.group().equals("consumer-fetch-manager-metrics") && name.name().equals("records-consumed-total")
                    && topics.contains(name.tags().get("topic")) && client.contains("StreamThread") && client.endsWith("-consumer")
                    && !client.endsWith("-restore-consumer")) {
                sum += ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        return Math.round(sum);
    }

    /**
     * Waits until the application has committed every offset up to {@code end}, counting from
     * {@code from} (the committed offsets when the wait began, or the beginning of the topics), polling
     * the group's committed offsets every 200 ms. The time counts from {@code sinceNanos}; the instances share one
     * application id, and RUNNING is when all of them are.
     */
    static CatchUp awaitCommitted(java.util.List<PipelineInstance> instances, BenchCluster cluster, Map<TopicPartition, Long> from,
                                  Map<TopicPartition, Long> end, long sinceNanos, String task, boolean progress) {
        PipelineInstance first = instances.get(0);
        String applicationId = first.applicationId;
        long startedNanos = first.startedNanos;
        long total = Offsets.done(from, end, end);
        long untilRunning = -1;
        long done = 0, lastMove = System.nanoTime();
        try (Progress bar = Progress.start(progress, task, total, " ev")) {
            while (true) {
                boolean allRunning = true;
                for (PipelineInstance i : instances) {
                    KafkaStreams.State state = i.app.streams().state();
                    allRunning &= state == KafkaStreams.State.RUNNING;
                    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                            || state == KafkaStreams.State.PENDING_ERROR) {
                        throw new IllegalStateException("the pipeline stopped: Kafka Streams is " + state);
                    }
                }
                if (untilRunning < 0 && allRunning) untilRunning = System.nanoTime() - startedNanos;
                long now = Offsets.done(from, Offsets.committed(cluster.admin(), applicationId), end);
                long t = System.nanoTime();
                if (now > done) {
                    done = now;
                    lastMove = t;
                    bar.stepTo(done);
                }
                if (done >= total) {
                    return new CatchUp(total, done, Duration.ofNanos(t - sinceNanos), runningAfter(untilRunning), true);
                }
                if (t - lastMove > STALL_LIMIT.toNanos()) {
                    return new CatchUp(total, done, Duration.ofNanos(t - sinceNanos), runningAfter(untilRunning), false);
                }
                LockSupport.parkNanos(POLL_NANOS); // a benchmark's polling interval, not a test's wait
            }
        }
    }

    long startedNanos() {
        return startedNanos;
    }

    private static Duration runningAfter(long nanos) {
        return nanos < 0 ? null : Duration.ofNanos(nanos);
    }

    @Override
    public void close() {
        app.close();
    }
}
