package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.SyslogFields;

/**
 * Parses one syslog frame (RFC 5424, RFC 3164 and their real-world variants) from an event's raw bytes into its
 * {@link SyslogFields}, as offsets into the raw bytes.
 *
 * <p>Not thread-safe: one instance per parse thread. Reusable and allocation-free per message: no {@code String},
 * {@code java.time} or boxing on this path; event times are computed arithmetically.
 *
 * <p>Outcomes, never exceptions:
 * <ul>
 *   <li>{@code <PRI>1 } plus a valid RFC 5424 header → {@link SyslogFields#FORMAT_RFC5424}; any other VERSION
 *       or a header that breaks §6 (lengths, characters, spacing, timestamp — including an impossible date such
 *       as {@code 2026-02-30} or hour 24) falls back to the legacy parser, which then finds no timestamp and keeps
 *       everything after the PRI as the message;</li>
 *   <li>a valid PRI, or no PRI but a recognizable timestamp → {@link SyslogFields#FORMAT_RFC3164} (missing PRI:
 *       priority 13 with {@code priorityDefaulted});</li>
 *   <li>an invalid PRI ({@code <192>}, {@code <-1>}, {@code <>}) → {@link SyslogFields#FORMAT_RAW}, priority 13
 *       defaulted, the whole frame as message, but no parse error: the frame is accepted as text;</li>
 *   <li>no PRI and no timestamp, or an empty frame → {@link SyslogFields#parseError()}, {@code FORMAT_RAW},
 *       priority 13 defaulted, the whole frame as message. The pipeline still journals it.</li>
 * </ul>
 * One trailing NUL, one LF and one CR (at most one of each, in any order) are stripped first; embedded NUL and
 * TAB bytes and trailing spaces are kept.
 */
public final class SyslogParser {
    /** RFC 3164 §4.3.3: user.notice, used when the PRI is missing or invalid. */
    public static final int DEFAULT_PRIORITY = 13;
    static final int MAX_PRIORITY = 191;

    private final Rfc5424Parser rfc5424 = new Rfc5424Parser();
    private final Rfc3164Parser rfc3164 = new Rfc3164Parser();

    /** Creates a parser for one parse thread. */
    public SyslogParser() {
    }

    /**
     * Parses {@code e.raw()[0..e.rawLength())} into {@code e.syslog()} (resetting it first), resolving year-less
     * timestamps against {@code e.receivedAtMs()}. Never throws on any input.
     */
    public void parse(Event e) {
        parse(e.raw(), e.rawLength(), e.receivedAtMs(), e.syslog());
    }

    /**
     * Parses {@code raw[0..length)} into {@code out} (resetting it first). Never throws on any input; a
     * {@code length} outside {@code [0, raw.length]} is clamped.
     *
     * @param receivedAtMs receive time in epoch milliseconds, used to pick the year of year-less timestamps
     */
    public void parse(byte[] raw, int length, long receivedAtMs, SyslogFields out) {
        out.reset();
        final int end = stripTrailer(raw, length < 0 ? 0 : Math.min(length, raw.length));
        if (end > 0 && raw[0] == '<') {
            final int close = priorityEnd(raw, end);
            if (close < 0) {
                invalidPriority(end, out);
                return;
            }
            final int priority = priorityValue(raw, close);
            out.priority(priority);
            final int p = close + 1;
            if (p + 1 < end && raw[p] == '1' && raw[p + 1] == ' ') {
                if (rfc5424.parse(raw, p + 2, end, out)) {
                    return;
                }
                out.reset();
                out.priority(priority);
            }
            rfc3164.parse(raw, p, end, true, receivedAtMs, out);
            return;
        }
        if (end > 0 && rfc3164.parse(raw, 0, end, false, receivedAtMs, out)) {
            out.priority(DEFAULT_PRIORITY);
            out.priorityDefaulted(true);
            return;
        }
        noHeader(end, out);
    }

    /** @return the index of the {@code >} closing a valid {@code <0..191>} PRI at 0, or -1 */
    private static int priorityEnd(byte[] b, int end) {
        int i = 1;
        int value = 0;
        while (i < end && i <= 4 && SyslogBytes.isDigit(b[i])) {
            value = value * 10 + (b[i] - '0');
            i++;
        }
        return i == 1 || i > 4 || i >= end || b[i] != '>' || value > MAX_PRIORITY ? -1 : i;
    }

    private static int priorityValue(byte[] b, int close) {
        int value = 0;
        for (int i = 1; i < close; i++) {
            value = value * 10 + (b[i] - '0');
        }
        return value;
    }

    /** Strips one trailing NUL, one LF and one CR (in any order), as senders append them. */
    static int stripTrailer(byte[] b, int length) {
        int end = length;
        boolean nul = false;
        boolean lf = false;
        boolean cr = false;
        while (end > 0) {
            final byte c = b[end - 1];
            if (c == 0 && !nul) {
                nul = true;
            } else if (c == '\n' && !lf) {
                lf = true;
            } else if (c == '\r' && !cr) {
                cr = true;
            } else {
                break;
            }
            end--;
        }
        return end;
    }

    private static void invalidPriority(int end, SyslogFields out) {
        out.format(SyslogFields.FORMAT_RAW);
        out.priority(DEFAULT_PRIORITY);
        out.priorityDefaulted(true);
        out.message(0, end);
    }

    private static void noHeader(int end, SyslogFields out) {
        out.reset();
        out.parseError(true);
        out.format(SyslogFields.FORMAT_RAW);
        out.priority(DEFAULT_PRIORITY);
        out.priorityDefaulted(true);
        out.message(0, end);
    }
}
