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
import org.odop.pulse.serving.StoreUnavailableException;

class PartitionGathererTest {
    private static final HostInfo A = new HostInfo("127.0.0.1", 8080);
    private static final HostInfo B = new HostInfo("127.0.0.1", 8090);
    private static final List<String> WANTED = PartitionGatherer.allPartitions("s", 3);

    private record Item(String sp, String value) {}

    /** An instance that holds some partitions as active and some as standby replicas. */
    private record Instance(List<Integer> active, List<Integer> standby, boolean reachable) {}

    private final List<String> asked = new ArrayList<>();

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
        var gatherer = new PartitionGatherer(() -> List.of(A, B), A);
        List<Item> items = gatherer.gather(WANTED, source(Map.of(
                A, new Instance(List.of(0, 1), List.of(2), true),
                B, new Instance(List.of(2), List.of(0, 1), true))), Item::sp);
        assertThat(items).extracting(Item::value).containsExactlyInAnyOrder("8080/0", "8080/1", "8090/2");
        assertThat(asked).noneMatch(a -> a.contains("standby"));
    }

    @Test
    @DisplayName("during a rebalance a partition without an active owner is read from a standby replica")
    void standbyFallback() {
        var gatherer = new PartitionGatherer(() -> List.of(A, B), A);
        List<Item> items = gatherer.gather(WANTED, source(Map.of(
                A, new Instance(List.of(0, 1), List.of(), true),
                B, new Instance(List.of(), List.of(2), true))), Item::sp);
        assertThat(items).extracting(Item::value).containsExactlyInAnyOrder("8080/0", "8080/1", "8090/2");
        assertThat(asked).contains("8090 standby [s:2]");
    }

    @Test
    @DisplayName("when no instance can answer for a partition the query is refused, never answered in part")
    void refusesPartialAnswers() {
        var gatherer = new PartitionGatherer(() -> List.of(A, B), A);
        assertThatThrownBy(() -> gatherer.gather(WANTED, source(Map.of(
                A, new Instance(List.of(0, 1), List.of(), true),
                B, new Instance(List.of(2), List.of(2), false))), Item::sp))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("s:2");
    }
}
