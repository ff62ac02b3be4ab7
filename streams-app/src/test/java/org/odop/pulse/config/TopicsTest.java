package org.odop.pulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.topology.common.Repartitions;

class TopicsTest {
    @Test
    @DisplayName("LOIs and exports are repartitioned by loiId into the larger of the two topics' partition counts")
    void loiIdPartitionsIsTheLarger() {
        assertThat(Topics.loiIdPartitions(Map.of(Topics.LOIS.name(), 6, Topics.SHIPMENTS.name(), 6))).isEqualTo(6);
        assertThat(Topics.loiIdPartitions(Map.of(Topics.LOIS.name(), 2, Topics.SHIPMENTS.name(), 12))).isEqualTo(12);
        assertThat(Topics.loiIdPartitions(Map.of(Topics.LOIS.name(), 8, Topics.SHIPMENTS.name(), 3, Topics.ORDERS.name(), 24)))
                .as("the orders' count plays no part").isEqualTo(8);
        assertThatThrownBy(() -> Topics.loiIdPartitions(Map.of(Topics.LOIS.name(), 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Topics.SHIPMENTS.name());
        assertThatThrownBy(() -> Repartitions.withPartitions(
                org.apache.kafka.streams.kstream.Repartitioned.as("x"), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
