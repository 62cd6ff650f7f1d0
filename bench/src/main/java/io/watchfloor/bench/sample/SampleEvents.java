package io.watchfloor.bench.sample;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.ingest.syslog.SyslogParser;

import java.nio.charset.StandardCharsets;

/** Ring slots filled with {@link SampleSyslogLines}, parsed by {@link SyslogParser}, as the parse stage leaves them. */
public final class SampleEvents {
    /** Receive time of every sample event: 2026-12-03T07:12:12Z. */
    public static final long RECEIVED_AT_MS = 1_796_281_932_000L;

    private SampleEvents() {
    }

    /**
     * @param count events to make
     * @param hosts declared hosts the events spread over (see {@link SampleInventory#of})
     * @param hitsEvery one event in this many raises a starter rule; 0 for none
     * @return parsed, unattributed syslog events received over TCP
     * @throws IllegalStateException when a sample line does not parse
     */
    public static Event[] parsedSyslog(int count, int hosts, int hitsEvery) {
        final String[] lines = SampleSyslogLines.lines(count, hosts, hitsEvery);
        final SyslogParser parser = new SyslogParser();
        final Event[] out = new Event[count];
        for (int i = 0; i < count; i++) {
            final int h = SampleSyslogLines.hostIndex(i, hosts);
            final Event e = new Event();
            e.resetForData(Listener.SYSLOG_TCP, h < 0 ? SampleInventory.strayPeer(i) : SampleInventory.peer(h),
                    RECEIVED_AT_MS, false, null);
            final byte[] b = lines[i].getBytes(StandardCharsets.UTF_8);
            e.raw(b, 0, b.length);
            parser.parse(e);
            if (e.parseError()) {
                throw new IllegalStateException("sample line does not parse: " + lines[i]);
            }
            out[i] = e;
        }
        return out;
    }
}
