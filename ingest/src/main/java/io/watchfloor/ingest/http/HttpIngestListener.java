package io.watchfloor.ingest.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.EventPublisher;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.ingest.transport.IngestTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP ingest: {@code POST /ingest} with an NDJSON body (one JSON object per line, blank lines ignored,
 * {@code Content-Encoding: gzip} accepted). Lines are published as {@link Listener#HTTP} and the answer
 * {@code 200 {"accepted":N,"rejected":M,"errors":[{"line":L,"reason":"..."}]}} is sent only after the journal
 * has every accepted line (500 if an append failed). A body with more lines than the ring has room for is
 * published as the ring drains, reads paused, for at most {@link HttpIngestConfig#publishDeadlineMs()}. A full ring
 * answers 503 with {@code Retry-After: 1} ({@link io.watchfloor.core.ring.FullRingPolicy#REJECT_RETRY_LATER}):
 * at once when nothing could be published, after the deadline otherwise, then with {@code "accepted"} the lines
 * journaled (not to be resent) and {@code "retry":true}. Bodies over the bounds answer 413; a header over 16 KiB
 * 431, a request line over 4 KiB or a malformed request 400, invalid gzip (trailing garbage included) 400
 * {@code invalid_gzip}; other paths 404, other methods 405. A client silent for
 * {@link HttpIngestConfig#readTimeoutMs()} (mid-request or idle between requests) is disconnected, but never while
 * its response is pending. Every non-blank line counts as received; malformed and ring-full lines as rejected.
 *
 * <p>{@link #start()} and {@link #close()} are called from one wiring thread; connections run on the
 * transport's I/O loops.
 */
public final class HttpIngestListener implements AutoCloseable {
    /** Shortest interval between two "Ring full" logs; refusals in between are counted, not logged. */
    public static final long FULL_LOG_INTERVAL_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(HttpIngestListener.class);
    private static final int MAX_INITIAL_LINE_BYTES = 4096;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final HttpIngestConfig config;
    private final EventPublisher publisher;
    private final IngestCounters counters;
    private final WallClock clock;
    private final IngestTransport transport;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicLong ringFullRequests = new AtomicLong();
    private final AtomicLong oversizeRequests = new AtomicLong();
    private final AtomicLong readTimeouts = new AtomicLong();
    private volatile long lastFullLogMs = Long.MIN_VALUE;
    private Channel serverChannel;

    public HttpIngestListener(HttpIngestConfig config, EventPublisher publisher, IngestCounters counters,
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
            throw new IllegalStateException("Listener already started. listener=" + Listener.HTTP.id());
        }
        final ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.acceptorGroup(), transport.ioGroup())
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast(new IdleStateHandler(config.readTimeoutMs(), 0, 0, TimeUnit.MILLISECONDS))
                                .addLast(new HttpServerCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES, 64 * 1024))
                                .addLast(new HttpIngestAggregator(config.maxBodyBytes(), HttpIngestListener.this))
                                .addLast(new HttpIngestHandler(config, publisher, counters, clock,
                                        HttpIngestListener.this));
                    }
                });
        final ChannelFuture bound = bootstrap.bind(config.bindAddress(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("Cannot bind listener=" + Listener.HTTP.id() + " address="
                    + config.bindAddress() + ":" + config.port() + ": " + bound.cause().getMessage(), bound.cause());
        }
        serverChannel = bound.channel();
        final InetSocketAddress local = (InetSocketAddress) serverChannel.localAddress();
        LOG.info("Listener bound. listener={} address={}", Listener.HTTP.id(), local);
        return local.getPort();
    }

    /** Stops accepting and closes open connections (requests waiting for the journal get no answer); idempotent. */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
            connections.close().awaitUninterruptibly();
            serverChannel = null;
            LOG.info("Listener closed. listener={}", Listener.HTTP.id());
        }
    }

    /** @return requests answered 503 (or partly refused) because the ring was full */
    public long ringFullRequests() {
        return ringFullRequests.get();
    }

    /** @return requests answered 413 */
    public long oversizeRequests() {
        return oversizeRequests.get();
    }

    void ringFull() {
        final long total = ringFullRequests.incrementAndGet();
        final long nowMs = clock.nowMs();
        final long last = lastFullLogMs;
        if (last == Long.MIN_VALUE || nowMs - last >= FULL_LOG_INTERVAL_MS) {
            lastFullLogMs = nowMs;
            LOG.warn("Ring full, answering 503. listener={} ringCapacity={} refusedRequests={}", Listener.HTTP.id(),
                    publisher.capacity(), total);
        }
    }

    /** @return connections closed because the client was silent for {@link HttpIngestConfig#readTimeoutMs()} */
    public long readTimeouts() {
        return readTimeouts.get();
    }

    void readTimeout() {
        readTimeouts.incrementAndGet();
    }

    void oversizeRequest() {
        oversizeRequests.incrementAndGet();
    }

    void connectionError(Throwable cause) {
        LOG.debug("Connection failed. listener={} cause={}", Listener.HTTP.id(), cause.toString());
    }
}
