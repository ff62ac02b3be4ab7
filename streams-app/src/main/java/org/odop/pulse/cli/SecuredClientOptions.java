package org.odop.pulse.cli;

import java.nio.file.Path;
import org.odop.pulse.registry.RegistryAccess;
import org.odop.pulse.runtime.KafkaClientConfig;
import picocli.CommandLine.Option;

/**
 * How to reach a secured Kafka cluster and schema registry: the options every command that creates Kafka or registry
 * clients takes ({@code run}, the cluster commands through {@link ClusterOptions}, and {@code bench}).
 */
public final class SecuredClientOptions {
    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = {"Kafka client properties for every client (Streams, producers, consumers, admin), e.g. for",
                    "SASL_SSL; values may read environment variables as $${env:NAME}."})
    Path kafkaConfig;

    @Option(names = "--schema-registry-user-info", paramLabel = "USER:PASSWORD",
            description = "Basic auth for --schema-registry-url.")
    String schemaRegistryUserInfo;

    @Option(names = "--schema-registry-bearer-token-file", paramLabel = "FILE",
            description = "A file holding a bearer token for --schema-registry-url (read for each request).")
    Path schemaRegistryBearerTokenFile;

    @Option(names = "--schema-registry-trust", paramLabel = "FILE",
            description = "PEM certificates to trust for an https --schema-registry-url, besides the JDK's authorities.")
    Path schemaRegistryTrust;

    private KafkaClientConfig kafka;

    /** The --kafka-config settings (read once; none without the option). */
    KafkaClientConfig kafka() {
        if (kafka == null) kafka = KafkaClientConfig.load(kafkaConfig);
        return kafka;
    }

    /** The registry's credentials and trust. */
    RegistryAccess registryAccess() {
        return new RegistryAccess(schemaRegistryUserInfo, schemaRegistryBearerTokenFile, schemaRegistryTrust);
    }
}
