package cyberdb.client.remote;

import cyberdb.client.wire.Srp;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's password and what it derives from it. Stretching the password for a server's
 * salt is deliberately slow, so it is done once per salt and shared by every connection: a
 * client opening many connections at once, or reconnecting them all after a restart, pays once.
 */
final class Secrets {

    private static final int REMEMBERED_SALTS = 8;

    private final String password;
    private final Map<String, CompletableFuture<byte[]>> stretched = new ConcurrentHashMap<>();

    Secrets(String password) {
        this.password = password;
    }

    /**
     * Returns the password stretched for a salt, computing it off the caller's thread the first time.
     *
     * @param salt the server's salt
     * @return the stretched password
     */
    CompletableFuture<byte[]> stretched(byte[] salt) {
        if (stretched.size() > REMEMBERED_SALTS) {
            stretched.clear();   // a server restarted many times: only its current salt matters
        }
        // A thread of its own, not the common pool, which the application may have filled with waiting tasks.
        return stretched.computeIfAbsent(HexFormat.of().formatHex(salt), key -> CompletableFuture.supplyAsync(
                () -> Srp.stretch(password, salt), work -> Thread.ofVirtual().name("cyberdb-password").start(work)));
    }
}
