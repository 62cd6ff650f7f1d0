package io.watchfloor.bench.load;

import java.nio.charset.StandardCharsets;

/** How syslog messages are delimited on a TCP stream (RFC 6587). */
enum SyslogFraming {
    /** Non-transparent framing: each message ends with LF (RFC 6587 §3.4.2). */
    LF,
    /** Octet counting: {@code LENGTH SP MESSAGE} (RFC 6587 §3.4.1). */
    OCTET_COUNTED;

    /** @return bytes a frame adds around a message of {@code messageBytes} */
    int overheadBytes(int messageBytes) {
        return this == LF ? 1 : Integer.toString(messageBytes).length() + 1;
    }

    /**
     * Writes one framed message numbered {@code seq} at {@code offset}.
     *
     * @return the offset after the frame
     */
    int write(NumberedMessage message, byte[] dst, int offset, long seq) {
        if (this == LF) {
            final int end = message.write(dst, offset, seq);
            dst[end] = '\n';
            return end + 1;
        }
        final byte[] prefix = (message.length() + " ").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, dst, offset, prefix.length);
        return message.write(dst, offset + prefix.length, seq);
    }
}
