package org.odop.pulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.deadletter.DeadLetterCounter;

/** --kafka-config: read once, applied to every kind of client, ${env:...} resolved by Kafka's own provider. */
class KafkaClientConfigTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("a file's settings reach the Streams, producer and admin configs, and ${env:NAME} is resolved by the client")
    void appliedEverywhere() throws Exception {
        String home = System.getenv("HOME");
        org.junit.jupiter.api.Assumptions.assumeTrue(home != null, "HOME is set");
        Path file = Files.writeString(dir.resolve("kafka.properties"), """
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                client.id=${env:HOME}
                """);
        KafkaClientConfig kafka = KafkaClientConfig.load(file);
        assertThat(kafka.settings()).containsEntry("config.providers", "env")
                .containsEntry("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        assertThat(kafka.securityDescription()).isEqualTo("security.protocol SASL_SSL, sasl.mechanism SCRAM-SHA-512");
        assertThat(kafka.toString()).doesNotContain("HOME");

        assertThat(new AdminClientConfig(kafka.admin("127.0.0.1:1")).getString(AdminClientConfig.CLIENT_ID_CONFIG))
                .isEqualTo(home);
        var producer = StreamsSettings.producer("127.0.0.1:1", kafka);
        assertThat(new ProducerConfig(producer).getString(org.apache.kafka.clients.CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)).isEqualTo("SASL_SSL");
        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all"); // the application's own settings stay

        PulseConfig cfg = PulseConfig.embeddedDefaults(dir).withConnections(Connections.NONE.withKafka(kafka));
        try (var rocksDb = new BoundedRocksDbMemory.Budget(BoundedRocksDbMemory.MIN_BYTES)) {
            var streams = StreamsSettings.streams(cfg, "127.0.0.1:1", 8080, DeadLetterCounter.NONE, rocksDb);
            assertThat(streams).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("processing.guarantee", "exactly_once_v2");
            assertThat(new org.apache.kafka.streams.StreamsConfig(streams).getString("client.id")).isEqualTo(home);
        }
    }

    @Test
    @DisplayName("a file that configures its own providers keeps them; no file, no settings; an unreadable file is named")
    void providersAndFiles() {
        KafkaClientConfig own = KafkaClientConfig.of(Map.of("config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"));
        assertThat(own.settings()).containsEntry("config.providers", "file").doesNotContainKey("config.providers.env.class");
        assertThat(KafkaClientConfig.load(null)).isSameAs(KafkaClientConfig.NONE);
        assertThat(KafkaClientConfig.NONE.securityDescription()).isEqualTo("security.protocol PLAINTEXT");
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> KafkaClientConfig.load(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }
}
