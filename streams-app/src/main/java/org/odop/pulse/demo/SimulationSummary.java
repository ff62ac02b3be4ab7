package org.odop.pulse.demo;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterReason;

/**
 * What a simulation sent and what ingest made of it.
 *
 * @param options       the generator's options, so the same lines can be made again
 * @param sentByTwist   lines sent, by what is unusual about them
 * @param rejected      lines ingest rejected (and parked on the dead-letter topic), by reason
 * @param stoppedEarly  true when stopped before the generator ran out
 */
public record SimulationSummary(DemoOptions options, long sent, long accepted, Map<DeadLetterReason, Long> rejected,
                                Map<Twist, Long> sentByTwist, Duration elapsed, boolean stoppedEarly) {

    public long rejectedCount() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long sent(Twist twist) {
        return sentByTwist.getOrDefault(twist, 0L);
    }

    /** A few lines for a terminal. */
    public String describe() {
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        StringBuilder sb = new StringBuilder(String.format(
                "Sent %,d events in %.1f s (%.1f/s)%s: %,d accepted, %,d rejected and parked on %s%n",
                sent, seconds, sent / seconds, stoppedEarly ? ", stopped early" : "", accepted, rejectedCount(),
                Topics.DEAD_LETTER));
        if (!rejected.isEmpty()) {
            sb.append("  rejected by reason: ").append(rejected.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        }
        sb.append(String.format("  among the accepted: %,d exact duplicates (same eventId), %,d late events, "
                        + "%,d out-of-order shipment stages, %,d for district %s (unknown to the reference data)%n",
                sent(Twist.DUPLICATE), sent(Twist.LATE), sent(Twist.OUT_OF_ORDER), sent(Twist.UNKNOWN_DISTRICT),
                Catalog.UNKNOWN_DISTRICT));
        sb.append(String.format("  seed %d (--seed %d makes the same data again)", options.seed(), options.seed()));
        return sb.toString();
    }
}
