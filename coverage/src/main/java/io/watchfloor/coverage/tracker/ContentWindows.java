package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.DegradedPolicy;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.RequiredField;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.core.event.Event;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracker thread only: the content completeness of every source that declares {@code required} values or a
 * {@code max_parse_failure_rate}, and the {@code degraded} gap it opens.
 *
 * <p>Per window (aligned on UTC midnight, closed by the next event or tick past its end, replayed events too): which
 * required values were seen, how many events came and how many failed to parse. A closed window without events
 * says nothing about content (silence is judged elsewhere) and neither does one {@link WindowSkips} skips. Otherwise
 * each required value missing from it extends that value's streak; the source is degraded while some value's streak
 * reaches {@code consecutive} or the window's parse-failure rate passes the limit (with at least
 * {@link DegradedPolicy#PARSE_FAILURE_MIN_EVENTS} events). Values declared {@code learn} are those seen in at least
 * three windows in four of the first {@code learn_windows} judged windows (at most {@link DegradedPolicy#MAX_VALUES}).
 * Transitions happen on live ticks only: the gap opens at the start of the earliest streak (or of the window with
 * too many failures) and closes at the start of the next window that is neither. {@link #onEvent} allocates nothing
 * except when learning meets a value it has not seen.
 */
final class ContentWindows {
    private static final Logger LOG = LoggerFactory.getLogger(CoverageTracker.class);
    private static final long NONE = -1;
    /** Share of the warm-up windows a learned value must be seen in: three in four. */
    static final int LEARN_SHARE_NUMERATOR = 3;
    static final int LEARN_SHARE_DENOMINATOR = 4;

    private Inventory inventory;
    private final GapLedger ledger;
    private final WindowSkips skips;
    private Slot[] slots;

    /** One source's content state; created at start-up for the sources that declare a content policy. */
    private static final class Slot {
        final DegradedPolicy policy;
        final long windowMs;
        final int consecutive;
        final double maxParseFailureRate;
        final int learnWindows;
        final FieldReader[] readers;
        final boolean[] learnField;
        final RequiredValue[] values = new RequiredValue[DegradedPolicy.MAX_VALUES];
        final int[] missingStreak = new int[DegradedPolicy.MAX_VALUES];
        final long[] missingSinceMs = new long[DegradedPolicy.MAX_VALUES];
        int valueCount;
        boolean learning;
        int learnedWindows;
        final RequiredValue[] candidates = new RequiredValue[DegradedPolicy.MAX_VALUES];
        final int[] candidateWindows = new int[DegradedPolicy.MAX_VALUES];
        int candidateCount;

        long windowStartMs = NONE;
        boolean partial;
        long events;
        long failures;
        long present;
        long candidatesPresent;

        boolean degraded;
        long degradedSinceMs;
        GapReason reason;
        GapDetail detail;
        long goodAtMs = NONE;

        Slot(DegradedPolicy p) {
            policy = p;
            windowMs = p.windowMs();
            consecutive = p.consecutive();
            maxParseFailureRate = p.maxParseFailureRate();
            learnWindows = p.learnWindows();
            final List<RequiredField> fields = p.required();
            readers = new FieldReader[fields.size()];
            learnField = new boolean[fields.size()];
            for (int f = 0; f < fields.size(); f++) {
                readers[f] = new FieldReader(fields.get(f).field());
                learnField[f] = fields.get(f).learn();
                learning |= fields.get(f).learn();
                for (String v : fields.get(f).values()) {
                    values[valueCount++] = RequiredValue.of(f, v);
                }
            }
        }
    }

    ContentWindows(Inventory inventory, GapLedger ledger, WindowSkips skips) {
        this.inventory = inventory;
        this.ledger = ledger;
        this.skips = skips;
        slots = new Slot[inventory.size()];
        for (int i = 0; i < slots.length; i++) {
            final DegradedPolicy p = inventory.source(i).content().degraded();
            slots[i] = p.enabled() ? new Slot(p) : null;
        }
    }

    /**
     * Takes source {@code s} of {@code next}, added or changed by a lifecycle change: a new content policy starts a
     * fresh slot (learning again if it learns), none drops it (an open {@code degraded} gap then closes on the next
     * tick), the same policy keeps its state. Rare: may grow the array.
     */
    void put(Inventory next, Source s) {
        inventory = next;
        final int i = s.index();
        if (i >= slots.length) {
            slots = java.util.Arrays.copyOf(slots, Math.max(i + 1, slots.length * 2));
        }
        final DegradedPolicy p = s.content().degraded();
        if (!p.enabled()) {
            slots[i] = null;
        } else if (slots[i] == null || !slots[i].policy.equals(p)) {
            slots[i] = new Slot(p);
        }
    }

    /** @return true when source {@code i} declares a content policy */
    boolean tracks(int i) {
        return slots[i] != null;
    }

    /** Records one event of source {@code i}, live or replayed. */
    void onEvent(int i, Event e, long receivedMs) {
        final Slot s = slots[i];
        if (s == null) {
            return;
        }
        if (s.windowStartMs == NONE) {
            s.windowStartMs = Math.floorDiv(receivedMs, s.windowMs) * s.windowMs;
            s.partial = true;
        } else if (receivedMs >= s.windowStartMs + s.windowMs) {
            roll(i, s, receivedMs);
        }
        s.events++;
        if (e.parseError()) {
            s.failures++;
            return;
        }
        final FieldReader[] readers = s.readers;
        for (int f = 0; f < readers.length; f++) {
            if (readers[f].read(e)) {
                markPresent(s, f, readers[f]);
                if (s.learning && s.learnField[f]) {
                    markCandidate(s, f, readers[f]);
                }
            }
        }
    }

    private static void markPresent(Slot s, int f, FieldReader r) {
        for (int v = 0; v < s.valueCount; v++) {
            if (s.values[v].field() == f && (s.present & (1L << v)) == 0 && r.matches(s.values[v])) {
                s.present |= 1L << v;
                return;
            }
        }
    }

    private static void markCandidate(Slot s, int f, FieldReader r) {
        for (int c = 0; c < s.candidateCount; c++) {
            if (s.candidates[c].field() == f && r.matches(s.candidates[c])) {
                s.candidatesPresent |= 1L << c;
                return;
            }
        }
        if (s.candidateCount < s.candidates.length) {
            final int c = s.candidateCount++;
            s.candidates[c] = RequiredValue.of(f, r.text());
            s.candidatesPresent |= 1L << c;
        }
    }

    /** Live tick: closes the windows of source {@code i} that ended by {@code nowMs}, then opens or closes its gap. */
    void tick(int i, long nowMs) {
        final Slot s = slots[i];
        if (s == null) {
            return;
        }
        if (s.windowStartMs != NONE && nowMs >= s.windowStartMs + s.windowMs) {
            roll(i, s, nowMs);
        }
        final Gap open = ledger.openOf(i, GapType.DEGRADED);
        // a window with a value missing fewer than consecutive times is good too, but may lie inside the gap
        if (open != null && !s.degraded && s.goodAtMs != NONE && s.goodAtMs >= open.openedAtMs()) {
            ledger.closeOf(i, GapType.DEGRADED, s.goodAtMs, nowMs);
        }
        if (ledger.openOf(i, GapType.DEGRADED) == null && s.degraded) {
            ledger.open(i, GapType.DEGRADED, s.degradedSinceMs, s.reason, s.detail, nowMs);
        }
    }

    /** Closes the window of {@code s} and starts the one holding {@code atMs}; empty windows between say nothing. */
    private void roll(int i, Slot s, long atMs) {
        judge(i, s);
        s.windowStartMs = Math.floorDiv(atMs, s.windowMs) * s.windowMs;
        s.events = 0;
        s.failures = 0;
        s.present = 0;
        s.candidatesPresent = 0;
    }

    private void judge(int i, Slot s) {
        final long start = s.windowStartMs;
        if (s.partial) {
            s.partial = false;
            return;
        }
        if (s.events == 0 || skips.skip(i, start, start + s.windowMs)) {
            return;
        }
        final Gap open = ledger.openOf(i, GapType.DEGRADED);
        if (s.learning && (open == null || open.openedAtMs() > start)) {
            learn(i, s);
        }
        boolean missing = false;
        for (int v = 0; v < s.valueCount; v++) {
            if ((s.present & (1L << v)) != 0) {
                s.missingStreak[v] = 0;
            } else {
                if (s.missingStreak[v]++ == 0) {
                    s.missingSinceMs[v] = start;
                }
                missing |= s.missingStreak[v] >= s.consecutive;
            }
        }
        final double rate = s.events >= DegradedPolicy.PARSE_FAILURE_MIN_EVENTS
                ? (double) s.failures / s.events : -1;
        final boolean failing = s.maxParseFailureRate > 0 && rate > s.maxParseFailureRate;
        if (!missing && !failing) {
            s.degraded = false;
            s.goodAtMs = start;
        } else if (!s.degraded) {
            becameDegraded(s, start, failing ? rate : -1);
        }
    }

    /** Rare: names what is missing, for the gap's detail. */
    private static void becameDegraded(Slot s, long start, double rate) {
        final List<String> missing = new ArrayList<>();
        long since = rate >= 0 ? start : Long.MAX_VALUE;
        for (int v = 0; v < s.valueCount; v++) {
            if (s.missingStreak[v] >= s.consecutive) {
                final RequiredValue value = s.values[v];
                missing.add(s.readers.length > 1 ? s.readers[value.field()].name() + "=" + value.text() : value.text());
                since = Math.min(since, s.missingSinceMs[v]);
            }
        }
        s.degraded = true;
        s.degradedSinceMs = since;
        s.reason = missing.isEmpty() ? GapReason.PARSE_FAILURES : GapReason.REQUIRED_MISSING;
        s.detail = GapDetail.degraded(missing, rate);
    }

    private void learn(int i, Slot s) {
        s.learnedWindows++;
        for (int c = 0; c < s.candidateCount; c++) {
            if ((s.candidatesPresent & (1L << c)) != 0) {
                s.candidateWindows[c]++;
            }
        }
        if (s.learnedWindows < s.learnWindows) {
            return;
        }
        s.learning = false;
        final List<String> learned = new ArrayList<>();
        for (int c = 0; c < s.candidateCount && s.valueCount < s.values.length; c++) {
            if (s.candidateWindows[c] * LEARN_SHARE_DENOMINATOR >= s.learnedWindows * LEARN_SHARE_NUMERATOR) {
                s.values[s.valueCount++] = s.candidates[c];
                learned.add(s.candidates[c].text());
            }
        }
        LOG.info("Coverage required values learned. source={} windows={} values={}", inventory.source(i).id(),
                s.learnedWindows, learned);
    }

    /** @return source {@code i}'s required values (declared and learned so far), or an empty list; allocates */
    List<String> requiredValues(int i) {
        final Slot s = slots[i];
        final List<String> out = new ArrayList<>();
        if (s != null) {
            for (int v = 0; v < s.valueCount; v++) {
                out.add(s.readers.length > 1 ? s.readers[s.values[v].field()].name() + "=" + s.values[v].text()
                        : s.values[v].text());
            }
        }
        return out;
    }

    /** @return when source {@code i}'s current window ends (a tick then closes it), or -1 when none is open */
    long windowEndMs(int i) {
        final Slot s = slots[i];
        return s == null || s.windowStartMs == NONE ? NONE : s.windowStartMs + s.windowMs;
    }

    /** @return true while source {@code i} still learns its required values */
    boolean learning(int i) {
        return slots[i] != null && slots[i].learning;
    }
}
