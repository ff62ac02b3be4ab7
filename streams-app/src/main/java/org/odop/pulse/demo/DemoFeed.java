package org.odop.pulse.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.odop.pulse.config.Topics;
import org.odop.pulse.ingest.IngestService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed behind {@code run --demo}: in a background thread, the historical data set (FY2022-23 up to
 * now, with the Jammu and Srinagar meets) when the event topics are still empty, so a restart on the
 * same state directory does not send it twice; then a live trickle of a few events a second until closed.
 */
public final class DemoFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);
    private static final Duration FOREVER = Duration.ofDays(3_650);

    /**
     * @param liveDay how long a day of shipping and returns lasts in the live trickle
     */
    public record Settings(long backfillEvents, double liveRate, Duration liveDay) {
        public static final Settings DEFAULTS = new Settings(20_000, 3, Duration.ofSeconds(30));
    }

    private final Simulator simulator;
    private final Thread thread;
    private volatile SimulationSummary backfill;
    private volatile boolean backfillDone;
    private volatile boolean stopping;

    private DemoFeed(IngestService ingest, java.util.Properties adminConfig, Clock clock, Settings settings) {
        this.simulator = new Simulator(ingest, clock);
        this.thread = new Thread(() -> feed(adminConfig, settings), "odop-pulse-demo");
        thread.setDaemon(true);
    }

    public static DemoFeed start(IngestService ingest, String bootstrapServers, Clock clock, Settings settings) {
        return start(ingest, org.odop.pulse.runtime.KafkaClientConfig.NONE.admin(bootstrapServers), clock, settings);
    }

    /** @param adminConfig how to reach the cluster (bootstrap servers, and a secured cluster's settings) */
    public static DemoFeed start(IngestService ingest, java.util.Properties adminConfig, Clock clock, Settings settings) {
        DemoFeed feed = new DemoFeed(ingest, adminConfig, clock, settings);
        feed.thread.start();
        return feed;
    }

    private void feed(java.util.Properties adminConfig, Settings settings) {
        try {
            if (eventTopicsEmpty(adminConfig)) {
                log.info("Demo: sending the historical data set (about {} events from FY2022-23 on)", settings.backfillEvents());
                backfill = simulator.backfill(DemoOptions.BACKFILL_SEED, settings.backfillEvents());
                log.info("Demo backfill done. {}", backfill.describe());
            } else {
                log.info("Demo: the event topics already hold data; no historical backfill this time");
            }
            backfillDone = true;
            long seed = new SplittableRandom().nextLong(); // a new seed each start: live eventIds must not repeat
            log.info("Demo: live trickle of about {} events/s (seed {})", settings.liveRate(), seed);
            SimulationSummary live = simulator.live(seed, settings.liveRate(), FOREVER, settings.liveDay());
            log.info("Demo feed stopped. {}", live.describe());
        } catch (RuntimeException e) {
            // Closing the application closes the producer under a running feed; only other failures matter.
            if (!stopping) log.error("Demo feed failed", e);
        }
    }

    /** True once the historical part is over (sent or skipped) and the live trickle runs. */
    public boolean live() {
        return backfillDone && thread.isAlive();
    }

    /** The backfill's summary, empty when it was skipped or has not finished. */
    public Optional<SimulationSummary> backfillSummary() {
        return Optional.ofNullable(backfill);
    }

    public boolean running() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        stopping = true;
        simulator.stop();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean eventTopicsEmpty(java.util.Properties adminConfig) {
        try (Admin admin = Admin.create(adminConfig)) {
            var names = java.util.List.of(Topics.LOIS.name(), Topics.SHIPMENTS.name(), Topics.ORDERS.name());
            var partitions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS).values().stream()
                    .allMatch(info -> info.offset() == 0);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot tell whether the event topics hold data", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
