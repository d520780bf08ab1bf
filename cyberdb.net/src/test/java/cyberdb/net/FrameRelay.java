package cyberdb.net;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.BiFunction;

/**
 * A man in the middle on loopback for one connection: it forwards frames and lets a test
 * rewrite the client's frames (flip a byte, send one twice) to check that the server notices.
 */
final class FrameRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final Thread thread;
    private volatile Socket client;
    private volatile Socket server;

    /**
     * @param targetPort the real server
     * @param tamper     given the client frame's number (from 0) and its payload, returns the frames to send instead
     */
    FrameRelay(int targetPort, BiFunction<Integer, byte[], byte[][]> tamper) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().start(() -> {
            try {
                client = listener.accept();
                server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Thread.ofPlatform().daemon().start(() -> pump(server, client));
                DataInputStream in = new DataInputStream(client.getInputStream());
                DataOutputStream out = new DataOutputStream(server.getOutputStream());
                for (int n = 0; ; n++) {
                    byte[] frame = new byte[in.readInt()];
                    in.readFully(frame);
                    for (byte[] forward : tamper.apply(n, frame)) {
                        out.writeInt(forward.length);
                        out.write(forward);
                    }
                    out.flush();
                }
            } catch (IOException ended) {
                closeQuietly();
            }
        });
    }

    private void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
        } catch (IOException ended) {
            // Either side closed.
        } finally {
            closeQuietly();
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    private void closeQuietly() {
        for (var socket : new java.io.Closeable[] {client, server, listener}) {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // Closing.
            }
        }
    }

    @Override
    public void close() {
        closeQuietly();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
