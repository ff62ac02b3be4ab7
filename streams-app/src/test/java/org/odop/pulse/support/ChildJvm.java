package org.odop.pulse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a Java main class of the test classpath in its own JVM, output appended to a log file. Ended
 * with {@link #kill()} (SIGKILL on Linux: no shutdown hook, no flush) or by {@link #close()}; a JVM
 * shutdown hook kills it too if the test JVM ends first.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Thread reaper;
    private double cpuAtEnd;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.reaper = new Thread(process::destroyForcibly, "kill-child-" + process.pid());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * @param jvmOptions e.g. -Xmx256m
     * @param log        output and errors are appended here (kept across restarts)
     */
    public static ChildJvm start(List<String> jvmOptions, String mainClass, List<String> args, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(testClasspath());
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== " + mainClass + " " + String.join(" ", args) + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new ChildJvm(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass, e);
        }
    }

    /** Surefire's full test classpath (java.class.path may be only its booter jar). */
    private static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU seconds the child has used so far (0 once it has ended). */
    public double cpuSeconds() {
        if (!process.isAlive()) return cpuAtEnd;
        return process.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill() {
        cpuAtEnd = cpuSeconds();
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("pid " + pid() + " survived SIGKILL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down already
        }
    }

    /** Waits up to {@code timeout} for the child to end by itself: its exit code. */
    public int waitFor(java.time.Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("pid " + pid() + " still running after " + timeout + ":\n" + tail(20));
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down already
        }
        return process.exitValue();
    }

    /** The last {@code lines} lines of the child's log, for failure messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) kill();
    }
}
