package cyberdb.api;

import cyberdb.api.spi.EmbeddedConfig;
import cyberdb.api.spi.EmbeddedProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * CyberDB's entry points.
 *
 * {@snippet :
 * try (EmbeddedClient db = CyberDB.embedded(Path.of("data.cdb"));
 *      CyberProxy proxy = db.proxy().connect()) {
 *     CyberDict<Object, Object> centre = proxy.createDict("centre");
 *     centre.put("content", "Hello CyberDB!");
 *     db.save();
 * }
 * }
 *
 * <p>The implementations live in other modules and are found with {@link ServiceLoader}: put
 * {@code cyberdb.engine} on the module path (or class path) for the embedded database, and
 * {@code cyberdb.net} as well for the network client.
 */
public final class CyberDB {

    private static final String VERSION = readVersion();

    private CyberDB() {
    }

    /**
     * Tells which version of CyberDB this is, as a server's {@code info} reports it.
     *
     * @return the version, such as {@code 0.1.0}
     */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = CyberDB.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Opens a fresh, empty in-process database that lives only in memory until
     * {@link EmbeddedClient#save(Path)} is called.
     *
     * @return a client over the new database
     * @throws CyberDBException if no engine is on the module path
     */
    public static EmbeddedClient embedded() {
        return embeddedProvider().openInMemory(EmbeddedConfig.defaultMaxMemory());
    }

    /**
     * Opens an in-process database kept in {@code file}: loaded from it if it exists, saved to
     * it by {@link EmbeddedClient#save()} and on {@link EmbeddedClient#close()}, with every change
     * journaled and the journal forced to disk every second
     * ({@link Durability#JOURNAL_FSYNC_EVERY_SECOND}).
     *
     * @param file the data file, whose name ends in {@code .cdb}
     * @return a client over the database
     * @throws CorruptFileException     if the file exists but is not a sound snapshot
     * @throws FileInUseException       if another database, in this process or another, owns the file
     * @throws IllegalArgumentException if the name does not end in {@code .cdb}
     * @throws CyberDBException         if no engine is on the module path
     */
    public static EmbeddedClient embedded(Path file) {
        return embedded(file, Durability.JOURNAL_FSYNC_EVERY_SECOND);
    }

    /**
     * Opens an in-process database kept in {@code file} with the durability asked for; see
     * {@link Durability}. Start-up loads the snapshot and replays the journal.
     *
     * @param file       the data file, whose name ends in {@code .cdb}
     * @param durability what a crash may cost
     * @return a client over the database
     * @throws CorruptFileException     if the snapshot or the journal is damaged
     * @throws FileInUseException       if another database, in this process or another, owns the file
     * @throws IllegalArgumentException if the name does not end in {@code .cdb}
     * @throws CyberDBException         if no engine is on the module path
     */
    public static EmbeddedClient embedded(Path file, Durability durability) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(durability, "durability");
        return embeddedProvider().open(EmbeddedConfig.of(file, durability));
    }

    /**
     * Starts configuring an in-process database kept in {@code file}, for what
     * {@link #embedded(Path, Durability)} does not offer: opening read-only, refusing a file that
     * does not exist, starting despite a damaged journal.
     *
     * @param file the data file, whose name ends in {@code .cdb}
     * @return a builder with the defaults of {@link #embedded(Path)}
     */
    public static EmbeddedBuilder embeddedBuilder(Path file) {
        return new EmbeddedBuilder(Objects.requireNonNull(file, "file"));
    }

    /**
     * Starts configuring an in-process database held only in memory, for its memory limit
     * ({@link EmbeddedBuilder#maxMemory}); the options about a data file do not apply to it.
     *
     * @return a builder for a database like {@link #embedded()}'s
     */
    public static EmbeddedBuilder embeddedBuilder() {
        return new EmbeddedBuilder(null);
    }

    /**
     * Connects to a CyberDB server with encrypted traffic and default settings; see
     * {@link #client()} for the others. No connection is opened until a proxy connects.
     *
     * @param host     the server's host
     * @param port     the server's port
     * @param password the server's password
     * @return a client that owns its connections
     * @throws CyberDBException if no network module is on the module path
     */
    public static CyberClient connect(String host, int port, String password) {
        return client().host(host).port(port).password(password).build();
    }

    /**
     * Starts configuring a network client.
     *
     * @return a builder with safe defaults
     */
    public static ClientBuilder client() {
        return new ClientBuilder();
    }

    static EmbeddedProvider embeddedProvider() {
        return ServiceLoader.load(EmbeddedProvider.class, CyberDB.class.getClassLoader())
                .findFirst()
                .orElseThrow(() -> new CyberDBException(
                        "No CyberDB engine found: expected a provider of " + EmbeddedProvider.class.getName()
                                + " on the module path or class path. Add the cyberdb-engine jar next to cyberdb-api."));
    }
}
