package io.watchfloor.core.event;

import java.nio.charset.StandardCharsets;

/**
 * The syslog header and structured data of one event, as offsets into the event's raw bytes.
 *
 * <p>Filled by the syslog parser on the parse stage and read by later stages; the slot is reused, so
 * {@link #reset()} runs before each parse. A field is an {@code (offset, length)} pair into
 * {@link Event#raw()}; offset {@code -1} means absent (NIL or not present). Strings are built only at
 * the edge through the {@code …String(raw)} accessors. Not thread-safe: one writer, then readers after
 * the ring's sequence barrier.
 */
public final class SyslogFields {
    /** No syslog header could be recognized; the whole frame is the message. */
    public static final int FORMAT_RAW = 0;
    /** RFC 3164 (BSD) or one of its real-world variants. */
    public static final int FORMAT_RFC3164 = 1;
    /** RFC 5424. */
    public static final int FORMAT_RFC5424 = 2;

    /** Upper bound on structured-data params kept per event; more set {@link #sdOverflow()}. */
    public static final int MAX_SD_PARAMS = 64;

    private int format;
    private int priority;
    private int version;
    private boolean parseError;
    private boolean priorityDefaulted;

    private boolean hasTimestamp;
    private long timestampEpochSeconds;
    private int timestampNanos;
    private int timestampFractionDigits;
    private int timestampOffsetSeconds;
    private boolean timestampHasOffset;

    private int hostnameOffset = -1, hostnameLength;
    private int appNameOffset = -1, appNameLength;
    private int procIdOffset = -1, procIdLength;
    private int msgIdOffset = -1, msgIdLength;
    private int messageOffset = -1, messageLength;

    private int sdCount;
    private boolean sdOverflow;
    private final int[] sdIdOffset = new int[MAX_SD_PARAMS];
    private final int[] sdIdLength = new int[MAX_SD_PARAMS];
    private final int[] sdNameOffset = new int[MAX_SD_PARAMS];
    private final int[] sdNameLength = new int[MAX_SD_PARAMS];
    private final int[] sdValueOffset = new int[MAX_SD_PARAMS];
    private final int[] sdValueLength = new int[MAX_SD_PARAMS];
    private final boolean[] sdValueEscaped = new boolean[MAX_SD_PARAMS];

    /** Clears every field; called before parsing a new frame into the slot. */
    public void reset() {
        format = FORMAT_RAW;
        priority = -1;
        version = 0;
        parseError = false;
        priorityDefaulted = false;
        hasTimestamp = false;
        timestampEpochSeconds = 0;
        timestampNanos = 0;
        timestampFractionDigits = 0;
        timestampOffsetSeconds = 0;
        timestampHasOffset = false;
        hostnameOffset = appNameOffset = procIdOffset = msgIdOffset = messageOffset = -1;
        hostnameLength = appNameLength = procIdLength = msgIdLength = messageLength = 0;
        sdCount = 0;
        sdOverflow = false;
    }

    // ---- writers (parser side) ----

    public void format(int format) { this.format = format; }
    public void priority(int priority) { this.priority = priority; }
    /** Marks the priority as the RFC 3164 §4.3.3 default (13) because none or an invalid one was present. */
    public void priorityDefaulted(boolean defaulted) { this.priorityDefaulted = defaulted; }
    public void version(int version) { this.version = version; }
    public void parseError(boolean parseError) { this.parseError = parseError; }

    /**
     * Sets the event time.
     *
     * @param epochSeconds seconds since the epoch (UTC)
     * @param nanos nanoseconds within the second
     * @param fractionDigits how many fraction digits the sender wrote (0–9), kept for rendering
     * @param offsetSeconds the zone offset the sender wrote, in seconds east of UTC
     * @param hasOffset false when the sender wrote no zone (UTC was assumed)
     */
    public void timestamp(long epochSeconds, int nanos, int fractionDigits, int offsetSeconds, boolean hasOffset) {
        this.hasTimestamp = true;
        this.timestampEpochSeconds = epochSeconds;
        this.timestampNanos = nanos;
        this.timestampFractionDigits = fractionDigits;
        this.timestampOffsetSeconds = offsetSeconds;
        this.timestampHasOffset = hasOffset;
    }

    public void hostname(int offset, int length) { hostnameOffset = offset; hostnameLength = length; }
    public void appName(int offset, int length) { appNameOffset = offset; appNameLength = length; }
    public void procId(int offset, int length) { procIdOffset = offset; procIdLength = length; }
    public void msgId(int offset, int length) { msgIdOffset = offset; msgIdLength = length; }
    public void message(int offset, int length) { messageOffset = offset; messageLength = length; }

    /**
     * Adds one structured-data param; a repeated param name is added again (RFC 5424 §6.3.3).
     *
     * @param escaped true when the value contains backslash escapes still to be resolved
     * @return false when {@link #MAX_SD_PARAMS} is reached (the param is dropped and overflow flagged)
     */
    public boolean addSdParam(int idOffset, int idLength, int nameOffset, int nameLength,
                              int valueOffset, int valueLength, boolean escaped) {
        if (sdCount == MAX_SD_PARAMS) {
            sdOverflow = true;
            return false;
        }
        final int i = sdCount++;
        sdIdOffset[i] = idOffset;
        sdIdLength[i] = idLength;
        sdNameOffset[i] = nameOffset;
        sdNameLength[i] = nameLength;
        sdValueOffset[i] = valueOffset;
        sdValueLength[i] = valueLength;
        sdValueEscaped[i] = escaped;
        return true;
    }

