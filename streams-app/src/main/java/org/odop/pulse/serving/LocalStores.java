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
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.avro.internal.OpenShipment;
import org.odop.pulse.topology.shipment.ShipmentTopology;
import org.odop.pulse.topology.common.MeasureKeys;
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

    /** This instance's rows of one period, or of one district in it (district null: all districts). */
    public PeriodRows rows(String period, String district) {
        PeriodRows rows = PeriodRows.empty(period);
        String prefix = district == null ? MeasureKeys.periodPrefix(period) : MeasureKeys.prefix(district, period);
        for (String storeName : MeasureStoreNames.ALL) {
            try (var it = this.<Measures>store(storeName).prefixScan(prefix, KEYS)) {
                it.forEachRemaining(kv -> {
                    MeasureKeys.Parts k = MeasureKeys.parse(kv.key);
                    rows.add(k.district(), k.product(), kv.value);
                });
            } catch (InvalidStateStoreException e) {
                throw unavailable(storeName, e);
            }
        }
        return rows;
    }

    public void forEach(String storeName, BiConsumer<String, Measures> action) {
        try (var it = this.<Measures>store(storeName).all()) {
            it.forEachRemaining(kv -> action.accept(kv.key, kv.value));
        } catch (InvalidStateStoreException e) {
            throw unavailable(storeName, e);
        }
    }

    /** This instance's (active) open shipments. */
    public void forEachOpenShipment(java.util.function.Consumer<OpenShipment> action) {
        try (var it = this.<OpenShipment>store(ShipmentTopology.OPEN_STORE).all()) {
            it.forEachRemaining(kv -> action.accept(kv.value));
        } catch (InvalidStateStoreException e) {
            throw unavailable(ShipmentTopology.OPEN_STORE, e);
        }
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
