package io.watchfloor.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the numbers {@code fromSeq .. toSeq - 1} as one syslog datagram each, paced by a {@link RatePacer}: UDP has
 * no back-pressure, so the rate decides what the receiver's socket buffer must absorb. Runs on its own thread.
 */
final class UdpSender implements Callable<SenderTotals> {
    private static final long MIN_PARK_NS = 20_000;

    private final InetSocketAddress target;
    private final NumberedMessage message;
    private final long fromSeq;
    private final long toSeq;
    private final RatePacer pacer;

    UdpSender(InetSocketAddress target, NumberedMessage message, long fromSeq, long toSeq, RatePacer pacer) {
        this.target = target;
        this.message = message;
        this.fromSeq = fromSeq;
        this.toSeq = toSeq;
        this.pacer = pacer;
    }

    @Override
    public SenderTotals call() throws IOException {
        final byte[] buf = new byte[message.length()];
        final ByteBuffer bb = ByteBuffer.wrap(buf);
        final long total = toSeq - fromSeq;
        long sent = 0;
        try (DatagramChannel ch = DatagramChannel.open().connect(target)) {
            while (sent < total) {
                final long due = Math.min(total, pacer.dueBy(System.nanoTime()));
                if (due <= sent) {
                    LockSupport.parkNanos(Math.max(MIN_PARK_NS, pacer.dueAtNs(sent) - System.nanoTime()));
                    continue;
                }
                for (; sent < due; sent++) {
                    message.write(buf, 0, fromSeq + sent);
                    bb.clear();
                    ch.write(bb);
                }
            }
        }
        return SenderTotals.withoutLatency(sent, sent * buf.length);
    }
}
