package io.watchfloor.ingest.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.EventPublisher;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.ingest.transport.IngestTransport;
import io.watchfloor.ingest.transport.PeerAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Syslog over TCP (RFC 6587): LF and octet-counted framing detected per frame, one
 * {@link io.watchfloor.ingest.framing.SyslogFrameDecoder} per connection, each frame published into the ring as
 * {@link Listener#SYSLOG_TCP}. A full ring pauses reads on the connection that hit it
 * ({@link io.watchfloor.core.ring.FullRingPolicy#PAUSE_READS}): data waits in kernel buffers and in the
 * sender, nothing is dropped. Counts {@code received} and {@code truncated} per frame.
 *
 * <p>{@link #start()} and {@link #close()} are called from one wiring thread; connections run on the transport's
 * I/O loops.
 */
public final class SyslogTcpListener implements AutoCloseable {
    /** Shortest interval between two "Ring full" logs; episodes in between are counted, not logged. */
    public static final long FULL_LOG_INTERVAL_MS = 10_000;
    /** Longest {@link #close()} waits for frames already read to get into the ring. */
    public static final long DRAIN_TIMEOUT_MS = 10_000;
    private static final long DRAIN_POLL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final Logger LOG = LoggerFactory.getLogger(SyslogTcpListener.class);

    private final SyslogTcpConfig config;
    private final EventPublisher publisher;
    private final IngestCounters counters;
    private final WallClock clock;
    private final IngestTransport transport;

    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicLong refusedConnections = new AtomicLong();
    private final AtomicInteger pausedConnections = new AtomicInteger();
    private final AtomicLong pauseEpisodes = new AtomicLong();
    /** Receive time of the last "Ring full" log; written only by the connection that starts an episode. */
    private volatile long lastFullLogMs = Long.MIN_VALUE;
    private volatile boolean fullLogged;
    private long episodesAtLastLog;
    private final PeerAddresses peers = new PeerAddresses();
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel serverChannel;

    public SyslogTcpListener(SyslogTcpConfig config, EventPublisher publisher, IngestCounters counters,
                             WallClock clock, IngestTransport transport) {
        this.config = config;
        this.publisher = publisher;
        this.counters = counters;
        this.clock = clock;
        this.transport = transport;
    }

    /**
     * Binds the listening socket.
     *
     * @return the bound port (the ephemeral one when the configured port is 0)
     * @throws IllegalStateException when the address cannot be bound (port taken, address not local)
     */
    public int start() {
        if (serverChannel != null) {
            throw new IllegalStateException("Listener already started. listener=" + Listener.SYSLOG_TCP.id());
        }
        final ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.acceptorGroup(), transport.ioGroup())
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        acceptConnection(ch);
                    }
                });
        final ChannelFuture bound = bootstrap.bind(config.bindAddress(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("Cannot bind listener=" + Listener.SYSLOG_TCP.id() + " address="
                    + config.bindAddress() + ":" + config.port() + ": " + bound.cause().getMessage(), bound.cause());
        }
        serverChannel = bound.channel();
        final InetSocketAddress local = (InetSocketAddress) serverChannel.localAddress();
        LOG.info("Listener bound. listener={} address={}", Listener.SYSLOG_TCP.id(), local);
        return local.getPort();
    }

    private void acceptConnection(SocketChannel ch) {
        if (openConnections.incrementAndGet() > config.maxConnections()) {
            openConnections.decrementAndGet();
            if (refusedConnections.getAndIncrement() == 0) {
                LOG.warn("Connection limit reached, closing new connections. listener={} maxConnections={}",
                        Listener.SYSLOG_TCP.id(), config.maxConnections());
            }
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> openConnections.decrementAndGet());
        connections.add(ch);
        ch.pipeline().addLast(new SyslogTcpConnectionHandler(config.maxFrameBytes(), publisher, counters, clock, this));
    }

    /**
     * Stops accepting, closes open connections, then waits (at most {@link #DRAIN_TIMEOUT_MS}) until every frame
     * already read from them is in the ring: frames waiting for ring space keep being retried by their event loops,
     * which must still run, and the ring's consumers must still drain it. Bytes still in the kernel's socket buffers
     * were never received and go with the connections. Idempotent.
     */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
            connections.close().awaitUninterruptibly();
            serverChannel = null;
            // a barrier on every I/O loop: the closed connections' channelInactive (which decodes their last bytes)
            // has run, so a connection that must still wait for ring space is counted as paused by now
            for (EventExecutor loop : transport.ioGroup()) {
                if (!loop.isShuttingDown()) {
                    loop.submit(() -> { }).awaitUninterruptibly();
                }
            }
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
            while (pausedConnections.get() > 0 && System.nanoTime() - deadlineNs < 0) {
                LockSupport.parkNanos(DRAIN_POLL_NS);
            }
            if (pausedConnections.get() > 0) {
                LOG.error("Listener closed before every frame read got into the ring; those frames are lost. "
                        + "listener={} pausedConnections={} drainTimeoutMs={}", Listener.SYSLOG_TCP.id(),
                        pausedConnections.get(), DRAIN_TIMEOUT_MS);
            }
            LOG.info("Listener closed. listener={} received={}", Listener.SYSLOG_TCP.id(),
                    counters.received(Listener.SYSLOG_TCP));
        }
    }

    /** @return one shared address instance per sender host, for the connections' ring slots */
    PeerAddresses peers() {
        return peers;
    }

    /** @return connections open right now */
    public int openConnections() {
        return openConnections.get();
    }

    /** @return connections closed at accept because {@code maxConnections} were open */
    public long refusedConnections() {
        return refusedConnections.get();
    }

    /** @return connections whose reads are paused on a full ring right now */
    public int pausedConnections() {
        return pausedConnections.get();
    }

    /** @return how many times the listener went from no paused connection to at least one */
    public long pauseEpisodes() {
        return pauseEpisodes.get();
    }

    /** Logs the start of a full-ring episode, at most once per {@link #FULL_LOG_INTERVAL_MS}. */
    void connectionPaused() {
        if (pausedConnections.getAndIncrement() == 0) {
            final long episodes = pauseEpisodes.incrementAndGet();
            final long nowMs = clock.nowMs();
            synchronized (this) {
                if (nowMs - lastFullLogMs >= FULL_LOG_INTERVAL_MS || lastFullLogMs == Long.MIN_VALUE) {
                    LOG.warn("Ring full, pausing reads. listener={} ringCapacity={} episodesSinceLastLog={}",
                            Listener.SYSLOG_TCP.id(), publisher.capacity(), episodes - episodesAtLastLog);
                    lastFullLogMs = nowMs;
                    episodesAtLastLog = episodes;
                    fullLogged = true;
                }
            }
        }
    }

    void connectionResumed() {
        if (pausedConnections.decrementAndGet() == 0 && fullLogged) {
            fullLogged = false;
            LOG.info("Ring recovered, reads resumed. listener={}", Listener.SYSLOG_TCP.id());
        }
    }

    void connectionError(Throwable cause) {
        LOG.debug("Connection failed. listener={} cause={}", Listener.SYSLOG_TCP.id(), cause.toString());
    }
}
