package io.watchfloor.coverage.tracker;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.SyslogFields;
import java.nio.charset.StandardCharsets;

/** The mutable counters of one unmanaged sender; owned by the tracker's thread. */
final class UnmanagedEntry {
    final String host;
    /** UTF-8 of {@link #host}, so a repeat syslog sender is recognized on raw bytes without a String. */
    private final byte[] hostUtf8;
    String peer;
    long events;
    final long firstSeenMs;
    long lastSeenMs;
    /** The first message, bounded to {@link UnmanagedSender#MAX_SAMPLE_BYTES}, or null. */
    final String sample;

    UnmanagedEntry(String host, String peer, long firstSeenMs, String sample) {
        this.host = host;
        this.sample = sample;
        this.hostUtf8 = host == null ? null : host.getBytes(StandardCharsets.UTF_8);
        this.peer = peer;
        this.firstSeenMs = firstSeenMs;
        this.lastSeenMs = firstSeenMs;
    }

    /** @return true when a syslog event carries exactly this entry's HOSTNAME (checked on raw bytes) */
    boolean sameSender(Event e) {
        if (e.isJson() || hostUtf8 == null) {
            return false;
        }
        final SyslogFields s = e.syslog();
        final int off = s.hostnameOffset();
        final int len = s.hostnameLength();
        if (off < 0 || len != hostUtf8.length) {
            return false;
        }
        final byte[] raw = e.raw();
        for (int k = 0; k < len; k++) {
            if (raw[off + k] != hostUtf8[k]) {
                return false;
            }
        }
        return true;
    }
}
