package org.odop.pulse.bench.jmh;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.topology.common.MeasureStores;
import org.odop.pulse.topology.common.MeasureUpdater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Aggregation: {@code MeasureUpdater.apply} for one shipment (three periods, a total and a product row
 * each: six gets and six puts through the store's String and Measures serdes), on a Kafka Streams store
 * initialised with a mock context, without changelog or Kafka Streams' record cache: {@code in-memory} isolates the
 * updater and serde, {@code rocksdb} is the RocksDB store beneath, and {@code rocksdb-buffered} is the store as shipped
 * ({@code MeasureStores.builder}: the rows changed since the last commit kept as objects in front), committed every
 * {@value #EVENTS_PER_COMMIT} shipments (a 100 ms commit interval at 5,000 events/s). The rows exist already (the data
 * set was applied once in set-up), as they do in a running pipeline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MeasureUpdateBenchmark {
    static final int EVENTS_PER_COMMIT = 500;

    @Param({"in-memory", "rocksdb", "rocksdb-buffered"})
    public String store;

    private Path stateDir;
    private KeyValueStore<String, Measures> measures;
    private ShipmentEvent[] shipments;
    private int i;

    @Setup
    public void setUp() throws IOException {
        stateDir = Files.createTempDirectory("odop-pulse-jmh-");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "odop-pulse-jmh");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
        var serde = new PulseSerdes(new InMemorySchemaRegistry()).value(Measures.class);
        var builder = switch (store) {
            case "rocksdb-buffered" -> MeasureStores.builder("export-measures", serde);
            case "rocksdb" -> Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("export-measures"), Serdes.String(), serde);
            default -> Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("export-measures"), Serdes.String(), serde);
        };
        measures = builder.withLoggingDisabled().withCachingDisabled().build();
        measures.init(context.getStateStoreContext(), measures);
        List<ShipmentEvent> s = Samples.lines(RecordType.SHIPMENTS).stream().map(l -> (ShipmentEvent) Samples.parsed(l).value()).toList();
        shipments = s.toArray(ShipmentEvent[]::new);
        for (int k = 0; k < shipments.length; k++) applyShipment();
    }

    @TearDown
    public void tearDown() throws IOException {
        measures.close();
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    /** As {@code ExportAggregator} counts a shipped export. */
    @Benchmark
    public void applyShipment() {
        ShipmentEvent s = shipments[i++ & Samples.MASK];
        if (i % EVENTS_PER_COMMIT == 0 && measures instanceof CachedStateStore<?, ?> cached) cached.flushCache(); // a commit
        long linked = s.getLoiId() == null ? 0 : s.getValuePaise();
        Instant at = s.getOccurredAt();
        MeasureUpdater.apply(measures, s.getDistrictCode(), s.getProductCode(), at, m -> {
            org.odop.pulse.topology.common.MeasureRows.add(m, org.odop.pulse.domain.MeasureCatalog.EXPORT_SHIPMENTS, 1);
            org.odop.pulse.topology.common.MeasureRows.add(m, org.odop.pulse.domain.MeasureCatalog.EXPORT_VALUE, s.getValuePaise());
            org.odop.pulse.topology.common.MeasureRows.add(m, org.odop.pulse.domain.MeasureCatalog.LOI_LINKED_EXPORT_VALUE, linked);
        });
    }
}
