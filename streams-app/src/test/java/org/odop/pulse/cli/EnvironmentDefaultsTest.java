package org.odop.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odop.pulse.avro.ShipmentStatus;
import org.odop.pulse.runtime.PulseConfig;
import picocli.CommandLine;

@DisplayName("Options from the command line, ODOP_* variables, or the defaults declared once")
class EnvironmentDefaultsTest {

    private static RunCommand run(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLine.ParseResult parsed = OdopPulse.commandLine(env).parseArgs(all);
        return (RunCommand) parsed.subcommand().commandSpec().userObject();
    }

    private static String help(String command) {
        StringWriter out = new StringWriter();
        assertThat(OdopPulse.commandLine(Map.of()).setOut(new PrintWriter(out, true)).execute(command, "--help")).isZero();
        return out.toString();
    }

    @Test
    @DisplayName("with no option and no variable, run's configuration is exactly PulseConfig's defaults")
    void defaultsDeclaredOnce() {
        PulseConfig fromCli = run(Map.of()).config();
        PulseConfig defaults = PulseConfig.defaults();
        assertThat(fromCli.stateDir()).isEqualTo(defaults.stateDir().toAbsolutePath());
        assertThat(fromCli.toBuilder().stateDir(defaults.stateDir()).build()).isEqualTo(defaults);
    }

    @Test
    @DisplayName("a variable sets an option; the command line wins over it")
    void environmentThenCommandLine() {
        Map<String, String> env = Map.of("ODOP_HTTP_PORT", "9191", "ODOP_STREAM_THREADS", "3", "ODOP_DEMO", "true",
                "ODOP_MAX_EVENT_TIME_AHEAD", "36h", "ODOP_SCHEMA_COMPATIBILITY", "FULL");
        RunCommand fromEnv = run(env);
        assertThat(fromEnv.config().httpPort()).isEqualTo(9191);
        assertThat(fromEnv.config().streamThreads()).isEqualTo(3);
        assertThat(fromEnv.demo).isTrue();
        assertThat(fromEnv.config().eventLimits().maxAhead()).isEqualTo(Duration.ofHours(36));
        assertThat(fromEnv.config().schemaCompatibility().name()).isEqualTo("FULL");

        assertThat(run(env, "--http-port", "7070").config().httpPort()).isEqualTo(7070);
        // A blank variable is as good as unset.
        assertThat(run(Map.of("ODOP_HTTP_PORT", " ")).config().httpPort()).isEqualTo(PulseConfig.defaults().httpPort());
    }

    @Test
    @DisplayName("durations take the same forms everywhere: --stall-limit AT_PORT=2d, ISO P1D, and several from one variable")
    void durationsEverywhere() {
        PulseConfig cli = run(Map.of(), "--stall-limit", "AT_PORT=2d", "--stall-limit", "SHIPPED=P30D").config();
        assertThat(cli.stallLimits().limit(ShipmentStatus.AT_PORT)).contains(Duration.ofDays(2));
        assertThat(cli.stallLimits().limit(ShipmentStatus.SHIPPED)).contains(Duration.ofDays(30));
        // The others keep their defaults.
        assertThat(cli.stallLimits().limit(ShipmentStatus.BOOKED))
                .isEqualTo(PulseConfig.defaults().stallLimits().limit(ShipmentStatus.BOOKED));

        PulseConfig env = run(Map.of("ODOP_STALL_LIMIT", "AT_PORT=36h,CUSTOMS_CLEARED=1d")).config();
        assertThat(env.stallLimits().limit(ShipmentStatus.AT_PORT)).contains(Duration.ofHours(36));
        assertThat(env.stallLimits().limit(ShipmentStatus.CUSTOMS_CLEARED)).contains(Duration.ofDays(1));

        int code = OdopPulse.commandLine(Map.of()).setErr(new PrintWriter(new StringWriter(), true))
                .execute("run", "--stall-limit", "AT_PORT=soon");
        assertThat(code).isEqualTo(2);
    }

    @Test
    @DisplayName("a renamed option's old variable still sets it, a bare number in the old unit; the new variable wins")
    void oldVariablesOfRenamedOptions() {
        PulseConfig old = run(Map.of("ODOP_DEDUP_RETENTION_DAYS", "45", "ODOP_STALL_CHECK_SECONDS", "90",
                "ODOP_LOI_FOLLOW_UP_DAYS", "60")).config();
        assertThat(old.dedupRetention()).isEqualTo(Duration.ofDays(45));
        assertThat(old.stallCheckEvery()).isEqualTo(Duration.ofSeconds(90));
        assertThat(old.followUp().after()).isEqualTo(Duration.ofDays(60));

        PulseConfig renamed = run(Map.of("ODOP_DEDUP_RETENTION", "P40D", "ODOP_DEDUP_RETENTION_DAYS", "45",
                "ODOP_STALL_CHECK_EVERY", "2m", "ODOP_LOI_FOLLOW_UP", "1440h")).config();
        assertThat(renamed.dedupRetention()).isEqualTo(Duration.ofDays(40));
        assertThat(renamed.stallCheckEvery()).isEqualTo(Duration.ofMinutes(2));
        assertThat(renamed.followUp().after()).isEqualTo(Duration.ofDays(60));
        // The command line wins over either.
        assertThat(run(Map.of("ODOP_STALL_CHECK_SECONDS", "90"), "--stall-check-every", "5s").config().stallCheckEvery())
                .isEqualTo(Duration.ofSeconds(5));

        assertThat(OdopPulse.environmentVariables("run")).contains("ODOP_DEDUP_RETENTION", "ODOP_DEDUP_RETENTION_DAYS",
                "ODOP_STALL_CHECK_EVERY", "ODOP_STALL_CHECK_SECONDS", "ODOP_LOI_FOLLOW_UP", "ODOP_LOI_FOLLOW_UP_DAYS");
        assertThat(help("run")).containsPattern("ODOP_STALL_CHECK_EVERY\\s+--stall-check-every")
                .containsPattern("ODOP_DEDUP_RETENTION\\s+--dedup-retention")
                .containsPattern("ODOP_LOI_FOLLOW_UP\\s+--loi-follow-up");
    }

    @Test
    @DisplayName("--help lists each command's variables; other commands read the same defaults")
    void helpListsVariables() {
        String run = help("run");
        assertThat(run).contains("Environment (the command line wins):")
                .containsPattern("ODOP_HTTP_PORT\\s+--http-port")
                .containsPattern("ODOP_STATE_DIR\\s+--state-dir")
                .contains("default " + PulseConfig.defaults().httpPort())
                .doesNotContain("ODOP_HELP");
        assertThat(help("import")).containsPattern("ODOP_BOOTSTRAP_SERVERS\\s+--bootstrap-servers")
                .contains("127.0.0.1:" + PulseConfig.defaults().kafkaPort());
    }
}
