package io.watchfloor.coverage.tracker;

/**
 * A sender that reports but matches no inventory source, at a snapshot.
 *
 * @param host its host name, or null when it sent none
 * @param peer its first known sender address, or null
 * @param events events received from it
 * @param firstSeenMs first receive time, epoch ms
 * @param lastSeenMs last receive time, epoch ms
 * @param sample its first message, raw, at most {@link #MAX_SAMPLE_BYTES} bytes of it (decoded as UTF-8), or null
 */
public record UnmanagedSender(String host, String peer, long events, long firstSeenMs, long lastSeenMs,
                              String sample) {
    /** Most bytes of an unmanaged sender's first message kept as its sample. */
    public static final int MAX_SAMPLE_BYTES = 256;

    /** A sender without a sample. */
    public UnmanagedSender(String host, String peer, long events, long firstSeenMs, long lastSeenMs) {
        this(host, peer, events, firstSeenMs, lastSeenMs, null);
    }
}
