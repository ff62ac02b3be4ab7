package org.odop.pulse.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.odop.pulse.runtime.PulseConfig;
import org.odop.pulse.security.KeyFile;
import org.odop.pulse.security.Role;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keys add|list|revoke}: the API keys in the keys file. A new key is printed once; the file keeps only a salted
 * PBKDF2 hash of it. A running instance sees the change within seconds.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Manages the API keys of the HTTP API (roles: read, ingest, reference, admin).",
                "A running instance sees added and revoked keys within seconds, without a restart."},
        subcommands = {KeysCommand.Add.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do: add, list or revoke");
    }

    /** Where the keys file is: --keys-file, or the one in --state-dir. */
    static final class Where {
        @Option(names = "--state-dir", defaultValue = PulseConfig.DEFAULT_STATE_DIR,
                description = "The instance's state directory; its keys file is <state-dir>/" + KeyFile.DEFAULT_NAME
                        + " (default ${DEFAULT-VALUE}).")
        Path stateDir;

        @Option(names = "--keys-file", paramLabel = "FILE", description = "The keys file itself (instead of --state-dir).")
        Path keysFile;

        Path file() {
            if (keysFile != null) return keysFile;
            return (stateDir != null ? stateDir : Path.of(PulseConfig.DEFAULT_STATE_DIR)).resolve(KeyFile.DEFAULT_NAME);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a key and prints it: the only time it is shown.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", required = true, description = "What the key is for, e.g. grafana or erp-feed (unique among valid keys).")
        String name;

        @Option(names = "--role", required = true, description = "read, ingest, reference or admin.")
        String role;

        @ArgGroup(exclusive = true)
        Where where = new Where();

        @Override
        public Integer call() throws Exception {
            Role r;
            try {
                r = Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--role: " + e.getMessage());
            }
            String key;
            try {
                key = KeyFile.add(where.file(), name, r, Clock.systemUTC());
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
            spec.commandLine().getErr().printf("Added key '%s' with the %s role to %s. It is shown once, here; "
                    + "the file keeps only a hash of it:%n", name, r.label(), where.file());
            spec.commandLine().getOut().println(key);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the keys: names, roles, creation times (never the keys).")
    static final class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = true)
        Where where = new Where();

        @Override
        public Integer call() throws Exception {
            List<KeyFile.Entry> entries = KeyFile.read(where.file());
            var out = spec.commandLine().getOut();
            out.printf("%-24s %-10s %-22s %s%n", "NAME", "ROLE", "CREATED", "STATUS");
            for (KeyFile.Entry e : entries) {
                out.printf("%-24s %-10s %-22s %s%n", e.name(), e.role(), e.createdAt(),
                        e.revoked() ? "revoked " + e.revokedAt() : "valid");
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes the valid key with this name.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The key's name.")
        String name;

        @ArgGroup(exclusive = true)
        Where where = new Where();

        @Override
        public Integer call() throws Exception {
            if (!KeyFile.revoke(where.file(), name, Clock.systemUTC())) {
                spec.commandLine().getErr().printf("No valid key named '%s' in %s%n", name, where.file());
                return 1;
            }
            spec.commandLine().getErr().printf("Revoked key '%s' in %s; running instances refuse it within seconds.%n",
                    name, where.file());
            return 0;
        }
    }
}
