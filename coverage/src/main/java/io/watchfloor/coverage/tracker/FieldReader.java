package io.watchfloor.coverage.tracker;

import io.watchfloor.core.event.EcsFields;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.SyslogFields;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Tracker thread only: reads one named field of an event without allocating, as a reusable view of the last event
 * read. Names follow {@link EcsFields#field}: a syslog event answers {@code host.name} (its HOSTNAME),
 * {@code process.name}, {@code log.syslog.procid}, {@code log.syslog.msgid}, the priority codes and structured-data
 * params as {@code SDID.param} (also under {@code log.syslog.structured_data.}), compared on the raw bytes with
 * RFC 5424 escapes left in place; a JSON event answers its flattened path ({@code host.name} falls back to
 * {@code host}). A JSON array value counts as absent.
 */
final class FieldReader {
    private static final int ABSENT = 0;
    private static final int BYTES = 1;
    private static final int OBJECT = 2;
    private static final int NUMBER = 3;

    private static final int SYSLOG_NONE = 0;
    private static final int SYSLOG_HOSTNAME = 1;
    private static final int SYSLOG_APPNAME = 2;
    private static final int SYSLOG_PROCID = 3;
    private static final int SYSLOG_MSGID = 4;
    private static final int SYSLOG_PRIORITY = 5;
    private static final int SYSLOG_FACILITY = 6;
    private static final int SYSLOG_SEVERITY = 7;
    private static final int SYSLOG_SD = 8;

    private final String name;
    private final String jsonFallback;
    private final int syslogField;
    private final byte[] sdId;
    private final byte[] sdParam;

    private int found;
    private byte[] raw;
    private int offset;
    private int length;
    private Object value;
    private long number;

    /** @param name the field name, as in the inventory */
    FieldReader(String name) {
        this.name = name;
        this.jsonFallback = "host.name".equals(name) ? "host" : null;
        int kind;
        switch (name) {
            case "host.name":
            case "host.hostname":
            case "log.syslog.hostname":
                kind = SYSLOG_HOSTNAME;
                break;
            case "process.name":
            case "log.syslog.appname":
                kind = SYSLOG_APPNAME;
                break;
            case "process.pid":
            case "log.syslog.procid":
                kind = SYSLOG_PROCID;
                break;
            case "log.syslog.msgid":
                kind = SYSLOG_MSGID;
                break;
            case "log.syslog.priority":
                kind = SYSLOG_PRIORITY;
                break;
            case "log.syslog.facility.code":
                kind = SYSLOG_FACILITY;
                break;
            case "log.syslog.severity.code":
                kind = SYSLOG_SEVERITY;
                break;
            default:
                kind = SYSLOG_NONE;
        }
        final String sd = name.startsWith(EcsFields.SD_PREFIX) ? name.substring(EcsFields.SD_PREFIX.length()) : name;
        final int dot = sd.indexOf('.');
        if (kind == SYSLOG_NONE && dot > 0 && dot < sd.length() - 1) {
            kind = SYSLOG_SD;
            sdId = sd.substring(0, dot).getBytes(StandardCharsets.UTF_8);
            sdParam = sd.substring(dot + 1).getBytes(StandardCharsets.UTF_8);
        } else {
            sdId = null;
            sdParam = null;
        }
        this.syslogField = kind;
    }

    String name() {
        return name;
    }

    /** Reads the field of {@code e}; @return true when present */
    boolean read(Event e) {
        found = ABSENT;
        value = null;
        if (e.isJson()) {
            final Map<String, Object> json = e.json();
            Object v = json.get(name);
            if (v == null && jsonFallback != null) {
                v = json.get(jsonFallback);
            }
            if (v != null && !(v instanceof java.util.List)) {
                value = v;
                found = OBJECT;
            }
            return found != ABSENT;
        }
        final SyslogFields s = e.syslog();
        switch (syslogField) {
            case SYSLOG_HOSTNAME:
                return bytes(e.raw(), s.hostnameOffset(), s.hostnameLength());
            case SYSLOG_APPNAME:
                return bytes(e.raw(), s.appNameOffset(), s.appNameLength());
            case SYSLOG_PROCID:
                return bytes(e.raw(), s.procIdOffset(), s.procIdLength());
            case SYSLOG_MSGID:
                return bytes(e.raw(), s.msgIdOffset(), s.msgIdLength());
            case SYSLOG_PRIORITY:
                return number(s.priority());
            case SYSLOG_FACILITY:
                return number(s.facility());
            case SYSLOG_SEVERITY:
                return number(s.severity());
            case SYSLOG_SD:
                return sdParam(e.raw(), s);
            default:
                return false;
        }
    }

    private boolean bytes(byte[] raw, int off, int len) {
        if (off < 0) {
            return false;
        }
        this.raw = raw;
        this.offset = off;
        this.length = len;
        found = BYTES;
        return true;
    }

    private boolean number(int n) {
        if (n < 0) {
            return false;
        }
        number = n;
        found = NUMBER;
        return true;
    }

    /** The first param of that SD-ID and name, like {@link EcsFields} reads a single one. */
    private boolean sdParam(byte[] raw, SyslogFields s) {
        final int n = s.sdCount();
        for (int k = 0; k < n; k++) {
            if (s.sdValueOffset(k) >= 0 && equal(raw, s.sdIdOffset(k), s.sdIdLength(k), sdId)
                    && equal(raw, s.sdNameOffset(k), s.sdNameLength(k), sdParam)) {
                return bytes(raw, s.sdValueOffset(k), s.sdValueLength(k));
            }
        }
        return false;
    }

    private static boolean equal(byte[] raw, int off, int len, byte[] expected) {
        if (off < 0 || len != expected.length) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (raw[off + k] != expected[k]) {
                return false;
            }
        }
        return true;
    }

    /** @return true when the value last read equals {@code v} (text, or the same whole number) */
    boolean matches(RequiredValue v) {
        switch (found) {
            case BYTES:
                return equal(raw, offset, length, v.utf8());
            case NUMBER:
                return v.number() == number;
            case OBJECT:
                if (value instanceof String) {
                    return v.text().equals(value);
                }
                return value instanceof Long && v.number() == (Long) value;
            default:
                return false;
        }
    }

    /** @return the value last read as a non-negative whole number, or -1 when it is not one */
    long asLong() {
        switch (found) {
            case BYTES:
                return digits(raw, offset, length);
            case NUMBER:
                return number;
            case OBJECT:
                if (value instanceof Long) {
                    return (Long) value >= 0 ? (Long) value : -1;
                }
                return value instanceof String ? digits((String) value) : -1;
            default:
                return -1;
        }
    }

    /** @return the value last read as text; allocates, so only for a value not seen before */
    String text() {
        switch (found) {
            case BYTES:
                return new String(raw, offset, length, StandardCharsets.UTF_8);
            case NUMBER:
                return Long.toString(number);
            case OBJECT:
                return String.valueOf(value);
            default:
                return null;
        }
    }

    /** At most 18 digits, so the value fits a long. */
    private static long digits(byte[] b, int off, int len) {
        if (len == 0 || len > 18) {
            return -1;
        }
        long v = 0;
        for (int k = off, end = off + len; k < end; k++) {
            final int d = b[k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int k = 0; k < s.length(); k++) {
            final int d = s.charAt(k) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
