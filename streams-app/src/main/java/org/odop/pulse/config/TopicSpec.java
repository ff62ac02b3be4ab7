package org.odop.pulse.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Desired shape of a topic.
 *
 * @param name        topic name
 * @param partitions  number of partitions (&gt; 0)
 * @param replication replication factor (&gt; 0; 1 on the embedded single-node broker), or
 *                    {@link #BROKER_DEFAULT} to leave it to the cluster's default.replication.factor
 * @param configs     topic-level configs (e.g. {@code cleanup.policy=compact}); copied, never null
 */
public record TopicSpec(String name, int partitions, short replication, Map<String, String> configs) {

    public static final short BROKER_DEFAULT = -1;

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be > 0 for topic " + name + ": " + partitions);
        }
        if (replication <= 0 && replication != BROKER_DEFAULT) {
            throw new IllegalArgumentException("replication must be > 0 for topic " + name + ": " + replication);
        }
        configs = configs == null ? Map.of() : Map.copyOf(configs);
    }

    /** A topic with replication factor 1 and no topic-level configs. */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, (short) 1, Map.of());
    }

    /** The Admin API request for this spec. */
    public NewTopic toNewTopic() {
        return new NewTopic(name, Optional.of(partitions),
                replication == BROKER_DEFAULT ? Optional.empty() : Optional.of(replication)).configs(configs);
    }
}
