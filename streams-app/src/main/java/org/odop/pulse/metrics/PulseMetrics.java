package org.odop.pulse.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.odop.pulse.avro.LoiAlertType;
import org.odop.pulse.avro.ShipmentAlertType;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.deadletter.DeadLetterReason;

/** The Prometheus registry: JVM, Kafka Streams, dead letters, and business gauges refreshed at each scrape. */
public final class PulseMetrics implements DeadLetterCounter, AutoCloseable {

    /** How often the Kafka Streams binder looks for metrics created since (new tasks, new stores). */
    static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(10);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Runnable> beforeScrape = new ArrayList<>();
    private final List<AutoCloseable> binders = new ArrayList<>();
    private OnDemand kafkaMetricsRefresh;

    public PulseMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (ShipmentAlertType t : ShipmentAlertType.values()) alertCounter(t);
        for (LoiAlertType t : LoiAlertType.values()) loiAlertCounter(t);
        loiCorrections();
    }

    public void bindStreams(KafkaStreams streams) {
        io.micrometer.core.instrument.Gauge.builder("odop.streams.running", streams,
                        s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while this instance's Kafka Streams is RUNNING, else 0 (starting, rebalancing, failed)")
                .register(registry);
        // Kafka Streams creates metrics as tasks and stores come (start, rebalance). Micrometer looks for new ones on
        // a schedule, and each look that finds the set changed rebinds every one of thousands of metrics: on two cores,
        // under load, that took as much CPU as the stream threads (a JFR profile of the bench). Here a scrape of
        // /metrics starts the look (in the background, at most every KAFKA_METRICS_REFRESH): the next scrape has
        // the new metrics, and an instance nobody scrapes spends nothing on it.
        OnDemand refresh = new OnDemand();
        KafkaStreamsMetrics m = new KafkaStreamsMetrics(streams, Tags.empty(), refresh, KAFKA_METRICS_REFRESH);
        m.bindTo(registry);
        binders.add(m);
        binders.add(refresh::shutdownNow);
        kafkaMetricsRefresh = refresh;
    }

    /**
     * A scheduler that keeps the periodic task Micrometer hands it instead of running it on a timer: {@link #scrape}
     * asks for a run, which happens on this scheduler's own thread (a rebind of thousands of metrics can take
     * seconds on a loaded machine, longer than a scrape may) at most once per interval.
     */
    static final class OnDemand extends java.util.concurrent.ScheduledThreadPoolExecutor {
        private volatile Runnable task = () -> {};
        private long lastRunNanos;
        private boolean ran;

        OnDemand() {
            super(1, r -> {
                Thread t = new Thread(r, "kafka-streams-metrics-refresh");
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                                                                          java.util.concurrent.TimeUnit unit) {
            task = command;
            return super.schedule(() -> {}, 365, java.util.concurrent.TimeUnit.DAYS);
        }

        /** Starts the kept task on this scheduler's thread unless it started within {@code every}; returns at once. */
        synchronized java.util.concurrent.Future<?> runIfDue(Duration every) {
            long now = System.nanoTime();
            if (ran && now - lastRunNanos < every.toNanos()) return java.util.concurrent.CompletableFuture.completedFuture(null);
            ran = true;
            lastRunNanos = now;
            return submit(task);
        }
    }

    /** Registers a refresh (e.g. business gauges from the stores) run before every scrape. */
    public void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void increment(String source, DeadLetterReason reason) {
        Counter.builder("odop.dead.letter.records")
                .description("Records parked on the dead-letter topic, by where they came from and why")
                .tag("source", source).tag("reason", reason.name())
                .register(registry).increment();
    }

    /** Counts alerts emitted (STALLED, RESOLVED); both series exist from the start so increase() sees the first. */
    public void shipmentAlert(ShipmentAlertType type) {
        alertCounter(type).increment();
    }

    private Counter alertCounter(ShipmentAlertType type) {
        return Counter.builder("odop.shipment.alerts")
                .description("Stalled-shipment alerts emitted, by type (STALLED, RESOLVED)")
                .tag("type", type.name()).register(registry);
    }

    /** Counts LOI corrections: a second event for a loiId with other content. */
    public void loiCorrection() {
        loiCorrections().increment();
    }

    private Counter loiCorrections() {
        return Counter.builder("odop.loi.corrections").description("LOIs corrected: an event for a known loiId with other content")
                .register(registry);
    }

    private Counter loiAlertCounter(LoiAlertType type) {
        return Counter.builder("odop.loi.alerts").description("LOI follow-up alerts emitted, by type (LOI_FOLLOW_UP_DUE, FOLLOWED_UP)")
                .tag("type", type.name()).register(registry);
    }

    /** Counts LOI follow-up alerts emitted (LOI_FOLLOW_UP_DUE, FOLLOWED_UP). */
    public void loiAlert(LoiAlertType type) {
        loiAlertCounter(type).increment();
    }

    public synchronized String scrape() {
        if (kafkaMetricsRefresh != null) kafkaMetricsRefresh.runIfDue(KAFKA_METRICS_REFRESH);
        for (Runnable r : beforeScrape) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // Stores not queryable (starting, rebalancing): keep the last values rather than fail the scrape.
                org.slf4j.LoggerFactory.getLogger(PulseMetrics.class).debug("gauge refresh skipped: {}", e.getMessage());
            }
        }
        return registry.scrape();
    }

    @Override
    public void close() {
        for (AutoCloseable b : binders) {
            try {
                b.close();
            } catch (Exception ignored) {
                // closing at shutdown: nothing left to report to
            }
        }
        registry.close();
    }
}
