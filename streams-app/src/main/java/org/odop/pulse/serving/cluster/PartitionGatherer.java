package org.odop.pulse.serving.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.odop.pulse.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers items from the instances that own the store partitions a query needs: from the active
 * owners first, then from up-to-date standby replicas for any partition still missing (a rebalance),
 * and refuses with 503 rather than give a partial answer. Each store partition is taken exactly once.
 * One instance alone is the same code with one host. What another instance answers counts only for the store
 * partitions that were asked for and that Kafka Streams lists it as an owner of (active, or for the standby round also
 * standby): rows it returns for any other partition are dropped.
 */
public final class PartitionGatherer {
    private static final Logger log = LoggerFactory.getLogger(PartitionGatherer.class);

    /** What one instance answered: the store partitions it read ({@code store:partition}) and their items. */
    public record Answer<T>(List<String> served, List<T> items) {}

    /** Asks one instance (this one or another) for some store partitions. */
    @FunctionalInterface
    public interface Source<T> {
        CompletableFuture<Answer<T>> ask(HostInfo host, boolean self, List<String> wanted, boolean standby);
    }

    /** Whether Kafka Streams lists {@code host} as an owner of a store partition. */
    @FunctionalInterface
    public interface Owners {
        /** @param standby whether a standby replica counts (the standby round) or only the active owner */
        boolean owns(HostInfo host, String storePartition, boolean standby);
    }

    private final Supplier<Collection<HostInfo>> instances;
    private final HostInfo self;
    private final Owners owners;

    /**
     * @param instances every instance of the application as Kafka Streams knows them now (may include self)
     * @param owners    which instances own which store partitions, as Kafka Streams knows them now
     */
    public PartitionGatherer(Supplier<Collection<HostInfo>> instances, HostInfo self, Owners owners) {
        this.instances = instances;
        this.self = self;
        this.owners = owners;
    }

    public static PartitionGatherer of(KafkaStreams streams, HostInfo self) {
        return new PartitionGatherer(() -> {
            try {
                return streams.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo).toList();
            } catch (RuntimeException notRunning) {
                // Not started, or stopping: only this instance can be asked, and its stores will say why not.
                return List.of();
            }
        }, self, (host, sp, standby) -> {
            try {
                KeyQueryMetadata m = streams.queryMetadataForKey(StorePartition.store(sp), StorePartition.partition(sp),
                        (topic, partition, value, count) -> Optional.of(Set.of(partition)));
                if (m == null || KeyQueryMetadata.NOT_AVAILABLE.equals(m)) return false;
                return host.equals(m.activeHost()) || standby && m.standbyHosts().contains(host);
            } catch (RuntimeException notRunning) {
                return false;
            }
        });
    }

    public <T> List<T> gather(List<String> wanted, Source<T> source, Function<T, String> partitionOf) {
        Map<String, List<T>> byPartition = new HashMap<>();
        collect(wanted, source, partitionOf, false, byPartition);
        List<String> missing = wanted.stream().filter(sp -> !byPartition.containsKey(sp)).toList();
        if (!missing.isEmpty()) collect(missing, source, partitionOf, true, byPartition);
        List<String> stillMissing = wanted.stream().filter(sp -> !byPartition.containsKey(sp)).toList();
        if (!stillMissing.isEmpty()) {
            throw new StoreUnavailableException("not every store partition can answer now (rebalancing?): "
                    + stillMissing, null);
        }
        List<T> all = new ArrayList<>();
        byPartition.values().forEach(all::addAll);
        return all;
    }

    /** Asks every instance at once; the first answer for each store partition wins. */
    private <T> void collect(List<String> wanted, Source<T> source, Function<T, String> partitionOf, boolean standby,
                             Map<String, List<T>> byPartition) {
        Map<HostInfo, CompletableFuture<Answer<T>>> answers = new HashMap<>();
        for (HostInfo host : hosts()) answers.put(host, source.ask(host, host.equals(self), wanted, standby));
        answers.forEach((host, future) -> {
            try {
                Answer<T> answer = future.join();
                Map<String, List<T>> items = answer.items().stream().collect(Collectors.groupingBy(partitionOf));
                for (String sp : answer.served()) {
                    if (byPartition.containsKey(sp) || !wanted.contains(sp)) continue;
                    // This instance read its own stores; another one counts only where Kafka Streams says it owns the partition.
                    if (!host.equals(self) && !owners.owns(host, sp, standby)) {
                        log.warn("Instance {} answered for {}, which Kafka Streams does not list it as owning: dropped", host, sp);
                        continue;
                    }
                    byPartition.put(sp, items.getOrDefault(sp, List.of()));
                }
            } catch (RuntimeException e) {
                log.warn("Instance {} did not answer: {}", host, e.getMessage());
            }
        });
    }

    private Set<HostInfo> hosts() {
        Set<HostInfo> hosts = new LinkedHashSet<>();
        hosts.add(self);
        hosts.addAll(instances.get());
        return hosts;
    }

    /** Every partition of a store. */
    public static List<String> allPartitions(String store, int partitions) {
        List<String> wanted = new ArrayList<>();
        for (int p = 0; p < partitions; p++) wanted.add(StorePartition.of(store, p));
        return wanted;
    }
}
