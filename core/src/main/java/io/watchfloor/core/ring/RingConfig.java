package io.watchfloor.core.ring;

/**
 * Sizes of the ring.
 *
 * @param slots ring size, a power of two
 * @param parseThreads how many threads share the parse stage (slots are split by sequence)
 */
public record RingConfig(int slots, int parseThreads) {
    /** 64 Ki slots: with a 1 KiB raw buffer each, about 64 MiB once warm. */
    public static final int SLOTS_DEFAULT = 65_536;
    /** One parse thread fits a 2-core machine; raise it on bigger ones. */
    public static final int PARSE_THREADS_DEFAULT = 1;

    public RingConfig {
        if (slots < 2 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots: " + slots + " (expected: a power of two >= 2)");
        }
        if (parseThreads < 1 || parseThreads > 64) {
            throw new IllegalArgumentException("parseThreads: " + parseThreads + " (expected: 1..64)");
        }
    }
}
