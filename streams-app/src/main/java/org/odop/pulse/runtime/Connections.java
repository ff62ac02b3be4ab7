package org.odop.pulse.runtime;

import org.odop.pulse.http.Tls;
import org.odop.pulse.registry.RegistryAccess;

/**
 * How an instance connects, apart from where to: Kafka client settings for a secured cluster, the schema
 * registry's credentials and trust, and TLS for the HTTP API (null: plain HTTP), also used between instances.
 */
public record Connections(KafkaClientConfig kafka, RegistryAccess registry, Tls tls) {
    public static final Connections NONE = new Connections(KafkaClientConfig.NONE, RegistryAccess.NONE, null);

    public Connections {
        kafka = kafka == null ? KafkaClientConfig.NONE : kafka;
        registry = registry == null ? RegistryAccess.NONE : registry;
    }

    public Connections withKafka(KafkaClientConfig v) { return new Connections(v, registry, tls); }
    public Connections withRegistry(RegistryAccess v) { return new Connections(kafka, v, tls); }
    public Connections withTls(Tls v) { return new Connections(kafka, registry, v); }
}
