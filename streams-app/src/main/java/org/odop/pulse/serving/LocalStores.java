package org.odop.pulse.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.Product;
import org.odop.pulse.topology.reference.ReferenceDataTopology;

/**
 * Reads this instance's state stores (interactive queries). Only active tasks' stores are read, so
 * what one instance reports is exactly the keys it owns.
 */
public final class LocalStores {
    private static final StringSerializer KEYS = new StringSerializer();
    private final KafkaStreams streams;

    public LocalStores(KafkaStreams streams) {
        this.streams = streams;
    }

    public Optional<District> district(String code) {
        return Optional.ofNullable(this.<District>store(ReferenceDataTopology.DISTRICTS_STORE).get(code));
    }

    public Optional<Product> product(String code) {
        return Optional.ofNullable(this.<Product>store(ReferenceDataTopology.PRODUCTS_STORE).get(code));
    }

    public List<District> districts() {
        List<District> all = new ArrayList<>();
        try (var it = this.<District>store(ReferenceDataTopology.DISTRICTS_STORE).all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        return all;
    }

    public List<Product> products() {
        List<Product> all = new ArrayList<>();
        try (var it = this.<Product>store(ReferenceDataTopology.PRODUCTS_STORE).all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        return all;
    }

    /**
     * Calls {@code action} with every key and value of this instance's active partitions of a store, or only
     * those whose key starts with {@code prefix} (null: all).
     */
    public <V> void forEach(String storeName, String prefix, BiConsumer<String, V> action) {
        ReadOnlyKeyValueStore<String, V> store = store(storeName);
        try (var it = prefix == null ? store.all() : store.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(kv -> action.accept(kv.key, kv.value));
        } catch (InvalidStateStoreException e) {
            throw unavailable(storeName, e);
        }
    }

    /** Throws {@link StoreUnavailableException} unless every named store can be queried now. */
    public void requireQueryable(java.util.Collection<String> storeNames) {
        storeNames.forEach(this::store);
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException | IllegalStateException e) { // rebalancing, restoring, or not running
            throw unavailable(name, e);
        }
    }

    private static StoreUnavailableException unavailable(String name, Exception e) {
        return new StoreUnavailableException("store " + name + " is not queryable yet: " + e.getMessage(), e);
    }
}
