package org.odop.pulse.runtime;

import org.odop.pulse.config.TopicSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.ingest.IngestService;
import org.odop.pulse.metrics.BusinessGauges;
import org.odop.pulse.metrics.DistrictInfoGauges;
import org.odop.pulse.metrics.PulseMetrics;
import org.odop.pulse.metrics.HeldEventGauges;
import org.odop.pulse.metrics.LoiFollowUpGauges;
import org.odop.pulse.metrics.StalledShipmentGauges;
import org.odop.pulse.topology.ecommerce.EcommerceTopology;
import org.odop.pulse.topology.loi.LoiTopology;
import org.odop.pulse.topology.shipment.ShipmentTopology;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.registry.RestSchemaRegistryClient;
import org.odop.pulse.registry.SchemaRegistryServer;
import org.odop.pulse.registry.SchemaRegistryUnavailableException;
import org.odop.pulse.runtime.embedded.EmbeddedKafkaBroker;
import org.odop.pulse.serving.DistrictService;
import org.odop.pulse.http.HttpApi;
import org.odop.pulse.serving.LiveTopics;
import org.odop.pulse.serving.OperationsService;
import org.odop.pulse.serving.OverviewService;
import org.odop.pulse.serving.WebServices;
import org.odop.pulse.serving.ListingService;
import org.odop.pulse.serving.MeetService;
import org.odop.pulse.store.LocalStores;
import org.odop.pulse.serving.MeasuresSource;
import org.odop.pulse.serving.TradeService;
import org.odop.pulse.http.RankingHandler;
import org.odop.pulse.serving.cluster.ClusterLois;
import org.odop.pulse.serving.cluster.ClusterMeasures;
import org.odop.pulse.serving.StalledShipmentService;
import org.odop.pulse.serving.cluster.LocalPartitionReader;
import org.odop.pulse.serving.cluster.PartitionGatherer;
import org.odop.pulse.serving.cluster.RemoteInstances;
import org.odop.pulse.serving.ranking.RankingService;
import org.apache.kafka.streams.state.HostInfo;
import org.odop.pulse.serving.Readiness;
import org.odop.pulse.security.AccessControl;
import org.odop.pulse.security.ApiKeys;
import org.odop.pulse.security.ClusterSecret;
import org.odop.pulse.security.FailureLimiter;
import org.odop.pulse.security.KeyFile;
import org.odop.pulse.security.Role;
import org.odop.pulse.security.SecretFiles;
import org.odop.pulse.topology.PulseTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running instance: (embedded broker and registry when no cluster is given), topics, reference
 * data, the Kafka Streams application and its HTTP API. Closing stops everything in reverse order.
 */
