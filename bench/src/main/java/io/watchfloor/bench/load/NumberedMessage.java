package io.watchfloor.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A message template with a fixed-width sequence number ({@code seq=0000000042}) written into it per event, so every
 * message has the same length and {@code journal seqcheck --pattern 'run=TAG seq=(\d+)'} finds the number.
 *
 * <p>Immutable; {@link #write} touches only the destination array, so one instance serves all sender threads.
 */
final class NumberedMessage {
    /** Digits of the sequence number: 10 zero-padded decimal digits. */
    static final int SEQ_DIGITS = 10;
    /** One past the largest number that fits in {@link #SEQ_DIGITS} digits. */
    static final long SEQ_LIMIT = 10_000_000_000L;
    /** Host name written into the messages. */
    static final String HOST = "loadgen.example.com";

    private final byte[] template;
    private final int seqOffset;

    private NumberedMessage(String before, String after) {
        final byte[] head = before.getBytes(StandardCharsets.UTF_8);
        final byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        this.template = new byte[head.length + SEQ_DIGITS + tail.length];
        System.arraycopy(head, 0, template, 0, head.length);
        System.arraycopy(tail, 0, template, head.length + SEQ_DIGITS, tail.length);
        this.seqOffset = head.length;
    }

    /**
     * An RFC 5424 syslog message, {@code <134>1 TIMESTAMP loadgen.example.com loadgen - - - run=TAG seq=N},
     * padded with {@code x} to at least {@code minBytes}.
     */
    static NumberedMessage syslog(String tag, Instant timestamp, int minBytes) {
        final String head = "<134>1 " + timestamp + " " + HOST + " loadgen - - - run=" + tag + " seq=";
        return new NumberedMessage(head, padding(head.length() + SEQ_DIGITS, minBytes));
    }

    /** One NDJSON line (with its LF), {@code {"@timestamp":…,"host":{"name":…},"message":"run=TAG seq=N"}}. */
    static NumberedMessage ndjson(String tag, Instant timestamp, int minBytes) {
        final String head = "{\"@timestamp\":\"" + timestamp + "\",\"host\":{\"name\":\"" + HOST
                + "\"},\"message\":\"run=" + tag + " seq=";
        final int closing = "\"}\n".length();
        return new NumberedMessage(head, padding(head.length() + SEQ_DIGITS + closing, minBytes) + "\"}\n");
    }

    private static String padding(int length, int minBytes) {
        return length >= minBytes ? "" : " " + "x".repeat(Math.max(0, minBytes - length - 1));
    }

    /** @return bytes per message */
    int length() {
        return template.length;
    }

    /**
     * Writes the message numbered {@code seq} at {@code offset}.
     *
     * @return the offset after the message
     * @throws IllegalArgumentException when {@code seq} is negative or needs more than {@link #SEQ_DIGITS} digits
     */
    int write(byte[] dst, int offset, long seq) {
        if (seq < 0 || seq >= SEQ_LIMIT) {
            throw new IllegalArgumentException("seq: " + seq + " (expected: 0.." + (SEQ_LIMIT - 1) + ")");
        }
        System.arraycopy(template, 0, dst, offset, template.length);
        long v = seq;
        for (int i = offset + seqOffset + SEQ_DIGITS - 1; i >= offset + seqOffset; i--) {
            dst[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        return offset + template.length;
    }
}
