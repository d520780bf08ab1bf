package cyberdb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's threads and resident memory as the kernel counts them in {@code /proc/PID/status}:
 * the same figures for a JVM and for redis-server; for a JVM, also the part of its heap that is
 * committed but holds nothing live, which the resident memory counts or not as the collector
 * happened to size and touch the heap.
 *
 * @param threads        {@code Threads}
 * @param rssBytes       {@code VmRSS}
 * @param heapSlackBytes a JVM's committed heap less the heap in use; 0 for other processes
 */
record ProcessStatus(int threads, long rssBytes, long heapSlackBytes) {

    /** @return the memory the process holds for what it keeps: resident memory less the heap's slack */
    long heldBytes() {
        return rssBytes - heapSlackBytes;
    }

    /**
     * Reads a JVM's status and its heap's use, as {@code jcmd PID GC.heap_info} tells it; right
     * after a full collection, the heap in use is the live heap.
     *
     * @param pid the JVM
     * @return its threads, resident memory and heap slack now
     */
    static ProcessStatus ofJvm(long pid) {
        String info = Processes.run(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.heap_info"));
        Matcher heap = Pattern.compile("committed (\\d+)K, used (\\d+)K").matcher(info);
        if (!heap.find()) {
            throw new IllegalStateException("No heap figures in jcmd's answer:\n" + info);
        }
        ProcessStatus status = of(pid);
        long slack = (Long.parseLong(heap.group(1)) - Long.parseLong(heap.group(2))) * 1024;
        return new ProcessStatus(status.threads(), status.rssBytes(), slack);
    }

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
            return new ProcessStatus(threads, rss, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the status of process " + pid, e);
        }
    }
}
