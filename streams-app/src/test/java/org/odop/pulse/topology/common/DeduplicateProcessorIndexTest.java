package org.odop.pulse.topology.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The duplicate-id purge's work, counted on the stores: it reads the ids due to be forgotten and nothing
 * else. A {@link MockProcessorContext} with in-memory stores (no changelog) runs the processor and its punctuator.
 */
class DeduplicateProcessorIndexTest {
    private static final long T = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
    private static final Duration RETENTION = Duration.ofDays(30);
    /** Events are their own ids here. */
    private static final EventFamily<String> FAMILY = new EventFamily<>("test", "test-topic", null, null, v -> v, v -> "D", v -> "P",
            "at", v -> Instant.EPOCH);

    private final MockProcessorContext<String, String> context = new MockProcessorContext<>();
    private final CountingStore seenReads = new CountingStore();
    private final CountingStore indexReads = new CountingStore();
    private final KeyValueStore<String, Long> seen;
    private final KeyValueStore<String, String> index;

    DeduplicateProcessorIndexTest() {
        MockStores stores = new MockStores(context);
        seen = stores.add(FAMILY.eventIdStore(), Serdes.Long(), seenReads);
        index = stores.add(DeduplicateProcessor.indexStore(FAMILY), Serdes.String(), indexReads);
    }

    private DeduplicateProcessor<String> processor(Duration retention) {
        DeduplicateProcessor<String> p = new DeduplicateProcessor<>(FAMILY, retention);
        p.init(context);
        return p;
    }

    private void purge(long now) {
        Punctuations.runLatest(context, DeduplicateProcessor.PURGE_EVERY, now);
    }

    private void resetCounts() {
        seenReads.reset();
        indexReads.reset();
    }

    private static Record<String, String> event(String id) {
        return new Record<>("D", id, 0L);
    }

    @Test
    @DisplayName("with 1,000,000 ids none due, the purge reads no id and no index entry; later only the due ones")
    void millionIdsNoneDue() {
        int n = 1_000_000;
        DeduplicateProcessor<String> p = processor(RETENTION);
        assertThat(Punctuations.buildIndexes(context, T)).as("a new application's empty index: built at once").isEqualTo(1);
        context.setCurrentSystemTimeMs(T);
        p.process(event("old-1"));
        p.process(event("old-2"));
        context.setCurrentSystemTimeMs(T + Duration.ofDays(10).toMillis());
        String fill = Timing.once(() -> {
            for (int i = 0; i < n; i++) {
                p.process(event(Integer.toString(i, 36)));
            }
        });
        assertThat(context.forwarded()).hasSize(n + 2);
        context.resetForwards();
        assertThat(seen.approximateNumEntries()).isEqualTo(n + 2);

        resetCounts();
        String noneDue = Timing.repeat(() -> purge(T + Duration.ofDays(10).plusHours(1).toMillis()), 5);
        assertThat(seenReads.gets + seenReads.scans).as("ids read: " + seenReads).isZero();
        assertThat(indexReads.entriesRead).as("index entries read").isZero();
        assertThat(indexReads.scans).as("one range per purge").isEqualTo(6);
        assertThat(seen.approximateNumEntries()).isEqualTo(n + 2);

        resetCounts();
        String twoDue = Timing.once(() -> purge(T + RETENTION.toMillis() + 1));
        assertThat(seen.get("old-1")).isNull();
        assertThat(seen.get("old-2")).isNull();
        assertThat(seen.get("0")).isNotNull();
        assertThat(seenReads.scans).isZero();
        assertThat(indexReads.entriesRead).isEqualTo(2);
        assertThat(seen.approximateNumEntries()).isEqualTo(n);
        System.out.printf("DeduplicateProcessor with %,d ids: filled in %s; purge with none due: %s; with 2 due: %s%n",
                n, fill, noneDue, twoDue);
    }

    @Test
    @DisplayName("an id is kept for the whole retention, then forgotten, and its next delivery passes again")
    void forgottenAfterRetention() {
        DeduplicateProcessor<String> p = processor(RETENTION);
        context.setCurrentSystemTimeMs(T);
        p.process(event("e1"));
        context.setCurrentSystemTimeMs(T + RETENTION.toMillis());
        p.process(event("e1"));
        assertThat(context.forwarded()).hasSize(1);

        purge(T + RETENTION.toMillis());
        assertThat(seen.get("e1")).isNotNull();
        purge(T + RETENTION.toMillis() + 1);
        assertThat(seen.get("e1")).isNull();

        p.process(event("e1"));
        assertThat(context.forwarded()).hasSize(2);
    }

    @Test
    @DisplayName("a retention shortened between two runs applies to the ids indexed before")
    void changedRetentionApplies() {
        context.setCurrentSystemTimeMs(T);
        processor(RETENTION).process(event("e1"));
        processor(Duration.ofDays(10));
        purge(T + Duration.ofDays(10).toMillis() + 1);
        assertThat(seen.get("e1")).isNull();
    }

    @Test
    @DisplayName("ids from before the index existed are indexed once, soon after start-up, a slice at a time")
    void upgradeIndexesOnceInSlices() {
        int n = 25_000;
        for (int i = 0; i < n; i++) seen.put("id-" + i, T - RETENTION.toMillis() - 1 - i % 2); // all due
        seen.put("kept", T - 1);
        processor(RETENTION);
        purge(T);
        assertThat(seen.approximateNumEntries()).as("not indexed yet: kept a little longer").isEqualTo(n + 1);

        var builder = Punctuations.active(context, TimeIndex.BUILD_EVERY);
        assertThat(builder).hasSize(1);
        resetCounts();
        builder.get(0).getPunctuator().punctuate(T);
        assertThat(seenReads.entriesRead).as("one slice").isEqualTo(10_000);
        assertThat(seenReads.fullScans).isZero();
        assertThat(Punctuations.buildIndexes(context, T)).isEqualTo(2);
        purge(T);
        assertThat(seen.approximateNumEntries()).isEqualTo(1);
        assertThat(keys()).containsExactly(String.format("%019d|kept", T - 1), "~built");

        resetCounts();
        processor(RETENTION);
        assertThat(Punctuations.active(context, TimeIndex.BUILD_EVERY)).as("a restart finds the index built").isEmpty();
        purge(T + 1);
        assertThat(seenReads.scans).isZero();
    }

    private List<String> keys() {
        try (var it = index.all()) {
            List<String> out = new java.util.ArrayList<>();
            it.forEachRemaining(kv -> out.add(kv.key));
            return out;
        }
    }
}
