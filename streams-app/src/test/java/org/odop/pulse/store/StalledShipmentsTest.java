package org.odop.pulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.internal.OpenShipment;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.topology.common.MockStores;
import org.odop.pulse.topology.common.Punctuations;
import org.odop.pulse.topology.common.TimeIndex;

class StalledShipmentsTest {
    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final KeyValueStore<String, OpenShipment> open =
            new MockStores(context).add("open", new PulseSerdes(new InMemorySchemaRegistry()).value(OpenShipment.class));
    private final KeyValueStore<String, String> indexStore = new MockStores(context).add("stalled-index", Serdes.String());
    private final TimeIndex index = new TimeIndex(indexStore);
    private final List<String> lookedUp = new ArrayList<>();
    private int scans;

    private void put(String id, String stage, long since, boolean stalled) {
        open.put(id, new OpenShipment(id, "JK-PULWAMA", "SAFFRON", stage, Instant.ofEpochMilli(since), stalled));
    }

    /** Indexes the stalled shipments of the open store, as the detector's build after an upgrade does. */
    private void buildIndex() {
        index.buildInSlices(context, open, (id, s) -> {
            if (s.getStalled()) index.put(s.getStage(), s.getSince().toEpochMilli(), id);
        });
        Punctuations.buildIndexes(context, 0);
        assertThat(index.isBuilt()).isTrue();
    }

    private List<String> read() {
        try (KeyValueIterator<String, String> it = indexStore.all()) {
            return StalledShipments.read(it, id -> {
                lookedUp.add(id);
                return open.get(id);
            }, () -> {
                scans++;
                return open.all();
            }).stream().map(OpenShipment::getShipmentId).toList();
        }
    }

    @Test
    @DisplayName("with the index built, only its entries are looked up, oldest first per stage, and the open store is not scanned")
    void builtIndexReadsOnlyTheStalled() {
        for (int i = 0; i < 1_000; i++) put("OK-" + i, "BOOKED", 5_000L, false);
        put("SH-2", "AT_PORT", 2_000L, true);
        put("SH-1", "AT_PORT", 1_000L, true);
        put("SH-3", "BOOKED", 500L, true);
        buildIndex();

        assertThat(read()).containsExactly("SH-1", "SH-2", "SH-3");
        assertThat(lookedUp).containsExactly("SH-1", "SH-2", "SH-3");
        assertThat(scans).isZero();
    }

    @Test
    @DisplayName("an entry whose shipment moved on or ended between the two reads is left out")
    void movedOnBetweenReadsIsLeftOut() {
        put("SH-1", "AT_PORT", 1_000L, true);
        put("SH-2", "AT_PORT", 2_000L, true);
        buildIndex();
        put("SH-1", "CUSTOMS_CLEARED", 3_000L, false);
        open.delete("SH-2");

        assertThat(read()).isEmpty();
        assertThat(scans).isZero();
    }

    @Test
    @DisplayName("while the index is not built yet (an upgrade), the open store is read whole, so none is left out")
    void notBuiltReadsTheOpenStore() {
        put("SH-OLD", "BOOKED", 1_000L, true);
        put("SH-OK", "BOOKED", 1_000L, false);
        index.put("BOOKED", 1_000L, "SH-OLD"); // part way through the build: some entries, no built mark

        assertThat(read()).containsExactly("SH-OLD");
        assertThat(scans).isEqualTo(1);
        assertThat(lookedUp).isEmpty();
    }
}
