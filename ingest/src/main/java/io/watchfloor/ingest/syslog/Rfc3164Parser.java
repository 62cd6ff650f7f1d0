package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;

import static io.watchfloor.ingest.syslog.SyslogBytes.SP;
import static io.watchfloor.ingest.syslog.SyslogBytes.isAlnum;
import static io.watchfloor.ingest.syslog.SyslogBytes.isDigit;

/**
 * Reads a legacy header ({@code [TIMESTAMP SP [HOSTNAME SP]][TAG[\[pid\]]: ]MSG}) after an optional PRI into
 * {@link SyslogFields}. Not thread-safe: one per parser.
 *
 * <p>Follows rsyslog's {@code pmrfc3164} heuristics where the RFC is silent: a token ending in {@code :} or
 * containing {@code [} is a TAG, not a host; {@code -} as host means none; IPv6 literals are hosts; the APP-NAME
 * ("programname") stops at {@code [} and {@code :} and keeps {@code /}; without {@code TAG:} there is no app
 * name and nothing is removed from the text; text starting with {@code {} or {@code [} is headerless. The Cisco
 * IOS dialect ({@code SEQ: [ORIGIN: ][*|.]Mmm dd hh:mm:ss[.mmm][ TZ]: %FAC-SEV-MNEMONIC: text}) is read too:
 * ORIGIN becomes the host and {@code FAC-SEV-MNEMONIC} the app name, with the message kept from the {@code %}.
 */
final class Rfc3164Parser {
    static final int MAX_HOSTNAME_LENGTH = 255;
    /** How far the TAG scan looks for the {@code [} or {@code :} ending a program name. */
    static final int MAX_PROGRAM_NAME_LENGTH = 64;
    static final int MAX_PID_LENGTH = 128;
    private static final int MAX_SEQUENCE_DIGITS = 19;

    private final BsdTimestampParser timestamps = new BsdTimestampParser();

    /**
     * @param pos index of the first byte after the PRI (or 0 when there is none)
     * @return false when there is no header at all: no PRI and no timestamp (fields written must be discarded)
     */
    boolean parse(byte[] b, int pos, int end, boolean hadPriority, long receivedAtMs, SyslogFields out) {
        out.format(SyslogFields.FORMAT_RFC3164);
        if (pos < end && (b[pos] == '{' || b[pos] == '[')) {
            out.message(pos, end - pos);
            return hadPriority;
        }
        final int start = pos < end && b[pos] == SP ? pos + 1 : pos;
        int q = timestamps.parse(b, start, end, receivedAtMs, out);
        if (q >= 0) {
            q = hostname(b, skipSpaces(b, q, end), end, out);
        } else {
            q = ciscoHeader(b, start, end, receivedAtMs, out);
            if (q < 0) {
                q = pos;
            }
        }
        if (!hadPriority && !out.hasTimestamp()) {
            return false;
        }
        tag(b, q, end, out);
        return true;
    }

    /** Skips the spaces after a timestamp (macOS writes two before the host). */
    private static int skipSpaces(byte[] b, int i, int end) {
        int j = i;
        while (j < end && b[j] == SP) {
            j++;
        }
        return j;
    }

    private static int skipOneSpace(byte[] b, int i, int end) {
        return i < end && b[i] == SP ? i + 1 : i;
    }

    /**
     * Reads a host token at {@code q} when it looks like one (hostname characters, ends alphanumeric, followed by
     * SP; or an IPv6 literal; or {@code -} for none).
     *
     * @return the index after the host and its SP (and after an ASA {@code ": "}), or {@code q} when no host
     */
    private static int hostname(byte[] b, int q, int end, SyslogFields out) {
        int i = q;
        int colons = 0;
        boolean percent = false;
        final int limit = Math.min(end, q + MAX_HOSTNAME_LENGTH + 1);
        while (i < limit) {
            final byte c = b[i];
            if (c == SP) {
                break;
            }
            if (c == ':') {
                colons++;
            } else if (c == '%') {
                percent = true;
            } else if (!isAlnum(c) && c != '.' && c != '-' && c != '_') {
                return q;
            }
            i++;
        }
        if (i == q || i >= end || b[i] != SP) {
            return q;
        }
        final int length = i - q;
        if (length == 1 && b[q] == '-') {
            return i + 1;
        }
        if (colons == 0 ? percent || !isAlnum(b[i - 1]) : !isIpv6Literal(b, q, i, colons)) {
            return q;
        }
        out.hostname(q, length);
        i++;
        if (i + 1 < end && b[i] == ':' && b[i + 1] == SP) {
            i += 2; // Cisco ASA with device-id: "HOST : %ASA-…"
        }
        return i;
    }

