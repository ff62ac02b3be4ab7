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

    /**
     * Runs a command's work against the cluster. When Kafka refuses this client (failed authentication, missing
     * ACLs), prints what {@link org.odop.pulse.runtime.KafkaAccess#explain} makes of it (the listener, the protocol
     * and mechanism, what to check) to stderr and returns 1, instead of a stack trace; anything else is thrown on.
     */
    int refusalExplained(java.util.concurrent.Callable<Integer> work) throws Exception {
        try {
            return work.call();
        } catch (Exception e) {
            RuntimeException explained = org.odop.pulse.runtime.KafkaAccess.explain(e, bootstrapServers, kafka());
            if (!(explained instanceof org.odop.pulse.runtime.KafkaAccess.RefusedException)) throw e;
            System.err.println(explained.getMessage());
            return 1;
        }
    }

    /** A consumer that reads committed records as bytes and commits nothing: for reading a topic through. */
    java.util.Properties readThroughConsumer() {
        return org.odop.pulse.runtime.StreamsSettings.readThroughConsumer(bootstrapServers, kafka());
    }
}
