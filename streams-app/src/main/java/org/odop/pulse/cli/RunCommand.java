package org.odop.pulse.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.odop.pulse.demo.DemoFeed;
import org.odop.pulse.domain.EventLimits;
import org.odop.pulse.registry.CompatibilityLevel;
import org.odop.pulse.runtime.BoundedRocksDbMemory;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.security.ClusterSecret;
import org.odop.pulse.security.KeyFile;
import org.odop.pulse.topology.common.HoldPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline and its HTTP API.",
                "Without --bootstrap-servers: the embedded default, a real single-node Kafka broker and an",
                "in-memory schema registry (a development stand-in) start in-process under --state-dir."},
        resourceBundle = "org.odop.pulse.cli.RunHelpDefaults")
final class RunCommand implements Callable<Integer> {
    /**
     * The defaults: no option declares one; each field starts from the default configuration (PulseConfig's
     * builder, where every default is declared once), and ODOP_* variables ({@link EnvironmentDefaults}) override it.
     */
    private static final PulseConfig DEFAULTS = PulseConfig.defaults();
    private static final long MIB = 1024 * 1024;
    /** Longest --dedup-retention accepted, in days: ten years. */
    static final int MAX_DEDUP_RETENTION_DAYS = 3650;
    private static final java.time.Duration ONE_DAY = java.time.Duration.ofDays(1);

    @Spec
    CommandSpec spec;

