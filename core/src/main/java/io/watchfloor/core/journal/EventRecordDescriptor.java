package io.watchfloor.core.journal;

/**
 * Layout of one event record in the event journal (little-endian, as Chronicle {@code Bytes} writes):
 *
 * <pre>
 *   0                   1                   2                   3
 *   +---------------+---------------+---------------+---------------+
 *   |  version (1)  |  listener (1) |   flags (1)   | peer len (1)  |
 *   +---------------+---------------+---------------+---------------+
 *   |                    received at, epoch ms (8)                  |
 *   +---------------------------------------------------------------+
 *   |                peer address (0, 4 or 16 bytes)                |
 *   +---------------------------------------------------------------+
 *   |                        raw length (4)                         |
 *   +---------------------------------------------------------------+
 *   |                     raw bytes (raw length)                    |
 *   +---------------------------------------------------------------+
 * </pre>
 */
final class EventRecordDescriptor {
    /** Layout version written first so later layouts can be told apart. */
    static final byte VERSION = 1;
    /** The frame was cut at the listener's maximum. */
    static final int FLAG_TRUNCATED = 1;

    private EventRecordDescriptor() {
    }
}
