package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;

import static io.watchfloor.ingest.syslog.SyslogBytes.SP;

/**
 * Reads RFC 5424 STRUCTURED-DATA ({@code -} or {@code [id name="value" …][id2]…}) into {@link SyslogFields} as
 * offsets. Stateless.
 *
 * <p>Values stay escaped in the raw bytes: a value containing {@code \"}, {@code \\} or {@code \]} is flagged so
 * that {@link SyslogFields#sdValueString} resolves them at the edge; any other backslash is literal (§6.3.3).
 * Repeated param names are all kept; an element without params is recorded with
 * {@link SyslogFields#addSdElement}. Lenient where senders commonly are: an unescaped {@code ]} inside a quoted
 * value is content, and several spaces between params are accepted.
 */
final class StructuredDataParser {
    static final int MAX_SD_NAME_LENGTH = 32;

    /** SD-NAME bytes: PRINTUSASCII except {@code = SP ] "}; a table lookup instead of six compares per byte. */
    private static final boolean[] SD_NAME_BYTE = new boolean[256];

    static {
        for (int c = 33; c <= 126; c++) {
            SD_NAME_BYTE[c] = c != '=' && c != ']' && c != '"';
        }
    }

    /**
     * @param pos index of the first SD byte
     * @return the index just after the SD, or -1 when it is malformed (params may have been added)
     */
    int parse(byte[] b, int pos, int end, SyslogFields out) {
        if (pos >= end) {
            return -1;
        }
        if (b[pos] == '-') {
            return pos + 1;
        }
        if (b[pos] != '[') {
            return -1;
        }
        int i = pos;
        while (i < end && b[i] == '[') {
            i = element(b, i + 1, end, out);
            if (i < 0) {
                return -1;
            }
        }
        return i;
    }

    /** @return the index after the element's {@code ]}, or -1 */
    private static int element(byte[] b, int idStart, int end, SyslogFields out) {
        int i = nameEnd(b, idStart, end);
        if (i < 0) {
            return -1;
        }
        final int idLength = i - idStart;
        boolean hasParams = false;
        while (i < end && b[i] == SP) {
            while (i < end && b[i] == SP) {
                i++;
            }
            if (i < end && b[i] == ']') {
                break;
            }
            final int nameStart = i;
            i = nameEnd(b, nameStart, end);
            if (i < 0 || i + 1 >= end || b[i] != '=' || b[i + 1] != '"') {
                return -1;
            }
            final int nameLength = i - nameStart;
            final int valueStart = i + 2;
            boolean escaped = false;
            i = valueStart;
            while (i < end) {
                final byte c = b[i];
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i + 1 < end) {
                    final byte next = b[i + 1];
                    if (next == '"' || next == '\\' || next == ']') {
                        escaped = true;
                        i += 2;
                        continue;
                    }
                }
                i++;
            }
            if (i >= end) {
                return -1;
            }
            out.addSdParam(idStart, idLength, nameStart, nameLength, valueStart, i - valueStart, escaped);
            hasParams = true;
            i++;
        }
        if (i >= end || b[i] != ']') {
            return -1;
        }
        if (!hasParams) {
            out.addSdElement(idStart, idLength);
        }
        return i + 1;
    }

    /** @return the index after an SD-NAME of 1..32 PRINTUSASCII bytes except {@code = SP ] "}, or -1 */
    private static int nameEnd(byte[] b, int start, int end) {
        int i = start;
        while (i < end && SD_NAME_BYTE[b[i] & 0xFF]) {
            i++;
        }
        final int length = i - start;
        return length == 0 || length > MAX_SD_NAME_LENGTH ? -1 : i;
    }
}
