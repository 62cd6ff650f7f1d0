package io.watchfloor.ingest.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.EventPublisher;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.ingest.transport.IngestTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Syslog over UDP (RFC 5426): each datagram is one message, published as {@link Listener#SYSLOG_UDP}. UDP cannot
 * push back, so a full ring drops the datagram and counts it
 * ({@link io.watchfloor.core.ring.FullRingPolicy#DROP_AND_COUNT}); for every datagram with content
 * {@code received == published + dropped}. A large SO_RCVBUF absorbs bursts; what overflows it is dropped by the
 * kernel and read back by {@link #kernelDrops()}.
 *
 * <p>{@link #start()} and {@link #close()} are called from one wiring thread; datagrams are handled on one
 * I/O loop of the transport.
 */
public final class SyslogUdpListener implements AutoCloseable {
    /** Shortest interval between two "dropping datagrams" logs; drops in between are counted, not logged. */
    public static final long DROP_LOG_INTERVAL_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(SyslogUdpListener.class);

    private final SyslogUdpConfig config;
    private final EventPublisher publisher;
    private final IngestCounters counters;
    private final WallClock clock;
    private final IngestTransport transport;
    private final AtomicLong drops = new AtomicLong();
    /** Event-loop only. */
    private long lastDropLogMs = Long.MIN_VALUE;
    private long dropsAtLastLog;
    private Channel channel;
    private volatile UdpKernelDrops kernelDrops;

    public SyslogUdpListener(SyslogUdpConfig config, EventPublisher publisher, IngestCounters counters,
                             WallClock clock, IngestTransport transport) {
        this.config = config;
        this.publisher = publisher;
        this.counters = counters;
        this.clock = clock;
        this.transport = transport;
    }

    /**
     * Binds the datagram socket.
     *
     * @return the bound port (the ephemeral one when the configured port is 0)
     * @throws IllegalStateException when the address cannot be bound (port taken, address not local)
     */
    public int start() {
        if (channel != null) {
            throw new IllegalStateException("Listener already started. listener=" + Listener.SYSLOG_UDP.id());
        }
        final Bootstrap bootstrap = new Bootstrap()
                .group(transport.ioGroup())
                .channel(transport.datagramChannelClass())
                .option(ChannelOption.SO_RCVBUF, config.receiveBufferBytes())
                // one byte more than the maximum, so a longer datagram shows up as longer and is flagged truncated
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(config.maxDatagramBytes() + 1))
                .handler(new SyslogUdpDatagramHandler(config.maxDatagramBytes(), publisher, counters, clock, this));
        final ChannelFuture bound = bootstrap.bind(config.bindAddress(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("Cannot bind listener=" + Listener.SYSLOG_UDP.id() + " address="
                    + config.bindAddress() + ":" + config.port() + ": " + bound.cause().getMessage(), bound.cause());
        }
        channel = bound.channel();
        final InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        // the inode singles out our socket in /proc/net/udp; NIO hides the descriptor, then the port has to do
        final long inode = channel instanceof EpollDatagramChannel epoll
                ? UdpKernelDrops.socketInode(epoll.fd().intValue()) : UdpKernelDrops.NOT_FOUND;
        kernelDrops = new UdpKernelDrops(local.getPort(), inode, UdpKernelDrops.PROC_NET_UDP);
        kernelDrops.sample();
        LOG.info("Listener bound. listener={} address={} receiveBufferBytes={} socketInode={}", Listener.SYSLOG_UDP.id(),
                local, channel.config().getOption(ChannelOption.SO_RCVBUF), inode);
        return local.getPort();
    }

    /** Closes the socket; idempotent. */
    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
            channel = null;
            LOG.info("Listener closed. listener={}", Listener.SYSLOG_UDP.id());
        }
    }

    /**
     * @return the kernel's drop count for this socket, sampled by whoever calls {@link UdpKernelDrops#sample()} (a
     *     timer); null before {@link #start()}
     */
    public UdpKernelDrops kernelDrops() {
        return kernelDrops;
    }

    /** @return datagrams dropped on a full ring since start (also in {@link IngestCounters#dropped}) */
    public long drops() {
        return drops.get();
    }

    void dropped() {
        final long total = drops.incrementAndGet();
        final long nowMs = clock.nowMs();
        if (lastDropLogMs == Long.MIN_VALUE || nowMs - lastDropLogMs >= DROP_LOG_INTERVAL_MS) {
            LOG.error("Ring full, dropping datagrams. listener={} droppedSinceLastLog={} ringCapacity={}",
                    Listener.SYSLOG_UDP.id(), total - dropsAtLastLog, publisher.capacity());
            lastDropLogMs = nowMs;
            dropsAtLastLog = total;
        }
    }

    void readError(Throwable cause) {
        LOG.debug("Datagram read failed. listener={} cause={}", Listener.SYSLOG_UDP.id(), cause.toString());
    }
}
