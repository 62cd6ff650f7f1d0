package io.watchfloor.ingest.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.EventPublisher;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.ring.RawCopier;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.ingest.framing.DatagramFrames;
import io.watchfloor.ingest.framing.SyslogFrameDecoder;

import java.net.InetAddress;

/**
 * Publishes each datagram as one message; a full ring drops it and counts it under {@code dropped}
 * ({@link io.watchfloor.core.ring.FullRingPolicy#DROP_AND_COUNT}). Runs on the datagram channel's event loop.
 */
final class SyslogUdpDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket>
        implements SyslogFrameDecoder.FrameSink {
    /** Copies the current frame from this handler's frame reference; static so publishing captures nothing. */
    private static final RawCopier<SyslogUdpDatagramHandler> FRAME_COPIER =
            (h, dst, length) -> h.frameBuf.getBytes(h.frameIndex, dst, 0, length);

    private final int maxDatagramBytes;
    private final EventPublisher publisher;
    private final IngestCounters counters;
    private final WallClock clock;
    private final SyslogUdpListener listener;

    private InetAddress sender;
    private ByteBuf frameBuf;
    private int frameIndex;

    SyslogUdpDatagramHandler(int maxDatagramBytes, EventPublisher publisher, IngestCounters counters,
                             WallClock clock, SyslogUdpListener listener) {
        super(DatagramPacket.class, true);
        this.maxDatagramBytes = maxDatagramBytes;
        this.publisher = publisher;
        this.counters = counters;
        this.clock = clock;
        this.listener = listener;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        sender = packet.sender() != null ? packet.sender().getAddress() : null;
        DatagramFrames.frame(packet.content(), maxDatagramBytes, this);
    }

    @Override
    public void frame(ByteBuf buf, int index, int length, boolean truncated) {
        counters.addReceived(Listener.SYSLOG_UDP, 1);
        if (truncated) {
            counters.addTruncated(Listener.SYSLOG_UDP);
        }
        frameBuf = buf;
        frameIndex = index;
        final boolean published = publisher.tryPublish(Listener.SYSLOG_UDP, sender, clock.nowMs(), truncated, null,
                this, length, FRAME_COPIER);
        frameBuf = null;
        if (!published) {
            counters.addDropped(Listener.SYSLOG_UDP, 1);
            listener.dropped();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a datagram channel survives a failed read (e.g. ICMP port unreachable); keep serving
        listener.readError(cause);
    }
}