public final class PulseApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PulseApplication.class);

    static {
        org.odop.pulse.registry.AvroTrust.ensure(); // before any record is read or built
    }

    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private String bootstrapServers;
    private String schemaRegistryUrl;
    private KafkaClientConfig kafkaConfig = KafkaClientConfig.NONE;
    private KafkaStreams streams;
    private IngestService ingest;
    private HttpApi http;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Path adminKeyFile;

    private PulseApplication() {}

    private void startAll(PulseConfig cfg) throws Exception {
        Files.createDirectories(cfg.stateDir());
        adminKeyFile = cfg.adminKeyFile();
        if (cfg.embeddedKafka()) {
            EmbeddedKafkaBroker broker = push(EmbeddedKafkaBroker.start(cfg.stateDir().resolve("kafka"), cfg.kafkaPort()));
            bootstrapServers = broker.bootstrapServers();
        } else {
            bootstrapServers = cfg.bootstrapServers();
        }
        if (cfg.embeddedRegistry()) {
            var registry = new InMemorySchemaRegistry(cfg.stateDir().resolve("schema-registry.json"));
            SchemaRegistryServer server = push(new SchemaRegistryServer(registry, "127.0.0.1", cfg.registryPort()));
            server.start();
            schemaRegistryUrl = "http://127.0.0.1:" + server.port();
        } else {
            schemaRegistryUrl = cfg.schemaRegistryUrl();
        }
        Connections connections = cfg.connections();
        kafkaConfig = connections.kafka();
        PulseSerdes serdes = new PulseSerdes(new RestSchemaRegistryClient(schemaRegistryUrl,
                cfg.embeddedRegistry() ? org.odop.pulse.registry.RegistryAccess.NONE : connections.registry()));
        SchemaRegistration.registerAll(serdes.registry(), cfg.schemaCompatibility());
        PulseMetrics metrics = push(new PulseMetrics());

        Admin admin = push(Admin.create(connections.kafka().admin(bootstrapServers)));
        Map<String, Integer> topicPartitions;
        try {
            topicPartitions = TopicCreator.ensureTopics(admin, Topics.definitions(cfg.eventPartitions(),
                    cfg.embeddedKafka() ? (short) 1 : TopicSpec.BROKER_DEFAULT));
        } catch (Exception e) {
            throw KafkaAccess.explain(e, bootstrapServers, connections.kafka());
        }
        int loiIdPartitions = Topics.loiIdPartitions(topicPartitions);
        requireLoiIdRepartitions(admin, cfg.applicationId(), loiIdPartitions, topicPartitions);
        if (!topicPartitions.get(Topics.LOIS.name()).equals(topicPartitions.get(Topics.SHIPMENTS.name()))) {
            log.warn("{} has {} partitions and {} has {}: LOIs and the exports naming them are both repartitioned by loiId into {}",
                    Topics.LOIS.name(), topicPartitions.get(Topics.LOIS.name()), Topics.SHIPMENTS.name(),
                    topicPartitions.get(Topics.SHIPMENTS.name()), loiIdPartitions);
        }
        KafkaProducer<byte[], byte[]> producer = push(new KafkaProducer<>(
                StreamsSettings.producer(bootstrapServers, connections.kafka())));
        ingest = new IngestService(producer, serdes, metrics, cfg.eventLimits(), Clock.systemUTC());
        if (cfg.seedReferenceData()) {
            ReferenceDataSeeder.seedIfEmpty(admin, ReferenceDataSeeder.producers(bootstrapServers, connections.kafka()), serdes);
        }

        // The HTTP port must be known before streams start: it is this instance's application.server.
        int httpPort = cfg.httpPort() == 0 ? FreePort.find() : cfg.httpPort();
        // Closed after Kafka Streams (pushed before it): its stores use the cache until they are closed.
        BoundedRocksDbMemory.Budget rocksDb = push(new BoundedRocksDbMemory.Budget(cfg.rocksDbMemoryBytes()));
        streams = new KafkaStreams(PulseTopology.build(serdes, new PulseTopology.Settings(
                cfg.dedupRetention(), cfg.stallLimits(), cfg.stallCheckEvery(), metrics, metrics::shipmentAlert,
                cfg.eventLimits(), cfg.hold(), cfg.followUp().withCounters(metrics::loiCorrection, metrics::loiAlert),
                loiIdPartitions)),
                StreamsSettings.streams(cfg, bootstrapServers, httpPort, metrics, rocksDb));
        // Leave the group on a clean stop: the partitions move at once (to other instances, or back to this one
        // on restart) instead of after the session timeout.
        push(() -> streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30))));
        streams.setUncaughtExceptionHandler(e -> {
            if (SchemaRegistryUnavailableException.isCauseOf(e)) {
                // No record is at fault: the task is retried from its last commit once the thread is replaced.
                log.error("Stream thread stopped: the schema registry did not answer ({}); replacing it, the records "
                        + "since the last commit are processed again", e.getMessage());
            } else {
                log.error("Stream thread failed; replacing it", e);
            }
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metrics.bindStreams(streams);
        LocalStores stores = new LocalStores(streams);
        metrics.beforeScrape(new BusinessGauges(metrics.registry(), stores, Clock.systemUTC()));
        metrics.beforeScrape(new StalledShipmentGauges(metrics.registry(), stores));
        metrics.beforeScrape(new DistrictInfoGauges(metrics.registry(), stores::districts));
        metrics.beforeScrape(new LoiFollowUpGauges(metrics.registry(), stores, cfg.followUp(), Clock.systemUTC()));
        metrics.beforeScrape(new HeldEventGauges(metrics.registry(), stores,
                List.of(LoiTopology.FAMILY, ShipmentTopology.FAMILY, EcommerceTopology.FAMILY)));
        streams.start();

        LocalPartitionReader partitions = new LocalPartitionReader(streams, cfg.maxStandbyLag());
        PartitionGatherer gatherer = PartitionGatherer.of(streams, new HostInfo(cfg.advertisedHost(), httpPort));
        ClusterSecret clusterSecret = clusterSecret(cfg);
        RemoteInstances remote = new RemoteInstances(clusterSecret,
                connections.tls() == null ? null : connections.tls().clientContext());
        // How many partitions the stores built from each topic have: as many as the topic, except the LOI stores
        // (measures and meets), built from the LOIs repartitioned by loiId and then by district (Topics.loiIdPartitions).
        Map<String, Integer> partitionsPerTopic = new java.util.HashMap<>(topicPartitions);
        partitionsPerTopic.put(Topics.LOIS.name(), loiIdPartitions);
        MeasuresSource measures = new ClusterMeasures(gatherer, partitions, remote,
                ClusterMeasures.partitionsPerStore(partitionsPerTopic));
        StalledShipmentService stalled = new StalledShipmentService(gatherer, partitions, remote, stores,
                cfg.stallLimits(), partitionsPerTopic.get(Topics.SHIPMENTS.name()), Clock.systemUTC());
        // The meet store is built by the tasks of the LOI identity, which read the LOIs repartitioned by loiId.
        MeetService meets = new MeetService(new ClusterLois(gatherer, partitions, remote, loiIdPartitions),
                stores::districts, cfg.followUp(), Clock.systemUTC());
        LiveTopics live = push(new LiveTopics(StreamsSettings.readThroughConsumer(bootstrapServers, connections.kafka()),
                serdes.value(Topics.SHIPMENT_ALERTS).deserializer())).start();
        WebServices web = new WebServices(new OverviewService(stores::districts, stores::product, measures, Clock.systemUTC()),
                new OperationsService(streams, cfg.advertisedHost() + ":" + httpPort, stalled, live), live);
        http = push(new HttpApi(ingest, cfg.maxIngestBodyBytes(), new DistrictService(stores, measures),
                new ListingService(stores::districts, stores::products),
                new RankingHandler(new RankingService(stores, measures), stores),
                new TradeService(stores::districts, stores::product, org.odop.pulse.domain.HsChapters::name, measures), stalled, meets, partitions, metrics::scrape,
                new Readiness(streams, stores), accessControl(cfg, clusterSecret),
                new org.odop.pulse.http.HttpMetrics(metrics.registry()), web).tls(connections.tls())
                .start(cfg.httpBindAddress(), httpPort));
        log.info("odop-pulse up: {}://127.0.0.1:{}  kafka {} ({})  schema registry {}", connections.tls() == null ? "http" : "https",
                http.port(), bootstrapServers, connections.kafka().securityDescription(),
                RestSchemaRegistryClient.redact(schemaRegistryUrl));
    }

    private static ClusterSecret clusterSecret(PulseConfig cfg) throws java.io.IOException {
        boolean generated = !Files.exists(cfg.clusterSecretFile());
        ClusterSecret secret = ClusterSecret.loadOrCreate(cfg.clusterSecretFile(), Clock.systemUTC());
        if (generated && !cfg.embeddedKafka()) {
            log.warn("Generated a new cluster secret in {}: every instance of the application must use the same secret"
                    + " (copy the file and pass --cluster-secret-file) or they cannot ask each other", cfg.clusterSecretFile());
        }
        return secret;
    }

    private AccessControl accessControl(PulseConfig cfg, ClusterSecret clusterSecret) throws java.io.IOException {
        if (cfg.embeddedKafka()) writeAdminKeyOnFirstStart(cfg);
        ApiKeys keys = push(new ApiKeys(cfg.keysFile()).watch());
        if (!KeyFile.hasValidKeys(cfg.keysFile())) {
            log.warn("No valid API key in {}: add one with 'odop-pulse keys add --name NAME --role ROLE --keys-file {}'",
                    cfg.keysFile(), cfg.keysFile());
        }
        PulseConfig.Security s = cfg.security();
        return new AccessControl(keys, clusterSecret, s.publicRead(), s.publicMetrics(),
                new FailureLimiter(s.maxFailuresPerMinute(), Clock.systemUTC()));
    }

    /**
     * The embedded default's first start: an admin key in {@code <state-dir>/admin.key} (mode 0600), unless that file
     * exists or the keys file has keys already. Its place is logged, never the key.
     */
    private void writeAdminKeyOnFirstStart(PulseConfig cfg) throws java.io.IOException {
        Path adminKeyFile = cfg.adminKeyFile();
        if (Files.exists(adminKeyFile) || KeyFile.hasValidKeys(cfg.keysFile())) return;
        String key = KeyFile.add(cfg.keysFile(), "admin", Role.ADMIN, Clock.systemUTC());
        SecretFiles.write(adminKeyFile, (key + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        log.info("First start: an admin API key is in {} (readable only by you); call the API with"
                + " -H \"Authorization: Bearer $(cat {})\"", adminKeyFile, adminKeyFile);
    }

    /** Starts everything; on failure stops what had started and rethrows. */
    public static PulseApplication start(PulseConfig cfg) throws Exception {
        PulseApplication app = new PulseApplication();
        try {
            app.startAll(cfg);
            return app;
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    /**
     * Stops start-up with a clear message when the application's loiId repartition topics exist with another partition
     * count than {@link Topics#loiIdPartitions} gives now (event topics of unequal counts under an earlier version, or
     * partitions added to one since): Kafka Streams would refuse them and retry for ever, and the LOI state already
     * placed by the old count would not meet records routed by the new one.
     */
    private static void requireLoiIdRepartitions(Admin admin, String applicationId, int expected,
                                                 Map<String, Integer> topicPartitions) throws Exception {
        Map<String, Integer> wrong = new java.util.TreeMap<>();
        for (var e : admin.describeTopics(PulseTopology.loiIdRepartitionTopics(applicationId)).topicNameValues().entrySet()) {
            try {
                int n = e.getValue().get().partitions().size();
                if (n != expected) wrong.put(e.getKey(), n);
            } catch (java.util.concurrent.ExecutionException ex) {
                if (!(ex.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) throw ex;
            }
        }
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("Internal topics " + wrong + " exist with other partition counts than the "
                    + expected + " this version uses (the larger of " + Topics.LOIS.name() + " with "
                    + topicPartitions.get(Topics.LOIS.name()) + " and " + Topics.SHIPMENTS.name() + " with "
                    + topicPartitions.get(Topics.SHIPMENTS.name()) + "), so that every LOI meets its exports. LOIs and "
                    + "exports routed by the old counts were not followed up together. Stop every instance, reset the "
                    + "application (kafka-streams-application-reset --application-id " + applicationId + " --input-topics "
                    + Topics.LOIS.name() + "," + Topics.SHIPMENTS.name() + "," + Topics.ORDERS.name()
                    + ", and remove each instance's state directory) and start again to reprocess; or give the two topics "
                    + "equal partition counts as before");
        }
    }

    private <T extends AutoCloseable> T push(T resource) {
        toClose.push(resource);
        return resource;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Admin client settings for this instance's cluster, with its --kafka-config. */
    public java.util.Properties adminConfig() {
        return kafkaConfig.admin(bootstrapServers);
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    public int httpPort() {
        return http.port();
    }

    /**
     * The admin key the embedded default wrote to {@code <state-dir>/admin.key} on its first start, or null when there
     * is none (cluster mode, or the file was removed).
     */
    public String adminKey() {
        try {
            return Files.exists(adminKeyFile) ? Files.readString(adminKeyFile).trim() : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every route of the HTTP API and who may call it. */
    public java.util.List<HttpApi.Route> routes() {
        return http.routes();
    }

    /** Where the admin key of the embedded default is. */
    public Path adminKeyFile() {
        return adminKeyFile;
    }

    /** Validates and produces users' records; rejections count in this instance's dead-letter metric. */
    public IngestService ingestService() {
        return ingest;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public synchronized void close() {
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                log.warn("Error while stopping: {}", e.toString());
            }
        }
        closed.countDown();
    }
}
