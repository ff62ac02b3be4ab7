package org.odop.pulse.runtime;

import java.nio.file.Path;
import java.time.Duration;
import org.odop.pulse.topology.meet.FollowUp;
import org.odop.pulse.domain.EventLimits;
import org.odop.pulse.registry.CompatibilityLevel;
import org.odop.pulse.topology.common.HoldPolicy;
import org.odop.pulse.topology.shipment.StallLimits;

/**
 * How one instance runs. With no bootstrap servers it is the embedded default: a Kafka broker and a
 * schema registry start in-process under the state directory.
 *
 * @param bootstrapServers    existing Kafka cluster, or null for the embedded default
 * @param schemaRegistryUrl   existing registry, or null for the embedded stand-in
 * @param rocksDbMemoryBytes  off-heap memory of all the instance's RocksDB stores together: one block cache, which their
 *                            memtables are charged to as well ({@link BoundedRocksDbMemory})
 * @param dedupRetention      how long event ids are remembered to drop repeated deliveries (at least 30 days)
 * @param httpBindAddress     where the HTTP API listens: loopback, except inside a container or pod
 * @param advertisedHost      how other instances reach this one (its application.server host)
 * @param maxStandbyLag       a standby replica answers during a rebalance only while at most this many records behind
 * @param stallLimits         how long a shipment may sit at each stage
 * @param stallCheckEvery     how often (wall clock) open shipments are checked against those limits
 * @param schemaCompatibility level set at start-up on every topic's value subject (BACKWARD by default)
 * @param eventLimits         which event times and amounts are accepted, at ingest and in the topologies
 * @param hold                how long events wait for reference data that does not know their district or product
 * @param security            API keys, public access and the cluster secret of the HTTP API
 * @param connections         Kafka client settings, registry credentials and HTTP TLS (none by default)
 */
