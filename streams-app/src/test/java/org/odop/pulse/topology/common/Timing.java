package org.odop.pulse.topology.common;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Elapsed and CPU time of a piece of work, for tests that print figures (they assert work, never time). */
public final class Timing {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Timing() {}

    /** Runs {@code work} once cold then {@code warmRuns} times, and describes the times in ms. */
    public static String repeat(Runnable work, int warmRuns) {
        String first = once(work);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < warmRuns; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e6);
        }
        return String.format("first %s, best of next %d %.3f ms", first, warmRuns, best);
    }

    /** Runs {@code work} once and describes its elapsed and CPU time. */
    public static String once(Runnable work) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        work.run();
        double ms = (System.nanoTime() - start) / 1e6;
        double cpuMs = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
        return String.format(ms >= 100 ? "%.0f ms (cpu %.0f ms)" : "%.3f ms (cpu %.3f ms)", ms, cpuMs);
    }
}
