package org.odop.pulse.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.odop.pulse.config.Topic;
import org.odop.pulse.config.Topics;
import org.odop.pulse.registry.CompatibilityLevel;
import org.odop.pulse.registry.SchemaRegistryClient;
import org.odop.pulse.registry.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, puts this build's value schema of every topic into the registry under {@code <topic>-value} and
 * sets the subject's compatibility level, so upstream producers are held to it from then on. An instance whose
 * schemas the registry refuses stops here, before touching Kafka, instead of failing record by record later.
 */
public final class SchemaRegistration {
    private static final Logger log = LoggerFactory.getLogger(SchemaRegistration.class);

    private SchemaRegistration() {}

    /**
     * Sets {@code level} on each topic's value subject, then registers the schema (idempotent: a schema already
     * there keeps its id and adds no version). The level goes first so the new schema is checked against it.
     *
     * @return schema id per subject, in {@link Topics#ALL_TYPED} order
     * @throws IllegalStateException naming the subject, the schema and the registry's reason, if any step is refused
     */
    public static Map<String, Integer> registerAll(SchemaRegistryClient registry, CompatibilityLevel level) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(level, "level");
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Topic<?> topic : Topics.ALL_TYPED) {
            String subject = topic.valueSubject();
            Schema schema = SpecificData.getForClass(topic.valueType()).getSchema(topic.valueType());
            try {
                registry.setCompatibility(subject, level);
            } catch (SchemaRegistryException e) {
                throw new IllegalStateException("Schema registry refused to set compatibility " + level
                        + " on subject '" + subject + "': " + e.getMessage(), e);
            }
            try {
                int id = registry.register(subject, schema);
                ids.put(subject, id);
                log.info("Schema {} registered under {} (id {}, compatibility {})", schema.getFullName(), subject, id,
                        level);
            } catch (SchemaRegistryException e) {
                throw new IllegalStateException(refusal(subject, schema, level, e), e);
            }
        }
        return ids;
    }

    private static String refusal(String subject, Schema schema, CompatibilityLevel level, SchemaRegistryException e) {
        if (e.httpStatus() == 409) {
            return "Schema registry refused " + schema.getFullName() + " under subject '" + subject
                    + "': it is not " + level + "-compatible with the version registered there (HTTP 409: "
                    + e.getMessage() + "). Data already in the topic could not be read safely; make the change"
                    + " compatible (new fields need defaults, removed fields must have had one) or use a new topic.";
        }
        return "Cannot register " + schema.getFullName() + " under subject '" + subject + "' (HTTP "
                + (e.httpStatus() == SchemaRegistryException.NO_RESPONSE ? "none, registry unreachable" : e.httpStatus())
                + "): " + e.getMessage();
    }
}
