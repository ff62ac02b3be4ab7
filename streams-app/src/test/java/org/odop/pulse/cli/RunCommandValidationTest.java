package org.odop.pulse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** run refuses a nonsensical --dedup-retention-days before it starts anything. */
class RunCommandValidationTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "--dedup-retention-days {0}")
    @ValueSource(strings = {"0", "-1", "-30", "3651", "100000", "2147483647"})
    void nonsensicalDedupRetentionIsRefusedAtStart(String days) {
        Path stateDir = dir.resolve("state");
        StringWriter err = new StringWriter();
        // Bounded: without the check, run would start an embedded broker and block until stopped.
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new CommandLine(new OdopPulse())
                .setErr(new PrintWriter(err, true))
                .execute("run", "--dedup-retention-days", days, "--state-dir", stateDir.toString(),
                        "--http-port", "0", "--kafka-port", "0", "--registry-port", "0"));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--dedup-retention-days must be between 1 and 3650").contains("got " + days);
        assertThat(Files.exists(stateDir)).as("nothing started").isFalse();
    }
}
