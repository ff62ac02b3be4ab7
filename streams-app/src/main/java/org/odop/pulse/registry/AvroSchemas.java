package org.odop.pulse.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Schema parsing, identity and compatibility shared by the registry implementations; all delegated to Avro. */
final class AvroSchemas {

    private AvroSchemas() {
    }

    /**
     * Parses schema text; bad text is Confluent's 42201. A fresh parser each time, because a parser remembers the
     * named types it has seen and would refuse a second definition of the same record.
     */
    static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw SchemaRegistryException.invalidSchema("empty schema", null);
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) { // SchemaParseException, AvroTypeException for bad defaults, ...
            throw SchemaRegistryException.invalidSchema(e.getMessage(), e);
        }
    }

    /**
     * The text that identifies a schema, as Confluent does for Avro: the schema's JSON as Avro prints it.
     * Not the Parsing Canonical Form, which drops defaults and docs that matter for evolution.
     */
    static String canonical(Schema schema) {
        return schema.toString();
    }

    /**
     * Why {@code candidate} may not follow {@code existing} under {@code level}; empty if it may. Only the
     * directions of the level are used here; which versions to check against is the caller's business.
     */
    static List<String> incompatibilities(CompatibilityLevel level, Schema candidate, Schema existing) {
        List<String> problems = new ArrayList<>();
        if (level.backward()) {
            // Backward: consumers on the new schema read data written with the old one.
            collect(SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing), "backward", problems);
        }
        if (level.forward()) {
            // Forward: consumers still on the old schema read data written with the new one.
            collect(SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate), "forward", problems);
        }
        return problems;
    }

    private static void collect(SchemaPairCompatibility pair, String direction, List<String> problems) {
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility inc : pair.getResult().getIncompatibilities()) {
            problems.add(direction + ": " + inc.getType() + " at " + inc.getLocation() + ": " + inc.getMessage());
        }
        if (pair.getResult().getIncompatibilities().isEmpty()) {
            problems.add(direction + ": " + pair.getDescription());
        }
    }
}
