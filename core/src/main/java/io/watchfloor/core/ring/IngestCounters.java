package io.watchfloor.core.ring;

import io.watchfloor.core.event.Listener;

import java.util.concurrent.atomic.LongAdder;

/**
 * Per-listener event accounting. When the ring is idle, for every listener
 * {@code received == journaled + rejected + dropped} holds exactly.
 *
 * <ul>
 *   <li>received: frames (syslog) or lines (HTTP) the listener read, counted by the listener;</li>
 *   <li>rejected: refused before the ring (malformed HTTP line, ring full for HTTP), by the listener;</li>
 *   <li>dropped: lost on purpose because UDP cannot push back, by the listener;</li>
 *   <li>journaled: appended to the journal, by the journal stage;</li>
 *   <li>parse_errors / truncated: journaled events that parsed as neither format / were cut.</li>
 * </ul>
 * Thread-safe.
 */
public final class IngestCounters {
    private static final int N = Listener.values().length;

    private final LongAdder[] received = adders();
    private final LongAdder[] rejected = adders();
    private final LongAdder[] dropped = adders();
    private final LongAdder[] journaled = adders();
    private final LongAdder[] parseErrors = adders();
    private final LongAdder[] truncated = adders();
    private final LongAdder journalFailures = new LongAdder();

    private static LongAdder[] adders() {
        final LongAdder[] a = new LongAdder[N];
        for (int i = 0; i < N; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    public void addReceived(Listener l, long n) { received[l.ordinal()].add(n); }
    public void addRejected(Listener l, long n) { rejected[l.ordinal()].add(n); }
    public void addDropped(Listener l, long n) { dropped[l.ordinal()].add(n); }
    public void addJournaled(Listener l) { journaled[l.ordinal()].increment(); }
    public void addParseError(Listener l) { parseErrors[l.ordinal()].increment(); }
    public void addTruncated(Listener l) { truncated[l.ordinal()].increment(); }
    public void addJournalFailure() { journalFailures.increment(); }

    public long received(Listener l) { return received[l.ordinal()].sum(); }
    public long rejected(Listener l) { return rejected[l.ordinal()].sum(); }
    public long dropped(Listener l) { return dropped[l.ordinal()].sum(); }
    public long journaled(Listener l) { return journaled[l.ordinal()].sum(); }
    public long parseErrors(Listener l) { return parseErrors[l.ordinal()].sum(); }
    public long truncated(Listener l) { return truncated[l.ordinal()].sum(); }
    public long journalFailures() { return journalFailures.sum(); }
}
