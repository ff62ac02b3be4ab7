package org.odop.pulse.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.ShipmentAlert;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topic;
import org.odop.pulse.config.Topics;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.deadletter.DeadLetterHandler;
import org.odop.pulse.domain.EventLimits;
import org.odop.pulse.topology.PulseTopology;
import org.odop.pulse.topology.common.HoldPolicy;
import org.odop.pulse.domain.MeasureKeys;
import org.odop.pulse.topology.shipment.StallLimits;

/** The whole topology in a TopologyTestDriver, with typed helpers and a small reference data set. */
public final class PipelineDriver implements AutoCloseable {
    public static final Instant WALL_CLOCK_START = Instant.parse("2026-11-25T00:00:00Z");
    public static final Duration STALL_CHECK_EVERY = Duration.ofSeconds(30);

    public final PulseSerdes serdes;
    public final List<String> deadLetterCounts = new ArrayList<>();
    private final TopologyTestDriver driver;
    private final java.nio.file.Path stateDir;
    private final TestOutputTopic<String, byte[]> deadLetters;

    public final List<String> alertCounts = new ArrayList<>();
    /** LOIs are due 90 days after signing (the default), checked every minute of the driver's wall clock. */
    public static final org.odop.pulse.topology.meet.FollowUp FOLLOW_UP = new org.odop.pulse.topology.meet.FollowUp(
            org.odop.pulse.topology.meet.FollowUp.DEFAULT_AFTER, Duration.ofMinutes(1), () -> {}, type -> {});
    public final java.util.concurrent.atomic.AtomicInteger loiCorrections = new java.util.concurrent.atomic.AtomicInteger();
    public final List<String> loiAlertCounts = new ArrayList<>();

    public PipelineDriver(Duration dedupRetention) {
        this(dedupRetention, StallLimits.defaults());
    }

    public PipelineDriver(Duration dedupRetention, StallLimits stallLimits) {
        this(dedupRetention, stallLimits, HoldPolicy.DEFAULT);
    }

    public PipelineDriver(Duration dedupRetention, StallLimits stallLimits, HoldPolicy hold) {
        this(dedupRetention, stallLimits, hold, new InMemorySchemaRegistry());
    }

    /** The defaults, with the serdes asking {@code registry}. */
    public PipelineDriver(org.odop.pulse.registry.SchemaRegistryClient registry) {
        this(Duration.ofDays(30), StallLimits.defaults(), HoldPolicy.DEFAULT, registry);
    }

    public PipelineDriver(Duration dedupRetention, StallLimits stallLimits, HoldPolicy hold,
                          org.odop.pulse.registry.SchemaRegistryClient registry) {
        serdes = new PulseSerdes(registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pipeline-test");
        // Its own state directory: drivers in other test JVMs (or open beside this one) never share RocksDB files.
        try {
            stateDir = java.nio.file.Files.createTempDirectory("pipeline-driver");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // As in production: a record whose processing throws is parked, not fatal.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        driver = new TopologyTestDriver(
                PulseTopology.build(serdes, new PulseTopology.Settings(dedupRetention, stallLimits, STALL_CHECK_EVERY,
                        (source, reason) -> deadLetterCounts.add(source + ":" + reason), type -> alertCounts.add(type.name()),
                        EventLimits.DEFAULT, hold, FOLLOW_UP.withCounters(() -> loiCorrections.incrementAndGet(),
                                type -> loiAlertCounts.add(type.name())), 0)),
                props, WALL_CLOCK_START);
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, new StringDeserializer(), new ByteArrayDeserializer());
        for (var d : List.of(
                TestData.district("JK-SRINAGAR", "Srinagar", "JK", "Jammu and Kashmir"),
                TestData.district("JK-PULWAMA", "Pulwama", "JK", "Jammu and Kashmir"),
                TestData.district("JK-JAMMU", "Jammu", "JK", "Jammu and Kashmir"),
                TestData.district("ML-WEST-JAINTIA-HILLS", "West Jaintia Hills", "ML", "Meghalaya"))) {
            put(Topics.DISTRICTS, d.getDistrictCode(), d);
        }
        for (var p : List.of(
                TestData.product("PASHMINA", "Pashmina shawls", "JK-SRINAGAR"),
                TestData.product("PAPIER-MACHE", "Papier mache", "JK-SRINAGAR"),
                TestData.product("SAFFRON", "Saffron", "JK-PULWAMA"),
                TestData.product("BASMATI", "Basmati", "JK-JAMMU"),
                TestData.product("LAKADONG-TURMERIC", "Lakadong turmeric", "ML-WEST-JAINTIA-HILLS"))) {
            put(Topics.PRODUCTS, p.getProductCode(), p);
        }
    }

    public PipelineDriver() {
        this(Duration.ofDays(30));
    }

    public void addDistrict(District d) {
        put(Topics.DISTRICTS, d.getDistrictCode(), d);
    }

    public void addProduct(Product p) {
        put(Topics.PRODUCTS, p.getProductCode(), p);
    }

    /** Sends an event keyed by its district, as upstream producers must. */
    public <V extends SpecificRecord> void send(Topic<V> topic, String key, V value) {
        raw(topic.name()).pipeInput(key, serdes.value(topic).serializer().serialize(topic.name(), value));
    }

    public void sendBytes(String topic, String key, byte[] value) {
        raw(topic).pipeInput(key, value);
    }

    private <V extends SpecificRecord> void put(Topic<V> topic, String key, V value) {
        send(topic, key, value);
    }

    private TestInputTopic<String, byte[]> raw(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    public Measures measures(String store, String district, String period, String product) {
        KeyValueStore<String, Measures> s = driver.getKeyValueStore(store);
        Measures m = s.get(MeasureKeys.of(district, period, product));
        return m == null ? new Measures() : m;
    }

    public Measures total(String store, String district, String period) {
        return measures(store, district, period, MeasureKeys.TOTAL);
    }

    /** The LOI follow-up alert topic, read with the application's serde. */
    public TestOutputTopic<String, org.odop.pulse.avro.LoiAlert> loiAlerts() {
        return driver.createOutputTopic(Topics.LOI_ALERTS.name(), new StringDeserializer(),
                serdes.value(Topics.LOI_ALERTS).deserializer());
    }

    /** The alert topic, read with the application's serde. */
    public TestOutputTopic<String, ShipmentAlert> alerts() {
        return driver.createOutputTopic(Topics.SHIPMENT_ALERTS.name(), new StringDeserializer(),
                serdes.value(Topics.SHIPMENT_ALERTS).deserializer());
    }

    public List<TestRecord<String, byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** The wall clock of the driver, for events dated relative to it. */
    public Instant wallClock() {
        return WALL_CLOCK_START.plus(wallClockAdvanced);
    }

    private Duration wallClockAdvanced = Duration.ZERO;

    public void advanceWallClock(Duration d) {
        wallClockAdvanced = wallClockAdvanced.plus(d);
        driver.advanceWallClockTime(d);
    }

    public <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    @Override
    public void close() {
        driver.close();
        try {
            org.apache.kafka.common.utils.Utils.delete(stateDir.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
