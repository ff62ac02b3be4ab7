package org.odop.pulse.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory: heap in use after a full collection, and resident set size. */
final class ProcessMemory {
    private ProcessMemory() {}

    record Memory(long heapUsedBytes, long heapCommittedBytes, long rssBytes) {}

    static Memory measure() {
        System.gc();
        System.gc(); // a second pass collects what the first one's finalization released
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Memory(heap.getUsed(), heap.getCommitted(), rss());
    }

    /** VmRSS of /proc/self/status, in bytes; -1 where there is no /proc. */
    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return -1;
    }
}
