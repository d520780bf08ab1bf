package cyberdb.client.remote;

import cyberdb.client.wire.Srp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's password and what it derives from it. Stretching the password for a server's
 * salt is deliberately slow, so it is done once per password and salt in the whole process and
 * shared by every connection of every client: a process opening many connections at once, or
 * reconnecting them all after a restart, pays once.
 */
final class Secrets {

    /** Enough for a process talking to a few servers, each restarted a few times. */
    private static final int REMEMBERED = 64;
    /** Keyed by the salt and a digest of the password, never the password itself. */
    private static final Map<String, CompletableFuture<byte[]>> STRETCHED = new ConcurrentHashMap<>();

    private final String password;
    private final String passwordDigest;

    Secrets(String password) {
        this.password = password;
        try {
            this.passwordDigest = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JDK lacks SHA-256", e);
        }
    }

    /**
     * Returns the password stretched for a salt, computing it off the caller's thread the first time.
     *
     * @param salt the server's salt
     * @return the stretched password
     */
    CompletableFuture<byte[]> stretched(byte[] salt) {
        if (STRETCHED.size() > REMEMBERED) {
            STRETCHED.clear();   // servers restarted many times: only their current salts matter
        }
        // A thread of its own, not the common pool, which the application may have filled with waiting tasks.
        return STRETCHED.computeIfAbsent(HexFormat.of().formatHex(salt) + ":" + passwordDigest,
                key -> CompletableFuture.supplyAsync(() -> Srp.stretch(password, salt),
                        work -> Thread.ofVirtual().name("cyberdb-password").start(work)));
    }
}
