package io.guildflow.devtools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one process cost, from Linux's {@code /proc}: user plus system CPU seconds and the peak resident set
 * ({@code VmHWM}).
 */
record ProcessUsage(double cpuSeconds, long peakRssKiB) {
    static final ProcessUsage NONE = new ProcessUsage(0, 0);
    /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    static ProcessUsage read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Field 2 (the command) may contain spaces; fields after it start behind the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            long peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    peak = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return new ProcessUsage(ticks / TICKS_PER_SECOND, peak);
        } catch (IOException | RuntimeException e) {
            return NONE; // not Linux, or the process is gone
        }
    }

    static ProcessUsage self() {
        return read(ProcessHandle.current().pid());
    }

    double peakRssMiB() {
        return peakRssKiB / 1024.0;
    }
}
