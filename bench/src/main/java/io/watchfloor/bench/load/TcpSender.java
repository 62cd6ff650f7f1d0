package io.watchfloor.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One TCP connection sending the numbers {@code fromSeq .. toSeq - 1} as framed syslog messages, many frames per
 * write, paced by a {@link RatePacer} per write (not per event). A blocked write is the server's back-pressure.
 * {@code written} follows how many frames the socket took whole, also when the connection breaks (a crashed
 * server): what a crash can lose is at most what was written but not journaled. Runs on its own thread.
 */
final class TcpSender implements Callable<SenderTotals> {
    /** Bytes per socket write. */
    static final int WRITE_BYTES = 256 * 1024;
    private static final long MIN_PARK_NS = 50_000;

    private final InetSocketAddress target;
    private final NumberedMessage message;
    private final SyslogFraming framing;
    private final long fromSeq;
    private final long toSeq;
    private final RatePacer pacer;
    private final AtomicLong written;

    TcpSender(InetSocketAddress target, NumberedMessage message, SyslogFraming framing, long fromSeq, long toSeq,
              RatePacer pacer, AtomicLong written) {
        this.target = target;
        this.message = message;
        this.framing = framing;
        this.fromSeq = fromSeq;
        this.toSeq = toSeq;
        this.pacer = pacer;
        this.written = written;
    }

    @Override
    public SenderTotals call() throws IOException {
        final int frameBytes = message.length() + framing.overheadBytes(message.length());
        final byte[] buf = new byte[Math.max(WRITE_BYTES, frameBytes)];
        final int framesPerWrite = buf.length / frameBytes;
        final ByteBuffer bb = ByteBuffer.wrap(buf);
        final long total = toSeq - fromSeq;
        long sent = 0;
        long bytes = 0;
        try (SocketChannel ch = SocketChannel.open(target)) {
            while (sent < total) {
                final long due = Math.min(total, pacer.dueBy(System.nanoTime()));
                if (due <= sent) {
                    LockSupport.parkNanos(Math.max(MIN_PARK_NS, pacer.dueAtNs(sent) - System.nanoTime()));
                    continue;
                }
                final int n = (int) Math.min(due - sent, framesPerWrite);
                int end = 0;
                for (int i = 0; i < n; i++) {
                    end = framing.write(message, buf, end, fromSeq + sent + i);
                }
                bb.clear().limit(end);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                    written.set(sent + bb.position() / frameBytes);
                }
                sent += n;
                bytes += end;
            }
            ch.shutdownOutput();
        }
        return SenderTotals.withoutLatency(sent, bytes);
    }
}
