package org.odop.pulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import java.util.Properties;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.registry.CompatibilityLevel;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.registry.RestSchemaRegistryClient;
import org.odop.pulse.registry.SchemaRegistryServer;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.runtime.ReferenceDataSeeder;
import org.odop.pulse.runtime.SchemaRegistration;
import org.odop.pulse.runtime.TopicCreator;
import org.odop.pulse.config.TopicSpec;
import org.odop.pulse.runtime.embedded.EmbeddedKafkaBroker;

/**
 * Where a run happens: by default a broker and a schema registry of its own on free loopback ports, in a
 * temporary directory deleted on close; or an existing cluster. Either way the topics exist, the schemas
 * are registered and the reference data (the bundled districts, products and USD rates, plus the probe's
 * district and product) is there before any event is produced.
 */
final class BenchCluster implements AutoCloseable {
    /** The district and product of the latency probes: nothing else is ever sent for them. */
    static final String PROBE_DISTRICT = "ZZ-BENCH-PROBE";
    static final String PROBE_PRODUCT = "BENCH-PROBE";


    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final Path dir;
    private final boolean embedded;
    private String bootstrapServers;
    private String schemaRegistryUrl;
    private PulseSerdes serdes;
    private Admin admin;
    /** The Kafka client settings and registry credentials of an existing cluster; none for the embedded one. */
    private org.odop.pulse.runtime.Connections connections = org.odop.pulse.runtime.Connections.NONE;

    private BenchCluster(Path dir, boolean embedded) {
        this.dir = dir;
        this.embedded = embedded;
    }

    static BenchCluster start(BenchOptions options) throws IOException {
        Files.createDirectories(options.workDir());
        BenchCluster cluster = new BenchCluster(Files.createTempDirectory(options.workDir(), "odop-pulse-bench-"),
                options.embedded());
        try {
            cluster.startAll(options);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(BenchOptions options) {
        if (embedded) {
            EmbeddedKafkaBroker broker = push(EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0));
            bootstrapServers = broker.bootstrapServers();
            SchemaRegistryServer registry = push(new SchemaRegistryServer(new InMemorySchemaRegistry(), "127.0.0.1", 0));
            registry.start();
            schemaRegistryUrl = registry.url();
        } else {
            bootstrapServers = options.bootstrapServers();
            schemaRegistryUrl = options.schemaRegistryUrl();
            connections = options.connections();
        }
        serdes = new PulseSerdes(new RestSchemaRegistryClient(schemaRegistryUrl, connections.registry()));
        SchemaRegistration.registerAll(serdes.registry(), CompatibilityLevel.BACKWARD);
        admin = push(Admin.create(connections.kafka().admin(bootstrapServers)));
        TopicCreator.ensureTopics(admin, Topics.definitions(eventPartitions(),
                embedded ? (short) 1 : TopicSpec.BROKER_DEFAULT));
        seedReferenceData();
    }

    /** The event topics' partitions, as an instance started with the shipped settings would create them. */
    static int eventPartitions() {
        return new PulseConfig.Builder().build().eventPartitions();
    }

    /**
     * The bundled districts, products and USD rates (as a first start of odop-pulse loads them, trying again with a
     * new producer if a fresh partition never acknowledges them), and the probe's district and product.
     */
    private void seedReferenceData() {
        Map<RecordType, String> data = ReferenceDataSeeder.bundled();
        data.merge(RecordType.DISTRICTS, "{\"districtCode\":\"" + PROBE_DISTRICT + "\",\"name\":\"Benchmark probe\","
                + "\"stateCode\":\"ZZ\",\"stateName\":\"Benchmark\"}\n", String::concat);
        data.merge(RecordType.PRODUCTS, "{\"productCode\":\"" + PROBE_PRODUCT + "\",\"name\":\"Benchmark probe\","
                + "\"category\":\"OTHER\",\"districtCode\":\"" + PROBE_DISTRICT + "\"}\n", String::concat);
        ReferenceDataSeeder.load(ReferenceDataSeeder.producers(bootstrapServers, connections.kafka()), serdes, data,
                message -> System.err.println("bench: " + message));
    }



    Path dir() {
        return dir;
    }

    boolean embedded() {
        return embedded;
    }

    /** The cluster's Kafka client settings and registry credentials (none for the embedded one). */
    org.odop.pulse.runtime.Connections connections() {
        return connections;
    }

    /** {@code client} with the cluster's Kafka client settings (--kafka-config) applied over it. */
    Properties withKafkaConfig(Properties client) {
        return connections.kafka().applyTo(client);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    PulseSerdes serdes() {
        return serdes;
    }

    Admin admin() {
        return admin;
    }

    static List<String> eventTopics() {
        return List.of(Topics.LOIS.name(), Topics.SHIPMENTS.name(), Topics.ORDERS.name());
    }

    private <T extends AutoCloseable> T push(T resource) {
        toClose.push(resource);
        return resource;
    }

    /** Stops what this run started, in reverse order, and deletes its directory. */
    @Override
    public synchronized void close() {
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                System.err.println("bench: error while stopping: " + e);
            }
        }
        deleteRecursively(dir);
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.err.println("bench: cannot delete " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            System.err.println("bench: cannot delete " + root + ": " + e.getMessage());
        }
    }
}
