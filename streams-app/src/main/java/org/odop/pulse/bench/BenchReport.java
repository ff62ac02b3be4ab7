package org.odop.pulse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.odop.pulse.config.Topics;
import org.odop.pulse.demo.Twist;

/** Everything one run measured, as a table for people and one line for scripts. */
public record BenchReport(
        BenchOptions options,
        String where,
        String applicationId,
        int cores,
        long maxHeapBytes,
        double loadAtStart,
        double loadAtEnd,
        BacklogProducer.Backlog backlog,
        CeilingReader.Ceiling ceiling,
        PipelineInstance.CatchUp pipeline,
        List<Long> consumedByInstance,
        StateSizes state,
        LatencyRun.Latency latency,
        IngestLoad.Ingest ingest,
        PipelineInstance.CatchUp drain,
        ProcessMemory.Memory memory) {

    private static final double MIB = 1024.0 * 1024.0;

    public long events() {
        return backlog.events();
    }

    public double ceilingEps() {
        return ceiling.eps();
    }

    public double pipelineEps() {
        return pipeline.eps();
    }

    public double ratio() {
        return pipelineEps() / ceilingEps();
    }

    /** True when the pipeline committed every offset of the backlog it was timed on. */
    public boolean backlogFullyCommitted() {
        return pipeline.complete() && pipeline.committed() == pipeline.records() && pipeline.records() == backlog.events();
    }

    /** True when, at the end, every offset of the event topics (backlog, latency load, ingest) was committed. */
    public boolean drained() {
        return drain.complete() && drain.committed() == drain.records();
    }

    public long heapMb() {
        return Math.round(memory.heapUsedBytes() / MIB);
    }

    public long rssMb() {
        return Math.round(memory.rssBytes() / MIB);
    }

    /** The last line of the output, for scripts and for comparing runs. */
    public String lastLine() {
        return String.format(Locale.ROOT,
                "bench events=%d ceiling_eps=%.0f pipeline_eps=%.0f ratio=%.3f p50_ms=%.1f p99_ms=%.1f ingest_lps=%.0f heap_mb=%d rss_mb=%d",
                events(), ceilingEps(), pipelineEps(), ratio(), latency.percentile(50), latency.percentile(99),
                ingest.lps(), heapMb(), rssMb());
    }

    public List<String> table() {
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "odop-pulse bench: %s; %d cores, max heap %,.0f MiB; load average %.1f at start, %.1f at end",
                where, cores, maxHeapBytes / MIB, loadAtStart, loadAtEnd));
        rows.add("");
        String fmt = "  %-30s %-30s %s";
        rows.add(String.format(Locale.ROOT, fmt, "measure", "result", "details"));
        rows.add(String.format(Locale.ROOT, fmt, "-".repeat(30), "-".repeat(30), "-".repeat(60)));
        rows.add(String.format(Locale.ROOT, fmt, "backlog (untimed)", String.format(Locale.ROOT, "%,d events", backlog.events()),
                String.format(Locale.ROOT, "LOIs %,d, shipments %,d, orders %,d; duplicates %,d, late %,d, out of order %,d, invalid %,d; produced in %.1f s",
                        backlog.perTopic().getOrDefault(Topics.LOIS.name(), 0L),
                        backlog.perTopic().getOrDefault(Topics.SHIPMENTS.name(), 0L),
                        backlog.perTopic().getOrDefault(Topics.ORDERS.name(), 0L),
                        backlog.count(Twist.DUPLICATE), backlog.count(Twist.LATE), backlog.count(Twist.OUT_OF_ORDER),
                        backlog.invalid(), seconds(backlog.took()))));
        rows.add(String.format(Locale.ROOT, fmt, "ceiling: plain consumer", eps(ceiling.eps()),
                String.format(Locale.ROOT, "%,d records read and Avro-decoded in %.1f s (%,d not Avro), one KafkaConsumer, no state",
                        ceiling.records(), seconds(ceiling.took()), ceiling.undecodable())));
        rows.add(String.format(Locale.ROOT, fmt, "pipeline: fresh application", eps(pipeline.eps()),
                String.format(Locale.ROOT, "%,d of %,d input records committed in %.1f s from start-up%s; %s, exactly_once_v2",
                        pipeline.committed(), pipeline.records(), seconds(pipeline.took()),
                        pipeline.untilRunning() == null ? "" : String.format(Locale.ROOT,
                                " (RUNNING after %.1f s; %,.0f events/s from then)", seconds(pipeline.untilRunning()),
                                pipeline.epsFromRunning()),
                        applicationId)));
        if (consumedByInstance.size() > 1) {
            long all = consumedByInstance.stream().mapToLong(Long::longValue).sum();
            double secondsFromRunning = pipeline.untilRunning() == null ? seconds(pipeline.took())
                    : seconds(pipeline.took()) - seconds(pipeline.untilRunning());
            for (int i = 0; i < consumedByInstance.size(); i++) {
                long n = consumedByInstance.get(i);
                rows.add(String.format(Locale.ROOT, fmt, "  instance " + (i + 1), String.format(Locale.ROOT, "%,.0f events/s", n / secondsFromRunning),
                        String.format(Locale.ROOT, "%,d event records consumed (%.1f%% of the %,d the instances consumed; "
                                + "a record re-read after a rebalance counts again), over the time from RUNNING", n, 100.0 * n / Math.max(1, all), all)));
            }
        }
        StateSizes.Size all = state.total();
        rows.add(String.format(Locale.ROOT, fmt, "state after the backlog", String.format(Locale.ROOT, "%,d keys, %,.1f MiB",
                all.keys(), (all.sstBytes() + all.memtableBytes()) / MIB), String.format(Locale.ROOT, "RocksDB's own estimates, every store "
                        + "of every task: keys; live SST files %,.1f MiB and memtables %,.1f MiB (memtables reserve whole blocks, so "
                        + "bytes per key are an upper bound until most is flushed):", all.sstBytes() / MIB, all.memtableBytes() / MIB)));
        state.byStore().forEach((store, size) -> {
            if (size.keys() > 0) {
                rows.add(String.format(Locale.ROOT, fmt, "  " + store, String.format(Locale.ROOT, "%,d keys", size.keys()),
                        String.format(Locale.ROOT, "%,.0f bytes per key; SST %,.2f MiB, memtables %,.2f MiB", size.bytesPerKey(),
                                size.sstBytes() / MIB, size.memtableBytes() / MIB)));
            }
        });
        rows.add(String.format(Locale.ROOT, fmt, "ratio pipeline / ceiling", String.format(Locale.ROOT, "%.3f", ratio()), ""));
        rows.add(String.format(Locale.ROOT, fmt, String.format(Locale.ROOT, "latency at %,.0f events/s", options.rate()),
                String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", latency.percentile(50), latency.percentile(99)),
                String.format(Locale.ROOT, "produce to visible on GET /api/v1/districts/{code}: %d of %d probes seen, max %.1f ms; load %,.0f events/s for %.1f s",
                        latency.probesSeen(), latency.probesSent(), latency.percentile(100), latency.loadEps(),
                        seconds(latency.loadTook()))));
        rows.add(String.format(Locale.ROOT, fmt, "HTTP ingest", String.format(Locale.ROOT, "%,.0f lines/s", ingest.lps()),
                String.format(Locale.ROOT, "%,d NDJSON lines in %d requests of up to %,d lines from %d clients in %.1f s: %,d accepted, %,d rejected",
                        ingest.lines(), ingest.requests(), options.ingestBodyLines(), options.ingestClients(),
                        seconds(ingest.took()), ingest.accepted(), ingest.rejected())));
        rows.add(String.format(Locale.ROOT, fmt, "drain", drained() ? "all committed" : "NOT all committed",
                String.format(Locale.ROOT, "%,d of %,d records written after the backlog committed %.1f s after the latency phase",
                        drain.committed(), drain.records(), seconds(drain.took()))));
        rows.add(String.format(Locale.ROOT, fmt, "memory at the end", String.format(Locale.ROOT, "heap %,d MiB, RSS %,d MiB",
                heapMb(), rssMb()), String.format(Locale.ROOT,
                "heap in use after System.gc() (committed %,.0f MiB); VmRSS of the whole process: %s, pipeline and bench",
                memory.heapCommittedBytes() / MIB, where.startsWith("embedded") ? "broker, registry" : "registry client")));
        return rows;
    }

    private static String eps(double eps) {
        return String.format(Locale.ROOT, "%,.0f events/s", eps);
    }

    private static double seconds(java.time.Duration d) {
        return d.toNanos() / 1e9;
    }
}
