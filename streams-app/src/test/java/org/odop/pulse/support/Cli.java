package org.odop.pulse.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.odop.pulse.cli.OdopPulse;
import picocli.CommandLine;

/** Runs the real command line in-process and captures what it prints. */
public final class Cli {
    public record Result(int exitCode, String out) {}

    private Cli() {}

    public static synchronized Result run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            int code = OdopPulse.commandLine(java.util.Map.of()).execute(args);
            return new Result(code, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
