package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;

import static io.watchfloor.ingest.syslog.SyslogBytes.SP;

/**
 * Reads the part of an RFC 5424 message after {@code <PRI>1 } into {@link SyslogFields}. Stateless.
 *
 * <p>The header must be exact (single spaces, PRINTUSASCII fields within the §6 maximum lengths, strict RFC 3339
 * or NIL timestamp); otherwise {@link #parse} returns false and the caller falls back to the legacy parser, as
 * rsyslog does. Once the header is good, malformed STRUCTURED-DATA does not discard it: the SD is dropped and
 * everything from the SD position on becomes the message.
 */
final class Rfc5424Parser {
    static final int MAX_HOSTNAME_LENGTH = 255;
    static final int MAX_APP_NAME_LENGTH = 48;
    static final int MAX_PROCID_LENGTH = 128;
    static final int MAX_MSGID_LENGTH = 32;

    private final StructuredDataParser structuredData = new StructuredDataParser();

    /**
     * @param pos index just after {@code "1 "}
     * @return false when this is not an RFC 5424 header (fields written so far must be discarded by the caller)
     */
    boolean parse(byte[] b, int pos, int end, SyslogFields out) {
        int i = pos;
        if (i < end && b[i] == '-') {
            i++;
        } else if ((i = Rfc3339TimestampParser.parse(b, i, end, true, out)) < 0) {
            return false;
        }
        if (i >= end || b[i] != SP) {
            return false;
        }
        final int hostStart = i + 1;
        final int hostEnd = headerField(b, hostStart, end, MAX_HOSTNAME_LENGTH);
        if (hostEnd < 0) {
            return false;
        }
        final int appStart = hostEnd + 1;
        final int appEnd = headerField(b, appStart, end, MAX_APP_NAME_LENGTH);
        if (appEnd < 0) {
            return false;
        }
        final int procStart = appEnd + 1;
        final int procEnd = headerField(b, procStart, end, MAX_PROCID_LENGTH);
        if (procEnd < 0) {
            return false;
        }
        final int msgIdStart = procEnd + 1;
        final int msgIdEnd = headerField(b, msgIdStart, end, MAX_MSGID_LENGTH);
        if (msgIdEnd < 0) {
            return false;
        }
        out.format(SyslogFields.FORMAT_RFC5424);
        out.version(1);
        if (!isNil(b, hostStart, hostEnd)) {
            out.hostname(hostStart, hostEnd - hostStart);
        }
        if (!isNil(b, appStart, appEnd)) {
            out.appName(appStart, appEnd - appStart);
        }
        if (!isNil(b, procStart, procEnd)) {
            out.procId(procStart, procEnd - procStart);
        }
        if (!isNil(b, msgIdStart, msgIdEnd)) {
            out.msgId(msgIdStart, msgIdEnd - msgIdStart);
        }
        final int sdStart = msgIdEnd + 1;
        final int sdEnd = structuredData.parse(b, sdStart, end, out);
        if (sdEnd < 0 || (sdEnd < end && b[sdEnd] != SP)) {
            malformedStructuredData(sdStart, end, out);
        } else if (sdEnd < end) {
            message(b, sdEnd + 1, end, out);
        }
        return true;
    }

    private static boolean isNil(byte[] b, int start, int end) {
        return end - start == 1 && b[start] == '-';
    }

    /**
     * @return the index of the SP ending a 1..{@code maxLength} PRINTUSASCII field starting at {@code start}, or -1
     */
    private static int headerField(byte[] b, int start, int end, int maxLength) {
        final int limit = Math.min(end, start + maxLength + 1);
        for (int i = start; i < limit; i++) {
            final byte c = b[i];
            if (c == SP) {
                return i == start ? -1 : i;
            }
            if (c < 33 || c > 126) {
                return -1;
            }
        }
        return -1;
    }

    /** Sets MSG to {@code [start, end)}, without a leading UTF-8 BOM (RFC 5424 §6.4). */
    private static void message(byte[] b, int start, int end, SyslogFields out) {
        int m = start;
        if (m + 3 <= end && b[m] == (byte) 0xEF && b[m + 1] == (byte) 0xBB && b[m + 2] == (byte) 0xBF) {
            m += 3;
        }
        out.message(m, end - m);
    }

    /** Rare path: keeps the header, drops any SD params already added, and makes the rest the message. */
    private static void malformedStructuredData(int sdStart, int end, SyslogFields out) {
        if (out.sdCount() > 0 || out.sdOverflow()) {
            final int priority = out.priority();
            final boolean hasTimestamp = out.hasTimestamp();
            final long epochSeconds = out.timestampEpochSeconds();
            final int nanos = out.timestampNanos();
            final int digits = out.timestampFractionDigits();
            final int offsetSecs = out.timestampOffsetSeconds();
            final boolean hasOffset = out.timestampHasOffset();
            final int hostOff = out.hostnameOffset();
            final int hostLen = out.hostnameLength();
            final int appOff = out.appNameOffset();
            final int appLen = out.appNameLength();
            final int procOff = out.procIdOffset();
            final int procLen = out.procIdLength();
            final int msgIdOff = out.msgIdOffset();
            final int msgIdLen = out.msgIdLength();
            out.reset();
            out.format(SyslogFields.FORMAT_RFC5424);
            out.version(1);
            out.priority(priority);
            if (hasTimestamp) {
                out.timestamp(epochSeconds, nanos, digits, offsetSecs, hasOffset);
            }
            out.hostname(hostOff, hostLen);
            out.appName(appOff, appLen);
            out.procId(procOff, procLen);
            out.msgId(msgIdOff, msgIdLen);
        }
        out.message(sdStart, end - sdStart);
    }
}
