package org.odop.pulse.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.demo.DemoOptions;
import org.odop.pulse.demo.SimulationSummary;
import org.odop.pulse.demo.Simulator;
import org.odop.pulse.ingest.IngestService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Produces a realistic, seeded demo stream of LOIs, shipments and orders",
                "through ingest, with a few duplicates, late events, invalid lines (parked",
                "on the dead-letter topic) and events for an unknown district (JK-NOWHERE).",
                "Live: event times around now, for --duration. --backfill: the historical",
                "data set from FY2022-23 to now (with the Srinagar meet of 2022-07-30),",
                "as fast as possible."})
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "20", description = "Events per second, live (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "1m", converter = DurationConverter.class,
            description = "How long to run live: 30s, 2m, 1h or PT2M (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--seed", description = "Seed of the data; the same seed makes the same data (default: random, "
            + "or " + DemoOptions.BACKFILL_SEED + " for --backfill).")
    Long seed;

    @Option(names = "--backfill", description = "Send the historical data set as fast as possible instead of a live stream.")
    boolean backfill;

    @Option(names = "--events", defaultValue = "20000", description = "About how many events --backfill sends (default ${DEFAULT-VALUE}).")
    long events;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws InterruptedException {
        if (!(rate > 0) || events <= 0) {
            System.err.println("--rate and --events must be greater than zero.");
            return 2;
        }
        long s = seed != null ? seed : backfill ? DemoOptions.BACKFILL_SEED : new SplittableRandom().nextLong();
        CountDownLatch finished = new CountDownLatch(1);
        try (var producer = new KafkaProducer<byte[], byte[]>(cluster.producer())) {
            IngestService ingest = new IngestService(producer,
                    new PulseSerdes(cluster.registry()), DeadLetterCounter.NONE);
            Simulator simulator = new Simulator(ingest, Clock.systemUTC());
            // Ctrl-C ends the run after the lines already due, and the summary still prints.
            Thread hook = new Thread(() -> {
                simulator.stop();
                try {
                    finished.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "odop-pulse-simulate-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            SimulationSummary summary;
            if (backfill) {
                System.out.printf("Sending the historical data set (about %,d events, FY2022-23 to now, seed %d) to %s%n",
                        events, s, cluster.bootstrapServers);
                summary = simulator.backfill(s, events);
            } else {
                System.out.printf("Sending about %s events/s for %s (seed %d) to %s%n", rate, duration, s,
                        cluster.bootstrapServers);
                summary = simulator.live(s, rate, duration, DemoOptions.liveDay(duration));
            }
            System.out.println(summary.describe());
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for the latch below
            }
        } finally {
            finished.countDown();
        }
        return 0;
    }
}
