package org.odop.pulse.cli;

import picocli.CommandLine.Option;

/** Where Kafka and the schema registry are, for commands that talk to a running cluster. */
public final class ClusterOptions {
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: the embedded default's, ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "http://127.0.0.1:8081",
            description = "Confluent-compatible schema registry (default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;
}
