package io.watchfloor.core.event;

import java.net.InetAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an event's normalized fields under their Elastic Common Schema names.
 *
 * <p>Syslog events answer {@code message}, {@code host.name}, {@code log.syslog.*}, {@code process.name},
 * {@code process.pid}, {@code source.ip} and structured-data params as {@code SDID.param} (also under
 * {@code log.syslog.structured_data.SDID.param}); JSON events answer their flattened dotted paths, with
 * {@code host.name}/{@code message} falling back to {@code host}/{@code msg}. These build Strings: they are
 * for detection, rendering and the API, not for the parse or journal stage.
 */
public final class EcsFields {
    /** Prefix under which structured-data params are also reachable. */
    public static final String SD_PREFIX = "log.syslog.structured_data.";

    private static final DateTimeFormatter[] FORMATTERS = new DateTimeFormatter[10];
    /** Marks a key missing from a JSON event's map (a present key may hold null). */
    private static final Object ABSENT = new Object();

    static {
        for (int digits = 0; digits <= 9; digits++) {
            DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH:mm:ss");
            if (digits > 0) {
                b.appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true);
            }
            FORMATTERS[digits] = b.appendOffset("+HH:MM", "Z").toFormatter();
        }
    }

    private EcsFields() {
    }

    /**
     * @return the field's value (String, Long, Double, Boolean or a List for a repeated SD param / JSON array),
     *     or null when the event has no such field
     */
    public static Object field(Event e, String name) {
        if (e.isJson()) {
            return jsonField(e, name);
        }
        final SyslogFields s = e.syslog();
        final byte[] raw = e.raw();
        switch (name) {
            case "message":
                return s.messageString(raw);
            case "host.name":
                return hostName(e);
            case "host.hostname":
            case "log.syslog.hostname":
                return s.hostnameString(raw);
            case "log.syslog.appname":
            case "process.name":
                return s.appNameString(raw);
            case "log.syslog.procid":
                return s.procIdString(raw);
            case "process.pid": {
                final String pid = s.procIdString(raw);
                return pid != null && isDigits(pid) ? Long.valueOf(pid) : pid;
            }
            case "log.syslog.msgid":
                return s.msgIdString(raw);
            case "log.syslog.priority":
                return s.priority() < 0 ? null : Long.valueOf(s.priority());
            case "log.syslog.facility.code":
                return s.priority() < 0 ? null : Long.valueOf(s.facility());
            case "log.syslog.severity.code":
                return s.priority() < 0 ? null : Long.valueOf(s.severity());
            case "log.syslog.version":
                return s.version() == 0 ? null : Long.valueOf(s.version());
            case "source.ip":
            case "log.source.address":
                return peerString(e.peer());
            case "@timestamp":
                return timestamp(s);
            case "watchfloor.source_id":
                return e.sourceId();
            case "event.original":
                return new String(raw, 0, e.rawLength(), java.nio.charset.StandardCharsets.UTF_8);
            default:
                return sdParam(s, raw, name.startsWith(SD_PREFIX) ? name.substring(SD_PREFIX.length()) : name);
        }
    }

    /** @return the host the event is attributed to: the HOSTNAME it carries, else the sender's address */
    public static String hostName(Event e) {
        if (e.isJson()) {
            Object h = e.json().get("host.name");
            if (h == null) {
                h = e.json().get("host");
            }
            return h != null ? String.valueOf(h) : peerString(e.peer());
        }
        final String h = e.syslog().hostnameString(e.raw());
        return h != null ? h : peerString(e.peer());
    }

    /** @return the event's message text, or null */
    public static String message(Event e) {
        return (String) stringOrNull(field(e, "message"));
    }

    /** @return the event time as ISO-8601 with the sender's offset, or null when the event carried none */
    public static String timestamp(SyslogFields s) {
        if (!s.hasTimestamp()) {
            return null;
        }
        final ZoneOffset offset = ZoneOffset.ofTotalSeconds(s.timestampOffsetSeconds());
        final OffsetDateTime t = OffsetDateTime.ofInstant(
                Instant.ofEpochSecond(s.timestampEpochSeconds(), s.timestampNanos()), offset);
        return FORMATTERS[Math.min(9, Math.max(0, s.timestampFractionDigits()))].format(t);
    }

    /** @return the address as text ({@code 192.0.2.1}, {@code 2001:db8::1}), or null */
    public static String peerString(InetAddress peer) {
        return peer == null ? null : peer.getHostAddress();
    }

    /**
     * @return the structured data as SD-ID → param → value, where a repeated param maps to a List of values;
     *     an element without params maps to an empty object
     */
    public static Map<String, Object> structuredData(SyslogFields s, byte[] raw) {
        final Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < s.sdCount(); i++) {
            @SuppressWarnings("unchecked")
            final Map<String, Object> params =
                    (Map<String, Object>) out.computeIfAbsent(s.sdIdString(raw, i), k -> new LinkedHashMap<>());
            final String name = s.sdNameString(raw, i);
            if (name == null) {
                continue;
            }
            params.put(name, repeated(params.get(name), params.containsKey(name), s.sdValueString(raw, i)));
        }
        return out;
    }

    /**
     * Renders the normalized fields of a syslog event as the {@code watchfloor parse} command prints them.
     */
    public static Map<String, Object> toMap(Event e) {
        final Map<String, Object> m = new LinkedHashMap<>();
        if (e.isJson()) {
            m.putAll(e.json());
            m.putIfAbsent("host.name", hostName(e));
        } else {
            final SyslogFields s = e.syslog();
            final byte[] raw = e.raw();
            m.put("@timestamp", timestamp(s));
            m.put("log.syslog.hostname", s.hostnameString(raw));
            m.put("host.name", hostName(e));
            m.put("message", s.messageString(raw));
            m.put("log.syslog.facility.code", field(e, "log.syslog.facility.code"));
            m.put("log.syslog.severity.code", field(e, "log.syslog.severity.code"));
            m.put("log.syslog.priority", field(e, "log.syslog.priority"));
            m.put("log.syslog.version", field(e, "log.syslog.version"));
            m.put("log.syslog.appname", s.appNameString(raw));
            m.put("log.syslog.procid", s.procIdString(raw));
            m.put("log.syslog.msgid", s.msgIdString(raw));
            m.put("log.syslog.structured_data", s.sdCount() == 0 ? null : structuredData(s, raw));
        }
        if (e.peer() != null) {
            m.put("source.ip", peerString(e.peer()));
        }
        if (e.sourceId() != null) {
            m.put("watchfloor.source_id", e.sourceId());
        }
        m.put("watchfloor.parse_error", e.parseError());
        if (e.parseErrorReason() != null) {
            m.put("watchfloor.parse_error_reason", e.parseErrorReason());
        }
        m.put("watchfloor.truncated", e.truncated());
        return m;
    }

    private static Object jsonField(Event e, String name) {
        // one hash lookup whether or not the key is there: detection asks for many fields an event lacks
        final Object v = e.json().getOrDefault(name, ABSENT);
        if (v != ABSENT) {
            return v;
        }
        switch (name) {
            case "host.name":
                return hostName(e);
            case "message":
                return e.json().get("msg");
            case "source.ip":
                return peerString(e.peer());
            case "watchfloor.source_id":
                return e.sourceId();
            default:
                return null;
        }
    }

    private static Object sdParam(SyslogFields s, byte[] raw, String name) {
        final int dot = name.indexOf('.');
        if (dot <= 0 || s.sdCount() == 0) {
            return null;
        }
        final String id = name.substring(0, dot);
        final String param = name.substring(dot + 1);
        Object found = null;
        boolean present = false;
        for (int i = 0; i < s.sdCount(); i++) {
            if (id.equals(s.sdIdString(raw, i)) && param.equals(s.sdNameString(raw, i))) {
                found = repeated(found, present, s.sdValueString(raw, i));
                present = true;
            }
        }
        return found;
    }

    /**
     * @return {@code value} for a param's first occurrence, else a List of all its values so far (RFC 5424 §6.3.3
     *     lets a PARAM-NAME repeat; values are Strings, so a List can only be this accumulation)
     */
    private static Object repeated(Object previous, boolean present, String value) {
        if (!present) {
            return value;
        }
        if (previous instanceof List) {
            @SuppressWarnings("unchecked")
            final List<Object> list = (List<Object>) previous;
            list.add(value);
            return list;
        }
        final List<Object> list = new ArrayList<>(2);
        list.add(previous);
        list.add(value);
        return list;
    }

    private static Object stringOrNull(Object o) {
        return o == null ? null : o instanceof String ? o : String.valueOf(o);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
