package io.watchfloor.ingest.framing;

import io.netty.buffer.ByteBuf;

/**
 * Frames a syslog UDP datagram: exactly one message per datagram, never split on LF (RFC 5426 §3.1); one
 * trailing NUL, then one LF, then one CR are stripped (§3.3 allows none; C and Python senders add them).
 * Stateless and thread-safe.
 */
public final class DatagramFrames {
    /** Default longest message: 64 KiB, above the largest IPv4 UDP payload (65,507 bytes). */
    public static final int DEFAULT_MAX_DATAGRAM_BYTES = 64 * 1024;

    private DatagramFrames() {
    }

    /**
     * Emits the datagram's message to {@code sink}, cut to {@code maxBytes} and flagged when longer; an empty
     * message (nothing left after stripping) emits nothing. Does not move the reader index.
     *
     * @param content the datagram payload, from its reader index to its writer index
     * @param maxBytes longest message emitted whole
     * @return true when a frame was emitted
     */
    public static boolean frame(ByteBuf content, int maxBytes, SyslogFrameDecoder.FrameSink sink) {
        final int start = content.readerIndex();
        final int length = messageLength(content);
        if (length == 0) {
            return false;
        }
        if (length > maxBytes) {
            sink.frame(content, start, maxBytes, true);
        } else {
            sink.frame(content, start, length, false);
        }
        return true;
    }

    /** @return the readable length of {@code content} after stripping one trailing NUL, LF and CR, in that order */
    public static int messageLength(ByteBuf content) {
        final int start = content.readerIndex();
        int end = content.writerIndex();
        if (end > start && content.getByte(end - 1) == 0) {
            end--;
        }
        if (end > start && content.getByte(end - 1) == '\n') {
            end--;
        }
        if (end > start && content.getByte(end - 1) == '\r') {
            end--;
        }
        return end - start;
    }
}
