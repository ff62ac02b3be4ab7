package org.odop.pulse.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.odop.pulse.cli.OdopPulse;
import picocli.CommandLine;

/** Runs the real command line in-process and captures what it prints. */
public final class Cli {
    /** @param err what went to stderr meanwhile (the command's messages, and whatever else the JVM logged) */
    public record Result(int exitCode, String out, String err) {}

    private Cli() {}

    public static synchronized Result run(String... args) {
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
             PrintStream captureErr = new PrintStream(errBuffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(captureErr);
            int code = OdopPulse.commandLine(java.util.Map.of()).execute(args);
            return new Result(code, buffer.toString(StandardCharsets.UTF_8), errBuffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
            // Shown as before, after the command.
            originalErr.print(errBuffer.toString(StandardCharsets.UTF_8));
        }
    }
}
