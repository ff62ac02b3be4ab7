package org.odop.pulse.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys a running instance accepts, from the keys file. The file is read again when its modification time,
 * size or identity changes (checked every {@link #RELOAD_EVERY}), so added and revoked keys count without a restart.
 * A successful verification is cached under the SHA-256 of the key (never the key), in the loaded file's snapshot:
 * a reload starts with an empty cache, so a revoked or removed key stops working at once. Concurrent requests with
 * the same key wait for one verification (the slow hash) instead of each computing it.
 */
public final class ApiKeys implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    /** How often the keys file is checked for changes. */
    public static final Duration RELOAD_EVERY = Duration.ofSeconds(2);
    /** Verified keys cached per snapshot at most (there are as many as valid keys in normal use). */
    private static final int MAX_CACHED = 10_000;

    private record Stamp(Object fileKey, long modifiedNanos, long size) {}

    /**
     * @param verified SHA-256 of a verified key to its id
     * @param checking SHA-256 of a key being verified now to the outcome, which concurrent requests with it wait for
     */
    private record Snapshot(Stamp stamp, Map<String, KeyFile.Entry> byId, Map<String, String> verified,
                            Map<String, CompletableFuture<Boolean>> checking) {}

    private final Path file;
    private volatile Snapshot snapshot;
    private ScheduledExecutorService watcher;
    private final AtomicLong slowHashes = new AtomicLong();

    public ApiKeys(Path file) throws IOException {
        this.file = file;
        this.snapshot = load();
    }

    public Path file() {
        return file;
    }

    /** The role of the key {@code presented}, or empty when it is malformed, unknown, revoked or wrong. */
    public Optional<Role> authenticate(String presented) {
        Optional<String> id = ApiKey.idOf(presented);
        if (id.isEmpty()) return Optional.empty();
        Snapshot s = snapshot;
        KeyFile.Entry entry = s.byId().get(id.get());
        if (entry == null || entry.revoked()) return Optional.empty();
        String digest = KeyHasher.sha256(presented);
        if (id.get().equals(s.verified().get(digest))) return Optional.of(entry.roleValue());
        if (entry.iterations() < KeyHasher.MIN_ITERATIONS) return Optional.empty();
        return verify(s, entry, presented, digest) ? Optional.of(entry.roleValue()) : Optional.empty();
    }

    /** Computes the slow hash once for concurrent requests with the same key; the others wait for its outcome. */
    private boolean verify(Snapshot s, KeyFile.Entry entry, String presented, String digest) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = s.checking().putIfAbsent(digest, mine);
        if (running != null) return running.join();
        try {
            slowHashes.incrementAndGet();
            boolean ok = KeyHasher.matches(presented, entry.saltBytes(), entry.iterations(), entry.hashBytes());
            if (ok) {
                if (s.verified().size() >= MAX_CACHED) s.verified().clear();
                s.verified().put(digest, entry.id());
            }
            mine.complete(ok);
            return ok;
        } catch (Throwable e) { // an Error too: requests waiting for this outcome must not wait for ever
            mine.completeExceptionally(e);
            throw e;
        } finally {
            s.checking().remove(digest, mine);
        }
    }

    /** How many times a presented key's slow hash has been computed (a verification not answered from the cache). */
    long slowHashes() {
        return slowHashes.get();
    }

    /** Reads the file again if it changed since it was last read; on a read error keeps the keys it had. */
    public void reloadIfChanged() {
        try {
            if (!Objects.equals(stamp(), snapshot.stamp())) {
                snapshot = load();
                log.info("API keys reloaded from {}: {} valid", file,
                        snapshot.byId().values().stream().filter(e -> !e.revoked()).count());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read the API keys file {}; keeping the keys read before: {}", file, e.toString());
        }
    }

    /** Checks the file for changes every {@link #RELOAD_EVERY} until closed. */
    public synchronized ApiKeys watch() {
        if (watcher == null) {
            watcher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "odop-pulse-api-keys");
                t.setDaemon(true);
                return t;
            });
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, RELOAD_EVERY.toMillis(), RELOAD_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private Snapshot load() throws IOException {
        Stamp before = stamp();
        Map<String, KeyFile.Entry> byId = KeyFile.read(file).stream()
                .collect(Collectors.toUnmodifiableMap(KeyFile.Entry::id, Function.identity(), (a, b) -> a.revoked() ? a : b));
        return new Snapshot(before, byId, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    private Stamp stamp() throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.fileKey(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (watcher != null) watcher.shutdownNow();
    }
}
