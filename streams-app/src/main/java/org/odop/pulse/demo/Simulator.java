package org.odop.pulse.demo;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.ingest.IngestResult;
import org.odop.pulse.ingest.IngestService;
import org.odop.pulse.ingest.InputFormat;
import org.odop.pulse.ingest.LineReader;
import org.odop.pulse.ingest.RecordType;

/**
 * Sends the demo stream through {@link IngestService}, exactly as users' files go, so bad lines are
 * rejected and parked on the dead-letter topic. Either live (each line when the clock reaches its
 * arrival time, event times around now) or as fast as possible (the historical data set).
 */
public final class Simulator {
    public enum Pacing { LIVE, AS_FAST_AS_POSSIBLE }

    /** Lines per ingest call: big enough for throughput, small enough to keep a live feed prompt. */
    private static final int BATCH = 2_000;
    private static final long MAX_WAIT_SLICE_MS = 200;

    private final IngestService ingest;
    private final Clock clock;
    private volatile boolean stopped;

    public Simulator(IngestService ingest, Clock clock) {
        this.ingest = ingest;
        this.clock = clock;
    }

    /** The historical data set from FY2022-23 up to now, about {@code events} lines, as fast as possible. */
    public SimulationSummary backfill(long seed, long events) {
        return run(DemoOptions.backfill(seed, clock.instant(), events), Pacing.AS_FAST_AS_POSSIBLE);
    }

    /** About {@code ratePerSecond} events a second for {@code duration}, stamped with the time they are sent. */
    public SimulationSummary live(long seed, double ratePerSecond, Duration duration, Duration day) {
        return run(DemoOptions.live(seed, clock.instant(), duration, ratePerSecond, day), Pacing.LIVE);
    }

    /** Generates and sends until the generator runs out or {@link #stop()} is called. */
    public SimulationSummary run(DemoOptions options, Pacing pacing) {
        Instant began = clock.instant();
        Tally tally = new Tally();
        List<GeneratedLine> batch = new ArrayList<>(BATCH);
        Iterator<GeneratedLine> lines = new DemoDataGenerator(options).iterator();
        while (!stopped && lines.hasNext()) {
            GeneratedLine line = lines.next();
            if (pacing == Pacing.LIVE && line.arrivesAt().isAfter(clock.instant())) {
                send(batch, tally); // what is due goes out before we wait
                if (!waitUntil(line.arrivesAt())) break;
            }
            batch.add(line);
            if (batch.size() >= BATCH) send(batch, tally);
        }
        send(batch, tally);
        return new SimulationSummary(options, tally.sent, tally.accepted, tally.rejected, tally.byTwist,
                Duration.between(began, clock.instant()), stopped);
    }

    /** Ends a running simulation after the lines already due; safe from any thread. */
    public void stop() {
        stopped = true;
    }

    private boolean waitUntil(Instant due) {
        try {
            long ms;
            while (!stopped && (ms = Duration.between(clock.instant(), due).toMillis()) > 0) {
                Thread.sleep(Math.min(ms, MAX_WAIT_SLICE_MS)); // pacing a live feed, checking for stop
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
        return !stopped;
    }

    /** One ingest call per record type; order is kept within a type, the only order a topic has. */
    private void send(List<GeneratedLine> batch, Tally tally) {
        if (batch.isEmpty()) return;
        Map<RecordType, List<GeneratedLine>> byType = new EnumMap<>(RecordType.class);
        for (GeneratedLine l : batch) byType.computeIfAbsent(l.type(), t -> new ArrayList<>()).add(l);
        byType.forEach((type, lines) -> {
            StringBuilder body = new StringBuilder(lines.size() * 320);
            for (GeneratedLine l : lines) body.append(l.json()).append('\n');
            IngestResult result = ingest.ingest(type,
                    new LineReader(new BufferedReader(new StringReader(body.toString())), InputFormat.NDJSON).start());
            tally.accepted += result.accepted();
            result.rejectedByReason().forEach((reason, n) -> tally.rejected.merge(reason, n, Long::sum));
        });
        for (GeneratedLine l : batch) tally.byTwist.merge(l.twist(), 1L, Long::sum);
        tally.sent += batch.size();
        batch.clear();
    }

    private static final class Tally {
        long sent, accepted;
        final Map<DeadLetterReason, Long> rejected = new EnumMap<>(DeadLetterReason.class);
        final Map<Twist, Long> byTwist = new EnumMap<>(Twist.class);
    }
}
