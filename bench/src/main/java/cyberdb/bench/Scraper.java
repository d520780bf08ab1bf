package cyberdb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads a server's {@code /metrics} at a fixed interval while a cell runs, as Prometheus would,
 * so that the cost of metrics includes the scrapes. A scrape that fails fails the bench: a broken
 * endpoint must not pass for a cheap one.
 */
final class Scraper implements AutoCloseable {

    private final URI uri;
    private final Duration interval;
    private final Thread thread;
    private final AtomicInteger scrapes = new AtomicInteger();
    private volatile boolean stopping;
    private volatile IOException failure;

    Scraper(int port, Duration interval) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/metrics");
        this.interval = interval;
        this.thread = Thread.ofPlatform().name("scraper").daemon(true).start(this::run);
    }

    private void run() {
        while (!stopping) {
            try {
                HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
                if (http.getResponseCode() != 200) {
                    throw new IOException(uri + " answered " + http.getResponseCode());
                }
                try (InputStream body = http.getInputStream()) {
                    body.readAllBytes();
                }
                scrapes.incrementAndGet();
            } catch (IOException e) {
                failure = e;
                return;
            }
            LockSupport.parkNanos(interval.toNanos());
        }
    }

    /** @return how many scrapes succeeded */
    int scrapes() {
        return scrapes.get();
    }

    @Override
    public void close() throws IOException {
        stopping = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
