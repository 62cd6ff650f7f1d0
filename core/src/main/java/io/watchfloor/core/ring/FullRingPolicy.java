package io.watchfloor.core.ring;

/** What a listener does when {@link EventPublisher} reports the ring full. */
public enum FullRingPolicy {
    /** Stop reading the socket (Netty auto-read off) and retry; data waits in the kernel and the sender. TCP. */
    PAUSE_READS,
    /** Answer 503 with {@code Retry-After}; the client keeps the data and retries. HTTP. */
    REJECT_RETRY_LATER,
    /** Drop the datagram and count it under {@code dropped}; UDP cannot push back. */
    DROP_AND_COUNT
}