    @Option(names = "--http-port", description = "HTTP API port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int httpPort = DEFAULTS.httpPort();

    @Option(names = "--kafka-port", description = "Embedded broker port (default ${DEFAULT-VALUE}).")
    int kafkaPort = DEFAULTS.kafkaPort();

    @Option(names = "--registry-port", description = "Embedded registry port (default ${DEFAULT-VALUE}).")
    int registryPort = DEFAULTS.registryPort();

    @Option(names = "--state-dir",
            description = "Where Kafka data, the registry and state stores live (default ${DEFAULT-VALUE}).")
    Path stateDir = DEFAULTS.stateDir();

    @Option(names = "--bootstrap-servers", description = "Join this Kafka cluster instead of starting one.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "Use this schema registry instead of the embedded one.")
    String schemaRegistryUrl;

    @Option(names = "--application-id",
            description = "Kafka Streams application id; instances with the same id share the work (default ${DEFAULT-VALUE}).")
    String applicationId = DEFAULTS.applicationId();

    @Option(names = "--partitions", description = "Partitions of the event topics when creating them (default ${DEFAULT-VALUE}).")
    int partitions = DEFAULTS.eventPartitions();

    @Option(names = "--stream-threads",
            description = "num.stream.threads: threads processing events in this instance (default ${DEFAULT-VALUE}).")
    int streamThreads = DEFAULTS.streamThreads();

    @Option(names = "--standby-replicas", description = "num.standby.replicas (default ${DEFAULT-VALUE}).")
    int standbyReplicas = DEFAULTS.standbyReplicas();

    @Option(names = "--rocksdb-memory-mb", paramLabel = "MB",
            description = {"Off-heap memory for all of this instance's RocksDB state stores together: one shared block cache,",
                    "which their index and filter blocks and their memtables are charged to as well; at least "
                            + BoundedRocksDbMemory.MIN_BYTES / MIB + " (default ${DEFAULT-VALUE})."})
    long rocksDbMemoryMb = DEFAULTS.rocksDbMemoryBytes() / MIB;

    @Option(names = "--max-ingest-mb", description = "Largest ingest body in MiB (default ${DEFAULT-VALUE}).")
    long maxIngestMb = DEFAULTS.maxIngestBodyBytes() / MIB;

    @Option(names = {"--dedup-retention", "--dedup-retention-days"}, paramLabel = "DURATION",
            converter = DurationConverter.OrDays.class,
            description = {"How long event ids are remembered to drop repeated deliveries, 1d to " + MAX_DEDUP_RETENTION_DAYS
                    + "d; a bare number counts days (--dedup-retention-days is its old name) (default ${bundle:default.dedup-retention})."})
    java.time.Duration dedupRetention = DEFAULTS.dedupRetention();

    @Option(names = "--http-bind-address",
            description = "Address the HTTP API listens on (default ${DEFAULT-VALUE}; 0.0.0.0 only inside a container or pod).")
    String httpBindAddress = DEFAULTS.httpBindAddress();

    @Option(names = "--advertised-host",
            description = "Host name other instances use to reach this one's HTTP API (default ${DEFAULT-VALUE}).")
    String advertisedHost = DEFAULTS.advertisedHost();

    @Option(names = "--max-standby-lag",
            description = "During a rebalance a standby replica answers only while at most this many records behind (default ${DEFAULT-VALUE}).")
    long maxStandbyLag = DEFAULTS.maxStandbyLag();

    @Option(names = "--stall-limit", paramLabel = "STAGE=DURATION", split = ",",
            description = {"How long a shipment may sit at a stage before it is flagged, e.g. --stall-limit AT_PORT=1d",
                    "(a duration as everywhere: 36h, 2d, P1D; repeatable or comma-separated). Defaults: ${bundle:default.stall-limit}."})
    java.util.Map<org.odop.pulse.avro.ShipmentStatus, java.time.Duration> stallLimits = new java.util.HashMap<>();

    @Option(names = {"--stall-check-every", "--stall-check-seconds"}, paramLabel = "DURATION",
            converter = DurationConverter.OrSeconds.class,
            description = {"How often open shipments are checked against their limits; a bare number counts seconds",
                    "(--stall-check-seconds is its old name) (default ${bundle:default.stall-check-every})."})
    java.time.Duration stallCheckEvery = DEFAULTS.stallCheckEvery();

    @Option(names = "--schema-compatibility",
            description = "Compatibility level set on every topic's value subject at start-up: one of ${COMPLETION-CANDIDATES}"
                    + " (default ${DEFAULT-VALUE}).")
    CompatibilityLevel schemaCompatibility = DEFAULTS.schemaCompatibility();

    @Option(names = "--unknown-code-wait",
            converter = DurationConverter.ZeroAllowed.class,
            description = {"How long an event whose district or product the reference data does not know yet is held",
                    "(re-checked every second, counted as soon as the code arrives) before it is parked on the dead-letter",
                    "topic as UNKNOWN_DISTRICT / UNKNOWN_PRODUCT; 0 parks at once (default ${bundle:default.unknown-code-wait})."})
    java.time.Duration unknownCodeWait = DEFAULTS.hold().maxWait();

    @Option(names = "--max-event-time-ahead",
            description = {"Event times later than the clock by more than this are refused (a line's 422 at ingest, a",
                    "dead letter from other producers); times before " + "2000-01-01 always are (default ${bundle:default.max-event-time-ahead})."})
    java.time.Duration maxEventTimeAhead = DEFAULTS.eventLimits().maxAhead();

    @Option(names = {"--loi-follow-up", "--loi-follow-up-days"}, paramLabel = "DURATION",
            converter = DurationConverter.OrDays.class,
            description = {"An LOI with no linked export this long after it was signed is due for follow-up: the",
                    "LOI_FOLLOW_UP_DUE alert, /api/v1/lois/follow-up and odop_loi_follow_up_due; at least 1d, a bare number",
                    "counts days (--loi-follow-up-days is its old name) (default ${bundle:default.loi-follow-up})."})
    java.time.Duration loiFollowUp = DEFAULTS.followUp().after();

    @Option(names = "--keys-file", paramLabel = "FILE",
            description = {"The API keys file (default <state-dir>/" + KeyFile.DEFAULT_NAME + "); manage it with 'odop-pulse keys'.",
                    "Changes count within seconds, without a restart. The embedded default writes an admin key to",
                    "<state-dir>/" + PulseConfig.ADMIN_KEY_FILE + " on its first start."})
    Path keysFile;

    @Option(names = "--cluster-secret-file", paramLabel = "FILE",
            description = {"The secret the instances of the application share to call each other's internal API",
                    "(default <state-dir>/" + ClusterSecret.DEFAULT_NAME + ", generated when missing: give every instance the same file)."})
    Path clusterSecretFile;

    @Option(names = "--public-read", description = "Anyone may read (every GET under /api/v1 and /metrics) without a key: "
            + "a public dashboard. Ingest always needs a key.")
    boolean publicRead;

    @Option(names = "--public-metrics", description = "Anyone may read /metrics without a key (it needs the read role otherwise).")
    boolean publicMetrics;

    @picocli.CommandLine.Mixin
    SecuredClientOptions secured = new SecuredClientOptions();

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = {"PEM certificate (chain) of the HTTP API: with --tls-key it serves HTTPS only, and instances",
                    "call each other over HTTPS (all instances share it, or trust each other's through --tls-trust)."})
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (RSA or EC, PKCS#8 or PKCS#1) of --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-trust", paramLabel = "FILE",
            description = "PEM certificates other instances may present, trusted besides --tls-cert and the JDK's authorities.")
    Path tlsTrust;

    @Option(names = "--demo", description = "Feed a demo stream once started: the historical data set from "
            + "FY2022-23 (when the event topics are empty), then a live trickle of a few events per second.")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        validate(); // before anything starts
        if (bootstrapServers != null && schemaRegistryUrl == null) {
            System.err.println("--bootstrap-servers needs --schema-registry-url too: the embedded registry only runs with the embedded broker.");
            return 2;
        }
        PulseApplication app;
        try {
            app = PulseApplication.start(config());
        } catch (org.odop.pulse.runtime.KafkaAccess.RefusedException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        DemoFeed feed = demo ? DemoFeed.start(app.ingestService(), app.adminConfig(), Clock.systemUTC(),
                DemoFeed.Settings.DEFAULTS) : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (feed != null) feed.close(); // before the producer it writes with goes away
            app.close();
        }, "odop-pulse-shutdown"));
        System.out.printf("odop-pulse is running: http://127.0.0.1:%d (Ctrl-C to stop)%s%n", app.httpPort(),
                demo ? "; the demo feed is on" : "");
        if (app.adminKey() != null) {
            System.out.printf("API key with the admin role: in %s (curl -H \"Authorization: Bearer $(cat %s)\" ...)%n",
                    app.adminKeyFile(), app.adminKeyFile());
        }
        app.awaitClose();
        return 0;
    }

    /** The instance's settings from the options (once they are validated). */
    PulseConfig config() {
        return new PulseConfig.Builder().applicationId(applicationId).bootstrapServers(bootstrapServers)
                .schemaRegistryUrl(schemaRegistryUrl).stateDir(stateDir.toAbsolutePath()).httpPort(httpPort)
                .kafkaPort(kafkaPort).registryPort(registryPort).eventPartitions(partitions).standbyReplicas(standbyReplicas).streamThreads(streamThreads)
                .rocksDbMemoryBytes(rocksDbMemoryMb * MIB)
                .maxIngestBodyBytes(maxIngestMb * MIB).dedupRetention(dedupRetention)
                .httpBindAddress(httpBindAddress).advertisedHost(advertisedHost).maxStandbyLag(maxStandbyLag)
                .stallLimits(DEFAULTS.stallLimits().with(stallLimits))
                .stallCheckEvery(stallCheckEvery)
                .schemaCompatibility(schemaCompatibility)
                .eventLimits(new EventLimits(EventLimits.EARLIEST_EVENT_TIME, maxEventTimeAhead))
                .hold(new HoldPolicy(unknownCodeWait, DEFAULTS.hold().recheckEvery()))
                .followUp(DEFAULTS.followUp().withAfter(loiFollowUp))
                .security(PulseConfig.Security.DEFAULT.withFiles(absolute(keysFile), absolute(clusterSecretFile))
                        .withPublic(publicRead, publicMetrics))
                .connections(connections()).build();
    }

    private static Path absolute(Path p) {
        return p == null ? null : p.toAbsolutePath();
    }

    /** --kafka-config, the registry's credentials and the API's TLS; the files are read here. */
    private org.odop.pulse.runtime.Connections connections() {
        try {
            return new org.odop.pulse.runtime.Connections(secured.kafka(), secured.registryAccess(),
                    tlsCert == null ? null : org.odop.pulse.http.Tls.load(tlsCert, tlsKey, tlsTrust));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Refuses settings that make no sense, with exit code 2 and the usage, as for an unreadable option. */
    private void validate() {
        if (dedupRetention.compareTo(ONE_DAY) < 0 || dedupRetention.compareTo(ONE_DAY.multipliedBy(MAX_DEDUP_RETENTION_DAYS)) > 0) {
            throw new ParameterException(spec.commandLine(), "--dedup-retention must be between 1d and "
                    + MAX_DEDUP_RETENTION_DAYS + "d (how long event ids are remembered to drop repeated deliveries), got "
                    + DurationConverter.format(dedupRetention));
        }
        if (streamThreads < 1) {
            throw new ParameterException(spec.commandLine(), "--stream-threads must be at least 1, got " + streamThreads);
        }
        if (rocksDbMemoryMb < BoundedRocksDbMemory.MIN_BYTES / MIB) {
            throw new ParameterException(spec.commandLine(), "--rocksdb-memory-mb must be at least "
                    + BoundedRocksDbMemory.MIN_BYTES / MIB + " (MiB for all RocksDB stores of the instance), got " + rocksDbMemoryMb);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        if (tlsTrust != null && tlsCert == null) {
            throw new ParameterException(spec.commandLine(), "--tls-trust needs --tls-cert and --tls-key");
        }
        if (loiFollowUp.compareTo(ONE_DAY) < 0) {
            throw new ParameterException(spec.commandLine(), "--loi-follow-up must be at least 1d (how long after signing"
                    + " an LOI with no linked export is due for follow-up), got " + DurationConverter.format(loiFollowUp));
        }
    }
}
