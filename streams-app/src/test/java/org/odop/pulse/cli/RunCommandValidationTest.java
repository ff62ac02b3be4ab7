package org.odop.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odop.pulse.topology.meet.FollowUp;
import picocli.CommandLine;

/** run refuses nonsensical settings before it starts anything, and passes sensible ones on to the instance. */
class RunCommandValidationTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "--dedup-retention-days {0}")
    @ValueSource(strings = {"0", "-1", "-30", "3651", "100000", "2147483647"})
    void nonsensicalDedupRetentionIsRefusedAtStart(String days) {
        Path stateDir = dir.resolve("state");
        StringWriter err = new StringWriter();
        // Bounded: without the check, run would start an embedded broker and block until stopped.
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> OdopPulse.commandLine(java.util.Map.of())
                .setErr(new PrintWriter(err, true))
                .execute("run", "--dedup-retention-days", days, "--state-dir", stateDir.toString(),
                        "--http-port", "0", "--kafka-port", "0", "--registry-port", "0"));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--dedup-retention-days must be between 1 and 3650").contains("got " + days);
        assertThat(Files.exists(stateDir)).as("nothing started").isFalse();
    }

    @ParameterizedTest(name = "--loi-follow-up-days {0}")
    @ValueSource(strings = {"0", "-1", "-90", "-2147483648"})
    void nonsensicalFollowUpDaysAreRefusedAtStart(String days) {
        Path stateDir = dir.resolve("state");
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> OdopPulse.commandLine(java.util.Map.of())
                .setErr(new PrintWriter(err, true))
                .execute("run", "--loi-follow-up-days", days, "--state-dir", stateDir.toString(),
                        "--http-port", "0", "--kafka-port", "0", "--registry-port", "0"));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--loi-follow-up-days must be at least 1").contains("got " + days);
        assertThat(Files.exists(stateDir)).as("nothing started").isFalse();
    }

    @Test
    @DisplayName("--loi-follow-up-days sets when an LOI is due; without it the limit is FollowUp's default of 90 days")
    void followUpDaysReachTheConfig() {
        RunCommand given = new RunCommand();
        new CommandLine(given).parseArgs("--loi-follow-up-days", "45");
        assertThat(given.config().followUp().after()).isEqualTo(Duration.ofDays(45));
        assertThat(given.config().followUp().checkEvery()).isEqualTo(FollowUp.DEFAULT_CHECK_EVERY);

        RunCommand defaults = new RunCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.config().followUp().after()).isEqualTo(FollowUp.DEFAULT_AFTER).isEqualTo(Duration.ofDays(90));
    }

    @Test
    @DisplayName("--rocksdb-memory-mb (or ODOP_ROCKSDB_MEMORY_MB) sets the RocksDB budget; the default is PulseConfig's")
    void rocksDbMemoryReachesTheConfig() {
        RunCommand given = new RunCommand();
        new CommandLine(given).parseArgs("--rocksdb-memory-mb", "512");
        assertThat(given.config().rocksDbMemoryBytes()).isEqualTo(512L * 1024 * 1024);

        var parsed = OdopPulse.commandLine(java.util.Map.of("ODOP_ROCKSDB_MEMORY_MB", "384")).parseArgs("run");
        assertThat(((RunCommand) parsed.subcommand().commandSpec().userObject()).config().rocksDbMemoryBytes())
                .isEqualTo(384L * 1024 * 1024);

        RunCommand defaults = new RunCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.config().rocksDbMemoryBytes()).isEqualTo(org.odop.pulse.runtime.PulseConfig.defaults().rocksDbMemoryBytes());
    }

    @ParameterizedTest(name = "--rocksdb-memory-mb {0}")
    @ValueSource(strings = {"31", "0", "-1"})
    void tooLittleRocksDbMemoryIsRefusedAtStart(String mb) {
        Path stateDir = dir.resolve("state");
        StringWriter err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> OdopPulse.commandLine(java.util.Map.of())
                .setErr(new PrintWriter(err, true))
                .execute("run", "--rocksdb-memory-mb", mb, "--state-dir", stateDir.toString(),
                        "--http-port", "0", "--kafka-port", "0", "--registry-port", "0"));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--rocksdb-memory-mb must be at least 32").contains("got " + mb);
        assertThat(Files.exists(stateDir)).as("nothing started").isFalse();
    }

    @Test
    @DisplayName("run --help documents --loi-follow-up-days with its default")
    void helpShowsFollowUpDays() {
        StringWriter out = new StringWriter();
        int code = OdopPulse.commandLine(java.util.Map.of()).setOut(new PrintWriter(out, true)).execute("run", "--help");
        assertThat(code).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("--loi-follow-up-days=DAYS").contains("due for follow-up").contains("at least 1, default 90)");
    }
}
