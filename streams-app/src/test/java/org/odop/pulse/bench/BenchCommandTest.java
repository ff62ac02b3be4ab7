package org.odop.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odop.pulse.cli.BenchCommand;
import org.odop.pulse.cli.OdopPulse;
import picocli.CommandLine;

/** The bench command, run in-process on its own embedded broker with tiny numbers: its output, not its figures. */
@DisplayName("odop-pulse bench")
class BenchCommandTest {
    private static final Pattern LAST_LINE = Pattern.compile("bench events=(\\d+) ceiling_eps=(\\d+) pipeline_eps=(\\d+) "
            + "ratio=(\\d+\\.\\d{3}) p50_ms=(\\d+\\.\\d) p99_ms=(\\d+\\.\\d) ingest_lps=(\\d+) heap_mb=(\\d+) rss_mb=(\\d+)");

    @TempDir
    Path work;

    @Test
    @DisplayName("a tiny run of two instances prints the table and, last, the figures line; the pipeline committed every event it was given")
    void tinyRun() throws Exception {
        CommandLine cli = OdopPulse.commandLine(java.util.Map.of());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = cli.execute("bench", "--events", "20000", "--instances", "2", "--rate", "2000", "--latency-seconds", "5",
                    "--ingest-lines", "10000", "--work-dir", work.toString(), "--no-progress");
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertThat(code).as("exit code").isZero();

        String[] lines = out.strip().split("\\R");
        Matcher last = LAST_LINE.matcher(lines[lines.length - 1]);
        assertThat(last.matches()).as("last line: %s", lines[lines.length - 1]).isTrue();
        assertThat(Long.parseLong(last.group(1))).isEqualTo(20_000);
        for (int g = 2; g <= last.groupCount(); g++) {
            assertThat(Double.parseDouble(last.group(g))).as("figure %d of %s", g, last.group()).isPositive();
        }
        assertThat(out).contains("ceiling: plain consumer", "pipeline: fresh application", "latency at 2,000 events/s",
                "HTTP ingest", "memory at the end");

        BenchReport report = ((BenchCommand) cli.getSubcommands().get("bench").getCommand()).report();
        assertThat(report.backlog().events()).isEqualTo(20_000);
        assertThat(report.backlog().perTopic().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20_000);
        assertThat(report.ceiling().records()).as("the ceiling read every event").isEqualTo(20_000);
        assertThat(report.pipeline().complete()).as("committed offsets reached the end offsets").isTrue();
        assertThat(report.pipeline().committed()).as("events committed by the pipeline").isEqualTo(20_000);
        assertThat(report.backlogFullyCommitted()).isTrue();
        assertThat(report.consumedByInstance()).as("records each instance consumed").hasSize(2);
        assertThat(report.consumedByInstance().stream().mapToLong(Long::longValue).sum())
                .as("between them, the instances consumed at least every event").isGreaterThanOrEqualTo(20_000);
        assertThat(out).contains("  instance 1", "  instance 2");
        assertThat(report.state().total().keys()).as("keys RocksDB holds after the backlog").isPositive();
        assertThat(report.state().byStore()).as("the stores of the measures").containsKeys("loi-measures", "export-measures");
        assertThat(out).contains("state after the backlog", "  export-measures");
        assertThat(report.latency().probesSent()).isPositive();
        assertThat(report.latency().probesSeen()).as("every probe became visible").isEqualTo(report.latency().probesSent());
        assertThat(report.ingest().lines()).isEqualTo(10_000);
        assertThat(report.ingest().accepted() + report.ingest().rejected()).isEqualTo(10_000);
        assertThat(report.drained()).as("every offset written during the run was committed at the end").isTrue();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left).as("the run's directory is deleted").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--events 0 | --events must be at least 1",
            "--rate 0 | --rate must be greater than zero",
            "--latency-seconds 0 | --latency-seconds must be at least 1",
            "--instances 0 | --instances must be at least 1",
            "--bootstrap-servers 127.0.0.1:9 | --bootstrap-servers and --schema-registry-url go together",
            "--kafka-config /nonexistent-odop-pulse/kafka.properties | Cannot read the Kafka client config"})
    @DisplayName("settings that make no sense are a usage error before anything starts")
    void usageErrors(String args, String message) {
        CommandLine cli = OdopPulse.commandLine(java.util.Map.of());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        String[] argv = ("bench --work-dir " + work + " " + args).split(" ");
        assertThat(cli.execute(argv)).isEqualTo(2);
        assertThat(err.toString()).contains(message);
        assertThat(work).isEmptyDirectory();
    }
}
