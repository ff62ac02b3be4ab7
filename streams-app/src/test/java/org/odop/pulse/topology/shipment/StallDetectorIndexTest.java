package org.odop.pulse.topology.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.ShipmentAlert;
import org.odop.pulse.avro.ShipmentAlertType;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.avro.internal.OpenShipment;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.support.TestData;
import org.odop.pulse.topology.common.CountingStore;
import org.odop.pulse.topology.common.MockStores;
import org.odop.pulse.topology.common.Punctuations;
import org.odop.pulse.topology.common.TimeIndex;
import org.odop.pulse.topology.common.Timing;
import org.odop.pulse.topology.reference.ReferenceDataTopology;

/**
 * The stall check's work, counted on the stores: it reads the shipments that are due and nothing else. A
 * {@link MockProcessorContext} with in-memory stores (no changelog) runs the detector and its punctuator.
 */
class StallDetectorIndexTest {
    private static final long NOW = Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
    private static final Duration CHECK_EVERY = Duration.ofSeconds(30);

    /**
     * Avro's own single-object encoding: the application's registry-backed serde costs more per record, which
     * would only slow the filling of a million shipments and make the old full scan look even worse.
     */
    private static final Serde<OpenShipment> OPEN_SERDE = Serdes.serdeFrom(
            (topic, s) -> {
                try {
                    ByteBuffer b = s.toByteBuffer();
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    return bytes;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            },
            (topic, bytes) -> {
                try {
                    return OpenShipment.fromByteBuffer(ByteBuffer.wrap(bytes));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

    private final PulseSerdes serdes = new PulseSerdes(new InMemorySchemaRegistry());
    private final MockProcessorContext<String, ShipmentAlert> context = new MockProcessorContext<>();
    private final CountingStore openReads = new CountingStore();
    private final CountingStore openIndexReads = new CountingStore();
    private final CountingStore endedReads = new CountingStore();
    private final KeyValueStore<String, OpenShipment> open;
    private final KeyValueStore<String, Long> ended;
    private final KeyValueStore<String, String> openIndex;
    private final KeyValueStore<String, String> endedIndex;
    private final KeyValueStore<String, String> stalledIndex;
    private final List<String> alertCounts = new ArrayList<>();

    StallDetectorIndexTest() {
        MockStores stores = new MockStores(context);
        open = stores.add(ShipmentTopology.OPEN_STORE, OPEN_SERDE, openReads);
        ended = stores.add(ShipmentTopology.ENDED_STORE, Serdes.Long(), endedReads);
        openIndex = stores.add(ShipmentTopology.OPEN_INDEX_STORE, Serdes.String(), openIndexReads);
        endedIndex = stores.add(ShipmentTopology.ENDED_INDEX_STORE, Serdes.String());
        stalledIndex = stores.add(ShipmentTopology.STALLED_INDEX_STORE, Serdes.String());
        var districts = Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ReferenceDataTopology.DISTRICTS_STORE), Serdes.String(),
                serdes.value(District.class)).withLoggingDisabled().build();
        districts.init(context.getStateStoreContext(), districts);
        context.addStateStore(districts);
        context.setCurrentSystemTimeMs(NOW);
    }

    private StallDetector detector(StallLimits limits) {
        StallDetector d = new StallDetector(limits, CHECK_EVERY, type -> alertCounts.add(type.name()));
        d.init(context);
        return d;
    }

    /** Runs the stall check the last started detector scheduled, at {@code now}. */
    private void punctuate(long now) {
        Punctuations.runLatest(context, CHECK_EVERY, now);
    }

    private static ShipmentEvent event(String shipmentId, ShipmentStatus status, long since) {
        return TestData.shipment("e-" + shipmentId, shipmentId, "JK-PULWAMA", "SAFFRON", status, 100L,
                Instant.ofEpochMilli(since).toString(), null);
    }

    private List<String> alerts() {
        List<String> out = new ArrayList<>();
        context.forwarded().forEach(f -> out.add(f.record().value().getType() + " " + f.record().value().getShipmentId()));
        context.resetForwards();
        return out;
    }

    private void resetCounts() {
        openReads.reset();
        openIndexReads.reset();
        endedReads.reset();
    }

    @Test
    @DisplayName("with 1,000,000 open shipments none due, the check reads no shipment and no index entry")
    void millionOpenNoneDue() {
        int n = 1_000_000;
        StallDetector d = detector(StallLimits.defaults());
        assertThat(Punctuations.buildIndexes(context, NOW)).as("a new application's empty indexes: built at once").isEqualTo(1);
        // One event object, its id changed for each shipment: the detector keeps nothing of it but its fields.
        ShipmentEvent e = event("x", ShipmentStatus.BOOKED, NOW - Duration.ofHours(1).toMillis());
        Record<String, ShipmentEvent> r = new Record<>("JK-PULWAMA", e, NOW);
        String fill = Timing.once(() -> {
            for (int i = 0; i < n; i++) {
                e.setShipmentId(Integer.toString(i, 36));
                d.process(r);
            }
        });
        assertThat(open.approximateNumEntries()).isEqualTo(n);
        assertThat(openIndex.approximateNumEntries()).as("every open shipment indexed, and the built mark").isEqualTo(n + 1);

        resetCounts();
        long now = NOW + CHECK_EVERY.toMillis();
        String noneDue = Timing.repeat(() -> punctuate(now), 5);
        assertThat(alerts()).isEmpty();
        assertThat(openReads.gets + openReads.scans).as("open shipments read: " + openReads).isZero();
        assertThat(endedReads.gets + endedReads.scans).as("ended shipments read: " + endedReads).isZero();
        assertThat(openIndexReads.entriesRead).as("index entries read").isZero();
        assertThat(openIndexReads.scans).as("one range per stage with a limit, per check")
                .isEqualTo(6L * StallLimits.defaults().limits().size());
        assertThat(openIndexReads.fullScans).isZero();

        // Three more, due now: the next check reads those three and only them.
        for (String id : List.of("due-1", "due-2", "due-3")) {
            d.process(new Record<>("JK-PULWAMA", event(id, ShipmentStatus.AT_PORT, NOW - Duration.ofDays(3).toMillis()), NOW));
        }
        resetCounts();
        String threeDue = Timing.once(() -> punctuate(NOW + 2 * CHECK_EVERY.toMillis()));
        assertThat(alerts()).containsExactly("STALLED due-1", "STALLED due-2", "STALLED due-3");
        assertThat(openReads.gets).isEqualTo(3);
        assertThat(openReads.scans).isZero();
        assertThat(openIndexReads.entriesRead).isEqualTo(3);

        // For comparison, what the check cost before the index at the least: one pass over the open store.
        long[] stalled = {0};
        String fullScan = Timing.once(() -> {
            try (var it = open.all()) {
                while (it.hasNext()) if (it.next().value.getStalled()) stalled[0]++;
            }
        });
        assertThat(stalled[0]).isEqualTo(3);
        System.out.printf("StallDetector with %,d open shipments: filled in %s; check with none due: %s; "
                + "with 3 due: %s; one pass over the open store (the old check's floor): %s%n", n, fill, noneDue, threeDue, fullScan);
    }

    @Test
    @DisplayName("a shipment moving on leaves its old stage's entry; a stalled one is no longer indexed")
    void indexFollowsTheShipment() {
        StallDetector d = detector(StallLimits.defaults());
        long since = NOW - Duration.ofHours(10).toMillis();
        d.process(new Record<>("JK-PULWAMA", event("SH1", ShipmentStatus.BOOKED, since), NOW));
        assertThat(indexKeys()).containsExactly(String.format("BOOKED/%019d|SH1", since));

        long dispatched = NOW - Duration.ofHours(2).toMillis();
        d.process(new Record<>("JK-PULWAMA", event("SH1", ShipmentStatus.DISPATCHED, dispatched), NOW));
        assertThat(indexKeys()).containsExactly(String.format("DISPATCHED/%019d|SH1", dispatched));

        // DISPATCHED reported again with an earlier time: the entry moves to it.
        long earlier = NOW - Duration.ofDays(4).toMillis();
        d.process(new Record<>("JK-PULWAMA", event("SH1", ShipmentStatus.DISPATCHED, earlier), NOW));
        assertThat(indexKeys()).containsExactly(String.format("DISPATCHED/%019d|SH1", earlier));

        punctuate(NOW + CHECK_EVERY.toMillis());
        assertThat(alerts()).containsExactly("STALLED SH1");
        assertThat(indexKeys()).isEmpty();
        assertThat(keys(stalledIndex)).as("flagged: in the stalled index").containsExactly(String.format("DISPATCHED/%019d|SH1", earlier));
        punctuate(NOW + 2 * CHECK_EVERY.toMillis());
        assertThat(alerts()).as("one alert per transition").isEmpty();

        context.setCurrentSystemTimeMs(NOW + Duration.ofHours(1).toMillis());
        d.process(new Record<>("JK-PULWAMA", event("SH1", ShipmentStatus.DELIVERED, NOW), NOW));
        assertThat(alerts()).containsExactly("RESOLVED SH1");
        assertThat(indexKeys()).isEmpty();
        assertThat(keys(stalledIndex)).isEmpty();
        assertThat(keys(endedIndex)).containsExactly(String.format("%019d|SH1", NOW + Duration.ofHours(1).toMillis()));
    }

    @Test
    @DisplayName("the stalled index holds a stalled shipment under its stage and since while it stays stalled")
    void stalledIndexFollowsTheShipment() {
        StallDetector d = detector(StallLimits.defaults());
        long atPort = NOW - Duration.ofDays(3).toMillis();
        d.process(new Record<>("JK-PULWAMA", event("SH1", ShipmentStatus.AT_PORT, atPort), NOW));
        assertThat(keys(stalledIndex)).isEmpty();
        punctuate(NOW + CHECK_EVERY.toMillis());
        assertThat(alerts()).containsExactly("STALLED SH1");
        assertThat(keys(stalledIndex)).containsExactly(String.format("AT_PORT/%019d|SH1", atPort));

        // The same stage again, earlier: still stalled, since the earlier time.
        long earlier = atPort - Duration.ofDays(1).toMillis();
        d.process(new Record<>("JK-PULWAMA", event("SH1", ShipmentStatus.AT_PORT, earlier), NOW));
        assertThat(keys(stalledIndex)).containsExactly(String.format("AT_PORT/%019d|SH1", earlier));
        assertThat(indexKeys()).isEmpty();

        // Moving on resolves it: out of the stalled index, back in the open one under its new stage.
        long cleared = NOW - Duration.ofHours(1).toMillis();
        d.process(new Record<>("JK-PULWAMA", event("SH1", ShipmentStatus.CUSTOMS_CLEARED, cleared), NOW));
        assertThat(alerts()).containsExactly("RESOLVED SH1");
        assertThat(keys(stalledIndex)).isEmpty();
        assertThat(indexKeys()).containsExactly(String.format("CUSTOMS_CLEARED/%019d|SH1", cleared));

        // Stalled again at that stage, then cancelled: out of every index but the ended one.
        punctuate(NOW + Duration.ofDays(3).toMillis());
        assertThat(alerts()).containsExactly("STALLED SH1");
        assertThat(keys(stalledIndex)).containsExactly(String.format("CUSTOMS_CLEARED/%019d|SH1", cleared));
        d.process(new Record<>("JK-PULWAMA", event("SH1", ShipmentStatus.CANCELLED, NOW), NOW));
        assertThat(alerts()).containsExactly("RESOLVED SH1");
        assertThat(keys(stalledIndex)).isEmpty();
        assertThat(indexKeys()).isEmpty();
    }

    @Test
    @DisplayName("ended shipments are forgotten once REMEMBER_ENDED has passed, reading only those")
    void endedForgottenWhenDue() {
        StallDetector d = detector(StallLimits.defaults());
        d.process(new Record<>("JK-PULWAMA", event("SH-A", ShipmentStatus.CANCELLED, NOW), NOW));
        context.setCurrentSystemTimeMs(NOW + Duration.ofDays(1).toMillis());
        d.process(new Record<>("JK-PULWAMA", event("SH-B", ShipmentStatus.DELIVERED, NOW), NOW));

        long rememberedUntil = NOW + StallDetector.REMEMBER_ENDED.toMillis();
        punctuate(rememberedUntil);
        assertThat(ended.get("SH-A")).as("kept for the whole REMEMBER_ENDED").isNotNull();
        resetCounts();
        punctuate(rememberedUntil + 1);
        assertThat(ended.get("SH-A")).isNull();
        assertThat(ended.get("SH-B")).isNotNull();
        assertThat(endedReads.gets).isEqualTo(1);
        assertThat(endedReads.scans).isZero();
        assertThat(keys(endedIndex)).hasSize(1);
        punctuate(rememberedUntil + Duration.ofDays(1).toMillis() + 1);
        assertThat(ended.get("SH-B")).isNull();
        assertThat(keys(endedIndex)).isEmpty();
    }

    @Test
    @DisplayName("a limit shortened between two runs applies to the shipments indexed before")
    void changedLimitApplies() {
        StallDetector first = detector(StallLimits.defaults());
        first.process(new Record<>("JK-PULWAMA", event("SH1", ShipmentStatus.AT_PORT, NOW - Duration.ofDays(1).toMillis()), NOW));
        punctuate(NOW + CHECK_EVERY.toMillis());
        assertThat(alerts()).isEmpty();

        Map<ShipmentStatus, Duration> atPort = new EnumMap<>(ShipmentStatus.class);
        atPort.put(ShipmentStatus.AT_PORT, Duration.ofHours(12));
        detector(StallLimits.defaults().with(atPort));
        punctuate(NOW + 2 * CHECK_EVERY.toMillis());
        assertThat(alerts()).containsExactly("STALLED SH1");
    }

    @Test
    @DisplayName("stores from before the indexes existed are indexed once, soon after start-up")
    void upgradeIndexesOnce() {
        long old = NOW - Duration.ofDays(10).toMillis();
        open.put("SH-OLD", new OpenShipment("SH-OLD", "JK-PULWAMA", "SAFFRON", "BOOKED", Instant.ofEpochMilli(old), false));
        open.put("SH-NEW", new OpenShipment("SH-NEW", "JK-PULWAMA", "SAFFRON", "BOOKED", Instant.ofEpochMilli(NOW), false));
        open.put("SH-FLAGGED", new OpenShipment("SH-FLAGGED", "JK-PULWAMA", "SAFFRON", "BOOKED", Instant.ofEpochMilli(old), true));
        ended.put("SH-GONE", NOW - StallDetector.REMEMBER_ENDED.toMillis() - 1);
        ended.put("SH-RECENT", NOW - 1);

        detector(StallLimits.defaults());
        punctuate(NOW);
        assertThat(alerts()).as("not indexed yet: found a little late").isEmpty();
        assertThat(Punctuations.buildIndexes(context, NOW)).isEqualTo(1);
        punctuate(NOW);
        assertThat(alerts()).containsExactly("STALLED SH-OLD");
        assertThat(ended.get("SH-GONE")).isNull();
        assertThat(ended.get("SH-RECENT")).isNotNull();
        assertThat(indexKeys()).containsExactly(String.format("BOOKED/%019d|SH-NEW", NOW));
        assertThat(keys(stalledIndex)).as("flagged before the stalled index existed")
                .containsExactly(String.format("BOOKED/%019d|SH-FLAGGED", old), String.format("BOOKED/%019d|SH-OLD", old));

        // A restart finds the indexes built and scans nothing.
        resetCounts();
        detector(StallLimits.defaults());
        assertThat(Punctuations.active(context, TimeIndex.BUILD_EVERY)).isEmpty();
        punctuate(NOW + CHECK_EVERY.toMillis());
        assertThat(openReads.scans + endedReads.scans).isZero();
        assertThat(alerts()).isEmpty();
    }

    private List<String> indexKeys() {
        return keys(openIndex);
    }

    /** The index's entries, without its built mark. */
    private static List<String> keys(KeyValueStore<String, String> index) {
        List<String> out = new ArrayList<>();
        try (var it = index.all()) {
            it.forEachRemaining(kv -> {
                if (!kv.key.startsWith("~")) out.add(kv.key);
            });
        }
        return out;
    }
}
