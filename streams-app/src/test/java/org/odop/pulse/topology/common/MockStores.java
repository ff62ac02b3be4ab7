package org.odop.pulse.topology.common;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** In-memory stores, without changelogs, initialised against a {@link MockProcessorContext} and added to it. */
public final class MockStores {
    private final MockProcessorContext<?, ?> context;

    public MockStores(MockProcessorContext<?, ?> context) {
        this.context = context;
    }

    public <V> KeyValueStore<String, V> add(String name, Serde<V> valueSerde) {
        return add(name, valueSerde, null);
    }

    /** Adds the store, wrapped by {@code counts} when it is not null; returns the store without the wrapper. */
    public <V> KeyValueStore<String, V> add(String name, Serde<V> valueSerde, CountingStore counts) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), valueSerde)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(counts == null ? store : counts.wrap(store));
        return store;
    }
}
