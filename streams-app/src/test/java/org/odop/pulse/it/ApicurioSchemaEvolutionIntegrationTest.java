package org.odop.pulse.it;

import org.odop.pulse.support.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.config.Topics;
import org.odop.pulse.registry.CompatibilityLevel;
import org.odop.pulse.registry.RestSchemaRegistryClient;
import org.odop.pulse.registry.SchemaRegistryException;
import org.odop.pulse.runtime.PulseApplication;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.runtime.StreamsSettings;
import org.odop.pulse.runtime.embedded.EmbeddedKafkaBroker;
import org.odop.pulse.support.ApicurioRegistry;
import org.odop.pulse.support.ConfluentWire;
import org.odop.pulse.support.Http;

/**
 * Upstream producers on other schema versions than this build, writing to odop.lois.v1 as any Confluent-compatible
 * Avro producer would (GenericRecord, schema registered under the topic's subject, key = districtCode). The running
 * pipeline must count every one of them, exactly.
 */
@DisplayName("Schema evolution: older and newer producer schemas on a running pipeline with Apicurio")
class ApicurioSchemaEvolutionIntegrationTest {

    @TempDir
    Path dir;

    /** LoiSigned as a producer built before the optional hsCode field existed writes it. */
    private static Schema olderWithoutHsCode() {
        Schema current = LoiSigned.getClassSchema();
        return record(current.getFields().stream().filter(f -> !f.name().equals("hsCode"))
                .map(f -> new Schema.Field(f, f.schema())).toList());
    }

    /** LoiSigned as a newer producer writes it: an added optional field with a default. */
    private static Schema newerWithCurrency() {
        return currentPlus(new Schema.Field("currency", Schema.create(Schema.Type.STRING), "ISO 4217 code.", "INR"));
    }

    private static Schema currentPlus(Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        LoiSigned.getClassSchema().getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(extra);
        return record(fields);
    }

    private static Schema record(List<Schema.Field> fields) {
        Schema current = LoiSigned.getClassSchema();
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static GenericRecord loi(Schema schema, String eventId, String product, long paise) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("eventId", eventId);
        r.put("loiId", "L-" + eventId);
        r.put("meetId", "BSM-SKICC-2022-07-30");
        r.put("districtCode", "JK-SRINAGAR");
        r.put("productCode", product);
        r.put("buyer", "Oma Living");
        r.put("seller", "Seller " + eventId);
        r.put("valuePaise", paise);
        r.put("signedAt", Instant.parse("2022-07-30T06:00:00Z").toEpochMilli());
        if (schema.getField("hsCode") != null) {
            r.put("hsCode", "57011000");
        }
        if (schema.getField("currency") != null) {
            r.put("currency", "USD");
        }
        return r;
    }

    @Test
    @DisplayName("records written with an older schema, this build's and a newer one (optional field) are all summed")
    void olderAndNewerProducers() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
             ApicurioRegistry apicurio = ApicurioRegistry.start(CompatibilityLevel.NONE);
             PulseApplication app = PulseApplication.start(PulseConfig.embeddedDefaults(dir.resolve("app"))
                     .withPorts(0, 0, 0).withCluster(broker.bootstrapServers(), apicurio.url()))) {
            // Cluster mode generates no admin key; the keys file is read again within seconds of a change.
            Http http = new Http(app.httpPort(), TestKeys.addAdmin(PulseConfig.embeddedDefaults(dir.resolve("app"))));
            await().atMost(Duration.ofSeconds(120)).until(() -> http.get("/health/ready").status() == 200);
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/states").status() != 401);

            // Each producer registers its own schema, as Confluent serializers do; BACKWARD (set by the app) lets
            // all three in, one after the other.
            var producerRegistry = new RestSchemaRegistryClient(apicurio.url());
            String subject = Topics.LOIS.valueSubject();
            int currentId = producerRegistry.register(subject, LoiSigned.getClassSchema());
            int olderId = producerRegistry.register(subject, olderWithoutHsCode());
            int newerId = producerRegistry.register(subject, newerWithCurrency());
            assertThat(List.of(currentId, olderId, newerId)).doesNotHaveDuplicates();
            assertThat(producerRegistry.versions(subject)).containsExactly(1, 2, 3);

            try (var producer = new KafkaProducer<byte[], byte[]>(StreamsSettings.producer(broker.bootstrapServers()))) {
                for (var value : List.of(
                        ConfluentWire.encode(olderId, loi(olderWithoutHsCode(), "old-1", "PASHMINA", 99_999_999_999_999L)),
                        ConfluentWire.encode(currentId, loi(LoiSigned.getClassSchema(), "cur-1", "PASHMINA", 1L)),
                        ConfluentWire.encode(newerId, loi(newerWithCurrency(), "new-1", "SAFFRON", 25_000_005L)))) {
                    producer.send(new ProducerRecord<>(Topics.LOIS.name(),
                            "JK-SRINAGAR".getBytes(StandardCharsets.UTF_8), value)).get();
                }
            }

            // 999999999999.99 + 0.01 + 250000.05 rupees, to the paisa.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var view = http.get("/api/v1/districts/JK-SRINAGAR?period=all");
                assertThat(view.status()).isEqualTo(200);
                assertThat(view.body()).contains("\"loiValueInr\":1000000250000.05");
                assertThat(view.json().get("loiCount").asInt()).isEqualTo(3);
            });
            assertThat(http.get("/api/v1/districts/JK-SRINAGAR?period=all").body())
                    .contains("\"productCode\":\"SAFFRON\"").contains("\"loiValueInr\":250000.05");
            // Nothing was parked as unreadable.
            assertThat(http.get("/metrics").body())
                    .doesNotContainPattern("odop_dead_letter_records_total\\{[^}]*source=\"odop.lois.v1\"[^}]*\\} [1-9]");

            // And the level the app set keeps producers from breaking it: a required field without default.
            Schema breaking = currentPlus(new Schema.Field("region", Schema.create(Schema.Type.STRING)));
            SchemaRegistryException refused = catchThrowableOfType(SchemaRegistryException.class,
                    () -> producerRegistry.register(subject, breaking));
            assertThat(refused.httpStatus()).isEqualTo(409);
        }
    }
}
