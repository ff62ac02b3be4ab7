package org.odop.pulse.serving.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.store.StoreUnavailableException;

class PartitionGathererTest {
    private static final HostInfo A = new HostInfo("127.0.0.1", 8080);
    private static final HostInfo B = new HostInfo("127.0.0.1", 8090);
    private static final List<String> WANTED = PartitionGatherer.allPartitions("s", 3);

    private record Item(String sp, String value) {}

    /** An instance that holds some partitions as active and some as standby replicas. */
    private record Instance(List<Integer> active, List<Integer> standby, boolean reachable) {}

    private final List<String> asked = new ArrayList<>();

    /** What Kafka Streams lists: A is active for 0 and 1, B for 2; each is standby for the others' partitions. */
    private static final PartitionGatherer.Owners OWNERS = (host, sp, standby) -> {
        int p = StorePartition.partition(sp);
        boolean active = host.equals(A) ? p < 2 : p == 2;
        return active || standby;
    };

    private PartitionGatherer.Source<Item> source(Map<HostInfo, Instance> instances) {
        return (host, self, wanted, standby) -> {
            asked.add(host.port() + (standby ? " standby " : " active ") + wanted);
            Instance i = instances.get(host);
            if (!i.reachable()) return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            List<String> served = new ArrayList<>();
            List<Item> items = new ArrayList<>();
            for (String sp : wanted) {
                int p = StorePartition.partition(sp);
                if ((standby ? i.standby() : i.active()).contains(p)) {
                    served.add(sp);
                    items.add(new Item(sp, host.port() + "/" + p));
                }
            }
            return CompletableFuture.completedFuture(new PartitionGatherer.Answer<>(served, items));
        };
    }

    @Test
    @DisplayName("each store partition is taken once, from its active owner")
    void activeOwners() {
        var gatherer = new PartitionGatherer(() -> List.of(A, B), A, OWNERS);
        List<Item> items = gatherer.gather(WANTED, source(Map.of(
                A, new Instance(List.of(0, 1), List.of(2), true),
                B, new Instance(List.of(2), List.of(0, 1), true))), Item::sp);
        assertThat(items).extracting(Item::value).containsExactlyInAnyOrder("8080/0", "8080/1", "8090/2");
        assertThat(asked).noneMatch(a -> a.contains("standby"));
    }

    @Test
    @DisplayName("during a rebalance a partition without an active owner is read from a standby replica")
    void standbyFallback() {
        var gatherer = new PartitionGatherer(() -> List.of(A, B), A, OWNERS);
        List<Item> items = gatherer.gather(WANTED, source(Map.of(
                A, new Instance(List.of(0, 1), List.of(), true),
                B, new Instance(List.of(), List.of(2), true))), Item::sp);
        assertThat(items).extracting(Item::value).containsExactlyInAnyOrder("8080/0", "8080/1", "8090/2");
        assertThat(asked).contains("8090 standby [s:2]");
    }

    @Test
    @DisplayName("when no instance can answer for a partition the query is refused, never answered in part")
    void refusesPartialAnswers() {
        var gatherer = new PartitionGatherer(() -> List.of(A, B), A, OWNERS);
        assertThatThrownBy(() -> gatherer.gather(WANTED, source(Map.of(
                A, new Instance(List.of(0, 1), List.of(), true),
                B, new Instance(List.of(2), List.of(2), false))), Item::sp))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("s:2");
    }

    @Test
    @DisplayName("rows another instance returns for partitions it was not asked for or does not own are dropped")
    void dropsRowsOfPartitionsNotOwned() {
        // B owns partition 2 only, but claims to have served 0 and 1 as well, and a partition nobody asked for.
        PartitionGatherer.Source<Item> lying = (host, self, wanted, standby) -> {
            if (host.equals(A)) {
                return CompletableFuture.completedFuture(new PartitionGatherer.Answer<>(List.of("s:0", "s:1"),
                        List.of(new Item("s:0", "A/0"), new Item("s:1", "A/1"))));
            }
            List<String> served = List.of("s:0", "s:1", "s:2", "s:7", "other:2");
            List<Item> items = served.stream().map(sp -> new Item(sp, "B/" + sp)).toList();
            return CompletableFuture.completedFuture(new PartitionGatherer.Answer<>(served, items));
        };
        // B is asked after A or before it: either way only its own partition counts.
        for (var order : List.<java.util.function.Supplier<java.util.Collection<HostInfo>>>of(() -> List.of(A, B),
                () -> List.of(B, A))) {
            List<Item> items = new PartitionGatherer(order, A, OWNERS).gather(WANTED, lying, Item::sp);
            assertThat(items).extracting(Item::value).containsExactlyInAnyOrder("A/0", "A/1", "B/s:2");
        }
        // And when A does not answer, B's claims on 0 and 1 do not fill the gap: the query is refused.
        PartitionGatherer.Source<Item> aDown = (host, self, wanted, standby) -> host.equals(A)
                ? CompletableFuture.failedFuture(new IllegalStateException("down"))
                : lying.ask(host, self, wanted, false);
        PartitionGatherer.Owners activeOnly = (host, sp, standby) -> OWNERS.owns(host, sp, false);
        assertThatThrownBy(() -> new PartitionGatherer(() -> List.of(A, B), A, activeOnly).gather(WANTED, aDown, Item::sp))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("s:0").hasMessageContaining("s:1");
    }
}