    /** @return true for an IPv6 literal: hex digits, {@code :} (at least two) and {@code .}, then an optional zone */
    private static boolean isIpv6Literal(byte[] b, int start, int end, int colons) {
        if (colons < 2) {
            return false;
        }
        for (int i = start; i < end; i++) {
            final byte c = b[i];
            if (c == '%') {
                return i + 1 < end; // zone id (fe80::1%eth0): already limited to hostname characters
            }
            final int lower = c | 0x20;
            if (!isDigit(c) && c != ':' && c != '.' && (lower < 'a' || lower > 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Rare path: Cisco IOS {@code [SEQ: ][ORIGIN: ][TIMESTAMP]} or an uptime stamp ({@code 00:00:46: %…},
     * {@code 1w2d: %…}) in place of the timestamp.
     *
     * @return the index after the header, or -1 when there is neither a sequence number nor an uptime stamp
     */
    private int ciscoHeader(byte[] b, int start, int end, long receivedAtMs, SyslogFields out) {
        final int uptimeEnd = uptimeEnd(b, start, end);
        if (uptimeEnd >= 0) {
            return uptimeEnd;
        }
        int i = start;
        while (i < end && isDigit(b[i]) && i - start < MAX_SEQUENCE_DIGITS) {
            i++;
        }
        if (i == start || i + 1 >= end || b[i] != ':' || b[i + 1] != SP) {
            return -1;
        }
        final int q = i + 2;
        final int t = timestamps.parse(b, q, end, receivedAtMs, out);
        if (t >= 0) {
            return skipSpaces(b, t, end);
        }
        final int afterUptime = uptimeEnd(b, q, end);
        if (afterUptime >= 0) {
            return afterUptime;
        }
        int j = q;
        while (j < end && b[j] != SP && b[j] != ':' && j - q <= MAX_HOSTNAME_LENGTH) {
            j++;
        }
        if (j > q && j + 2 < end && b[j] == ':' && b[j + 1] == SP) {
            final int afterOrigin = j + 2;
            final int originTs = timestamps.parse(b, afterOrigin, end, receivedAtMs, out);
            if (originTs >= 0 || b[afterOrigin] == '%') {
                out.hostname(q, j - q);
                return originTs >= 0 ? skipSpaces(b, originTs, end) : afterOrigin;
            }
            final int originUptime = uptimeEnd(b, afterOrigin, end);
            if (originUptime >= 0) {
                out.hostname(q, j - q);
                return originUptime;
            }
        }
        return q;
    }

    /**
     * @return the index of the {@code %} after a Cisco uptime stamp ({@code 00:00:46: } or {@code 1w2d: }) at
     *         {@code i}, or -1
     */
    private static int uptimeEnd(byte[] b, int i, int end) {
        int j = i;
        while (j < end && j - i < MAX_SEQUENCE_DIGITS) {
            final byte c = b[j];
            if (!isDigit(c) && c != ':' && c != 'w' && c != 'd' && c != 'h' && c != 'm' && c != 'y') {
                break;
            }
            j++;
        }
        if (j - i >= 3 && isDigit(b[i]) && b[j - 1] == ':' && j + 1 < end && b[j] == SP && b[j + 1] == '%') {
            return j + 1;
        }
        return -1;
    }

    /** Reads {@code TAG[pid]: } (or a Cisco {@code %FAC-SEV-MNEMONIC:}) at {@code q} and sets the message. */
    private static void tag(byte[] b, int q, int end, SyslogFields out) {
        if (q >= end) {
            out.message(q, 0);
            return;
        }
        final byte first = b[q];
        if (first == '%') {
            ciscoMnemonic(b, q, end, out);
            return;
        }
        if (first == '{' || first == '[' || first == '"' || first == SP) {
            out.message(q, end - q);
            return;
        }
        final int limit = Math.min(end, q + MAX_PROGRAM_NAME_LENGTH);
        int i = q;
        while (i < limit && b[i] != ':' && b[i] != '[' && b[i] != SP) {
            i++;
        }
        if (i >= limit || b[i] == SP) {
            out.message(q, end - q);
            return;
        }
        if (b[i] == ':') {
            out.appName(q, i - q);
            final int m = skipOneSpace(b, i + 1, end);
            out.message(m, end - m);
            return;
        }
        final int pidStart = i + 1;
        int j = pidStart;
        final int pidLimit = Math.min(end, pidStart + MAX_PID_LENGTH);
        while (j < pidLimit && b[j] != ']' && b[j] != SP) {
            j++;
        }
        if (j + 1 >= end || b[j] != ']' || b[j + 1] != ':') {
            out.message(q, end - q);
            return;
        }
        out.appName(q, i - q);
        if (j > pidStart) {
            out.procId(pidStart, j - pidStart);
        }
        final int m = skipOneSpace(b, j + 2, end);
        out.message(m, end - m);
    }

    /** {@code %FAC-SEV-MNEMONIC:} → app name {@code FAC-SEV-MNEMONIC}; the message keeps the mnemonic. */
    private static void ciscoMnemonic(byte[] b, int q, int end, SyslogFields out) {
        final int limit = Math.min(end, q + MAX_PROGRAM_NAME_LENGTH);
        int dashes = 0;
        int i = q + 1;
        while (i < limit && b[i] != ':' && b[i] != SP) {
            if (b[i] == '-') {
                dashes++;
            }
            i++;
        }
        if (i < limit && b[i] == ':' && dashes >= 2 && i > q + 1) {
            out.appName(q + 1, i - q - 1);
        }
        out.message(q, end - q);
    }
}
