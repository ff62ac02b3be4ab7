package org.odop.pulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.ingest.IngestFailedException;
import org.odop.pulse.ingest.RecordType;
import org.odop.pulse.registry.InMemorySchemaRegistry;

/** Loading the reference data at start-up: a fresh producer for each try, short timeouts, a bounded number of tries. */
class ReferenceDataSeederTest {
    private final PulseSerdes serdes = new PulseSerdes(new InMemorySchemaRegistry());
    private final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    private final List<Properties> settings = new ArrayList<>();
    private final List<String> retries = new ArrayList<>();

    /** Producers whose first {@code failing} never acknowledge (their flush times out, as a stuck batch expires). */
    private ReferenceDataSeeder.ProducerFactory factory(int failing) {
        return overrides -> {
            settings.add(overrides);
            var p = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            if (producers.size() < failing) p.flushException = new TimeoutException("Expiring 1 record(s) for odop.ref.districts.v1-0");
            producers.add(p);
            return p;
        };
    }

    @Test
    @DisplayName("every bundled line reaches its topic, each type once, with one producer when Kafka acknowledges")
    void loadsTheBundledData() {
        Map<RecordType, String> bundled = ReferenceDataSeeder.bundled();
        assertThat(bundled.keySet()).containsExactly(RecordType.DISTRICTS, RecordType.PRODUCTS, RecordType.FX_RATES);
        assertThat(bundled.values()).allSatisfy(text -> assertThat(text).endsWith("\n"));
        ReferenceDataSeeder.load(factory(0), serdes, bundled, retries::add);

        assertThat(producers).hasSize(1);
        assertThat(retries).isEmpty();
        var history = producers.get(0).history();
        for (var e : bundled.entrySet()) {
            long lines = e.getValue().lines().filter(l -> !l.isBlank()).count();
            assertThat(history.stream().filter(r -> r.topic().equals(e.getKey().topic().name())).count())
                    .as(e.getKey().pathName()).isEqualTo(lines).isPositive();
        }
        assertThat(history).noneMatch(r -> r.topic().equals(Topics.DEAD_LETTER));
        assertThat(settings.get(0)).containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    }

    @Test
    @DisplayName("a try Kafka never acknowledges is made again with a new producer, and the first one is closed")
    void retriesWithANewProducer() {
        ReferenceDataSeeder.load(factory(2), serdes, ReferenceDataSeeder.bundled(), retries::add);

        assertThat(producers).hasSize(3);
        assertThat(producers).allMatch(MockProducer::closed);
        assertThat(retries).hasSize(2).allSatisfy(m -> assertThat(m).contains("Expiring 1 record(s)").endsWith("trying again"));
    }

    @Test
    @DisplayName("after the last try the failure is reported, not swallowed")
    void givesUpAfterTheLastTry() {
        assertThatThrownBy(() -> ReferenceDataSeeder.load(factory(ReferenceDataSeeder.ATTEMPTS), serdes,
                ReferenceDataSeeder.bundled(), retries::add))
                .isInstanceOf(IngestFailedException.class).hasMessageContaining("Expiring 1 record(s)");
        assertThat(producers).hasSize(ReferenceDataSeeder.ATTEMPTS);
        assertThat(retries).hasSize(ReferenceDataSeeder.ATTEMPTS - 1);
    }
}
