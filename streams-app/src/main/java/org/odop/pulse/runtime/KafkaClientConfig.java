package org.odop.pulse.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;

/**
 * Kafka client settings from a properties file ({@code --kafka-config}), given to every client the application
 * and the CLI create: the Streams config (and so its producers, consumers and admin), the ingest producer, admin
 * clients and the CLI's consumers. They are applied last, so they win over the application's own settings.
 * <p>
 * Values may name environment variables, {@code ${env:KAFKA_PASSWORD}}: Kafka's own {@link EnvVarConfigProvider}
 * resolves them in each client, enabled here as {@code config.providers=env} when the file sets no
 * {@code config.providers} of its own. The values are never logged here; Kafka logs password-typed settings
 * (sasl.jaas.config, ssl passwords) as [hidden].
 */
public final class KafkaClientConfig {
    public static final KafkaClientConfig NONE = new KafkaClientConfig(Map.of());

    private final Map<String, String> settings;

    private KafkaClientConfig(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** The file's settings; {@code null} gives {@link #NONE}. */
    public static KafkaClientConfig load(Path file) {
        if (file == null) return NONE;
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the Kafka client config " + file + ": " + e, e);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k.trim(), p.getProperty(k).trim()));
        return of(m);
    }

    /** These settings, with the environment provider enabled unless they configure providers themselves. */
    public static KafkaClientConfig of(Map<String, String> settings) {
        if (settings.isEmpty()) return NONE;
        Map<String, String> m = new TreeMap<>(settings);
        if (!m.containsKey(AbstractConfig.CONFIG_PROVIDERS_CONFIG)) {
            m.put(AbstractConfig.CONFIG_PROVIDERS_CONFIG, "env");
            m.put(AbstractConfig.CONFIG_PROVIDERS_CONFIG + ".env.class", EnvVarConfigProvider.class.getName());
        }
        return new KafkaClientConfig(m);
    }

    /** Puts the settings into {@code clientProperties} (over what is there) and returns it. */
    public <M extends Map<Object, Object>> M applyTo(M clientProperties) {
        clientProperties.putAll(settings);
        return clientProperties;
    }

    /** Admin client settings for {@code bootstrap} plus these. */
    public Properties admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return applyTo(p);
    }

    public Map<String, String> settings() {
        return settings;
    }

    /** "SASL_SSL, SCRAM-SHA-512" and the like, for messages; PLAINTEXT when nothing is set. */
    public String securityDescription() {
        String protocol = settings.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        String mechanism = settings.getOrDefault(SaslConfigs.SASL_MECHANISM,
                protocol.startsWith("SASL") ? SaslConfigs.DEFAULT_SASL_MECHANISM : null);
        return "security.protocol " + protocol + (mechanism == null ? "" : ", sasl.mechanism " + mechanism);
    }

    /** The keys only: values may be secrets. */
    @Override
    public String toString() {
        return "KafkaClientConfig" + settings.keySet();
    }
}
