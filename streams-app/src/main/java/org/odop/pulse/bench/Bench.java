package org.odop.pulse.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.kafka.common.TopicPartition;

/**
 * One benchmark run: produce the backlog (untimed), the ceiling (a plain consumer decoding it), the
 * pipeline (a fresh application id with the production configuration processing it until every input
 * offset is committed), HTTP ingest throughput (then its lines processed), latency at a steady rate through the
 * REST API, then a drain (every offset written during the run committed) and the process's memory. Everything it starts
 * it stops, and on the embedded default it deletes its directory.
 */
public final class Bench {
    private final BenchOptions options;
    private final PrintStream log;

    /** @param log where phases are announced (standard error: standard output is for the results) */
    public Bench(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    public BenchReport run() throws Exception {
        var os = ManagementFactory.getOperatingSystemMXBean();
        double loadAtStart = os.getSystemLoadAverage();
        String applicationId = "odop-pulse-bench-" + Long.toString(System.currentTimeMillis(), 36);
        // Ctrl-C in the middle of a run still stops the broker and deletes the run's directory.
        Deque<AutoCloseable> open = new ConcurrentLinkedDeque<>();
        Thread stop = new Thread(() -> closeAll(open), "odop-pulse-bench-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try (BenchCluster cluster = BenchCluster.start(options)) {
            open.push(cluster);
            String where = cluster.embedded()
                    ? "embedded broker " + cluster.bootstrapServers() + " and registry " + cluster.schemaRegistryUrl()
                    : "cluster " + cluster.bootstrapServers() + ", registry " + cluster.schemaRegistryUrl();
            log.printf("bench: %s; state under %s%n", where, cluster.dir());

            log.printf("bench: [1/6] producing %,d events (untimed)%n", options.events());
            var before = Offsets.end(cluster.admin(), BenchCluster.eventTopics());
            var backlog = BacklogProducer.produce(cluster, options.events(), options.seed(), options.progress());
            Map<TopicPartition, Long> end = Offsets.end(cluster.admin(), BenchCluster.eventTopics());
            Map<TopicPartition, Long> beginning = Offsets.beginning(cluster.admin(), BenchCluster.eventTopics());
            if (Offsets.done(before, end, end) != backlog.events()) {
                throw new IllegalStateException("the event topics grew by " + Offsets.done(before, end, end)
                        + " records while " + backlog.events() + " were produced: is something else writing to them?");
            }

            log.println("bench: [2/6] ceiling: a plain consumer reads and decodes the event topics");
            var ceiling = CeilingReader.read(cluster, beginning, end, options.progress());

            log.printf("bench: [3/6] pipeline: application id %s processes the backlog (%d instance%s)%n", applicationId,
                    options.instances(), options.instances() == 1 ? "" : "s");
            List<PipelineInstance> instances = new ArrayList<>();
            try {
                for (int i = 0; i < options.instances(); i++) {
                    PipelineInstance started = PipelineInstance.start(cluster, applicationId, i);
                    instances.add(started);
                    open.push(started);
                }
                PipelineInstance pipeline = instances.get(0);
                var catchUp = PipelineInstance.awaitCommitted(instances, cluster, beginning, end, pipeline.startedNanos(),
                        "Pipeline catching up", options.progress());
                List<Long> split = instances.stream().map(PipelineInstance::eventRecordsConsumed).toList();
                StateSizes state = StateSizes.of(instances.stream().map(PipelineInstance::streamsMetrics).toList());
                if (!catchUp.complete()) {
                    throw new IllegalStateException(String.format("the pipeline stopped committing: %,d of %,d records "
                            + "after %s", catchUp.committed(), catchUp.records(), catchUp.took()));
                }

                // Ingest before the latency phase: measured after it, ingest shared the two cores with the pipeline
                // still working through the latency phase's backlog (a minute at --rate is more than it keeps up with).
                log.printf("bench: [4/6] HTTP ingest: %,d lines from %d clients%n", options.ingestLines(),
                        options.ingestClients());
                var ingest = IngestLoad.run(pipeline.httpPort(), pipeline.apiKey(), options.ingestLines(), options.ingestBodyLines(),
                        options.ingestClients(), options.seed() + 2_000, options.progress());
                // And the latency phase starts with nothing left to do: the ingested lines processed first.
                var afterIngest = Offsets.end(cluster.admin(), BenchCluster.eventTopics());
                PipelineInstance.awaitCommitted(instances, cluster, end, afterIngest, System.nanoTime(),
                        "Pipeline taking in the ingested lines", options.progress());

                log.printf("bench: [5/6] latency: %,.0f events/s for %d s with a probe every %d ms%n", options.rate(),
                        options.latencySeconds(), LatencyRun.PROBE_EVERY.toMillis());
                var latency = new LatencyRun(cluster, pipeline.httpPort(), pipeline.apiKey())
                        .run(options.rate(), options.latencySeconds(), options.seed() + 1_000, options.progress());

                log.println("bench: [6/6] drain: waiting for every offset written during the run to be committed");
                long drainFrom = System.nanoTime();
                var finalEnd = Offsets.end(cluster.admin(), BenchCluster.eventTopics());
                var drain = PipelineInstance.awaitCommitted(instances, cluster, end, finalEnd, drainFrom, "Pipeline draining",
                        options.progress());
                var memory = ProcessMemory.measure();
                return new BenchReport(options, where, applicationId, Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory(), loadAtStart, os.getSystemLoadAverage(), backlog, ceiling,
                        catchUp, split, state, latency, ingest, drain, memory);
            } finally {
                for (PipelineInstance i : instances) {
                    open.remove(i);
                    i.close();
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is stopping everything already
            }
        }
    }

    private static void closeAll(Deque<AutoCloseable> open) {
        AutoCloseable c;
        while ((c = open.poll()) != null) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("bench: error while stopping: " + e);
            }
        }
    }
}
