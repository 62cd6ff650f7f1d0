package io.watchfloor.detect.extract;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fields extractors found in one message, as byte ranges of the message (or constant strings), turned into
 * Strings only when read. Reused from event to event: {@link #reset} forgets the previous message.
 * Not thread-safe: owned by one field view.
 */
public final class MessageFields {
    private final int[] start = new int[MessageField.count()];
    private final int[] length = new int[MessageField.count()];
    private final String[] constant = new String[MessageField.count()];
    private byte[] bytes;

    /** Points at a new message; every field is absent until an extractor sets it. */
    public void reset(byte[] message) {
        bytes = message;
        Arrays.fill(length, -1);
        Arrays.fill(constant, null);
    }

    /** Forgets the message so the ring slot's buffer is not retained; call {@link #reset} before reading again. */
    public void clear() {
        bytes = null;
    }

    /** Sets {@code f} to {@code bytes[from, to)} unless an earlier extractor already set it; empty ranges are ignored. */
    public void set(MessageField f, int from, int to) {
        final int i = f.ordinal();
        if (to > from && length[i] < 0 && constant[i] == null) {
            start[i] = from;
            length[i] = to - from;
        }
    }

    /** Sets {@code f} to a constant ({@code success}, {@code failure}…) unless already set. */
    public void setConstant(MessageField f, String value) {
        final int i = f.ordinal();
        if (length[i] < 0 && constant[i] == null) {
            constant[i] = value;
        }
    }

    /** @return true when an extractor set {@code f} */
    public boolean has(MessageField f) {
        return length[f.ordinal()] >= 0 || constant[f.ordinal()] != null;
    }

    /** @return the value of field ordinal {@code ordinal} as a new String, or null when absent */
    public String value(int ordinal) {
        if (constant[ordinal] != null) {
            return constant[ordinal];
        }
        final int len = length[ordinal];
        return len < 0 ? null : new String(bytes, start[ordinal], len, StandardCharsets.UTF_8);
    }
}
