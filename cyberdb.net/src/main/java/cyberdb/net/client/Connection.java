package cyberdb.net.client;

import cyberdb.api.ConnectionException;
import cyberdb.api.spi.ClientConfig;
import cyberdb.core.value.MalformedValueException;
import cyberdb.core.value.ValueReader;
import cyberdb.core.value.ValueWriter;
import cyberdb.net.wire.ClientHandshake;
import cyberdb.net.wire.FrameChannel;
import cyberdb.net.wire.FrameTooLargeException;
import cyberdb.net.wire.Op;
import cyberdb.net.wire.Status;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One authenticated connection to a server. Requests are answered in order, one round trip
 * each; a request buffer is kept and reused. An I/O failure marks the connection broken, so the
 * pool discards it instead of lending it again.
 */
final class Connection implements AutoCloseable {

    private final FrameChannel channel;
    private final String server;
    private final ValueWriter request = new ValueWriter(1024);
    private long lastUsedNanos = System.nanoTime();
    private boolean broken;

    private Connection(FrameChannel channel, String server) {
        this.channel = channel;
        this.server = server;
    }

    static Connection open(ClientConfig config, ClientHandshake handshake) {
        String server = config.host() + ":" + config.port();
        SocketChannel socketChannel;
        try {
            socketChannel = SocketChannel.open();
        } catch (IOException e) {
            throw new ConnectionException("Cannot open a socket: " + e, e);
        }
        Socket socket = socketChannel.socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            int timeout = (int) config.connectTimeout().toMillis();
            socket.connect(new InetSocketAddress(config.host(), config.port()), timeout);
            socket.setSoTimeout(timeout);
            FrameChannel channel = new FrameChannel(socket);
            handshake.run(channel, config.encrypted(), config.maxFrameBytes());
            socket.setSoTimeout(0);
            return new Connection(channel, server);
        } catch (ConnectionException refused) {
            closeQuietly(socket);
            throw refused;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ConnectionException("Cannot connect to CyberDB at " + server + ": " + e.getMessage()
                    + ". Check that the server runs, the address and port, and that encryption matches.", e);
        }
    }

    /**
     * Sends a request and decodes its response. A request error from the server is thrown as
     * its own exception type and leaves the connection usable.
     */
    <T> T call(Op op, String table, Consumer<ValueWriter> arguments, Function<ValueReader, T> result) {
        if (broken) {
            throw new ConnectionException("The connection to " + server + " is broken; reconnect the proxy.");
        }
        request.reset();
        request.writeByte(op.code()).string(table);
        arguments.accept(request);
        byte[] response;
        try {
            channel.send(request.buffer(), request.size());
        } catch (FrameTooLargeException tooLarge) {
            throw new IllegalArgumentException(tooLarge.getMessage(), tooLarge);
        } catch (IOException e) {
            throw lost(e);
        }
        try {
            response = channel.receive();
        } catch (IOException e) {
            throw lost(e);
        }
        lastUsedNanos = System.nanoTime();
        try {
            ValueReader in = new ValueReader(response, 0, response.length);
            int status = in.readByte();
            if (status != Status.OK.code()) {
                throw Status.exception(status, in.string());
            }
            return result.apply(in);
        } catch (MalformedValueException malformed) {
            throw lost(malformed);
        }
    }

    private ConnectionException lost(Exception cause) {
        broken = true;
        closeQuietly(channel.socket());
        return new ConnectionException("Lost the connection to CyberDB at " + server + " (" + cause.getMessage()
                + "). The request may or may not have been applied; call connect() for a new connection.", cause);
    }

    boolean broken() {
        return broken;
    }

    /**
     * Checks, without waiting, whether the server has closed its end (as a restarting server
     * does): a non-blocking read of the socket finds the end of stream at once.
     *
     * @return {@code true} if the connection can no longer be used
     */
    boolean peerClosed() {
        SocketChannel socketChannel = channel.socket().getChannel();
        try {
            socketChannel.configureBlocking(false);
            try {
                int read = socketChannel.read(ByteBuffer.allocate(1));
                broken |= read != 0;
            } finally {
                socketChannel.configureBlocking(true);
            }
        } catch (IOException e) {
            broken = true;
        }
        return broken;
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    @Override
    public void close() {
        closeQuietly(channel.socket());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }
}
