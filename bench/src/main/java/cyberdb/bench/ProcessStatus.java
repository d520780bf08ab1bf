package cyberdb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's threads and resident memory as the kernel counts them in {@code /proc/PID/status}:
 * the same figures for a JVM and for redis-server.
 *
 * @param threads    {@code Threads}
 * @param rssBytes   {@code VmRSS}
 */
record ProcessStatus(int threads, long rssBytes) {

    /**
     * Reads a process's status.
     *
     * @param pid the process
     * @return its threads and resident memory now
     */
    static ProcessStatus of(long pid) {
        try {
            int threads = -1;
            long rss = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.substring("Threads:".length()).strip());
                } else if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip()) * 1024;
                }
            }
            return new ProcessStatus(threads, rss);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the status of process " + pid, e);
        }
    }
}
