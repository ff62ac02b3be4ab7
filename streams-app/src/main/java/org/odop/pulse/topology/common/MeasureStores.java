package org.odop.pulse.topology.common;

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
        // latest value and writes each row to RocksDB and its changelog once per commit, not once per event.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), serde).withCachingEnabled();
    }
}
