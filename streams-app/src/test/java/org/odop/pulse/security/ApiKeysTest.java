package org.odop.pulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve(KeyFile.DEFAULT_NAME);
    }

    private String add(String name, Role role) throws Exception {
        return KeyFile.add(file(), name, role, Clock.systemUTC(), KeyHasher.MIN_ITERATIONS);
    }

    @Test
    @DisplayName("a new key is opk_<id>_<secret> with a 256-bit secret; the file keeps a salted hash, never the key, mode 0600")
    void fileHoldsNoKey() throws Exception {
        String key = add("feed", Role.INGEST);
        assertThat(key).matches("opk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(key.substring(17))).hasSize(32); // after "opk_" + 12 hex + "_"
        String content = Files.readString(file());
        assertThat(content).doesNotContain(key).doesNotContain(key.substring(17)).contains("\"feed\"").contains("ingest");
        KeyFile.Entry e = KeyFile.read(file()).get(0);
        assertThat(e.id()).isEqualTo(key.substring(4, 16));
        assertThat(Base64.getDecoder().decode(e.salt())).hasSize(KeyHasher.SALT_BYTES);
        assertThat(e.hash()).isEqualTo(Base64.getEncoder().encodeToString(
                KeyHasher.hash(key, Base64.getDecoder().decode(e.salt()), e.iterations())));
        assertThat(Files.getPosixFilePermissions(file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // No temporary file left; only the (empty) lock file beside it.
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder(KeyFile.DEFAULT_NAME, KeyFile.lockFile(file()).getFileName().toString());
        assertThat(KeyFile.lockFile(file())).isEmptyFile();
        // Two keys never share a salt or a hash.
        add("other", Role.INGEST);
        var both = KeyFile.read(file());
        assertThat(both.get(0).salt()).isNotEqualTo(both.get(1).salt());
    }

    @Test
    @DisplayName("the default is a high PBKDF2 iteration count, and fewer than the minimum are refused")
    void iterations() {
        assertThat(KeyHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
        assertThatThrownBy(() -> KeyHasher.hash("k", new byte[16], 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a valid key gives its role; malformed, unknown, tampered and revoked keys give none")
    void authenticate() throws Exception {
        String reader = add("dash", Role.READ);
        String admin = add("ops", Role.ADMIN);
        try (ApiKeys keys = new ApiKeys(file())) {
            assertThat(keys.authenticate(reader)).contains(Role.READ);
            assertThat(keys.authenticate(reader)).contains(Role.READ); // from the cache
            assertThat(keys.authenticate(admin)).contains(Role.ADMIN);
            assertThat(keys.authenticate(null)).isEmpty();
            assertThat(keys.authenticate("")).isEmpty();
            assertThat(keys.authenticate("not-a-key")).isEmpty();
            assertThat(keys.authenticate(ApiKey.generate())).isEmpty(); // well-formed, unknown id
            String sameIdOtherSecret = reader.substring(0, 17) + ApiKey.generate().substring(17);
            assertThat(keys.authenticate(sameIdOtherSecret)).isEmpty();
            char last = reader.charAt(reader.length() - 1);
            assertThat(keys.authenticate(reader.substring(0, reader.length() - 1) + (last == 'A' ? 'B' : 'A'))).isEmpty();

            assertThat(KeyFile.revoke(file(), "dash", Clock.systemUTC())).isTrue();
            keys.reloadIfChanged();
            assertThat(keys.authenticate(reader)).as("revoked, although verified and cached before").isEmpty();
            assertThat(keys.authenticate(admin)).contains(Role.ADMIN);
            assertThat(KeyFile.revoke(file(), "dash", Clock.systemUTC())).as("nothing valid left to revoke").isFalse();
        }
    }

    @Test
    @DisplayName("concurrent first requests with one key compute its slow hash once; a wrong key is never cached")
    void concurrentFirstRequestsHashOnce() throws Exception {
        String admin = add("ops", Role.ADMIN);
        String wrong = admin.substring(0, 17) + ApiKey.generate().substring(17);
        int threads = 8;
        try (ApiKeys keys = new ApiKeys(file())) {
            assertThat(burst(keys, admin, threads)).containsOnly(Optional.of(Role.ADMIN)).hasSize(threads);
            assertThat(keys.slowHashes()).as("the others waited for the first, or found it cached").isEqualTo(1);
            assertThat(keys.authenticate(admin)).contains(Role.ADMIN);
            assertThat(keys.slowHashes()).as("a verified key is answered from the cache").isEqualTo(1);

            assertThat(burst(keys, wrong, threads)).containsOnly(Optional.empty()).hasSize(threads);
            long afterWrong = keys.slowHashes();
            // Concurrent ones share a check; one arriving after a check ended makes its own: never cached.
            assertThat(afterWrong).isBetween(2L, 1L + threads);
            assertThat(keys.authenticate(wrong)).isEmpty();
            assertThat(keys.slowHashes()).as("a wrong key is checked again each time").isEqualTo(afterWrong + 1);
        }
    }

    /** {@code n} threads authenticating {@code key} at once. */
    private static List<Optional<Role>> burst(ApiKeys keys, String key, int n) throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            var gate = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Optional<Role>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return keys.authenticate(key);
                }));
            }
            gate.countDown();
            List<Optional<Role>> out = new ArrayList<>();
            for (var f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("keys added at the same time by two threads are all kept: changes take turns under the file's lock")
    void concurrentAddsKeepEveryKey() throws Exception {
        int rounds = 8;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
        List<String> added = new CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (String thread : List.of("a", "b")) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                        added.add(add(thread + i, Role.READ));
                    }
                    return null;
                }));
            }
            for (var f : done) f.get(120, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(KeyFile.read(file())).hasSize(2 * rounds);
        try (ApiKeys keys = new ApiKeys(file())) {
            for (String key : added) assertThat(keys.authenticate(key)).contains(Role.READ);
        }
    }

    @Test
    @DisplayName("keys added at the same time by two processes are all kept")
    void concurrentProcessesKeepEveryKey() throws Exception {
        int each = 10;
        List<org.odop.pulse.support.ChildJvm> children = new ArrayList<>();
        try {
            for (String prefix : List.of("p", "q")) {
                children.add(org.odop.pulse.support.ChildJvm.start(List.of("-Xmx128m"), KeyAdder.class.getName(),
                        List.of(file().toString(), prefix, Integer.toString(each)), dir.resolve("logs").resolve(prefix + ".log")));
            }
            for (var child : children) assertThat(child.waitFor(Duration.ofSeconds(120))).as(child.tail(20)).isZero();
        } finally {
            children.forEach(org.odop.pulse.support.ChildJvm::close);
        }
        assertThat(KeyFile.read(file())).extracting(KeyFile.Entry::name).hasSize(2 * each)
                .contains("p0", "p" + (each - 1), "q0", "q" + (each - 1));
    }

    /** Adds keys named {@code <prefix>0..<prefix>n-1} to a keys file: {@code KeyAdder FILE PREFIX N}. */
    public static final class KeyAdder {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                KeyFile.add(file, args[1] + i, Role.READ, Clock.systemUTC(), KeyHasher.MIN_ITERATIONS);
            }
        }
    }

    @Test
    @DisplayName("a running verifier sees added and revoked keys within seconds, without being told")
    void reloadsOnChange() throws Exception {
        try (ApiKeys keys = new ApiKeys(file()).watch()) {
            String key = add("late", Role.REFERENCE);
            assertThat(keys.authenticate(key)).isEmpty(); // not read yet
            await().atMost(Duration.ofSeconds(10)).until(() -> keys.authenticate(key).equals(Optional.of(Role.REFERENCE)));
            KeyFile.revoke(file(), "late", Clock.systemUTC());
            await().atMost(Duration.ofSeconds(10)).until(() -> keys.authenticate(key).isEmpty());
            // The file disappears: no key is valid any more.
            add("again", Role.READ);
            String again = add("again2", Role.READ);
            await().atMost(Duration.ofSeconds(10)).until(() -> keys.authenticate(again).isPresent());
            Files.delete(file());
            await().atMost(Duration.ofSeconds(10)).until(() -> keys.authenticate(again).isEmpty());
        }
    }

    @Test
    @DisplayName("names are unique among valid keys and limited to a safe alphabet; a revoked name can be reused")
    void names() throws Exception {
        add("feed", Role.INGEST);
        assertThatThrownBy(() -> add("feed", Role.READ)).hasMessageContaining("exists already");
        assertThatThrownBy(() -> add("a b", Role.READ)).hasMessageContaining("name");
        assertThatThrownBy(() -> add("", Role.READ)).hasMessageContaining("name");
        KeyFile.revoke(file(), "feed", Clock.systemUTC());
        String again = add("feed", Role.READ);
        try (ApiKeys keys = new ApiKeys(file())) {
            assertThat(keys.authenticate(again)).contains(Role.READ);
        }
    }

    @Test
    @DisplayName("roles: admin grants everything, the others only themselves; reference data needs reference")
    void roles() {
        for (Role needed : Role.values()) {
            assertThat(Role.ADMIN.grants(needed)).isTrue();
            for (Role r : Role.values()) {
                if (r != Role.ADMIN) assertThat(r.grants(needed)).isEqualTo(r == needed);
            }
        }
        assertThat(Role.toIngest(org.odop.pulse.ingest.RecordType.LOIS)).isEqualTo(Role.INGEST);
        assertThat(Role.toIngest(org.odop.pulse.ingest.RecordType.FX_RATES)).isEqualTo(Role.REFERENCE);
        assertThat(Role.parse(" Admin ")).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("read, ingest, reference, admin");
    }
}
