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
        return stretched.computeIfAbsent(HexFormat.of().formatHex(salt),
                key -> CompletableFuture.supplyAsync(() -> Srp.stretch(password, salt)));
    }
}
