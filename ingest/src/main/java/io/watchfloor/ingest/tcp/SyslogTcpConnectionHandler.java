package io.watchfloor.ingest.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.BatchFiller;
import io.watchfloor.core.ring.EventPublisher;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.ring.RawCopier;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.ingest.framing.SyslogFrameDecoder;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection: accumulates bytes, frames them with a {@link SyslogFrameDecoder} and publishes the frames of
 * each read as one batch (one claim of up to {@link #MAX_BATCH_FRAMES} ring slots, one publish), so the ring's
 * shared cursor and the counters are touched once per read instead of once per frame.
 *
 * <p>Full ring ({@link io.watchfloor.core.ring.FullRingPolicy#PAUSE_READS}): auto-read goes off, the frame that
 * did not fit and the rest of what was already read wait here (copied, so the cumulation buffer can be
 * released), and a task on this channel's event loop retries every {@link #RETRY_DELAY_MS} ms until all of it is
 * published; then decoding continues and auto-read comes back on. Nothing read from the socket is lost, even
 * when the peer closes while paused. Runs on the channel's event loop only.
 */
final class SyslogTcpConnectionHandler extends ChannelInboundHandlerAdapter
        implements SyslogFrameDecoder.FrameSink, BatchFiller {
    /** Delay between publish retries while the ring is full. */
    static final long RETRY_DELAY_MS = 1;
    /**
     * TCP treats the ring as full while only 1/8 of it is free, leaving that share to UDP, which cannot push
     * back: without it a TCP flood that retries every millisecond takes every freed slot and UDP drops nearly all.
     */
    static final int RESERVE_DIVISOR = 8;
    /**
     * Most frames claimed in one batch: a 64 KiB read of ~200-byte messages holds about 330. The batch arrays cost
     * about 4.5 KiB per connection.
     */
    static final int MAX_BATCH_FRAMES = 512;

    /** Copies the current frame from this handler's frame reference; static so publishing captures nothing. */
    private static final RawCopier<SyslogTcpConnectionHandler> FRAME_COPIER =
            (h, dst, length) -> h.frameBuf.getBytes(h.frameIndex, dst, 0, length);

    private final SyslogFrameDecoder decoder;
    private final EventPublisher publisher;
    private final IngestCounters counters;
    private final WallClock clock;
    private final SyslogTcpListener listener;
    private final int reserveSlots;

    private ChannelHandlerContext ctx;
    private InetAddress peer;
    private ByteBuf cumulation;
    /** Frames decoded while paused, oldest first; null when not paused. */
    private ArrayDeque<PendingFrame> pending;
    /** True from the first full-ring answer until every frame read so far is published. */
    private boolean paused;
    private boolean endOfStream;
    private boolean removed;
    private long nowMs;
    private ByteBuf frameBuf;
    private int frameIndex;

    /** Frames decoded from {@link #batchBuf} and not yet published: {@code [0, batchSize)}. */
    private final int[] batchIndex = new int[MAX_BATCH_FRAMES];
    private final int[] batchLength = new int[MAX_BATCH_FRAMES];
    private final boolean[] batchTruncated = new boolean[MAX_BATCH_FRAMES];
    private int batchSize;
    private ByteBuf batchBuf;

    /** A frame waiting for ring space: its bytes copied out of the cumulation buffer. */
    private record PendingFrame(byte[] bytes, boolean truncated) {
    }

    SyslogTcpConnectionHandler(int maxFrameBytes, EventPublisher publisher, IngestCounters counters,
                               WallClock clock, SyslogTcpListener listener) {
        this.decoder = new SyslogFrameDecoder(maxFrameBytes);
        this.publisher = publisher;
        this.counters = counters;
        this.clock = clock;
        this.listener = listener;
        this.reserveSlots = reserveSlots(publisher.capacity());
    }

    /** @return the slots TCP leaves free for listeners that cannot push back */
    static int reserveSlots(int ringCapacity) {
        return ringCapacity / RESERVE_DIVISOR;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        final SocketAddress remote = ctx.channel().remoteAddress();
        this.peer = remote instanceof InetSocketAddress isa ? listener.peers().canonical(isa.getAddress()) : null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        cumulation = cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, in);
        if (pending == null) {
            decodeCumulation();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        endOfStream = true;
        if (pending == null) {
            finishStream();
        } else if (cumulation != null) {
            // The channel's buffers go away with the channel; keep the unread tail on the heap until drained.
            final ByteBuf copy = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(cumulation));
            cumulation.release();
            cumulation = copy;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        removed = true;
        if (pending == null && cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        listener.connectionError(cause);
        ctx.close();
    }

    private void decodeCumulation() {
        if (cumulation == null) {
            return;
        }
        nowMs = clock.nowMs();
        decoder.decode(cumulation, this);
        flushBatch();
        if (!cumulation.isReadable()) {
            cumulation.release();
            cumulation = null;
        } else if (pending == null) {
            cumulation.discardSomeReadBytes();
        }
    }

    private void finishStream() {
        if (cumulation != null) {
            nowMs = clock.nowMs();
            decoder.endOfStream(cumulation, this);
            flushBatch();
            cumulation.release();
            cumulation = null;
        }
    }

    /**
     * Collects the frame into the batch; the frames stay valid in the cumulation buffer until {@link #flushBatch}
     * runs at the end of the decode call (or earlier when the batch is full).
     */
    @Override
    public void frame(ByteBuf buf, int index, int length, boolean truncated) {
        if (pending != null) {
            counters.addReceived(Listener.SYSLOG_TCP, 1);
            if (truncated) {
                counters.addTruncated(Listener.SYSLOG_TCP);
            }
            addPending(buf, index, length, truncated);
            return;
        }
        if (batchSize == MAX_BATCH_FRAMES || (batchSize > 0 && buf != batchBuf)) {
            flushBatch();
            if (pending != null) {
                frame(buf, index, length, truncated);
                return;
            }
        }
        batchBuf = buf;
        batchIndex[batchSize] = index;
        batchLength[batchSize] = length;
        batchTruncated[batchSize] = truncated;
        batchSize++;
    }

    /**
     * Publishes the collected frames in one claim; when the ring has no room for all of them, publishes frame by
     * frame as far as it goes, then pauses with the rest pending, in order.
     */
    private void flushBatch() {
        final int n = batchSize;
        if (n == 0) {
            return;
        }
        counters.addReceived(Listener.SYSLOG_TCP, n);
        for (int i = 0; i < n; i++) {
            if (batchTruncated[i]) {
                counters.addTruncated(Listener.SYSLOG_TCP);
            }
        }
        if (!publisher.tryPublishBatchLeaving(reserveSlots, n, this)) {
            publishOneByOne(n);
        }
        batchSize = 0;
        batchBuf = null;
    }

    /** The ring had no room for the whole batch: as many frames as fit go in, in order, the rest wait. */
    private void publishOneByOne(int n) {
        final ByteBuf buf = batchBuf;
        int i = 0;
        for (; i < n; i++) {
            frameBuf = buf;
            frameIndex = batchIndex[i];
            final boolean published = publisher.tryPublishLeaving(reserveSlots, Listener.SYSLOG_TCP, peer, nowMs,
                    batchTruncated[i], null, this, batchLength[i], FRAME_COPIER);
            frameBuf = null;
            if (!published) {
                break;
            }
        }
        if (i == n) {
            return;
        }
        pause();
        for (; i < n; i++) {
            addPending(buf, batchIndex[i], batchLength[i], batchTruncated[i]);
        }
    }

    /** Fills slot {@code index} of the batch claimed by {@link #flushBatch}. */
    @Override
    public void fill(Event slot, int index) {
        final int length = batchLength[index];
        slot.resetForData(Listener.SYSLOG_TCP, peer, nowMs, batchTruncated[index], null);
        batchBuf.getBytes(batchIndex[index], slot.rawBuffer(length), 0, length);
    }

    private void addPending(ByteBuf buf, int index, int length, boolean truncated) {
        final byte[] copy = new byte[length];
        buf.getBytes(index, copy);
        pending.add(new PendingFrame(copy, truncated));
    }

    private void pause() {
        pending = new ArrayDeque<>();
        if (!paused) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
            listener.connectionPaused();
        }
        scheduleRetry();
    }

    private void scheduleRetry() {
        ctx.executor().schedule(this::retry, RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    /** Publishes waiting frames in order; when all are in, resumes decoding and reading. */
    private void retry() {
        final long retryNowMs = clock.nowMs();
        PendingFrame p;
        while ((p = pending.peek()) != null) {
            if (!publisher.tryPublishLeaving(reserveSlots, Listener.SYSLOG_TCP, peer, retryNowMs, p.truncated(), null,
                    p.bytes(), p.bytes().length, RawCopier.BYTES)) {
                scheduleRetry();
                return;
            }
            pending.poll();
        }
        pending = null;
        decodeCumulation();
        if (pending == null && endOfStream) {
            finishStream();
        }
        if (pending != null) {
            // the rest of the cumulation met a full ring again: this episode goes on, a retry is scheduled
            return;
        }
        paused = false;
        listener.connectionResumed();
        if (removed) {
            if (cumulation != null) {
                cumulation.release();
                cumulation = null;
            }
        } else if (!endOfStream) {
            ctx.channel().config().setAutoRead(true);
        }
    }
}
