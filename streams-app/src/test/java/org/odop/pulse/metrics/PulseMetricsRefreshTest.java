package org.odop.pulse.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Kafka metrics look-up runs when /metrics is scraped, not on a timer. */
class PulseMetricsRefreshTest {

    @Test
    void thePeriodicTaskIsKeptNotScheduledAndRunsAtMostOncePerInterval() throws Exception {
        PulseMetrics.OnDemand scheduler = new PulseMetrics.OnDemand();
        try {
            AtomicInteger runs = new AtomicInteger();
            var future = scheduler.scheduleAtFixedRate(runs::incrementAndGet, 1, 1, TimeUnit.MILLISECONDS);
            assertThat(future.isDone()).isFalse();
            // Nothing runs by itself: the next scheduled run is a year away.
            assertThat(future.getDelay(TimeUnit.DAYS)).isGreaterThan(300);
            assertThat(runs).hasValue(0);

            scheduler.runIfDue(Duration.ofHours(1)).get(10, TimeUnit.SECONDS);
            scheduler.runIfDue(Duration.ofHours(1)).get(10, TimeUnit.SECONDS);
            assertThat(runs).hasValue(1);
            scheduler.runIfDue(Duration.ZERO).get(10, TimeUnit.SECONDS);
            assertThat(runs).hasValue(2);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
