package org.odop.pulse.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The subset of Confluent Schema Registry the project needs; implemented in memory and over REST so tests and
 * the embedded runtime can swap one for the other. Errors are {@link SchemaRegistryException}s.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject}; idempotent (same schema, same id, no new version). */
    int register(String subject, Schema schema);

    /** The schema with this global id; 40403 if unknown. */
    Schema getById(int id);

    /** Latest version of the subject; 40401 if the subject is unknown. */
    RegisteredSchema latest(String subject);

    /** A given version of the subject; 40401 unknown subject, 40402 unknown version. */
    RegisteredSchema version(String subject, int version);

    /** All subjects, sorted. */
    List<String> subjects();

    /** Version numbers of the subject, ascending; 40401 if unknown. */
    List<Integer> versions(String subject);

    /** The version of the subject holding exactly this schema; empty if the subject or the schema is unknown. */
    Optional<RegisteredSchema> lookup(String subject, Schema schema);

    /**
     * Whether {@code schema} could be registered next to the subject's latest version under the subject's
     * compatibility level (transitive levels are checked against the latest only, like Confluent's
     * /compatibility/subjects/{subject}/versions/latest). A subject without versions accepts anything.
     */
    boolean isCompatible(String subject, Schema schema);

    /** Sets the level of a subject, or the global level if {@code subject} is null. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** The effective level of a subject (its own, else the global one), or the global level if null. */
    CompatibilityLevel getCompatibility(String subject);
}
