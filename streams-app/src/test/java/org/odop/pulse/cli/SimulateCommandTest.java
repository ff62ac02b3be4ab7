package org.odop.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

@DisplayName("simulate command line")
class SimulateCommandTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"PT2M, PT2M", "pt90s, PT1M30S", "2m, PT2M", "30s, PT30S", "500ms, PT0.5S", "1h, PT1H", "1d, PT24H"})
    @DisplayName("durations: ISO-8601 or a number and a unit")
    void durations(String text, String expected) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "2 minutes", "-1m", "0s", "PT0S", "m2"})
    @DisplayName("anything else is refused with a hint")
    void badDurations(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text)).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining(text.isBlank() ? "duration" : text);
    }

    @Test
    @DisplayName("simulate is a subcommand of odop-pulse and reads its options and the cluster's")
    void parses() {
        CommandLine cli = OdopPulse.commandLine(java.util.Map.of());
        var parsed = cli.parseArgs("simulate", "--rate", "50", "--duration", "2m", "--seed", "7", "--backfill",
                "--bootstrap-servers", "127.0.0.1:19092", "--schema-registry-url", "http://127.0.0.1:18081");
        SimulateCommand simulate = (SimulateCommand) parsed.subcommand().commandSpec().userObject();

        assertThat(simulate.rate).isEqualTo(50);
        assertThat(simulate.duration).isEqualTo(Duration.ofMinutes(2));
        assertThat(simulate.seed).isEqualTo(7L);
        assertThat(simulate.backfill).isTrue();
        assertThat(simulate.cluster.bootstrapServers).isEqualTo("127.0.0.1:19092");
        assertThat(simulate.cluster.schemaRegistryUrl).isEqualTo("http://127.0.0.1:18081");
    }

    @Test
    @DisplayName("a bad --duration is a usage error, not a crash")
    void badDurationIsUsageError() {
        CommandLine cli = OdopPulse.commandLine(java.util.Map.of());
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cli.execute("simulate", "--duration", "soon")).isEqualTo(2);
    }
}
