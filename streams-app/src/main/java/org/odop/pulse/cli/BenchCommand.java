package org.odop.pulse.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.odop.pulse.bench.Bench;
import org.odop.pulse.bench.BenchOptions;
import org.odop.pulse.bench.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures odop-pulse against this machine's own ceiling (issue 13).",
                "Produces N mixed events (untimed). Ceiling: a plain consumer reads and Avro-decodes",
                "them. Pipeline: a fresh application id with the production configuration processes",
                "them until every input offset is committed. Then produce-to-visible latency on the",
                "REST API at a steady --rate, HTTP ingest lines/s, heap after GC and RSS at the end.",
                "Without --bootstrap-servers it runs its own broker and registry on free loopback",
                "ports in a temporary directory, deleted afterwards. It measures; it never fails on a",
                "figure. Prints a table, then as its last line:",
                "  bench events=N ceiling_eps=X pipeline_eps=Y ratio=R p50_ms=A p99_ms=B",
                "        ingest_lps=I heap_mb=H rss_mb=M   (all on one line)"})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", description = "Events in the backlog (default ${DEFAULT-VALUE}).")
    long events = BenchOptions.DEFAULT_EVENTS;

    @Option(names = "--rate", description = "Events/s during the latency phase (default ${DEFAULT-VALUE}).")
    double rate = BenchOptions.DEFAULT_RATE;

    @Option(names = "--latency-seconds",
            description = "How long the latency phase runs at --rate (default ${DEFAULT-VALUE}).")
    int latencySeconds = BenchOptions.DEFAULT_LATENCY_SECONDS;

    @Option(names = "--ingest-lines", description = "Lines posted to HTTP ingest (default: --events, at most 500000).")
    Long ingestLines;

    @Option(names = "--ingest-clients", defaultValue = "4", description = "Concurrent HTTP ingest clients (default ${DEFAULT-VALUE}).")
    int ingestClients;

    @Option(names = "--ingest-body-lines", defaultValue = "5000",
            description = "NDJSON lines per ingest request (default ${DEFAULT-VALUE}).")
    int ingestBodyLines;

    @Option(names = "--instances", description = "odop-pulse instances sharing the pipeline's work, each with its own "
            + "state directory and HTTP port, in this process (default ${DEFAULT-VALUE}).")
    int instances = BenchOptions.DEFAULT_INSTANCES;

    @Option(names = "--seed", description = "Seed of the generated data (default ${DEFAULT-VALUE}).")
    long seed = BenchOptions.DEFAULT_SEED;

    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of an embedded broker (records already in its event topics are read too).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "The cluster's schema registry (with --bootstrap-servers).")
    String schemaRegistryUrl;

    @Option(names = "--work-dir", description = "Where the run's temporary directory is made (default: the system's temporary directory).")
    Path workDir;

    @Option(names = "--no-progress", description = "No progress bars.")
    boolean noProgress;

    /** With --bootstrap-servers: a secured cluster's Kafka client settings and registry credentials. */
    @picocli.CommandLine.Mixin
    SecuredClientOptions secured = new SecuredClientOptions();

    private BenchReport report;

    @Override
    public Integer call() throws Exception {
        BenchOptions options;
        try {
            options = new BenchOptions(events, rate, latencySeconds,
                    ingestLines != null ? ingestLines : Math.min(events, 500_000), ingestClients, ingestBodyLines,
                    bootstrapServers, schemaRegistryUrl,
                    workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir")), seed, !noProgress,
                    new org.odop.pulse.runtime.Connections(secured.kafka(), secured.registryAccess(), null), instances);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        report = new Bench(options, System.err).run();
        System.out.println();
        report.table().forEach(System.out::println);
        System.out.println();
        System.out.println(report.lastLine());
        System.out.flush();
        return 0;
    }

    /** The last run's report (for tests running the command in-process); null before a run. */
    public BenchReport report() {
        return report;
    }
}
