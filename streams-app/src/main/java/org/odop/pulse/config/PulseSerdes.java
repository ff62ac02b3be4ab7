package org.odop.pulse.config;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.odop.pulse.registry.AvroSerde;
import org.odop.pulse.registry.SchemaRegistryClient;

/** The value serdes of every typed topic and store, all in the Confluent wire format over one registry client. */
public final class PulseSerdes {
    private final SchemaRegistryClient registry;

    public PulseSerdes(SchemaRegistryClient registry) {
        org.odop.pulse.registry.AvroTrust.ensure();
        this.registry = registry;
    }

    public <V extends SpecificRecord> Serde<V> value(Topic<V> topic) {
        return value(topic.valueType());
    }

    public <V extends SpecificRecord> Serde<V> value(Class<V> type) {
        AvroSerde<V> serde = new AvroSerde<>(type, registry);
        serde.configure(Map.of(), false);
        return serde;
    }

    public SchemaRegistryClient registry() {
        return registry;
    }
}
