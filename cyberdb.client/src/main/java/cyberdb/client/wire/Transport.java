package cyberdb.client.wire;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event-loop transport both ends use: Linux's epoll where its native library loads, the
 * JDK's NIO selector elsewhere, with the same behaviour.
 */
public final class Transport {

    private static final boolean EPOLL = Epoll.isAvailable();

    private Transport() {
    }

    /**
     * Creates event loops.
     *
     * @param threads how many
     * @param name    the prefix of their thread names
     * @param daemon  whether they keep the JVM alive
     * @return the group
     */
    public static EventLoopGroup loops(int threads, String name, boolean daemon) {
        IoHandlerFactory io = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(daemon);
            return thread;
        };
        return new MultiThreadIoEventLoopGroup(threads, factory, io);
    }

    /**
     * Returns the class of client sockets that goes with {@link #loops}.
     *
     * @return the channel class
     */
    public static Class<? extends SocketChannel> socket() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * Returns the class of listening sockets that goes with {@link #loops}.
     *
     * @return the channel class
     */
    public static Class<? extends ServerSocketChannel> serverSocket() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
