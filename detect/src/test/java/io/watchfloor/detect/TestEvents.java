package io.watchfloor.detect;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.event.SyslogFields;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds events by filling a slot directly, as the parse stage would, without depending on ingest. */
public final class TestEvents {
    public static final long T0_MS = 1_714_564_800_000L; // 2024-05-01T12:00:00Z

    private TestEvents() {
    }

    /** A JSON event with the given flattened fields. */
    public static Event json(Map<String, Object> fields) {
        final Event e = new Event();
        e.resetForData(Listener.HTTP, null, T0_MS, false, null);
        e.json().putAll(fields);
        e.markJson();
        return e;
    }

    /** A JSON event carrying a syslog-like message from {@code app}. */
    public static Event line(String app, String message) {
        return json(Map.of("process.name", app, "message", message, "host.name", "web-1.example.com"));
    }

    /**
     * A syslog event whose raw bytes are {@code "<34>1 - host app pid - - message"}, with the parsed fields set
     * by hand.
     */
    public static Event syslog(String host, String app, String pid, String message) {
        final String head = "<34>1 - ";
        final String text = head + host + " " + app + " " + pid + " - - " + message;
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final Event e = new Event();
        try {
            e.resetForData(Listener.SYSLOG_UDP, InetAddress.getByName("192.0.2.7"), T0_MS, false, null);
        } catch (java.net.UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
        e.raw(bytes, 0, bytes.length);
        final SyslogFields s = e.syslog();
        s.format(SyslogFields.FORMAT_RFC5424);
        s.priority(34);
        s.version(1);
        int off = head.length();
        s.hostname(off, utf8Length(host));
        off += utf8Length(host) + 1;
        s.appName(off, utf8Length(app));
        off += utf8Length(app) + 1;
        s.procId(off, utf8Length(pid));
        off += utf8Length(pid) + 5;
        s.message(off, bytes.length - off);
        return e;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
