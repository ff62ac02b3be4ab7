package org.odop.pulse.cli;

import picocli.CommandLine.Option;

/** Where Kafka and the schema registry are, for commands that talk to a running cluster. */
public final class ClusterOptions {
    @Option(names = "--bootstrap-servers",
            description = "Kafka bootstrap servers (default: the embedded default's, ${DEFAULT-VALUE}).")
    String bootstrapServers = "127.0.0.1:" + org.odop.pulse.runtime.PulseConfig.defaults().kafkaPort();

    @Option(names = "--schema-registry-url",
            description = "Confluent-compatible schema registry (default: the embedded default's, ${DEFAULT-VALUE}).")
    String schemaRegistryUrl = "http://127.0.0.1:" + org.odop.pulse.runtime.PulseConfig.defaults().registryPort();

    @picocli.CommandLine.Mixin
    SecuredClientOptions secured = new SecuredClientOptions();

    /** The --kafka-config settings (read once). */
    org.odop.pulse.runtime.KafkaClientConfig kafka() {
        return secured.kafka();
    }

    /** A registry client with the given credentials and trust. */
    org.odop.pulse.registry.RestSchemaRegistryClient registry() {
        return new org.odop.pulse.registry.RestSchemaRegistryClient(schemaRegistryUrl, secured.registryAccess());
    }

    /** The ingest producer's settings, with --kafka-config. */
    java.util.Properties producer() {
        return org.odop.pulse.runtime.StreamsSettings.producer(bootstrapServers, kafka());
    }

    /** Admin client settings, with --kafka-config. */
    java.util.Properties admin() {
        return kafka().admin(bootstrapServers);
    }

    /** A consumer that reads committed records as bytes and commits nothing: for reading a topic through. */
    java.util.Properties readThroughConsumer() {
        return org.odop.pulse.runtime.StreamsSettings.readThroughConsumer(bootstrapServers, kafka());
    }
}
