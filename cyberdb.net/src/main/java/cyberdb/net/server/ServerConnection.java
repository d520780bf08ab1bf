package cyberdb.net.server;

import cyberdb.core.value.ValueWriter;
import cyberdb.net.wire.FrameChannel;
import cyberdb.net.wire.FrameTooLargeException;
import cyberdb.net.wire.ProtocolException;
import cyberdb.net.wire.ServerHandshake;
import cyberdb.net.wire.Status;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.Future;

/**
 * One client connection, on a thread of its own: the handshake, then requests answered
 * in order until the client leaves, idles out, breaks the protocol, or the server closes.
 */
final class ServerConnection implements Runnable {

    private static final System.Logger LOG = System.getLogger("cyberdb.net");

    private final Socket socket;
    private final ServerContext server;
    private final ServerRuntime.Settings settings;
    private final InetAddress address;
    private final ValueWriter response = new ValueWriter(4096);
    private boolean busy;
    private boolean closing;
    private volatile boolean pastDeadline;

    ServerConnection(Socket socket, ServerContext server) {
        this.socket = socket;
        this.server = server;
        this.settings = server.settings();
        this.address = socket.getInetAddress();
    }

    @Override
    public void run() {
        try (FrameChannel channel = new FrameChannel(socket)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) settings.handshakeTimeout().toMillis());
            // The read timeout bounds each read; the deadline bounds the handshake as a whole.
            Future<?> deadline = server.atHandshakeDeadline(this::dropAtDeadline);
            boolean authenticated;
            try {
                authenticated = authenticate(channel);
            } finally {
                deadline.cancel(false);
            }
            if (!authenticated) {
                return;
            }
            socket.setSoTimeout((int) settings.idleTimeout().toMillis());
            serve(channel, new RequestHandler(settings.database(), channel.maxFrameBytes()));
        } catch (IOException e) {
            if (pastDeadline) {
                LOG.log(Level.INFO, "Dropped " + address + ": no handshake within " + settings.handshakeTimeout());
            } else {
                LOG.log(Level.DEBUG, () -> "Connection from " + address + " ended: " + e);
            }
        } finally {
            server.closed(this);
        }
    }

    private void dropAtDeadline() {
        pastDeadline = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // The reading thread sees the socket closed either way.
        }
    }

    private boolean authenticate(FrameChannel channel) throws IOException {
        try {
            ServerHandshake.run(channel, settings.verifier(), settings.encrypted(), settings.maxFrameBytes(),
                    server.throttle().delayFor(address));
            server.throttle().succeeded(address);
            return true;
        } catch (ServerHandshake.Failed failed) {
            int count = server.throttle().failed(address);
            LOG.log(Level.WARNING, "Failed login from " + address + " (" + count + " in a row)");
            return false;
        } catch (SocketTimeoutException silent) {
            LOG.log(Level.INFO, "Dropped " + address + ": no handshake within " + settings.handshakeTimeout());
            return false;
        } catch (ProtocolException bad) {
            LOG.log(Level.WARNING, "Refused handshake from " + address + ": " + bad.getMessage());
            return false;
        }
    }

    private void serve(FrameChannel channel, RequestHandler handler) throws IOException {
        while (true) {
            byte[] request;
            try {
                request = channel.receive();
            } catch (EOFException gone) {
                return;
            } catch (SocketTimeoutException idle) {
                LOG.log(Level.DEBUG, () -> "Closing idle connection from " + address);
                return;
            } catch (ProtocolException bad) {
                LOG.log(Level.WARNING, "Closing connection from " + address + ": " + bad.getMessage());
                return;
            }
            if (!begin()) {
                return;
            }
            boolean carryOn;
            try {
                respond(channel, handler, request);
            } finally {
                carryOn = end();
            }
            if (!carryOn) {
                return;
            }
        }
    }

    private void respond(FrameChannel channel, RequestHandler handler, byte[] frame) throws IOException {
        RequestHandler.Request request = handler.decode(frame);
        if (settings.requestLog()) {
            LOG.log(Level.INFO, address + " " + request.op() + (request.table().isEmpty() ? "" : " " + request.table()));
        }
        response.reset();
        response.writeByte(Status.OK.code());
        try {
            request.work().accept(response);
        } catch (RuntimeException failed) {
            error(failed);
        }
        try {
            channel.send(response.buffer(), response.size());
        } catch (FrameTooLargeException tooLarge) {
            error(new IllegalStateException(tooLarge.getMessage()));
            channel.send(response.buffer(), response.size());
        }
    }

    private void error(RuntimeException failed) {
        Status status = Status.of(failed);
        if (status == Status.FAILED) {
            LOG.log(Level.ERROR, "Request from " + address + " failed unexpectedly", failed);
        }
        response.reset();
        response.writeByte(status.code()).string(String.valueOf(failed.getMessage()));
    }

    private synchronized boolean begin() {
        busy = !closing;
        return busy;
    }

    private synchronized boolean end() {
        busy = false;
        return !closing;
    }

    /** Closes the connection now if it is idle, or after its current request. */
    synchronized void shutdown() {
        closing = true;
        if (!busy) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing is all that was asked; the thread notices and ends.
            }
        }
    }
}
