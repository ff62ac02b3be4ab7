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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odop.pulse.topology.meet.FollowUp;
import picocli.CommandLine;

/** run refuses nonsensical settings before it starts anything, and passes sensible ones on to the instance. */
class RunCommandValidationTest {
    @TempDir
    Path dir;

    /** run with {@code args} (nothing else than a state dir and free ports): its exit code and what it wrote to stderr. */
    private record Refusal(int code, String err) {}

    private Refusal run(Path stateDir, String... args) {
        StringWriter err = new StringWriter();
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("run"), java.util.stream.Stream.concat(
                java.util.Arrays.stream(args), java.util.stream.Stream.of("--state-dir", stateDir.toString(),
                        "--http-port", "0", "--kafka-port", "0", "--registry-port", "0"))).toArray(String[]::new);
        // Bounded: without the check, run would start an embedded broker and block until stopped.
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> OdopPulse.commandLine(java.util.Map.of())
                .setErr(new PrintWriter(err, true)).execute(all));
        return new Refusal(code, err.toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--dedup-retention-days, 3651, 3651d", "--dedup-retention-days, 100000, 100000d",
            "--dedup-retention-days, 2147483647, 2147483647d", "--dedup-retention, 3651d, 3651d",
            "--dedup-retention, P3651D, 3651d", "--dedup-retention, 12h, 12h", "--dedup-retention, 86399s, 86399s"})
    void dedupRetentionOutOfRangeIsRefusedAtStart(String option, String value, String shown) {
        Path stateDir = dir.resolve("state");
        Refusal r = run(stateDir, option, value);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--dedup-retention must be between 1d and 3650d").contains("got " + shown);
        assertThat(Files.exists(stateDir)).as("nothing started").isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--dedup-retention-days, 0", "--dedup-retention-days, -1", "--dedup-retention-days, -30",
            "--dedup-retention, 0d", "--dedup-retention, -1d", "--dedup-retention, soon",
            "--dedup-retention, 99999999999999999999", "--stall-check-every, 0s", "--stall-check-seconds, -5",
            "--loi-follow-up, later", "--loi-follow-up-days, -2147483648"})
    void nonsensicalDurationsAreRefusedAtStart(String option, String value) {
        Path stateDir = dir.resolve("state");
        Refusal r = run(stateDir, option, value);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'" + value + "'");
        assertThat(Files.exists(stateDir)).as("nothing started").isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--loi-follow-up-days, 0, 0", "--loi-follow-up, 23h, 23h", "--loi-follow-up, PT12H, 12h"})
    void followUpUnderADayIsRefusedAtStart(String option, String value, String shown) {
        Path stateDir = dir.resolve("state");
        Refusal r = run(stateDir, option, value);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(value.equals("0") ? "'0' must be longer than zero" : "--loi-follow-up must be at least 1d")
                .contains(value.equals("0") ? "" : "got " + shown);
        assertThat(Files.exists(stateDir)).as("nothing started").isFalse();
    }

    @Test
    @DisplayName("--loi-follow-up sets when an LOI is due (its old name takes days); without it the limit is FollowUp's default of 90 days")
    void followUpReachesTheConfig() {
        for (String[] args : new String[][] {{"--loi-follow-up", "45d"}, {"--loi-follow-up", "P45D"},
                {"--loi-follow-up", "45"}, {"--loi-follow-up-days", "45"}, {"--loi-follow-up-days", "1080h"}}) {
            RunCommand given = new RunCommand();
            new CommandLine(given).parseArgs(args);
            assertThat(given.config().followUp().after()).as(String.join(" ", args)).isEqualTo(Duration.ofDays(45));
            assertThat(given.config().followUp().checkEvery()).isEqualTo(FollowUp.DEFAULT_CHECK_EVERY);
        }

        RunCommand defaults = new RunCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.config().followUp().after()).isEqualTo(FollowUp.DEFAULT_AFTER).isEqualTo(Duration.ofDays(90));
    }

    @Test
    @DisplayName("--dedup-retention and --stall-check-every take durations; their old names a bare number in their unit")
    void durationsReachTheConfig() {
        for (String[] args : new String[][] {{"--dedup-retention", "45d"}, {"--dedup-retention", "45"},
                {"--dedup-retention-days", "45"}, {"--dedup-retention-days", "P45D"}}) {
            RunCommand given = new RunCommand();
            new CommandLine(given).parseArgs(args);
            assertThat(given.config().dedupRetention()).as(String.join(" ", args)).isEqualTo(Duration.ofDays(45));
        }
        for (String[] args : new String[][] {{"--stall-check-every", "90s"}, {"--stall-check-every", "90"},
                {"--stall-check-seconds", "90"}, {"--stall-check-seconds", "PT1M30S"}}) {
            RunCommand given = new RunCommand();
            new CommandLine(given).parseArgs(args);
            assertThat(given.config().stallCheckEvery()).as(String.join(" ", args)).isEqualTo(Duration.ofSeconds(90));
        }
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
    @DisplayName("run --help documents the duration options with their defaults as durations are typed, from PulseConfig")
    void helpShowsDurationDefaults() {
        StringWriter out = new StringWriter();
        int code = OdopPulse.commandLine(java.util.Map.of()).setOut(new PrintWriter(out, true)).execute("run", "--help");
        assertThat(code).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        var defaults = org.odop.pulse.runtime.PulseConfig.defaults();
        assertThat(help).contains("--loi-follow-up, --loi-follow-up-days=DURATION").contains("due for follow-up")
                .contains("at least 1d").contains("(default " + defaults.followUp().after().toDays() + "d)")
                .contains("--dedup-retention, --dedup-retention-days=DURATION")
                .contains("(default " + defaults.dedupRetention().toDays() + "d)")
                .contains("--stall-check-every, --stall-check-seconds=DURATION")
                .contains("(default " + defaults.stallCheckEvery().toSeconds() + "s)")
                .contains("(default " + DurationConverter.format(defaults.hold().maxWait()) + ")")
                .contains("values may read environment variables as ${env:NAME}")
                .doesNotContain("${bundle").doesNotContain("PT720H").doesNotContain("PT30S").doesNotContain("PT24H");
        StringBuilder limits = new StringBuilder("Defaults:");
        defaults.stallLimits().limits().forEach((stage, d) -> limits.append(' ').append(stage).append('=').append(d.toDays()).append('d'));
        assertThat(help).contains(limits.append('.').toString());
        assertThat(org.odop.pulse.topology.shipment.StallLimits.defaults()).isEqualTo(defaults.stallLimits());
    }
}
