package org.odop.pulse.serving.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.domain.MeasureCatalog;
import org.odop.pulse.store.LocalStores;
import org.odop.pulse.store.MeasureStoreNames;
import org.odop.pulse.store.StalledShipments;
import org.odop.pulse.store.StoreUnavailableException;
import org.odop.pulse.topology.shipment.ShipmentTopology;
import org.odop.pulse.topology.common.MeasureRows;
import org.odop.pulse.avro.internal.LoiRecord;
import org.odop.pulse.avro.internal.OpenShipment;
import org.odop.pulse.domain.MeasureKeys;

/**
 * Reads this instance's store partitions one by one with interactive queries (IQv2), so an answer says
 * exactly which partitions it covers. Active partitions are read by default; standby replicas only when asked for (during a
 * rebalance) and only while they lag their changelog by at most {@code maxStandbyLag} records.
 */
public final class LocalPartitionReader {
    private final KafkaStreams streams;
    private final long maxStandbyLag;
    private final LocalStores stores;

    public LocalPartitionReader(KafkaStreams streams, long maxStandbyLag) {
        this.streams = streams;
        this.maxStandbyLag = maxStandbyLag;
        this.stores = new LocalStores(streams);
    }

    /**
     * Measure rows of one period.
     *
     * @param wanted   store partitions to read ({@code store:partition})
     * @param standby  also read up-to-date standby replicas, not only active ones
     * @param district one district's rows, or null for every district of the period
     */
    public PartitionRows read(Collection<String> wanted, String period, String district, boolean standby) {
        PartitionRows out = PartitionRows.empty();
        String prefix = district == null ? MeasureKeys.periodPrefix(period) : MeasureKeys.prefix(district, period);
        // Codes are ASCII, so every key with the prefix sorts between it and the prefix plus U+FFFF.
        this.<Measures>eachPartition(wanted, standby, prefix, prefix + Character.MAX_VALUE, (sp, it) -> {
            it.forEachRemaining(kv -> {
                MeasureKeys.Parts k = MeasureKeys.parse(kv.key);
                out.rows().add(new PartitionRows.Row(StorePartition.store(sp), StorePartition.partition(sp),
                        k.district(), k.product(), MeasureRows.byName(kv.value,
                                MeasureCatalog.of(MeasureStoreNames.FAMILY.get(StorePartition.store(sp))))));
            });
            out.served().add(sp);
        });
        return out;
    }

    /**
     * Stalled shipments in the wanted partitions of the open-shipments store ({@code open-shipments:p}), read from the
     * same partitions of the stalled index ({@link StalledShipments}): not every open shipment.
     */
    public StalledRows stalled(Collection<String> wanted, boolean standby) {
        StalledRows out = new StalledRows(new ArrayList<>(), new ArrayList<>());
        List<String> indexWanted = wanted.stream()
                .map(sp -> StorePartition.of(ShipmentTopology.STALLED_INDEX_STORE, StorePartition.partition(sp))).toList();
        this.<String>eachPartition(indexWanted, standby, null, null, (sp, index) -> {
            int partition = StorePartition.partition(sp);
            String openSp = StorePartition.of(ShipmentTopology.OPEN_STORE, partition);
            List<OpenShipment> stalled;
            try {
                stalled = stores.stalledIn(partition, index, !standby);
            } catch (StoreUnavailableException movedAway) { // the open store's partition cannot answer here now
                return;
            }
            stalled.forEach(s -> out.rows().add(new StalledRows.Row(openSp, s.getShipmentId(), s.getDistrictCode(),
                    s.getProductCode(), s.getStage(), s.getSince().toEpochMilli())));
            out.served().add(openSp);
        });
        return out;
    }

    /** Every LOI in the wanted partitions of the meet store ({@code meet-lois}), with its corrections and linked exports. */
    public LoiRows lois(Collection<String> wanted, boolean standby) {
        LoiRows out = new LoiRows(new ArrayList<>(), new ArrayList<>());
        this.<LoiRecord>eachPartition(wanted, standby, null, null, (sp, it) -> {
            it.forEachRemaining(kv -> out.rows().add(LoiRows.Row.of(sp, kv.value)));
            out.served().add(sp);
        });
        return out;
    }

    /**
     * Runs an interactive query (IQv2) on each wanted partition and hands each answered partition's rows to
     * {@code action}. IQv2 says per partition whether it answered, which is exactly the "served" list.
     */
    private <V> void eachPartition(Collection<String> wanted, boolean standby, String from, String to,
                                   BiConsumer<String, KeyValueIterator<String, V>> action) {
        Map<String, Map<Integer, LagInfo>> lags;
        try {
            lags = standby ? streams.allLocalStorePartitionLags() : Map.of();
        } catch (IllegalStateException notRunning) {
            return;
        }
        for (String sp : wanted) {
            String store = StorePartition.store(sp);
            int partition = StorePartition.partition(sp);
            if (standby) {
                LagInfo lag = lags.getOrDefault(store, Map.of()).get(partition);
                if (lag == null || lag.offsetLag() > maxStandbyLag) continue;
            }
            RangeQuery<String, V> query = from == null ? RangeQuery.withNoBounds() : RangeQuery.withRange(from, to);
            StateQueryRequest<KeyValueIterator<String, V>> request =
                    StateQueryRequest.inStore(store).withQuery(query).withPartitions(Set.of(partition));
            if (!standby) request = request.requireActive();
            QueryResult<KeyValueIterator<String, V>> result;
            try {
                result = streams.query(request).getPartitionResults().get(partition);
            } catch (InvalidStateStoreException | IllegalStateException notRunning) { // not started yet, or stopped
                return;
            }
            // A failure (not hosted here, not active, restoring): another instance answers, or the caller says 503.
            if (result == null || result.isFailure()) continue;
            try (KeyValueIterator<String, V> rows = result.getResult()) {
                action.accept(sp, rows);
            }
        }
    }

    /** Every wanted partition read, in a form other instances can be sent. */
    public static List<String> split(String wanted) {
        return List.of(wanted.split(","));
    }
}
