package org.odop.pulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.avro.ShipmentAlert;
import org.odop.pulse.avro.ShipmentAlertType;
import org.odop.pulse.runtime.KafkaClientConfig;
import org.odop.pulse.config.PulseSerdes;
import org.odop.pulse.config.Topics;
import org.odop.pulse.deadletter.DeadLetterReason;
import org.odop.pulse.deadletter.DeadLetters;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.runtime.StreamsSettings;
import org.odop.pulse.runtime.TopicCreator;
import org.odop.pulse.runtime.embedded.EmbeddedKafkaBroker;

/** {@link LiveTopics} on a real KRaft broker: the alert and dead-letter topics as the web app's pages see them. */
class LiveTopicsIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void keepsTheNewestAlertsHandsOnNewOnesAndCountsDeadLettersByReason(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicCreator.ensureTopics(admin, Topics.definitions(3, (short) 1));
            PulseSerdes serdes = new PulseSerdes(new InMemorySchemaRegistry());
            Serializer<ShipmentAlert> alerts = serdes.value(Topics.SHIPMENT_ALERTS).serializer();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(StreamsSettings.producer(broker.bootstrapServers()))) {
                // 60 alerts over three partitions, older than the 50 kept; then dead letters of two reasons.
                for (int i = 0; i < 60; i++) {
                    producer.send(new ProducerRecord<>(Topics.SHIPMENT_ALERTS.name(), i % 3, null,
                            alerts.serialize(Topics.SHIPMENT_ALERTS.name(), alert(i)))).get();
                }
                for (int i = 0; i < 5; i++) {
                    DeadLetterReason reason = i < 3 ? DeadLetterReason.MALFORMED : DeadLetterReason.INVALID_FIELD;
                    producer.send(DeadLetters.record(null, "x".getBytes(StandardCharsets.UTF_8), "lois", reason, "line " + i)).get();
                }

                try (LiveTopics live = new LiveTopics(StreamsSettings.readThroughConsumer(broker.bootstrapServers(),
                        KafkaClientConfig.NONE), serdes.value(Topics.SHIPMENT_ALERTS).deserializer()).start()) {
                    List<AlertView> heard = new CopyOnWriteArrayList<>();
                    live.subscribe(heard::add);
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                        assertThat(live.deadLettersByReason()).isEqualTo(Map.of("MALFORMED", 3L, "INVALID_FIELD", 2L));
                        assertThat(live.recentAlerts()).hasSize(LiveTopics.RECENT);
                    });
                    // The last 50 of each partition were read; the 50 newest of all are kept, oldest first.
                    assertThat(live.recentAlerts()).extracting(AlertView::shipmentId)
                            .containsExactlyElementsOf(java.util.stream.IntStream.range(10, 60).mapToObj(i -> "SH-" + i).toList());

                    producer.send(new ProducerRecord<>(Topics.SHIPMENT_ALERTS.name(), 1, null,
                            alerts.serialize(Topics.SHIPMENT_ALERTS.name(), alert(60)))).get();
                    await().atMost(Duration.ofSeconds(30)).until(() -> heard.stream().anyMatch(a -> a.shipmentId().equals("SH-60")));
                    assertThat(live.recentAlerts()).hasSize(LiveTopics.RECENT).last()
                            .satisfies(a -> assertThat(a.shipmentId()).isEqualTo("SH-60"));
                    assertThat(live.recentAlerts().get(0).shipmentId()).isEqualTo("SH-11");
                }
            }
        }
    }

    private static ShipmentAlert alert(int i) {
        return ShipmentAlert.newBuilder().setType(i % 2 == 0 ? ShipmentAlertType.STALLED : ShipmentAlertType.RESOLVED)
                .setShipmentId("SH-" + i).setDistrictCode("JK-SRINAGAR").setStateCode("JK").setProductCode("PASHMINA")
                .setStage("BOOKED").setSince(T0).setLimitSeconds(604_800).setAt(T0.plusSeconds(60L * i)).build();
    }
}
