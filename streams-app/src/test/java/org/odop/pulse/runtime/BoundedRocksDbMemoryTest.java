package org.odop.pulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.avro.OrderStatus;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topic;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterCounter;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.support.PipelineDriver;
import org.odop.pulse.support.TestData;
import org.odop.pulse.topology.PulseTopology;
import org.rocksdb.Options;

/**
 * Every RocksDB store of an instance shares one block cache, with the memtables charged to it: one memory budget
 * ({@code --rocksdb-memory-mb}) however many stores, partitions and standbys the instance holds.
 */
class BoundedRocksDbMemoryTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    /** Options as Kafka Streams makes them for a store before it calls the setter (its table config subclass). */
    private static Options storeOptions() {
        Options options = new Options();
        options.setTableFormatConfig(new BlockBasedTableConfigWithAccessibleCache());
        return options;
    }

    @Test
    @DisplayName("the setter gives every store the one shared block cache and write buffer manager, index and filters cached")
    void setterSharesOneCacheAndWriteBufferManager() {
        try (var budget = new BoundedRocksDbMemory.Budget(64 * MIB); Options a = storeOptions(); Options b = storeOptions()) {
            Map<String, Object> configs = Map.of(BoundedRocksDbMemory.BUDGET_CONFIG, budget);
            // Kafka Streams makes a setter per store.
            new BoundedRocksDbMemory().setConfig("store-a", a, configs);
            new BoundedRocksDbMemory().setConfig("store-b", b, configs);
            for (Options o : List.of(a, b)) {
                var table = (BlockBasedTableConfigWithAccessibleCache) o.tableFormatConfig();
                assertThat(table.blockCache()).isSameAs(budget.cache());
                assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
                assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
                assertThat(o.writeBufferManager()).isSameAs(budget.writeBuffers());
                // Small memtables: hundreds of stores' first arena blocks must fit the manager's share.
                assertThat(o.writeBufferSize()).isEqualTo(BoundedRocksDbMemory.MEMTABLE_BYTES);
                assertThat(o.maxWriteBufferNumber()).isEqualTo(BoundedRocksDbMemory.MEMTABLES);
            }
            new BoundedRocksDbMemory().close("store-a", a);
            assertThat(budget.usage()).as("close of one store leaves the shared cache open").isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    @DisplayName("without the instance's budget in the config, or with a closed one, no store opens")
    void budgetRequired() {
        try (Options o = storeOptions()) {
            assertThatThrownBy(() -> new BoundedRocksDbMemory().setConfig("s", o, Map.of()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining(BoundedRocksDbMemory.BUDGET_CONFIG);
            var budget = new BoundedRocksDbMemory.Budget(BoundedRocksDbMemory.MIN_BYTES);
            budget.close();
            assertThatThrownBy(() -> new BoundedRocksDbMemory().setConfig("s", o, Map.of(BoundedRocksDbMemory.BUDGET_CONFIG, budget)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            budget.close(); // twice is harmless
        }
        assertThatThrownBy(() -> new BoundedRocksDbMemory.Budget(BoundedRocksDbMemory.MIN_BYTES - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 MiB");
    }

    @Test
    @DisplayName("the Streams configuration the application builds names the setter and carries the instance's budget")
    void streamsConfigNamesTheSetter() {
        PulseConfig cfg = PulseConfig.embeddedDefaults(dir).toBuilder().rocksDbMemoryBytes(96 * MIB).build();
        try (var budget = new BoundedRocksDbMemory.Budget(cfg.rocksDbMemoryBytes())) {
            Properties props = StreamsSettings.streams(cfg, "127.0.0.1:1", 8080, DeadLetterCounter.NONE, budget);
            StreamsConfig config = new StreamsConfig(props);
            assertThat(config.getClass(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbMemory.class);
            assertThat(config.originals().get(BoundedRocksDbMemory.BUDGET_CONFIG)).isSameAs(budget);
            assertThat(budget.bytes()).isEqualTo(96 * MIB);
        }
        assertThat(PulseConfig.defaults().rocksDbMemoryBytes()).isEqualTo(256 * MIB);
    }

    @Test
    @DisplayName("the whole topology's stores, run with the application's Streams settings, all write into the one budget")
    void pipelineStoresChargeTheBudget() throws Exception {
        PulseConfig cfg = PulseConfig.embeddedDefaults(dir);
        PulseSerdes serdes = new PulseSerdes(new InMemorySchemaRegistry());
        try (var budget = new BoundedRocksDbMemory.Budget(BoundedRocksDbMemory.MIN_BYTES)) {
            Properties props = StreamsSettings.streams(cfg, "127.0.0.1:1", 8080, DeadLetterCounter.NONE, budget);
            assertThat(budget.usage()).isZero();
            try (var driver = new TopologyTestDriver(PulseTopology.build(serdes, PulseTopology.Settings.defaults(DeadLetterCounter.NONE)), props,
                    PipelineDriver.WALL_CLOCK_START)) {
                long rocksDbStores = driver.getAllStateStores().values().stream().filter(StateStore::persistent).count();
                assertThat(rocksDbStores).as("the topology keeps its state in RocksDB").isGreaterThan(3);

                send(driver, serdes, Topics.DISTRICTS, "JK-SRINAGAR", TestData.district("JK-SRINAGAR", "Srinagar", "JK", "Jammu and Kashmir"));
                send(driver, serdes, Topics.PRODUCTS, "PASHMINA", TestData.product("PASHMINA", "Pashmina shawls", "JK-SRINAGAR"));
                for (int i = 0; i < 200; i++) {
                    send(driver, serdes, Topics.LOIS, "JK-SRINAGAR",
                            TestData.loi("l" + i, "JK-SRINAGAR", "PASHMINA", 100_000 + i, "2026-07-30T11:00:00Z"));
                    send(driver, serdes, Topics.SHIPMENTS, "JK-SRINAGAR", TestData.shipment("s" + i, "SH-" + i,
                            "JK-SRINAGAR", "PASHMINA", ShipmentStatus.BOOKED, 50_000, "2026-08-01T10:00:00Z", "L-l" + i));
                    send(driver, serdes, Topics.ORDERS, "JK-SRINAGAR", TestData.order("o" + i, "O-" + i, "JK-SRINAGAR",
                            "PASHMINA", OrderStatus.PLACED, 9_900, "2026-08-02T10:00:00Z"));
                }
                // The memtables written so far are charged to the shared cache: had any store its own cache or none,
                // the budget's cache would show nothing.
                assertThat(budget.usage()).as("bytes charged to the shared cache by %d stores", rocksDbStores).isPositive();
            }
        }
    }

    private static <V extends SpecificRecord> void send(TopologyTestDriver driver, PulseSerdes serdes, Topic<V> topic,
                                                       String key, V value) {
        driver.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, serdes.value(topic).serializer().serialize(topic.name(), value));
    }
}
