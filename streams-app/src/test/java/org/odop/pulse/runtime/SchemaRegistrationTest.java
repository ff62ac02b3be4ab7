package org.odop.pulse.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.District;
import org.odop.pulse.avro.EcommerceOrder;
import org.odop.pulse.avro.LoiSigned;
import org.odop.pulse.avro.Product;
import org.odop.pulse.avro.ShipmentEvent;
import org.odop.pulse.registry.CompatibilityLevel;
import org.odop.pulse.registry.InMemorySchemaRegistry;
import org.odop.pulse.registry.RestSchemaRegistryClient;
import org.odop.pulse.registry.SchemaRegistryServer;

@DisplayName("SchemaRegistration at start-up")
class SchemaRegistrationTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    @DisplayName("registers each topic's value schema under <topic>-value and sets the level on each subject")
    void registersEverySubject() {
        registry.setCompatibility(null, CompatibilityLevel.NONE);

        var ids = SchemaRegistration.registerAll(registry, CompatibilityLevel.BACKWARD);

        assertThat(ids).containsOnlyKeys("odop.lois.v1-value", "odop.shipments.v1-value", "odop.orders.v1-value",
                "odop.ref.districts.v1-value", "odop.ref.products.v1-value", "odop.ref.fx-rates.v1-value",
                "odop.alerts.shipments.v1-value", "odop.alerts.lois.v1-value");
        assertThat(registry.latest("odop.alerts.lois.v1-value").schema()).isEqualTo(org.odop.pulse.avro.LoiAlert.getClassSchema());
        assertThat(registry.latest("odop.ref.fx-rates.v1-value").schema()).isEqualTo(org.odop.pulse.avro.FxRate.getClassSchema());
        assertThat(registry.latest("odop.lois.v1-value").schema()).isEqualTo(LoiSigned.getClassSchema());
        assertThat(registry.latest("odop.shipments.v1-value").schema()).isEqualTo(ShipmentEvent.getClassSchema());
        assertThat(registry.latest("odop.orders.v1-value").schema()).isEqualTo(EcommerceOrder.getClassSchema());
        assertThat(registry.latest("odop.ref.districts.v1-value").schema()).isEqualTo(District.getClassSchema());
        assertThat(registry.latest("odop.ref.products.v1-value").schema()).isEqualTo(Product.getClassSchema());
        assertThat(registry.latest("odop.alerts.shipments.v1-value").schema())
                .isEqualTo(org.odop.pulse.avro.ShipmentAlert.getClassSchema());
        ids.keySet().forEach(subject ->
                assertThat(registry.getCompatibility(subject)).as(subject).isEqualTo(CompatibilityLevel.BACKWARD));
        assertThat(registry.getCompatibility(null)).isEqualTo(CompatibilityLevel.NONE);
    }

    @Test
    @DisplayName("a second start adds no versions and returns the same ids; the configured level replaces the old one")
    void idempotent() {
        var first = SchemaRegistration.registerAll(registry, CompatibilityLevel.BACKWARD);

        var second = SchemaRegistration.registerAll(registry, CompatibilityLevel.FULL_TRANSITIVE);

        assertThat(second).isEqualTo(first);
        first.keySet().forEach(subject -> {
            assertThat(registry.versions(subject)).as(subject).containsExactly(1);
            assertThat(registry.getCompatibility(subject)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        });
    }

    @Test
    @DisplayName("a schema the subject's level refuses stops start-up with a message naming subject, schema and level")
    void refusedFailsFast() {
        // The subject holds an LoiSigned without "buyer": this build's schema needs it and has no default.
        Schema current = LoiSigned.getClassSchema();
        Schema withoutBuyer = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false,
                current.getFields().stream().filter(f -> !f.name().equals("buyer")).map(f -> new Schema.Field(f, f.schema())).toList());
        registry.register("odop.lois.v1-value", withoutBuyer);

        assertThatThrownBy(() -> SchemaRegistration.registerAll(registry, CompatibilityLevel.BACKWARD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused org.odop.pulse.avro.LoiSigned under subject 'odop.lois.v1-value'")
                .hasMessageContaining("not BACKWARD-compatible")
                .hasMessageContaining("HTTP 409")
                .hasMessageContaining("buyer");
        assertThat(registry.versions("odop.lois.v1-value")).containsExactly(1);
    }

    @Test
    @DisplayName("an unreachable registry stops start-up with a message naming its URL")
    void unreachable() {
        SchemaRegistryServer stopped = new SchemaRegistryServer(registry, "127.0.0.1", 0).start();
        String url = stopped.url();
        stopped.close();

        assertThatThrownBy(() -> SchemaRegistration.registerAll(
                new RestSchemaRegistryClient(url, Duration.ofSeconds(2), Duration.ofSeconds(5)), CompatibilityLevel.BACKWARD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("odop.lois.v1-value")
                .hasMessageContaining(url);
    }
}
