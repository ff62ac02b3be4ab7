package org.odop.pulse.schemas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The rules for the schema files: every {@code X.avsc} keeps its released versions as
 * {@code history/<RecordName>/v<N>.avsc}, the newest kept version is the current schema, and the current schema
 * reads data written with every kept version (Avro's reader/writer resolution). Returns what breaks them.
 */
final class SchemaHistory {
    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

    private SchemaHistory() {}

    /** One message per broken rule, each naming the files involved; empty if all hold. */
    static List<String> problems(Path avroDir) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : currentSchemas(avroDir)) {
            Schema current = parse(file);
            String name = current.getName();
            Path historyDir = avroDir.resolve("history").resolve(name);
            List<Path> kept = keptVersions(historyDir, problems);
            if (kept.isEmpty()) {
                problems.add(file.getFileName() + ": no released version kept; copy it to history/" + name + "/v1.avsc");
                continue;
            }
            for (Path old : kept) {
                String oldName = "history/" + name + "/" + old.getFileName();
                Schema writer = parse(old);
                if (!writer.getFullName().equals(current.getFullName())) {
                    problems.add(oldName + " is " + writer.getFullName() + ", not " + current.getFullName());
                    continue;
                }
                SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
                if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                    problems.add(file.getFileName() + " cannot read data written with " + oldName + ": "
                            + describe(current, result));
                }
            }
            Path newest = kept.get(kept.size() - 1);
            if (!parse(newest).equals(current)) {
                int next = version(newest) + 1;
                problems.add(file.getFileName() + " differs from its newest kept version history/" + name + "/"
                        + newest.getFileName() + "; keep the version you release as history/" + name + "/v" + next
                        + ".avsc");
            }
        }
        return problems;
    }

    private static List<Path> currentSchemas(Path avroDir) throws IOException {
        try (Stream<Path> files = Files.list(avroDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".avsc")).sorted().toList();
        }
    }

    /** v1.avsc, v2.avsc, ... in version order; other files there are reported. */
    private static List<Path> keptVersions(Path historyDir, List<String> problems) throws IOException {
        if (!Files.isDirectory(historyDir)) {
            return List.of();
        }
        List<Path> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(historyDir)) {
            for (Path p : files.toList()) {
                if (VERSION_FILE.matcher(p.getFileName().toString()).matches()) {
                    versions.add(p);
                } else {
                    problems.add(historyDir.getFileName() + "/" + p.getFileName() + ": history files are named v<N>.avsc");
                }
            }
        }
        versions.sort(Comparator.comparingInt(SchemaHistory::version));
        return versions;
    }

    private static int version(Path file) {
        Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(file.toString());
        }
        return Integer.parseInt(m.group(1));
    }

    private static String describe(Schema reader, SchemaPairCompatibility result) {
        List<String> parts = new ArrayList<>();
        for (Incompatibility inc : result.getResult().getIncompatibilities()) {
            parts.add(inc.getType() + " at " + fieldPath(reader, inc.getLocation()) + " (" + inc.getLocation() + "): "
                    + inc.getMessage());
        }
        return parts.isEmpty() ? result.getDescription() : String.join("; ", parts);
    }

    /** Avro reports places as JSON pointers into the reader schema (/fields/7/type); name the fields instead. */
    private static String fieldPath(Schema reader, String location) {
        List<String> names = new ArrayList<>();
        Schema at = reader;
        String[] parts = location.split("/");
        for (int i = 1; i < parts.length && at != null; i++) {
            String part = parts[i];
            if (part.equals("fields") && i + 1 < parts.length && at.getType() == Schema.Type.RECORD) {
                int index = Integer.parseInt(parts[++i]);
                Schema.Field field = index < at.getFields().size() ? at.getFields().get(index) : null;
                names.add(field == null ? "#" + index : field.name());
                at = field == null ? null : field.schema();
            } else if (part.equals("items") && at.getType() == Schema.Type.ARRAY) {
                at = at.getElementType();
            } else if (part.equals("values") && at.getType() == Schema.Type.MAP) {
                at = at.getValueType();
            } else if (part.matches("[0-9]+") && at.getType() == Schema.Type.UNION) {
                int index = Integer.parseInt(part);
                at = index < at.getTypes().size() ? at.getTypes().get(index) : null;
            }
        }
        return names.isEmpty() ? reader.getName() : String.join(".", names);
    }

    /** A fresh parser per file: a parser remembers named types and would refuse the second definition. */
    private static Schema parse(Path file) throws IOException {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot parse " + file + ": " + e.getMessage(), e);
        }
    }
}
