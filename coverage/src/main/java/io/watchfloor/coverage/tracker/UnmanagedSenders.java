package io.watchfloor.coverage.tracker;

import io.watchfloor.core.event.EcsFields;
import io.watchfloor.core.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Tracker thread only: the senders no inventory source claims, keyed by host name.
 *
 * <p>Bounded by {@link CoverageTrackerConfig#maxUnmanagedSenders()}; a repeat syslog sender is counted without
 * allocating.
 */
final class UnmanagedSenders {
    private final int maxSenders;
    private final LinkedHashMap<String, UnmanagedEntry> byHost;
    private UnmanagedEntry last;
    private long overflow;

    UnmanagedSenders(int maxSenders) {
        this.maxSenders = maxSenders;
        this.byHost = new LinkedHashMap<>(Math.min(1024, Math.max(16, maxSenders)));
    }

    /** Counts one event of an unmanaged sender, or in {@link #overflow()} when the bound is reached. */
    void onEvent(Event e, long receivedMs) {
        UnmanagedEntry u = last;
        if (u == null || !u.sameSender(e)) {
            final String host = EcsFields.hostName(e);
            final String key = host != null ? host : "";
            u = byHost.get(key);
            if (u == null) {
                if (byHost.size() >= maxSenders) {
                    overflow++;
                    return;
                }
                u = new UnmanagedEntry(key.isEmpty() ? null : host, EcsFields.peerString(e.peer()), receivedMs,
                        sample(e));
                byHost.put(key, u);
            }
            last = u;
        }
        u.events++;
        if (receivedMs > u.lastSeenMs) {
            u.lastSeenMs = receivedMs;
        }
        if (u.peer == null && e.peer() != null) {
            u.peer = EcsFields.peerString(e.peer());
        }
    }

    /** @return the start of the event's raw message, bounded; a new sender is rare, so this allocates */
    private static String sample(Event e) {
        final int length = Math.min(e.rawLength(), UnmanagedSender.MAX_SAMPLE_BYTES);
        if (e.raw() == null || length <= 0) {
            return null;
        }
        int end = length;
        // a cut through a multi-byte UTF-8 sequence would decode as U+FFFD: cut before it instead
        if (length < e.rawLength()) {
            while (end > 0 && (e.raw()[end] & 0xC0) == 0x80) {
                end--;
            }
        }
        return new String(e.raw(), 0, end, StandardCharsets.UTF_8);
    }

    /** @return events of senders past the bound */
    long overflow() {
        return overflow;
    }

    /** @return an immutable view of each sender kept, in first-seen order */
    List<UnmanagedSender> senders() {
        final List<UnmanagedSender> out = new ArrayList<>(byHost.size());
        for (UnmanagedEntry u : byHost.values()) {
            out.add(new UnmanagedSender(u.host, u.peer, u.events, u.firstSeenMs, u.lastSeenMs, u.sample));
        }
        return out;
    }
}