public record PulseConfig(
        String applicationId,
        String bootstrapServers,
        String schemaRegistryUrl,
        Path stateDir,
        int httpPort,
        int kafkaPort,
        int registryPort,
        int eventPartitions,
        int standbyReplicas,
        int streamThreads,
        long rocksDbMemoryBytes,
        long maxIngestBodyBytes,
        boolean seedReferenceData,
        Duration dedupRetention,
        String httpBindAddress,
        String advertisedHost,
        long maxStandbyLag,
        StallLimits stallLimits,
        Duration stallCheckEvery,
        CompatibilityLevel schemaCompatibility,
        EventLimits eventLimits,
        HoldPolicy hold,
        FollowUp followUp,
        Security security,
        Connections connections) {

    public static final String DEFAULT_APPLICATION_ID = "odop-pulse";
    /** Where an instance keeps its data unless told otherwise: relative to the working directory. */
    public static final String DEFAULT_STATE_DIR = ".odop-pulse";
    /** Stream threads per instance: one per core of the 2-core machines this is measured on. */
    public static final int DEFAULT_STREAM_THREADS = 2;

    /** Every default, declared once (in the builder): what the CLI and the ODOP_* variables start from. */
    public static PulseConfig defaults() {
        return new Builder().build();
    }

    /**
     * Who may call the HTTP API.
     *
     * @param keysFile             the API keys file, or null for {@code <state-dir>/api-keys.json}
     * @param clusterSecretFile    the secret the instances share, or null for {@code <state-dir>/cluster.secret}
     *                             (generated when missing)
     * @param publicRead           the read role is everyone's (a public dashboard); ingest never is
     * @param publicMetrics        /metrics is open to everyone
     * @param maxFailuresPerMinute failed authentications from one address in a minute before it gets 429s
     */
    public record Security(Path keysFile, Path clusterSecretFile, boolean publicRead, boolean publicMetrics,
                           int maxFailuresPerMinute) {
        public static final Security DEFAULT = new Security(null, null, false, false,
                org.odop.pulse.security.FailureLimiter.DEFAULT_MAX_FAILURES);

        public Security withFiles(Path keys, Path clusterSecret) {
            return new Security(keys, clusterSecret, publicRead, publicMetrics, maxFailuresPerMinute);
        }

        public Security withPublic(boolean read, boolean metrics) {
            return new Security(keysFile, clusterSecretFile, read, metrics, maxFailuresPerMinute);
        }

        public Security withMaxFailuresPerMinute(int max) {
            return new Security(keysFile, clusterSecretFile, publicRead, publicMetrics, max);
        }
    }

    /** Written by the embedded default on its first start: an admin key, so that the API can be called at once. */
    public static final String ADMIN_KEY_FILE = "admin.key";

    /** The API keys file. */
    public Path keysFile() {
        return security.keysFile() != null ? security.keysFile()
                : stateDir.resolve(org.odop.pulse.security.KeyFile.DEFAULT_NAME);
    }

    /** The cluster secret's file. */
    public Path clusterSecretFile() {
        return security.clusterSecretFile() != null ? security.clusterSecretFile()
                : stateDir.resolve(org.odop.pulse.security.ClusterSecret.DEFAULT_NAME);
    }

    /** Where the embedded default writes the admin key it generates. */
    public Path adminKeyFile() {
        return stateDir.resolve(ADMIN_KEY_FILE);
    }

    public static PulseConfig embeddedDefaults(Path stateDir) {
        return new Builder().stateDir(stateDir).build();
    }

    public boolean embeddedKafka() {
        return bootstrapServers == null;
    }

    public boolean embeddedRegistry() {
        return schemaRegistryUrl == null;
    }

    public PulseConfig withPorts(int http, int kafka, int registry) {
        return toBuilder().httpPort(http).kafkaPort(kafka).registryPort(registry).build();
    }

    public PulseConfig withCluster(String bootstrap, String registryUrl) {
        return toBuilder().bootstrapServers(bootstrap).schemaRegistryUrl(registryUrl).build();
    }

    /**
     * A further instance joining the same application on a cluster: it shares this instance's keys file and cluster
     * secret file.
     */
    public PulseConfig asInstance(String bootstrap, String registryUrl, Path stateDir, int httpPort) {
        return toBuilder().bootstrapServers(bootstrap).schemaRegistryUrl(registryUrl).stateDir(stateDir)
                .httpPort(httpPort).seedReferenceData(false)
                .security(security.withFiles(keysFile(), clusterSecretFile())).build();
    }

    public PulseConfig withStallLimits(StallLimits limits, Duration checkEvery) {
        return toBuilder().stallLimits(limits).stallCheckEvery(checkEvery).build();
    }

    public PulseConfig withSchemaCompatibility(CompatibilityLevel level) {
        return toBuilder().schemaCompatibility(level).build();
    }

    /** The same instance with these Kafka settings, registry credentials and TLS. */
    public PulseConfig withConnections(Connections v) {
        return toBuilder().connections(v).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.applicationId = applicationId;
        b.bootstrapServers = bootstrapServers;
        b.schemaRegistryUrl = schemaRegistryUrl;
        b.stateDir = stateDir;
        b.httpPort = httpPort;
        b.kafkaPort = kafkaPort;
        b.registryPort = registryPort;
        b.eventPartitions = eventPartitions;
        b.standbyReplicas = standbyReplicas;
        b.streamThreads = streamThreads;
        b.rocksDbMemoryBytes = rocksDbMemoryBytes;
        b.maxIngestBodyBytes = maxIngestBodyBytes;
        b.seedReferenceData = seedReferenceData;
        b.dedupRetention = dedupRetention;
        b.httpBindAddress = httpBindAddress;
        b.advertisedHost = advertisedHost;
        b.maxStandbyLag = maxStandbyLag;
        b.stallLimits = stallLimits;
        b.stallCheckEvery = stallCheckEvery;
        b.schemaCompatibility = schemaCompatibility;
        b.eventLimits = eventLimits;
        b.hold = hold;
        b.followUp = followUp;
        b.security = security;
        b.connections = connections;
        return b;
    }

    /** Starts from the embedded default's settings. */
    public static final class Builder {
        private String applicationId = DEFAULT_APPLICATION_ID;
        private String bootstrapServers;
        private String schemaRegistryUrl;
        private Path stateDir = Path.of(DEFAULT_STATE_DIR);
        private int httpPort = 8080;
        private int kafkaPort = 9092;
        private int registryPort = 8081;
        private int eventPartitions = 6;
        private int standbyReplicas = 1;
        private int streamThreads = DEFAULT_STREAM_THREADS;
        private long rocksDbMemoryBytes = 256L * 1024 * 1024;
        private long maxIngestBodyBytes = 64L * 1024 * 1024;
        private boolean seedReferenceData = true;
        private Duration dedupRetention = org.odop.pulse.topology.common.EventPipeline.DEFAULT_DEDUP_RETENTION;
        private String httpBindAddress = "127.0.0.1";
        private String advertisedHost = "127.0.0.1";
        private long maxStandbyLag = 10_000;
        private StallLimits stallLimits = StallLimits.defaults();
        private Duration stallCheckEvery = StallLimits.DEFAULT_CHECK_EVERY;
        private CompatibilityLevel schemaCompatibility = CompatibilityLevel.BACKWARD;
        private EventLimits eventLimits = EventLimits.DEFAULT;
        private HoldPolicy hold = HoldPolicy.DEFAULT;
        private FollowUp followUp = FollowUp.DEFAULT;
        private Security security = Security.DEFAULT;
        private Connections connections = Connections.NONE;

        public Builder applicationId(String v) { applicationId = v; return this; }
        public Builder bootstrapServers(String v) { bootstrapServers = v; return this; }
        public Builder schemaRegistryUrl(String v) { schemaRegistryUrl = v; return this; }
        public Builder stateDir(Path v) { stateDir = v; return this; }
        public Builder httpPort(int v) { httpPort = v; return this; }
        public Builder kafkaPort(int v) { kafkaPort = v; return this; }
        public Builder registryPort(int v) { registryPort = v; return this; }
        public Builder eventPartitions(int v) { eventPartitions = v; return this; }
        public Builder standbyReplicas(int v) { standbyReplicas = v; return this; }
        public Builder streamThreads(int v) { streamThreads = v; return this; }
        public Builder rocksDbMemoryBytes(long v) { rocksDbMemoryBytes = v; return this; }
        public Builder maxIngestBodyBytes(long v) { maxIngestBodyBytes = v; return this; }
        public Builder seedReferenceData(boolean v) { seedReferenceData = v; return this; }
        public Builder dedupRetention(Duration v) { dedupRetention = v; return this; }
        public Builder httpBindAddress(String v) { httpBindAddress = v; return this; }
        public Builder advertisedHost(String v) { advertisedHost = v; return this; }
        public Builder maxStandbyLag(long v) { maxStandbyLag = v; return this; }
        public Builder stallLimits(StallLimits v) { stallLimits = v; return this; }
        public Builder stallCheckEvery(Duration v) { stallCheckEvery = v; return this; }
        public Builder schemaCompatibility(CompatibilityLevel v) { schemaCompatibility = v; return this; }
        public Builder eventLimits(EventLimits v) { eventLimits = v; return this; }
        public Builder hold(HoldPolicy v) { hold = v; return this; }
        public Builder followUp(FollowUp v) { followUp = v; return this; }
        public Builder security(Security v) { security = v; return this; }
        public Builder connections(Connections v) { connections = v == null ? Connections.NONE : v; return this; }

        public PulseConfig build() {
            return new PulseConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, httpPort, kafkaPort,
                    registryPort, eventPartitions, standbyReplicas, streamThreads, rocksDbMemoryBytes, maxIngestBodyBytes, seedReferenceData, dedupRetention,
                    httpBindAddress, advertisedHost, maxStandbyLag, stallLimits, stallCheckEvery, schemaCompatibility,
                    eventLimits, hold, followUp, security, connections);
        }
    }
}
