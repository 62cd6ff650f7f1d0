package io.watchfloor.ingest.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The event-loop groups and channel classes every ingest listener shares: one acceptor loop, a pool of I/O
 * loops, native epoll when it loads (else NIO). Created once at wiring time; closing it stops every listener
 * built on it. Thread-safe.
 */
public final class IngestTransport implements AutoCloseable {
    /** Default I/O threads: one per core, at least 2. */
    public static final int DEFAULT_IO_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final Logger LOG = LoggerFactory.getLogger(IngestTransport.class);

    private final boolean epoll;
    private final EventLoopGroup acceptorGroup;
    private final EventLoopGroup ioGroup;

    private IngestTransport(boolean epoll, int ioThreads) {
        this.epoll = epoll;
        final IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.acceptorGroup = new MultiThreadIoEventLoopGroup(1, factory);
        this.ioGroup = new MultiThreadIoEventLoopGroup(ioThreads, factory);
    }

    /**
     * Creates the groups, preferring epoll.
     *
     * @param ioThreads I/O event-loop threads, at least 1
     */
    public static IngestTransport create(int ioThreads) {
        return create(ioThreads, true);
    }

    /**
     * Creates the groups.
     *
     * @param ioThreads I/O event-loop threads, at least 1
     * @param preferEpoll false forces NIO even where epoll loads
     */
    public static IngestTransport create(int ioThreads, boolean preferEpoll) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads : " + ioThreads + " (expected: >= 1)");
        }
        final boolean epoll = preferEpoll && Epoll.isAvailable();
        final IngestTransport transport = new IngestTransport(epoll, ioThreads);
        LOG.info("Ingest transport started. transport={} ioThreads={}", epoll ? "epoll" : "nio", ioThreads);
        return transport;
    }

    /** @return true when running on native epoll */
    public boolean epoll() {
        return epoll;
    }

    /** @return the group that accepts TCP connections */
    public EventLoopGroup acceptorGroup() {
        return acceptorGroup;
    }

    /** @return the group that runs connections and datagram channels */
    public EventLoopGroup ioGroup() {
        return ioGroup;
    }

    /** @return the server socket channel class matching the groups */
    public Class<? extends ServerSocketChannel> serverChannelClass() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** @return the datagram channel class matching the groups */
    public Class<? extends DatagramChannel> datagramChannelClass() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** Shuts both groups down and waits for them (at most a few seconds). */
    @Override
    public void close() {
        acceptorGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        acceptorGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        ioGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
