package io.watchfloor.coverage;

import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.event.SyslogFields;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds ring events for tests: syslog slots with hand-set field offsets, JSON slots and ticks. */
public final class TestEvents {
    private TestEvents() {
    }

    /** @return an address literal (no DNS), or null for null */
    public static InetAddress ip(String literal) {
        if (literal == null) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /**
     * @param host HOSTNAME, or null for none
     * @param app APP-NAME, or null for none
     * @return a parsed RFC 5424 event {@code <13>1 TS HOST APP - - - hello} with offsets set by hand
     */
    public static Event syslog(String host, String app, String peer, long receivedAtMs) {
        final Event e = new Event();
        syslogInto(e, host, app, peer, receivedAtMs, Long.MIN_VALUE);
        return e;
    }

    /**
     * @return a syslog event from source {@code index} of {@code inventory} (HOSTNAME its id), attributed to it,
     *     marked replayed or live
     */
    public static Event attributedSyslog(Inventory inventory, int index, long receivedAtMs, boolean replay) {
        final Event e = syslog(inventory.source(index).id(), "app", "192.0.2.1", receivedAtMs);
        e.attribute(index, inventory.source(index).id());
        e.replay(replay);
        return e;
    }

    /** Fills a (possibly reused) slot; {@code eventTimeMs == Long.MIN_VALUE} means no TIMESTAMP. */
    public static Event syslogInto(Event e, String host, String app, String peer, long receivedAtMs, long eventTimeMs) {
        e.resetForData(Listener.SYSLOG_TCP, ip(peer), receivedAtMs, false, null);
        final String prefix = "<13>1 - ";
        final StringBuilder sb = new StringBuilder(prefix);
        final int hostOff = sb.length();
        sb.append(host == null ? "-" : host).append(' ');
        final int appOff = sb.length();
        sb.append(app == null ? "-" : app).append(" - - - ");
        final int msgOff = sb.length();
        sb.append("hello");
        final byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        e.raw(bytes, 0, bytes.length);
        final SyslogFields s = e.syslog();
        s.format(SyslogFields.FORMAT_RFC5424);
        s.priority(13);
        s.version(1);
        if (host != null) {
            s.hostname(hostOff, host.length());
        }
        if (app != null) {
            s.appName(appOff, app.length());
        }
        s.message(msgOff, 5);
        if (eventTimeMs != Long.MIN_VALUE) {
            s.timestamp(Math.floorDiv(eventTimeMs, 1000), (int) Math.floorMod(eventTimeMs, 1000) * 1_000_000, 3, 0, true);
        }
        return e;
    }

    /** @return a JSON (HTTP) event with the given flattened fields */
    public static Event json(Map<String, Object> fields, String peer, long receivedAtMs) {
        final Event e = new Event();
        e.resetForData(Listener.HTTP, ip(peer), receivedAtMs, false, null);
        final byte[] bytes = "{}".getBytes(StandardCharsets.UTF_8);
        e.raw(bytes, 0, bytes.length);
        e.json().putAll(fields);
        e.markJson();
        return e;
    }

    /**
     * @return bytes allocated by this thread while running {@code body} (HotSpot's per-thread counter); a few
     *     bytes of measurement noise are possible
     */
    public static long allocatedBytes(Runnable body) {
        final com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        final long id = Thread.currentThread().getId();
        final long before = mx.getThreadAllocatedBytes(id);
        body.run();
        return mx.getThreadAllocatedBytes(id) - before;
    }

    /** @return a TICK at {@code nowMs} */
    public static Event tick(long nowMs) {
        final Event e = new Event();
        e.resetForTick(nowMs);
        return e;
    }
}
