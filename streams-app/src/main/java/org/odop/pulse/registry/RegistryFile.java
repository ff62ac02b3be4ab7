package org.odop.pulse.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The JSON file behind a persistent {@link InMemorySchemaRegistry}. The embedded Kafka keeps its log across
 * restarts, and records carry schema ids, so the ids must survive a restart too.
 */
final class RegistryFile {

    /** Whole registry state; subjects list their schema ids in version order (version n = index n-1). */
    record Snapshot(String globalCompatibility, List<StoredSchema> schemas, List<StoredSubject> subjects) {
    }

    record StoredSchema(int id, String schema) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredSubject(String subject, String compatibility, List<Integer> versions) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path path;

    RegistryFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    /** The stored snapshot, or null if there is no file yet. */
    Snapshot read() throws IOException {
        if (!Files.exists(path)) {
            return null;
        }
        return MAPPER.readValue(path.toFile(), Snapshot.class);
    }

    /** Writes a temp file beside the target, syncs it, then renames it over the target, so a crash never leaves half a file. */
    void write(Snapshot snapshot) throws IOException {
        Path dir = path.getParent();
        Files.createDirectories(dir);
        byte[] bytes = MAPPER.writeValueAsBytes(snapshot);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
