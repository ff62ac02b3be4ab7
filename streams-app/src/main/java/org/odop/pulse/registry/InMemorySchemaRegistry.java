package org.odop.pulse.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * A Confluent-like schema registry held in memory, optionally backed by a JSON file. Ids are global (the same
 * schema text has one id in every subject), versions are per subject, and compatibility is checked with Avro's
 * {@link org.apache.avro.SchemaCompatibility}. All methods are synchronized: the state is small and calls are
 * rare once serdes have cached their ids.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final RegistryFile file; // null: memory only
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<Integer, String> textById = new HashMap<>();
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<String, List<Integer>> subjects = new TreeMap<>(); // subject -> ids, index = version - 1
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    /** A registry that lives and dies with this object. */
    public InMemorySchemaRegistry() {
        this.file = null;
    }

    /**
     * A registry stored in {@code file}: loaded from it if it exists, rewritten atomically after every change.
     *
     * @throws java.io.UncheckedIOException if the file exists but cannot be read
     */
    public InMemorySchemaRegistry(Path file) {
        this.file = new RegistryFile(Objects.requireNonNull(file, "file"));
        try {
            RegistryFile.Snapshot snapshot = this.file.read();
            if (snapshot != null) {
                load(snapshot);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read schema registry file " + this.file.path(), e);
        }
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        String text = AvroSchemas.canonical(schema);
        Integer existingId = idsByText.get(text);
        List<Integer> versions = subjects.get(subject);
        if (existingId != null && versions != null && versions.contains(existingId)) {
            return existingId; // already a version of this subject: Confluent returns its id, no new version
        }
        checkCompatible(subject, schema, versions);

        boolean newSchema = existingId == null;
        int id = newSchema ? nextId : existingId;
        boolean newSubject = versions == null;
        if (newSchema) {
            // Store a copy parsed from the text, so later changes to the caller's Schema object cannot leak in.
            schemasById.put(id, AvroSchemas.parse(text));
            textById.put(id, text);
            idsByText.put(text, id);
            nextId++;
        }
        List<Integer> target = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        target.add(id);
        persist(() -> {
            target.remove(target.size() - 1);
            if (newSubject) {
                subjects.remove(subject);
            }
            if (newSchema) {
                schemasById.remove(id);
                textById.remove(id);
                idsByText.remove(text);
                nextId--;
            }
        });
        return id;
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw SchemaRegistryException.schemaNotFound(id);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<Integer> versions = versionsOf(subject);
        return registered(subject, versions.size(), versions.get(versions.size() - 1));
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        List<Integer> versions = versionsOf(subject);
        if (version < 1 || version > versions.size()) {
            throw SchemaRegistryException.versionNotFound(subject, version);
        }
        return registered(subject, version, versions.get(version - 1));
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        int count = versionsOf(subject).size();
        List<Integer> numbers = new ArrayList<>(count);
        for (int v = 1; v <= count; v++) {
            numbers.add(v);
        }
        return List.copyOf(numbers);
    }

    @Override
    public synchronized Optional<RegisteredSchema> lookup(String subject, Schema schema) {
        requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        List<Integer> versions = subjects.get(subject);
        Integer id = idsByText.get(AvroSchemas.canonical(schema));
        if (versions == null || id == null || !versions.contains(id)) {
            return Optional.empty();
        }
        return Optional.of(registered(subject, versions.indexOf(id) + 1, id));
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        requireSubject(subject);
        Objects.requireNonNull(schema, "schema");
        List<Integer> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            return true;
        }
        Schema latest = schemasById.get(versions.get(versions.size() - 1));
        return AvroSchemas.incompatibilities(getCompatibility(subject), schema, latest).isEmpty();
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        Objects.requireNonNull(level, "level");
        if (subject == null) {
            CompatibilityLevel previous = globalLevel;
            globalLevel = level;
            persist(() -> globalLevel = previous);
        } else {
            requireSubject(subject);
            CompatibilityLevel previous = subjectLevels.put(subject, level);
            persist(() -> {
                if (previous == null) {
                    subjectLevels.remove(subject);
                } else {
                    subjectLevels.put(subject, previous);
                }
            });
        }
    }

    @Override
    public synchronized CompatibilityLevel getCompatibility(String subject) {
        if (subject == null) {
            return globalLevel;
        }
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    /** Refuses {@code candidate} if it breaks the subject's level against the latest (or, transitively, every) version. */
    private void checkCompatible(String subject, Schema candidate, List<Integer> versions) {
        CompatibilityLevel level = getCompatibility(subject);
        if (versions == null || versions.isEmpty() || level == CompatibilityLevel.NONE) {
            return;
        }
        List<Integer> against = level.transitive() ? versions : versions.subList(versions.size() - 1, versions.size());
        for (int i = against.size() - 1; i >= 0; i--) {
            int id = against.get(i);
            List<String> problems = AvroSchemas.incompatibilities(level, candidate, schemasById.get(id));
            if (!problems.isEmpty()) {
                int version = versions.indexOf(id) + 1;
                throw SchemaRegistryException.incompatible("Schema being registered is incompatible with an earlier"
                        + " schema for subject '" + subject + "' (version " + version + ", level " + level
                        + "), details: " + problems);
            }
        }
    }

    private List<Integer> versionsOf(String subject) {
        requireSubject(subject);
        List<Integer> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private RegisteredSchema registered(String subject, int version, int id) {
        return new RegisteredSchema(subject, version, id, schemasById.get(id));
    }

    private static void requireSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
    }

    /** Writes the new state; if that fails, undoes the in-memory change so memory and file never disagree. */
    private void persist(Runnable undo) {
        if (file == null) {
            return;
        }
        try {
            file.write(snapshot());
        } catch (IOException | RuntimeException e) {
            undo.run();
            throw SchemaRegistryException.storeError("Cannot write schema registry file " + file.path(), e);
        }
    }

    private RegistryFile.Snapshot snapshot() {
        List<RegistryFile.StoredSchema> schemas = new ArrayList<>();
        new TreeMap<>(textById).forEach((id, text) -> schemas.add(new RegistryFile.StoredSchema(id, text)));
        List<RegistryFile.StoredSubject> stored = new ArrayList<>();
        TreeMap<String, List<Integer>> all = new TreeMap<>(subjects);
        subjectLevels.keySet().forEach(s -> all.putIfAbsent(s, List.of())); // levels set before any version
        all.forEach((subject, ids) -> {
            CompatibilityLevel level = subjectLevels.get(subject);
            stored.add(new RegistryFile.StoredSubject(subject, level == null ? null : level.name(), List.copyOf(ids)));
        });
        return new RegistryFile.Snapshot(globalLevel.name(), schemas, stored);
    }

    private void load(RegistryFile.Snapshot snapshot) {
        if (snapshot.globalCompatibility() != null) {
            globalLevel = CompatibilityLevel.parse(snapshot.globalCompatibility());
        }
        for (RegistryFile.StoredSchema stored : nullToEmpty(snapshot.schemas())) {
            Schema schema = AvroSchemas.parse(stored.schema());
            // Key by Avro's current printing of the schema, so fresh Schema objects find their stored id.
            String text = AvroSchemas.canonical(schema);
            schemasById.put(stored.id(), schema);
            textById.put(stored.id(), text);
            idsByText.put(text, stored.id());
            nextId = Math.max(nextId, stored.id() + 1);
        }
        for (RegistryFile.StoredSubject stored : nullToEmpty(snapshot.subjects())) {
            if (stored.compatibility() != null) {
                subjectLevels.put(stored.subject(), CompatibilityLevel.parse(stored.compatibility()));
            }
            List<Integer> ids = nullToEmpty(stored.versions());
            for (int id : ids) {
                if (!schemasById.containsKey(id)) {
                    throw new IllegalStateException("Registry file " + file.path() + ": subject '" + stored.subject()
                            + "' refers to unknown schema id " + id);
                }
            }
            if (!ids.isEmpty()) {
                subjects.put(stored.subject(), new ArrayList<>(ids));
            }
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
