package org.odop.pulse.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.internal.OpenShipment;
import org.odop.pulse.topology.reference.ReferenceDataTopology;
import org.odop.pulse.topology.shipment.ShipmentTopology;

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
        this.<V>forEachPartition(storeName, prefix, (partition, rows) -> rows.forEachRemaining(kv -> action.accept(kv.key, kv.value)));
    }

    /** As {@link #forEach}, a partition at a time: {@code action} is given each active partition's rows. */
    private <V> void forEachPartition(String storeName, String prefix, BiConsumer<Integer, KeyValueIterator<String, V>> action) {
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
                action.accept(partition.getKey(), r.getResult());
            }
        } finally {
            partitions.values().forEach(r -> {
                if (r.isSuccess()) r.getResult().close();
            });
        }
    }

    /**
     * Every stalled shipment in this instance's active partitions, read from the stalled index ({@link StalledShipments}),
     * not from every open shipment; a partition that cannot answer now makes the whole read unavailable.
     */
    public List<OpenShipment> stalledShipments() {
        List<OpenShipment> stalled = new ArrayList<>();
        this.<String>forEachPartition(ShipmentTopology.STALLED_INDEX_STORE, null,
                (partition, index) -> stalled.addAll(stalledIn(partition, index, true)));
        return stalled;
    }

    /**
     * The stalled shipments of one partition, given its stalled index's entries: each looked up in the same partition
     * of the open store ({@link StalledShipments}).
     *
     * @throws StoreUnavailableException if that partition of the open store cannot answer here now
     */
    public List<OpenShipment> stalledIn(int partition, KeyValueIterator<String, String> index, boolean activeOnly) {
        return StalledShipments.read(index,
                id -> this.<OpenShipment>queryPartition(ShipmentTopology.OPEN_STORE, partition, KeyQuery.withKey(id), activeOnly),
                () -> this.<KeyValueIterator<String, OpenShipment>>queryPartition(ShipmentTopology.OPEN_STORE, partition,
                        RangeQuery.withNoBounds(), activeOnly));
    }

    /**
     * One interactive query (IQv2) on one partition of a store: of its active task only, or of a standby replica too.
     *
     * @throws StoreUnavailableException if that partition cannot answer here now (not hosted, restoring, not running)
     */
    public <R> R queryPartition(String storeName, int partition, Query<R> query, boolean activeOnly) {
        StateQueryRequest<R> request = StateQueryRequest.inStore(storeName).withQuery(query).withPartitions(Set.of(partition));
        if (activeOnly) request = request.requireActive();
        QueryResult<R> result;
        try {
            result = streams.query(request).getPartitionResults().get(partition);
        } catch (InvalidStateStoreException | IllegalStateException e) { // not started yet, or stopped
            throw unavailable(storeName, e);
        }
        if (result == null || result.isFailure()) {
            throw new StoreUnavailableException("store " + storeName + " partition " + partition + " cannot answer here now"
                    + (result == null ? "" : ": " + result.getFailureReason() + " " + result.getFailureMessage()), null);
        }
        return result.getResult();
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
