package org.odop.pulse.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
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
     * those whose key starts with {@code prefix} (null: all). Read with IQv2, like every partition read
     * ({@code serving.cluster.LocalPartitionReader}); a partition that cannot answer now (restoring, moving in a
     * rebalance) makes the whole read unavailable rather than partial.
     */
    public <V> void forEach(String storeName, String prefix, BiConsumer<String, V> action) {
        // Codes are ASCII, so every key with the prefix sorts between it and the prefix plus U+FFFF.
        RangeQuery<String, V> query = prefix == null ? RangeQuery.withNoBounds() : RangeQuery.withRange(prefix, prefix + Character.MAX_VALUE);
        StateQueryResult<KeyValueIterator<String, V>> result;
        try {
            result = streams.query(StateQueryRequest.inStore(storeName).withQuery(query).requireActive());
        } catch (InvalidStateStoreException | IllegalStateException e) { // not started yet, or stopped
            throw unavailable(storeName, e);
        }
        Map<Integer, QueryResult<KeyValueIterator<String, V>>> partitions = result.getPartitionResults();
        try {
            for (var partition : partitions.entrySet()) {
                QueryResult<KeyValueIterator<String, V>> r = partition.getValue();
                if (r.isFailure()) {
                    throw new StoreUnavailableException("store " + storeName + " partition " + partition.getKey()
                            + " is not queryable yet: " + r.getFailureReason() + " " + r.getFailureMessage(), null);
                }
                r.getResult().forEachRemaining(kv -> action.accept(kv.key, kv.value));
            }
        } finally {
            partitions.values().forEach(r -> {
                if (r.isSuccess()) r.getResult().close();
            });
        }
    }

    /**
     * Throws {@link StoreUnavailableException} unless every named store can be queried now. The reference stores are
     * global stores, which IQv2 does not query (Kafka Streams 4.x), so they use the store API, and so does this check: it
     * asks whether this instance hosts the stores at all, which IQv2 answers with an empty result.
     */
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
