package org.odop.pulse.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {
    /** A clock the test moves. */
    private static final class Manual extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    @DisplayName("after 20 failures in a minute an address waits for the window's end; other addresses do not")
    void limits() {
        Manual clock = new Manual();
        FailureLimiter limiter = new FailureLimiter(FailureLimiter.DEFAULT_MAX_FAILURES, clock);
        for (int i = 0; i < 19; i++) limiter.failed("10.0.0.1");
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isZero();
        limiter.failed("10.0.0.1");
        clock.now = clock.now.plusSeconds(15);
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isEqualTo(45);
        assertThat(limiter.retryAfterSeconds("10.0.0.2")).isZero();
        clock.now = clock.now.plus(Duration.ofSeconds(45));
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isZero();
        limiter.failed("10.0.0.1"); // a new window
        assertThat(limiter.retryAfterSeconds("10.0.0.1")).isZero();
    }
}
