package org.odop.pulse.topology.meet;

import java.time.Duration;
import java.util.function.Consumer;
import org.odop.pulse.avro.LoiAlertType;

/**
 * When an LOI is due for follow-up, how often that is checked, and what is told of corrections and alerts.
 *
 * @param after        an LOI with no linked export this long after it was signed is due (wall clock)
 * @param checkEvery   how often (wall clock) LOIs reaching that limit are looked for
 * @param onCorrection told of every LOI correction (a metric)
 * @param onAlert      told of every alert sent (a metric)
 */
public record FollowUp(Duration after, Duration checkEvery, Runnable onCorrection, Consumer<LoiAlertType> onAlert) {
    public static final Duration DEFAULT_AFTER = Duration.ofDays(90);
    public static final Duration DEFAULT_CHECK_EVERY = Duration.ofSeconds(30);
    public static final FollowUp DEFAULT = new FollowUp(DEFAULT_AFTER, DEFAULT_CHECK_EVERY, () -> {}, type -> {});

    /** The same, with LOIs due this long after they were signed. */
    public FollowUp withAfter(Duration after) {
        return new FollowUp(after, checkEvery, onCorrection, onAlert);
    }

    public FollowUp withCounters(Runnable onCorrection, Consumer<LoiAlertType> onAlert) {
        return new FollowUp(after, checkEvery, onCorrection, onAlert);
    }

    public long dueAt(long signedAtMs) {
        return signedAtMs + after.toMillis();
    }
}
