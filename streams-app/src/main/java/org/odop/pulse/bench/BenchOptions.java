package org.odop.pulse.bench;

import java.nio.file.Path;

/**
 * What one benchmark run does.
 *
 * @param events            events produced (untimed) before the ceiling and pipeline phases
 * @param rate              events per second during the latency phase
 * @param latencySeconds    how long the steady load runs while probes measure produce-to-visible latency
 * @param ingestLines       lines posted to the HTTP ingest endpoints
 * @param ingestClients     concurrent HTTP clients posting them
 * @param ingestBodyLines   lines per ingest request body
 * @param bootstrapServers  an existing cluster, or null for an embedded broker of the run's own
 * @param schemaRegistryUrl the cluster's registry (with bootstrapServers), or null for an embedded one
 * @param workDir           where the run's temporary directory is made (deleted afterwards)
 * @param seed              seed of the generated data
 * @param progress          whether to draw progress bars (on standard error)
 * @param connections       Kafka client settings and registry credentials of an existing cluster (NONE: none)
 * @param instances         odop-pulse instances sharing the pipeline's application id (and so its partitions)
 */
public record BenchOptions(long events, double rate, int latencySeconds, long ingestLines, int ingestClients,
                           int ingestBodyLines, String bootstrapServers, String schemaRegistryUrl, Path workDir,
                           long seed, boolean progress, org.odop.pulse.runtime.Connections connections,
                           int instances) {
    public static final long DEFAULT_EVENTS = 2_000_000;
    public static final double DEFAULT_RATE = 20_000;
    public static final int DEFAULT_LATENCY_SECONDS = 60;
    public static final long DEFAULT_SEED = 20250113L;
    public static final int DEFAULT_INSTANCES = 1;

    public BenchOptions {
        if (events < 1) throw new IllegalArgumentException("--events must be at least 1, got " + events);
        if (!(rate > 0)) throw new IllegalArgumentException("--rate must be greater than zero, got " + rate);
        if (latencySeconds < 1) throw new IllegalArgumentException("--latency-seconds must be at least 1, got " + latencySeconds);
        if (ingestLines < 1) throw new IllegalArgumentException("--ingest-lines must be at least 1, got " + ingestLines);
        if (ingestClients < 1) throw new IllegalArgumentException("--ingest-clients must be at least 1, got " + ingestClients);
        if (ingestBodyLines < 1) throw new IllegalArgumentException("--ingest-body-lines must be at least 1, got " + ingestBodyLines);
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new IllegalArgumentException("--bootstrap-servers and --schema-registry-url go together: "
                    + "the embedded registry runs only with the embedded broker");
        }
        if (instances < 1) throw new IllegalArgumentException("--instances must be at least 1, got " + instances);
        if (workDir == null) throw new IllegalArgumentException("workDir is required");
        connections = connections == null ? org.odop.pulse.runtime.Connections.NONE : connections;
    }

    public boolean embedded() {
        return bootstrapServers == null;
    }
}
