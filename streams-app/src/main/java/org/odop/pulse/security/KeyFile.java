package org.odop.pulse.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.odop.pulse.serving.Json;

/**
 * The keys file: for each API key its public id, name, role, creation time and a salted PBKDF2 hash, never the key.
 * A revoked key keeps its entry (with the time it was revoked) and is refused from then on. Written atomically, mode 0600.
 * Changes ({@link #add}, {@link #revoke}) read, change and write the file holding a lock ({@link #lockFile}), so two
 * at once, in one process or two, cannot lose one another's key.
 */
public final class KeyFile {
    public static final String DEFAULT_NAME = "api-keys.json";

    /** One key's entry. {@code salt} and {@code hash} are Base64; {@code revokedAt} is null while the key is valid. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String id, String name, String role, Instant createdAt, String salt, int iterations, String hash,
                        Instant revokedAt) {
        public Role roleValue() {
            return Role.parse(role);
        }

        public boolean revoked() {
            return revokedAt != null;
        }

        byte[] saltBytes() {
            return Base64.getDecoder().decode(salt);
        }

        byte[] hashBytes() {
            return Base64.getDecoder().decode(hash);
        }
    }

    private static final TypeReference<Map<String, List<Entry>>> SHAPE = new TypeReference<>() {};
    /** Threads of this process take turns here: a file lock is held per process, not per thread. */
    private static final Object IN_PROCESS = new Object();

    private interface Change<T> {
        T apply() throws IOException;
    }

    private KeyFile() {}

    /** The entries of {@code file}; none when it does not exist. */
    public static List<Entry> read(Path file) throws IOException {
        if (!Files.exists(file)) return List.of();
        Map<String, List<Entry>> content = Json.MAPPER.readValue(file.toFile(), SHAPE);
        List<Entry> keys = content.get("keys");
        return keys == null ? List.of() : List.copyOf(keys);
    }

    public static void write(Path file, List<Entry> entries) throws IOException {
        SecretFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(Map.of("keys", entries)));
    }

    /**
     * The lock file beside {@code file} that changes hold a lock on. Not the keys file itself: that is replaced by a
     * rename, and a lock on the file it replaced holds nothing. Empty; it stays, as removing it would race with a
     * process about to lock it.
     */
    public static Path lockFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /** Runs {@code change} holding the lock of {@code file}, against other threads and other processes. */
    private static <T> T locked(Path file, Change<T> change) throws IOException {
        Path lock = lockFile(file.toAbsolutePath());
        Files.createDirectories(lock.getParent());
        synchronized (IN_PROCESS) {
            try (FileChannel channel = SecretFiles.posix()
                    ? FileChannel.open(lock, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                            PosixFilePermissions.asFileAttribute(SecretFiles.OWNER_ONLY))
                    : FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = channel.lock()) {
                return change.apply();
            }
        }
    }

    /** Whether the file holds at least one key that is not revoked. */
    public static boolean hasValidKeys(Path file) throws IOException {
        return read(file).stream().anyMatch(e -> !e.revoked());
    }

    /**
     * Adds a new key named {@code name} and returns it: the only time it is seen.
     *
     * @throws IllegalArgumentException when a valid key already has that name
     */
    public static String add(Path file, String name, Role role, Clock clock) throws IOException {
        return add(file, name, role, clock, KeyHasher.DEFAULT_ITERATIONS);
    }

    static String add(Path file, String name, Role role, Clock clock, int iterations) throws IOException {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("a key's name is 1 to 64 letters, digits, '.', '_', '@' or '-', got '" + name + "'");
        }
        refuseTaken(read(file), name); // before the slow hash, which is done outside the lock
        String key = ApiKey.generate();
        byte[] salt = KeyHasher.newSalt();
        byte[] hash = KeyHasher.hash(key, salt, iterations);
        var b64 = Base64.getEncoder();
        Entry added = new Entry(ApiKey.idOf(key).orElseThrow(), name, role.label(),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), b64.encodeToString(salt), iterations,
                b64.encodeToString(hash), null);
        return locked(file, () -> {
            List<Entry> entries = new ArrayList<>(read(file));
            refuseTaken(entries, name); // again: another process may have taken it meanwhile
            entries.add(added);
            write(file, entries);
            return key;
        });
    }

    private static void refuseTaken(List<Entry> entries, String name) {
        if (entries.stream().anyMatch(e -> !e.revoked() && e.name().equals(name))) {
            throw new IllegalArgumentException("a key named '" + name + "' exists already: revoke it first or choose another name");
        }
    }

    /** Revokes the valid key named {@code name}; false when there is none. */
    public static boolean revoke(Path file, String name, Clock clock) throws IOException {
        return locked(file, () -> revokeUnlocked(file, name, clock));
    }

    private static boolean revokeUnlocked(Path file, String name, Clock clock) throws IOException {
        List<Entry> entries = new ArrayList<>(read(file));
        boolean found = false;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (!e.revoked() && e.name().equals(name)) {
                entries.set(i, new Entry(e.id(), e.name(), e.role(), e.createdAt(), e.salt(), e.iterations(), e.hash(),
                        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
                found = true;
            }
        }
        if (found) write(file, entries);
        return found;
    }
}