    /**
     * Records an SD element without params (e.g. {@code [exampleSDID@32473]}) as a param with name length -1,
     * so the SD-ID is still listed.
     */
    public boolean addSdElement(int idOffset, int idLength) {
        return addSdParam(idOffset, idLength, -1, -1, -1, -1, false);
    }

    // ---- readers ----

    public int format() { return format; }
    /** @return PRI (0–191), or -1 for a raw event */
    public int priority() { return priority; }
    public boolean priorityDefaulted() { return priorityDefaulted; }
    /** @return facility code, or -1 */
    public int facility() { return priority < 0 ? -1 : priority >> 3; }
    /** @return severity code, or -1 */
    public int severity() { return priority < 0 ? -1 : priority & 7; }
    /** @return 1 for RFC 5424, 0 when the message carried no VERSION */
    public int version() { return version; }
    public boolean parseError() { return parseError; }
    public boolean hasTimestamp() { return hasTimestamp; }
    public long timestampEpochSeconds() { return timestampEpochSeconds; }
    public int timestampNanos() { return timestampNanos; }
    public int timestampFractionDigits() { return timestampFractionDigits; }
    public int timestampOffsetSeconds() { return timestampOffsetSeconds; }
    public boolean timestampHasOffset() { return timestampHasOffset; }
    /** @return event time in epoch milliseconds, or {@code Long.MIN_VALUE} when absent */
    public long timestampEpochMillis() {
        return hasTimestamp ? timestampEpochSeconds * 1000 + timestampNanos / 1_000_000 : Long.MIN_VALUE;
    }

    public int hostnameOffset() { return hostnameOffset; }
    public int hostnameLength() { return hostnameLength; }
    public int appNameOffset() { return appNameOffset; }
    public int appNameLength() { return appNameLength; }
    public int procIdOffset() { return procIdOffset; }
    public int procIdLength() { return procIdLength; }
    public int msgIdOffset() { return msgIdOffset; }
    public int msgIdLength() { return msgIdLength; }
    public int messageOffset() { return messageOffset; }
    public int messageLength() { return messageLength; }

    public int sdCount() { return sdCount; }
    public boolean sdOverflow() { return sdOverflow; }
    public int sdIdOffset(int i) { return sdIdOffset[i]; }
    public int sdIdLength(int i) { return sdIdLength[i]; }
    public int sdNameOffset(int i) { return sdNameOffset[i]; }
    public int sdNameLength(int i) { return sdNameLength[i]; }
    public int sdValueOffset(int i) { return sdValueOffset[i]; }
    public int sdValueLength(int i) { return sdValueLength[i]; }
    public boolean sdValueEscaped(int i) { return sdValueEscaped[i]; }

    // ---- edge accessors: allocate Strings ----

    public String hostnameString(byte[] raw) { return ascii(raw, hostnameOffset, hostnameLength); }
    public String appNameString(byte[] raw) { return ascii(raw, appNameOffset, appNameLength); }
    public String procIdString(byte[] raw) { return ascii(raw, procIdOffset, procIdLength); }
    public String msgIdString(byte[] raw) { return ascii(raw, msgIdOffset, msgIdLength); }

    /** @return the message decoded as UTF-8 (invalid bytes become U+FFFD), or null when absent */
    public String messageString(byte[] raw) {
        return messageOffset < 0 ? null : new String(raw, messageOffset, messageLength, StandardCharsets.UTF_8);
    }

    public String sdIdString(byte[] raw, int i) { return ascii(raw, sdIdOffset[i], sdIdLength[i]); }
    /** @return the param name, or null for an SD element without params */
    public String sdNameString(byte[] raw, int i) { return ascii(raw, sdNameOffset[i], sdNameLength[i]); }

    /** @return the param value with RFC 5424 §6.3.3 escapes ({@code \" \\ \]}) resolved, or null for an element without params */
    public String sdValueString(byte[] raw, int i) {
        final int off = sdValueOffset[i];
        if (off < 0) {
            return null;
        }
        final int len = sdValueLength[i];
        if (!sdValueEscaped[i]) {
            return new String(raw, off, len, StandardCharsets.UTF_8);
        }
        final byte[] out = new byte[len];
        int n = 0;
        for (int p = off, end = off + len; p < end; p++) {
            final byte b = raw[p];
            if (b == '\\' && p + 1 < end) {
                final byte next = raw[p + 1];
                if (next == '"' || next == '\\' || next == ']') {
                    out[n++] = next;
                    p++;
                    continue;
                }
            }
            out[n++] = b;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static String ascii(byte[] raw, int offset, int length) {
        return offset < 0 ? null : new String(raw, offset, length, StandardCharsets.UTF_8);
    }
}
