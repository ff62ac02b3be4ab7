package org.odop.pulse.topology.common;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;

/** Runs the punctuators a processor scheduled on a {@link MockProcessorContext}, chosen by their interval. */
public final class Punctuations {
    private Punctuations() {}

    /** The punctuators scheduled every {@code interval} and not cancelled, oldest first. */
    public static List<CapturedPunctuator> active(MockProcessorContext<?, ?> context, Duration interval) {
        return context.scheduledPunctuators().stream()
                .filter(p -> !p.cancelled() && p.getInterval().equals(interval))
                .toList();
    }

    /** Runs the latest active punctuator scheduled every {@code interval}, at {@code now}. */
    public static void runLatest(MockProcessorContext<?, ?> context, Duration interval, long now) {
        List<CapturedPunctuator> active = active(context, interval);
        if (active.isEmpty()) throw new AssertionError("nothing scheduled every " + interval);
        active.get(active.size() - 1).getPunctuator().punctuate(now);
    }

    /** Runs the index builders until all are done; returns how many rounds that took. */
    public static int buildIndexes(MockProcessorContext<?, ?> context, long now) {
        int rounds = 0;
        while (!active(context, TimeIndex.BUILD_EVERY).isEmpty()) {
            if (++rounds > 1_000) throw new AssertionError("index builders still running after 1,000 rounds");
            active(context, TimeIndex.BUILD_EVERY).forEach(p -> p.getPunctuator().punctuate(now));
        }
        return rounds;
    }
}
