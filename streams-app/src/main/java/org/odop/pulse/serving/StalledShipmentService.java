package org.odop.pulse.serving;

import org.odop.pulse.store.LocalStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.serving.cluster.LocalPartitionReader;
import org.odop.pulse.serving.cluster.PartitionGatherer;
import org.odop.pulse.serving.cluster.RemoteInstances;
import org.odop.pulse.serving.cluster.StalledRows;
import org.odop.pulse.topology.shipment.ShipmentTopology;
import org.odop.pulse.topology.shipment.StallLimits;

/** GET /api/v1/shipments/stalled: every instance's stalled shipments, longest stalled first. */
public final class StalledShipmentService {
    private final PartitionGatherer gatherer;
    private final LocalPartitionReader local;
    private final RemoteInstances remote;
    private final LocalStores stores;
    private final StallLimits limits;
    private final int partitions;
    private final Clock clock;

    public StalledShipmentService(PartitionGatherer gatherer, LocalPartitionReader local, RemoteInstances remote,
                                  LocalStores stores, StallLimits limits, int partitions, Clock clock) {
        this.gatherer = gatherer;
        this.local = local;
        this.remote = remote;
        this.stores = stores;
        this.limits = limits;
        this.partitions = partitions;
        this.clock = clock;
    }

    /** @param state, district filters, or null */
    public List<StalledShipmentView> stalled(String state, String district) {
        PartitionGatherer.Source<StalledRows.Row> source = (host, self, want, standby) ->
                (self ? CompletableFuture.completedFuture(local.stalled(want, standby)) : remote.stalled(host, want, standby))
                        .thenApply(r -> new PartitionGatherer.Answer<>(r.served(), r.rows()));
        Instant now = clock.instant();
        return gatherer.gather(PartitionGatherer.allPartitions(ShipmentTopology.OPEN_STORE, partitions), source,
                        StalledRows.Row::storePartition).stream()
                .filter(r -> district == null || district.equals(r.districtCode()))
                .map(r -> view(r, now))
                .filter(v -> state == null || state.equals(v.stateCode()))
                .sorted(Comparator.comparingLong(StalledShipmentView::stalledSeconds).reversed()
                        .thenComparing(StalledShipmentView::shipmentId))
                .toList();
    }

    private StalledShipmentView view(StalledRows.Row r, Instant now) {
        Instant since = Instant.ofEpochMilli(r.sinceMillis());
        String stateCode = stores.district(r.districtCode()).map(District::getStateCode).orElse(null);
        long limit = limits.limit(ShipmentStatus.valueOf(r.stage())).map(Duration::toSeconds).orElse(0L);
        return new StalledShipmentView(r.shipmentId(), r.districtCode(), stateCode, r.productCode(), r.stage(), since,
                Duration.between(since, now).toSeconds(), limit);
    }
}
