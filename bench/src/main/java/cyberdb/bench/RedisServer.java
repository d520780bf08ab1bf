package cyberdb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** A redis-server on loopback, started for the comparison and stopped after it. */
final class RedisServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a server with an empty database.
     *
     * @param dir         its working directory (the append-only file goes there)
     * @param persistence {@code true}: append-only file with fsync every second, matching
     *                    CyberDB's default journal; {@code false}: memory only
     * @return the running server
     * @throws Exception if it cannot start
     */
    static RedisServer start(Path dir, boolean persistence) throws Exception {
        return start(dir, persistence, List.of());
    }

    /**
     * Starts a server with an empty database and more options.
     *
     * @param dir         its working directory
     * @param persistence whether it keeps an append-only file, fsynced every second
     * @param options     further options, such as {@code --maxclients 12000}
     * @return the running server
     * @throws Exception if it cannot start
     */
    static RedisServer start(Path dir, boolean persistence, List<String> options) throws Exception {
        if (Files.exists(dir)) {
            // Redis 7 keeps its append-only files in a directory of their own: remove everything.
            try (var old = Files.walk(dir)) {
                for (Path file : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
        return launch(dir, persistence, options);
    }

    /**
     * Starts a memory-only server on the {@code dump.rdb} a previous one saved in {@code dir},
     * returning once it has loaded it.
     *
     * @param dir the directory holding dump.rdb
     * @return the running server
     * @throws Exception if it cannot start
     */
    static RedisServer restart(Path dir) throws Exception {
        return launch(dir, false, List.of());
    }

    private static RedisServer launch(Path dir, boolean persistence, List<String> options) throws Exception {
        int port = Processes.freePort();
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toAbsolutePath().toString(), "--save", "", "--protected-mode", "yes"));
        command.addAll(persistence ? List.of("--appendonly", "yes", "--appendfsync", "everysec")
                : List.of("--appendonly", "no"));
        command.addAll(options);
        Path log = dir.resolve("redis.log");
        Process process = Processes.start(command, log);
        Processes.awaitPort(process, port, log);
        RedisServer server = new RedisServer(process, port);
        // Redis accepts connections while it loads its files, answering LOADING until done.
        Processes.await(process, log, () -> {
            try (Jedis jedis = server.connect()) {
                return "PONG".equals(jedis.ping());
            } catch (RuntimeException loading) {
                return false;
            }
        });
        return server;
    }

    /** @return the port it listens on */
    int port() {
        return port;
    }

    /** @return its process id, for reading its threads and memory */
    long pid() {
        return process.pid();
    }

    /**
     * Opens a connection.
     *
     * @return a new connection
     */
    Jedis connect() {
        return new Jedis("127.0.0.1", port);
    }

    /** Stores the {@link Entries} data set, pipelined in batches of 10,000. */
    void fillEntries() {
        try (Jedis jedis = connect()) {
            for (int from = 0; from < Entries.COUNT; from += 10_000) {
                try (Pipeline pipeline = jedis.pipelined()) {
                    for (int i = from; i < from + 10_000; i++) {
                        pipeline.set(Entries.key(i), Entries.value(i));
                    }
                    pipeline.sync();
                }
            }
        }
    }

    /**
     * Reads Redis's own count of the memory its data takes.
     *
     * @return {@code used_memory} in bytes
     */
    long usedMemory() {
        try (Jedis jedis = connect()) {
            return jedis.info("memory").lines().filter(line -> line.startsWith("used_memory:"))
                    .map(line -> Long.parseLong(line.substring("used_memory:".length()).strip()))
                    .findFirst().orElseThrow();
        }
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}
