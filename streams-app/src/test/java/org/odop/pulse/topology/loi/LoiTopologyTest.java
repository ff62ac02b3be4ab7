package org.odop.pulse.topology.loi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.odop.pulse.support.TestData.loi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.internal.Measures;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.topology.common.MeasureKeys;

class LoiTopologyTest {
    private final PulseSerdes serdes = new PulseSerdes(new InMemorySchemaRegistry());
    private final List<String> counted = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> lois;
    private TestOutputTopic<String, byte[]> deadLetters;
    private KeyValueStore<String, Measures> store;

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        new LoiTopology(serdes.value(Topics.LOIS).deserializer(), serdes.value(Measures.class),
                (source, reason) -> counted.add(source + ":" + reason)).build(builder);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "loi-test");
        driver = new TopologyTestDriver(builder.build(), props);
        lois = driver.createInputTopic(Topics.LOIS.name(), new StringSerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER, new StringDeserializer(), new ByteArrayDeserializer());
        store = driver.getKeyValueStore(LoiTopology.STORE);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void send(LoiSigned loi) {
        lois.pipeInput(loi.getDistrictCode(), serdes.value(Topics.LOIS).serializer().serialize(Topics.LOIS.name(), loi));
    }

    private Measures at(String district, String period, String product) {
        return store.get(MeasureKeys.of(district, period, product));
    }

    @Test
    @DisplayName("sums LOI count and value exactly per district and per product for all, fiscal year and month")
    void aggregatesPerDistrictAndProduct() {
        send(loi("e1", "JK-SRINAGAR", "PASHMINA", 3_500_000_00L, "2022-07-30T11:00:00+05:30"));
        send(loi("e2", "JK-SRINAGAR", "PASHMINA", 1_00L + 1, "2022-07-30T12:00:00+05:30"));
        send(loi("e3", "JK-SRINAGAR", "PAPIER-MACHE", 7_000_000_00L - 101, "2022-07-30T13:00:00+05:30"));
        send(loi("e4", "JK-PULWAMA", "SAFFRON", 12_345_67L, "2022-08-01T10:00:00+05:30"));

        for (String period : List.of("all", "FY2022-23", "2022-07")) {
            Measures total = at("JK-SRINAGAR", period, MeasureKeys.TOTAL);
            assertThat(total.getLoiCount()).isEqualTo(3);
            assertThat(total.getLoiValuePaise()).isEqualTo(10_500_000_00L); // Rs 10.50 crore
            assertThat(at("JK-SRINAGAR", period, "PASHMINA").getLoiValuePaise()).isEqualTo(3_500_001_01L);
            assertThat(at("JK-SRINAGAR", period, "PAPIER-MACHE").getLoiCount()).isEqualTo(1);
        }
        assertThat(at("JK-SRINAGAR", "2022-08", MeasureKeys.TOTAL)).isNull();
        assertThat(at("JK-PULWAMA", "2022-08", "SAFFRON").getLoiValuePaise()).isEqualTo(12_345_67L);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("an LOI signed at 01:30 IST on 1 April counts in April and the new fiscal year")
    void fiscalYearBoundaryInIst() {
        send(loi("e1", "JK-JAMMU", "BASMATI", 100_00L, "2022-03-31T20:00:00Z"));
        send(loi("e2", "JK-JAMMU", "BASMATI", 200_00L, "2022-03-31T18:29:59Z"));

        assertThat(at("JK-JAMMU", "FY2022-23", MeasureKeys.TOTAL).getLoiValuePaise()).isEqualTo(100_00L);
        assertThat(at("JK-JAMMU", "2022-04", MeasureKeys.TOTAL).getLoiValuePaise()).isEqualTo(100_00L);
        assertThat(at("JK-JAMMU", "FY2021-22", MeasureKeys.TOTAL).getLoiValuePaise()).isEqualTo(200_00L);
        assertThat(at("JK-JAMMU", "2022-03", MeasureKeys.TOTAL).getLoiValuePaise()).isEqualTo(200_00L);
        assertThat(at("JK-JAMMU", "all", MeasureKeys.TOTAL).getLoiValuePaise()).isEqualTo(300_00L);
    }

    @Test
    @DisplayName("bytes that are not Avro go to the dead-letter topic with the reason, and later records still count")
    void garbageIsDeadLettered() {
        lois.pipeInput("JK-SRINAGAR", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
        send(loi("e1", "JK-SRINAGAR", "PASHMINA", 500_00L, "2022-07-30T11:00:00+05:30"));

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
        assertThat(DeadLetters.get(dead.headers(), DeadLetters.HEADER_REASON)).isEqualTo("NOT_DESERIALIZABLE");
        assertThat(DeadLetters.get(dead.headers(), DeadLetters.HEADER_SOURCE)).isEqualTo(Topics.LOIS.name());
        assertThat(DeadLetters.get(dead.headers(), DeadLetters.HEADER_OFFSET)).isEqualTo("0");
        assertThat(counted).containsExactly(Topics.LOIS.name() + ":" + DeadLetterReason.NOT_DESERIALIZABLE);
        assertThat(at("JK-SRINAGAR", "all", MeasureKeys.TOTAL).getLoiCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("a null value, a negative value and a key that is not the district are dead-lettered, not counted")
    void invalidEventsAreDeadLettered() {
        lois.pipeInput("JK-SRINAGAR", (byte[]) null);
        send(loi("e1", "JK-SRINAGAR", "PASHMINA", -1L, "2022-07-30T11:00:00+05:30"));
        LoiSigned wrongKey = loi("e2", "JK-SRINAGAR", "PASHMINA", 100L, "2022-07-30T11:00:00+05:30");
        lois.pipeInput("JK-JAMMU", serdes.value(Topics.LOIS).serializer().serialize(Topics.LOIS.name(), wrongKey));

        List<String> reasons = deadLetters.readRecordsToList().stream()
                .map(r -> DeadLetters.get(r.headers(), DeadLetters.HEADER_REASON)).toList();
        assertThat(reasons).containsExactly("NOT_DESERIALIZABLE", "INVALID_FIELD", "KEY_MISMATCH");
        assertThat(counted).hasSize(3);
        assertThat(at("JK-SRINAGAR", "all", MeasureKeys.TOTAL)).isNull();
    }
}
