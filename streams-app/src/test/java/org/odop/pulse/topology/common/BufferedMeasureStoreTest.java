package org.odop.pulse.topology.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.registry.InMemorySchemaRegistry;

class BufferedMeasureStoreTest {
    private final Serde<Measures> serde = new PulseSerdes(new InMemorySchemaRegistry()).value(Measures.class);
    private KeyValueStore<String, Measures> beneath;
    private BufferedMeasureStore store;

    @BeforeEach
    void setUp() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        beneath = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("rows"), Serdes.String(), serde)
                .withLoggingDisabled().build();
        store = new BufferedMeasureStore(beneath);
        store.init(context.getStateStoreContext(), store);
    }

    private static Measures row(long loiCount) {
        Measures m = new Measures();
        m.setLoiCount(loiCount);
        return m;
    }

    @Test
    @DisplayName("a changed row is read back from the buffer and reaches the store beneath only when the commit flushes it")
    void rowsWaitForTheCommit() {
        store.put("JK-SRINAGAR|all|*", row(1));
        store.put("JK-SRINAGAR|all|*", row(2));
        assertThat(store.get("JK-SRINAGAR|all|*").getLoiCount()).isEqualTo(2);
        assertThat(beneath.get("JK-SRINAGAR|all|*")).isNull();
        assertThat(store.buffered()).isEqualTo(1);

        store.flushCache();

        assertThat(store.buffered()).isZero();
        assertThat(beneath.get("JK-SRINAGAR|all|*").getLoiCount()).isEqualTo(2);
        assertThat(store.get("JK-SRINAGAR|all|*").getLoiCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("a row read and changed but not put back leaves the store as it was")
    void readsAreCopies() {
        store.put("k", row(5));
        store.get("k").setLoiCount(99);
        assertThat(store.get("k").getLoiCount()).isEqualTo(5);
    }

    @Test
    @DisplayName("a task closed without a commit, or its cache cleared, drops the rows changed since the last commit")
    void abortedWorkIsDropped() {
        store.put("kept", row(1));
        store.flushCache();
        store.put("kept", row(2));
        store.put("new", row(3));

        store.clearCache();

        assertThat(store.get("kept").getLoiCount()).isEqualTo(1);
        assertThat(store.get("new")).isNull();
        assertThat(beneath.get("new")).isNull();
    }

    @Test
    @DisplayName("scans, deletes and putIfAbsent see the buffered rows")
    void scansAndDeletesSeeTheBuffer() {
        store.put("a", row(1));
        store.flushCache();
        store.put("b", row(2));
        List<String> keys = new ArrayList<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key + "=" + kv.value.getLoiCount()));
        }
        assertThat(keys).containsExactly("a=1", "b=2");

        store.put("c", row(3));
        assertThat(store.putIfAbsent("c", row(30)).getLoiCount()).isEqualTo(3);
        assertThat(store.delete("c").getLoiCount()).isEqualTo(3);
        assertThat(store.get("c")).isNull();
        store.put("d", null);
        assertThat(store.get("d")).isNull();
        store.putAll(List.of(KeyValue.pair("e", row(5))));
        store.flushCache();
        assertThat(beneath.get("c")).isNull();
        assertThat(beneath.get("e").getLoiCount()).isEqualTo(5);
    }

    @Test
    @DisplayName("past its bound the buffer is written early, so its memory stays bounded between commits")
    void bufferIsBounded() {
        for (int i = 0; i <= BufferedMeasureStore.MAX_BUFFERED_ROWS; i++) store.put("k" + i, row(i));
        assertThat(store.buffered()).isZero();
        assertThat(beneath.approximateNumEntries()).isEqualTo(BufferedMeasureStore.MAX_BUFFERED_ROWS + 1L);
    }

    /** Adds one to a row per record, as the aggregators do. */
    private static final class Counter implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, Measures> rows;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            rows = context.getStateStore("rows");
        }

        @Override
        public void process(Record<String, String> record) {
            Measures m = rows.get(record.key());
            if (m == null) m = new Measures();
            m.setLoiCount(m.getLoiCount() + 1);
            rows.put(record.key(), m);
        }
    }

    @Test
    @DisplayName("in a topology, every commit writes the changed rows to the changelog: nothing waits in the buffer past it")
    void commitsReachTheChangelog() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(MeasureStores.builder("rows", serde));
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).process(Counter::new, "rows");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "buffered");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        try (var driver = new TopologyTestDriver(builder.build(), props)) {
            var in = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
            var changelog = driver.createOutputTopic("buffered-rows-changelog", Serdes.String().deserializer(), serde.deserializer());
            assertThat(driver.getKeyValueStore("rows")).isInstanceOf(BufferedMeasureStore.class);
            for (int i = 1; i <= 3; i++) {
                in.pipeInput("JK-SRINAGAR", "x");
                // The test driver commits after each record: the row's latest count is in the changelog.
                assertThat(changelog.readKeyValuesToList())
                        .containsExactly(KeyValue.pair("JK-SRINAGAR", row(i)));
            }
        }
    }
}
