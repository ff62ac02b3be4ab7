package org.odop.pulse.topology.common;

import java.time.Duration;

/**
 * How long an event waits for reference data that does not know its district or product yet. Reference
 * data and events travel on different topics, so an event sent right after its product can be read
 * before the product is: such an event is held, re-checked every {@code recheckEvery} (wall clock), counted
 * as soon as the code is known, and parked as UNKNOWN_DISTRICT / UNKNOWN_PRODUCT only once {@code wait} has
 * passed. A wait of zero parks at once.
 */
public record HoldPolicy(Duration maxWait, Duration recheckEvery) {
    public static final String DEFAULT_WAIT_TEXT = "24h";
    public static final Duration DEFAULT_WAIT = Duration.ofHours(24);
    public static final Duration DEFAULT_RECHECK_EVERY = Duration.ofSeconds(1);
    public static final HoldPolicy DEFAULT = new HoldPolicy(DEFAULT_WAIT, DEFAULT_RECHECK_EVERY);
    /** Park unknown codes at once (no holding). */
    public static final HoldPolicy PARK_AT_ONCE = new HoldPolicy(Duration.ZERO, DEFAULT_RECHECK_EVERY);

    public HoldPolicy {
        if (maxWait.isNegative()) throw new IllegalArgumentException("the wait for unknown codes must not be negative: " + maxWait);
        if (recheckEvery.isNegative() || recheckEvery.isZero()) {
            throw new IllegalArgumentException("the re-check interval must be positive: " + recheckEvery);
        }
    }

    public boolean holds() {
        return !maxWait.isZero();
    }
}
