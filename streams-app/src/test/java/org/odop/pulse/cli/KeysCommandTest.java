package org.odop.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odop.pulse.security.ApiKeys;
import org.odop.pulse.security.KeyFile;
import org.odop.pulse.security.Role;
import picocli.CommandLine;

class KeysCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run keys(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new OdopPulse());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "keys";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @DisplayName("keys add prints a working key once; the state directory's keys file keeps only its hash, mode 0600")
    void add() throws Exception {
        Run r = keys("add", "--name", "grafana", "--role", "read", "--state-dir", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String key = r.out().trim();
        assertThat(key).matches("opk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
        assertThat(r.err()).contains("grafana").contains("read").contains("shown once").doesNotContain(key);
        Path file = dir.resolve(KeyFile.DEFAULT_NAME);
        assertThat(Files.readString(file)).doesNotContain(key).doesNotContain(key.substring(17));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (ApiKeys keys = new ApiKeys(file)) {
            assertThat(keys.authenticate(key)).contains(Role.READ);
        }
        // Another add prints another key.
        Run second = keys("add", "--name", "feed", "--role", "ingest", "--state-dir", dir.toString());
        assertThat(second.out().trim()).isNotEqualTo(key).startsWith("opk_");
    }

    @Test
    @DisplayName("keys list shows names, roles, creation times and status, never keys; revoke turns a key off")
    void listAndRevoke() throws Exception {
        Path file = dir.resolve("elsewhere").resolve("keys.json");
        String feed = keys("add", "--name", "feed", "--role", "ingest", "--keys-file", file.toString()).out().trim();
        keys("add", "--name", "ops", "--role", "admin", "--keys-file", file.toString());
        Run list = keys("list", "--keys-file", file.toString());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("NAME").contains("ROLE").contains("CREATED")
                .containsPattern("feed +ingest +\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z +valid")
                .containsPattern("ops +admin +\\d{4}-").doesNotContain(feed).doesNotContain(feed.substring(4, 16));

        Run revoke = keys("revoke", "feed", "--keys-file", file.toString());
        assertThat(revoke.code()).as(revoke.err()).isZero();
        assertThat(keys("list", "--keys-file", file.toString()).out()).containsPattern("feed +ingest +\\S+ +revoked \\d{4}-");
        try (ApiKeys keys = new ApiKeys(file)) {
            assertThat(keys.authenticate(feed)).isEmpty();
        }
        Run again = keys("revoke", "feed", "--keys-file", file.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("No valid key named 'feed'");
    }

    @Test
    @DisplayName("an unknown role, a taken name or a missing --name are refused without touching the file")
    void refusals() throws Exception {
        Run badRole = keys("add", "--name", "x", "--role", "root", "--state-dir", dir.toString());
        assertThat(badRole.code()).isEqualTo(2);
        assertThat(badRole.err()).contains("unknown role 'root'");
        assertThat(dir.resolve(KeyFile.DEFAULT_NAME)).doesNotExist();
        assertThat(keys("add", "--role", "read", "--state-dir", dir.toString()).code()).isEqualTo(2);

        keys("add", "--name", "x", "--role", "read", "--state-dir", dir.toString());
        String before = Files.readString(dir.resolve(KeyFile.DEFAULT_NAME));
        Run taken = keys("add", "--name", "x", "--role", "admin", "--state-dir", dir.toString());
        assertThat(taken.code()).isEqualTo(1);
        assertThat(taken.err()).contains("exists already");
        assertThat(taken.out()).isEmpty();
        assertThat(Files.readString(dir.resolve(KeyFile.DEFAULT_NAME))).isEqualTo(before);
    }
}
