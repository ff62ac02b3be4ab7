package org.odop.pulse.ops;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * promtool or amtool, run as a child process. A missing tool fails the test rather than skipping it:
 * the rules are only proven when the real tools ran.
 */
final class ExternalTool {
    static final String INSTALL = "apt-get install prometheus prometheus-alertmanager";
    private static final long TIMEOUT_SECONDS = 60;

    private final Path executable;

    private ExternalTool(Path executable) {
        this.executable = executable;
    }

    static ExternalTool promtool() {
        return locate("promtool");
    }

    static ExternalTool amtool() {
        return locate("amtool");
    }

    private static ExternalTool locate(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/bin");
        dirs.add("/usr/local/bin");
        for (String dir : dirs) {
            if (dir.isBlank()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new ExternalTool(candidate);
            }
        }
        return fail(name + " is not installed (not on PATH, /usr/bin or /usr/local/bin). Install it with `"
                + INSTALL + "` (.ci/run does this on CI).");
    }

    /** What a run printed (stdout and stderr together) and how it ended. */
    record Run(List<String> command, int exitCode, String output) {
        String describe() {
            return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
        }
    }

    Run run(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        try {
            // Output goes to a file so a chatty tool cannot block on a full pipe while we wait for it.
            Path out = Files.createTempFile("ops-tool-", ".out");
            try {
                Process p = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return fail(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + "s");
                }
                return new Run(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
