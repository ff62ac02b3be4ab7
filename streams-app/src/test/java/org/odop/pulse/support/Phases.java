package org.odop.pulse.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Wall-clock seconds of a test's phases, for its summary line: {@code start=4.1 ingest=20.3 ...}. */
public final class Phases {
    private final long started = System.nanoTime();
    private final double cpuAtStart = cpuSecondsOfThisJvm();
    private long last = started;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /** Ends the current phase under this name (a repeated name adds up). */
    public synchronized void end(String name) {
        long now = System.nanoTime();
        seconds.merge(name, (now - last) / 1e9, Double::sum);
        last = now;
    }

    public synchronized double total() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** CPU seconds this JVM (the test, and whatever runs in it) has used since this object was made. */
    public double cpuSeconds() {
        return cpuSecondsOfThisJvm() - cpuAtStart;
    }

    private static double cpuSecondsOfThisJvm() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : 0;
    }

    @Override
    public synchronized String toString() {
        return seconds.entrySet().stream().map(e -> String.format("%s=%.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
