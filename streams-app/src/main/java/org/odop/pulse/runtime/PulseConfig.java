package org.odop.pulse.runtime;

import java.nio.file.Path;
import java.time.Duration;
import org.odop.pulse.topology.shipment.StallLimits;

/**
 * How one instance runs. With no bootstrap servers it is the embedded default: a Kafka broker and a
 * schema registry start in-process under the state directory.
 *
 * @param bootstrapServers  existing Kafka cluster, or null for the embedded default
 * @param schemaRegistryUrl existing registry, or null for the embedded stand-in
 * @param dedupRetention    how long event ids are remembered to drop repeated deliveries (at least 30 days)
 * @param httpBindAddress   where the HTTP API listens: loopback, except inside a container or pod
 * @param advertisedHost    how other instances reach this one (its application.server host)
 * @param maxStandbyLag     a standby replica answers during a rebalance only while at most this many records behind
 * @param stallLimits       how long a shipment may sit at each stage
 * @param stallCheckEvery   how often (wall clock) open shipments are checked against those limits
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
        long maxIngestBodyBytes,
        boolean seedReferenceData,
        Duration dedupRetention,
        String httpBindAddress,
        String advertisedHost,
        long maxStandbyLag,
        StallLimits stallLimits,
        Duration stallCheckEvery) {

    public static final String DEFAULT_APPLICATION_ID = "odop-pulse";

    public static PulseConfig embeddedDefaults(Path stateDir) {
        return new PulseConfig(DEFAULT_APPLICATION_ID, null, null, stateDir, 8080, 9092, 8081, 6, 1,
                64L * 1024 * 1024, true, Duration.ofDays(30), "127.0.0.1", "127.0.0.1", 10_000,
                StallLimits.defaults(), Duration.ofSeconds(30));
    }

    public boolean embeddedKafka() {
        return bootstrapServers == null;
    }

    public boolean embeddedRegistry() {
        return schemaRegistryUrl == null;
    }

    public PulseConfig withPorts(int http, int kafka, int registry) {
        return new PulseConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, http, kafka, registry,
                eventPartitions, standbyReplicas, maxIngestBodyBytes, seedReferenceData, dedupRetention,
                httpBindAddress, advertisedHost, maxStandbyLag, stallLimits, stallCheckEvery);
    }

    /** A further instance joining the same application on a cluster. */
    public PulseConfig asInstance(String bootstrap, String registryUrl, Path stateDir, int httpPort) {
        return new PulseConfig(applicationId, bootstrap, registryUrl, stateDir, httpPort, kafkaPort, registryPort,
                eventPartitions, standbyReplicas, maxIngestBodyBytes, false, dedupRetention,
                httpBindAddress, advertisedHost, maxStandbyLag, stallLimits, stallCheckEvery);
    }

    public PulseConfig withStallLimits(StallLimits limits, Duration checkEvery) {
        return new PulseConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, httpPort, kafkaPort,
                registryPort, eventPartitions, standbyReplicas, maxIngestBodyBytes, seedReferenceData, dedupRetention,
                httpBindAddress, advertisedHost, maxStandbyLag, limits, checkEvery);
    }

    public PulseConfig withCluster(String bootstrap, String registryUrl) {
        return new PulseConfig(applicationId, bootstrap, registryUrl, stateDir, httpPort, kafkaPort, registryPort,
                eventPartitions, standbyReplicas, maxIngestBodyBytes, seedReferenceData, dedupRetention,
                httpBindAddress, advertisedHost, maxStandbyLag, stallLimits, stallCheckEvery);
    }
}
