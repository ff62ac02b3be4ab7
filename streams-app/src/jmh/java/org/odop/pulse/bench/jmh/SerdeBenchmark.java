package org.odop.pulse.bench.jmh;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Avro serde in the Confluent wire format ({@code registry/AvroSerde} through {@code config/PulseSerdes}):
 * events as the topologies decode them, and the {@code Measures} store value, which every store get
 * deserializes and every put serializes (six of each per event today).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SerdeBenchmark {
    private static final String MEASURES_TOPIC = "odop-pulse-export-measures-changelog";

    private Serializer<ShipmentEvent> shipmentSerializer;
    private Deserializer<ShipmentEvent> shipmentDeserializer;
    private Serializer<EcommerceOrder> orderSerializer;
    private Deserializer<EcommerceOrder> orderDeserializer;
    private Serializer<Measures> measuresSerializer;
    private Deserializer<Measures> measuresDeserializer;
    private ShipmentEvent[] shipments;
    private byte[][] shipmentBytes;
    private EcommerceOrder[] orders;
    private byte[][] orderBytes;
    private Measures[] measures;
    private byte[][] measuresBytes;
    private int i;

    @Setup
    public void setUp() {
        PulseSerdes serdes = new PulseSerdes(new InMemorySchemaRegistry());
        shipmentSerializer = serdes.value(Topics.SHIPMENTS).serializer();
        shipmentDeserializer = serdes.value(Topics.SHIPMENTS).deserializer();
        orderSerializer = serdes.value(Topics.ORDERS).serializer();
        orderDeserializer = serdes.value(Topics.ORDERS).deserializer();
        measuresSerializer = serdes.value(Measures.class).serializer();
        measuresDeserializer = serdes.value(Measures.class).deserializer();

        List<ShipmentEvent> s = Samples.lines(RecordType.SHIPMENTS).stream().map(l -> (ShipmentEvent) Samples.parsed(l).value()).toList();
        shipments = s.toArray(ShipmentEvent[]::new);
        shipmentBytes = s.stream().map(e -> shipmentSerializer.serialize(Topics.SHIPMENTS.name(), e)).toArray(byte[][]::new);
        List<EcommerceOrder> o = Samples.lines(RecordType.ORDERS).stream().map(l -> (EcommerceOrder) Samples.parsed(l).value()).toList();
        orders = o.toArray(EcommerceOrder[]::new);
        orderBytes = o.stream().map(e -> orderSerializer.serialize(Topics.ORDERS.name(), e)).toArray(byte[][]::new);

        SplittableRandom random = new SplittableRandom(7);
        measures = new Measures[Samples.SIZE];
        measuresBytes = new byte[Samples.SIZE][];
        for (int k = 0; k < Samples.SIZE; k++) {
            long shipmentsSoFar = random.nextLong(1, 50_000);
            measures[k] = Measures.newBuilder().setExportShipments(shipmentsSoFar)
                    .setExportValuePaise(shipmentsSoFar * random.nextLong(10_000_00, 50_00_000_00L))
                    .setLoiLinkedExportValuePaise(random.nextLong(0, 1_000_00_000_00L)).build();
            measuresBytes[k] = measuresSerializer.serialize(MEASURES_TOPIC, measures[k]);
        }
    }

    @Benchmark
    public byte[] shipmentEventSerialize() {
        return shipmentSerializer.serialize(Topics.SHIPMENTS.name(), shipments[i++ & Samples.MASK]);
    }

    @Benchmark
    public ShipmentEvent shipmentEventDeserialize() {
        return shipmentDeserializer.deserialize(Topics.SHIPMENTS.name(), shipmentBytes[i++ & Samples.MASK]);
    }

    @Benchmark
    public byte[] orderSerialize() {
        return orderSerializer.serialize(Topics.ORDERS.name(), orders[i++ & Samples.MASK]);
    }

    @Benchmark
    public EcommerceOrder orderDeserialize() {
        return orderDeserializer.deserialize(Topics.ORDERS.name(), orderBytes[i++ & Samples.MASK]);
    }

    @Benchmark
    public byte[] measuresSerialize() {
        return measuresSerializer.serialize(MEASURES_TOPIC, measures[i++ & Samples.MASK]);
    }

    @Benchmark
    public Measures measuresDeserialize() {
        return measuresDeserializer.deserialize(MEASURES_TOPIC, measuresBytes[i++ & Samples.MASK]);
    }

    /** What one row update costs in serde alone: read the stored bytes, copy, change, write them back. */
    @Benchmark
    public byte[] measuresReadModifyWrite() {
        Measures m = Measures.newBuilder(measuresDeserializer.deserialize(MEASURES_TOPIC, measuresBytes[i++ & Samples.MASK])).build();
        m.setExportShipments(m.getExportShipments() + 1);
        m.setExportValuePaise(m.getExportValuePaise() + 1_000_00);
        return measuresSerializer.serialize(MEASURES_TOPIC, m);
    }
}
