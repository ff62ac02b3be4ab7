package org.odop.pulse.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Counts failed authentication attempts per client address in fixed windows: once an address has failed
 * {@code maxFailures} times in a window, it is refused until the window ends, without any key being checked.
 * The windows are kept in a Caffeine cache bounded to {@link #MAX_ADDRESSES} addresses (evicting those least likely
 * to be needed, so a flood of new addresses cannot flush the ones being limited) and expiring a window after it ends.
 */
public final class FailureLimiter {
    public static final int DEFAULT_MAX_FAILURES = 20;
    public static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 100_000;

    private record Window(long startMillis, int failures) {}

    private final int maxFailures;
    private final Clock clock;
    private final Map<String, Window> windows;

    public FailureLimiter(int maxFailures, Clock clock) {
        if (maxFailures < 1) throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
        this.maxFailures = maxFailures;
        this.clock = clock;
        Cache<String, Window> cache = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES).expireAfterWrite(WINDOW)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
        this.windows = cache.asMap();
    }

    /** Seconds until {@code address} may try again (at least 1), or 0 when it may try now. */
    public long retryAfterSeconds(String address) {
        Window w = windows.get(address);
        long now = clock.millis();
        if (w == null || now - w.startMillis() >= WINDOW.toMillis() || w.failures() < maxFailures) return 0;
        return Math.max(1, (w.startMillis() + WINDOW.toMillis() - now + 999) / 1000);
    }

    public void failed(String address) {
        long now = clock.millis();
        windows.compute(address, (a, w) -> w == null || now - w.startMillis() >= WINDOW.toMillis()
                ? new Window(now, 1) : new Window(w.startMillis(), w.failures() + 1));
    }
}
