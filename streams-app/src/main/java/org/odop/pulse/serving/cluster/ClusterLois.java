package org.odop.pulse.serving.cluster;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.odop.pulse.serving.LoiSource;
import org.odop.pulse.topology.meet.MeetTopology;

/**
 * Every partition of the meet store, from whichever instances own them. The store is partitioned by district, and
 * one meet's LOIs are spread over districts, so every meet view reads them all (a few thousand rows).
 */
public final class ClusterLois implements LoiSource {
    private final PartitionGatherer gatherer;
    private final LocalPartitionReader local;
    private final RemoteInstances remote;
    private final int partitions;

    /** @param partitions partitions of the meet store: those of the shipments topic, whose tasks build it */
    public ClusterLois(PartitionGatherer gatherer, LocalPartitionReader local, RemoteInstances remote, int partitions) {
        this.gatherer = gatherer;
        this.local = local;
        this.remote = remote;
        this.partitions = partitions;
    }

    @Override
    public List<LoiRows.Row> all() {
        PartitionGatherer.Source<LoiRows.Row> source = (host, self, want, standby) ->
                (self ? CompletableFuture.completedFuture(local.lois(want, standby)) : remote.lois(host, want, standby))
                        .thenApply(r -> new PartitionGatherer.Answer<>(r.served(), r.rows()));
        return gatherer.gather(PartitionGatherer.allPartitions(MeetTopology.LOIS_STORE, partitions), source,
                LoiRows.Row::storePartition);
    }
}
