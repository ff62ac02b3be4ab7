package org.odop.pulse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.security.AccessControl;
import org.odop.pulse.security.ApiKeys;
import org.odop.pulse.security.ClusterSecret;
import org.odop.pulse.security.FailureLimiter;
import org.odop.pulse.security.KeyFile;
import org.odop.pulse.security.Role;

/** API keys for tests: one keys file with an admin key for HTTP APIs built in tests, and keys for cluster-mode instances. */
public final class TestKeys {
    /** The keys file of {@link #access()}: one admin key, {@link #ADMIN}. */
    public static final Path FILE;
    public static final String ADMIN;
    /** The {@code Authorization} header value for {@link #ADMIN}. */
    public static final String ADMIN_BEARER;

    static {
        try {
            Path dir = Files.createTempDirectory("odop-pulse-test-keys");
            FILE = dir.resolve(KeyFile.DEFAULT_NAME);
            ADMIN = KeyFile.add(FILE, "test-admin", Role.ADMIN, Clock.systemUTC());
            ADMIN_BEARER = "Bearer " + ADMIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestKeys() {}

    /** Access control over {@link #FILE}, nothing public. */
    public static AccessControl access() {
        try {
            return new AccessControl(new ApiKeys(FILE), ClusterSecret.loadOrCreate(FILE.resolveSibling("cluster.secret"),
                    Clock.systemUTC()), false, false, new FailureLimiter(FailureLimiter.DEFAULT_MAX_FAILURES, Clock.systemUTC()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new admin key in the keys file of {@code cfg} (for instances in cluster mode, which generate none). */
    public static String addAdmin(PulseConfig cfg) {
        try {
            return KeyFile.add(cfg.keysFile(), "admin-" + System.nanoTime(), Role.ADMIN, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
