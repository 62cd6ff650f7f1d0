package io.watchfloor.coverage.tracker;

/**
 * A sender that reports but matches no inventory source, at a snapshot.
 *
 * @param host its host name, or null when it sent none
 * @param peer its first known sender address, or null
 * @param events events received from it
 * @param firstSeenMs first receive time, epoch ms
 * @param lastSeenMs last receive time, epoch ms
 */
public record UnmanagedSender(String host, String peer, long events, long firstSeenMs, long lastSeenMs) {
}
