package org.odop.pulse.topology.common;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.odop.pulse.avro.internal.Measures;

/** The persistent, changelogged stores of running totals that the REST API and metrics read. */
public final class MeasureStores {
    private MeasureStores() {}

    public static StoreBuilder<KeyValueStore<String, Measures>> builder(String name, Serde<Measures> serde) {
        // Cached: a district's total rows change with nearly every event of the district; the cache keeps the
        // latest value and writes each row to RocksDB and its changelog once per commit, not once per event. In
        // front of it, the rows changed since the commit are kept as objects (BufferedMeasureStore).
        return new Buffered(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde)
                .withCachingEnabled());
    }

    /** Kafka Streams' store builder, with a {@link BufferedMeasureStore} around what it builds. */
    private record Buffered(StoreBuilder<KeyValueStore<String, Measures>> store) implements StoreBuilder<KeyValueStore<String, Measures>> {
        @Override
        public StoreBuilder<KeyValueStore<String, Measures>> withCachingEnabled() {
            return new Buffered(store.withCachingEnabled());
        }

        @Override
        public StoreBuilder<KeyValueStore<String, Measures>> withCachingDisabled() {
            return new Buffered(store.withCachingDisabled());
        }

        @Override
        public StoreBuilder<KeyValueStore<String, Measures>> withLoggingEnabled(Map<String, String> config) {
            return new Buffered(store.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<KeyValueStore<String, Measures>> withLoggingDisabled() {
            return new Buffered(store.withLoggingDisabled());
        }

        @Override
        public KeyValueStore<String, Measures> build() {
            return new BufferedMeasureStore(store.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return store.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return store.loggingEnabled();
        }

        @Override
        public String name() {
            return store.name();
        }
    }
}
