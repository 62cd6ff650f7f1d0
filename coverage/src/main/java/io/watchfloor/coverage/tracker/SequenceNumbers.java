package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.core.event.Event;
import java.util.Arrays;

/**
 * Tracker thread only: the sequence numbers of every source that declares a {@code sequence_field}, and the
 * numbers they skipped ({@link FindingKind#SEQUENCE_GAP}, a finding, not a gap).
 *
 * <p>A number above the last one plus one is a hole of the numbers between, unless the monitor was down between the
 * two receives (then the loss is the monitor's, not the source's) or the jump is larger than {@link #MAX_HOLE} (a
 * new counter, not a loss). A number at most {@link #REORDER_TOLERANCE} below the last is a late or repeated event
 * and changes nothing; one further below is a sender restart (a counter going back to a low value, or wrapping) and
 * becomes the new baseline without counting a hole. A missing or non-numeric field is ignored. {@link #onEvent} is
 * O(1) and allocation-free.
 */
final class SequenceNumbers {
    /** How far below the last number an event may be and still count as merely late. */
    static final long REORDER_TOLERANCE = 64;
    /** Largest jump counted as a hole; a larger one is a new counter. */
    static final long MAX_HOLE = 1_000_000;
    private static final long NONE = -1;

    private final MonitorDowntime downtime;
    /** Slot of each source, or -1 when it declares no sequence field. */
    private int[] slotOf;
    private FieldReader[] readers;
    /** The field each slot reads, to tell a changed field from the same one. */
    private String[] fields;
    private long[] last;
    private long[] lastAtMs;
    private long[] missing;
    private long[] holes;
    private long[] lastHoleAtMs;
    private int slots;

    SequenceNumbers(Inventory inventory, MonitorDowntime downtime) {
        this.downtime = downtime;
        final int n = inventory.size();
        slotOf = new int[n];
        for (int i = 0; i < n; i++) {
            slotOf[i] = inventory.source(i).content().sequenceField() == null ? -1 : slots++;
        }
        readers = new FieldReader[slots];
        fields = new String[slots];
        for (int i = 0; i < n; i++) {
            if (slotOf[i] >= 0) {
                fields[slotOf[i]] = inventory.source(i).content().sequenceField();
                readers[slotOf[i]] = new FieldReader(fields[slotOf[i]]);
            }
        }
        last = new long[slots];
        lastAtMs = new long[last.length];
        missing = new long[last.length];
        holes = new long[last.length];
        lastHoleAtMs = new long[last.length];
        Arrays.fill(last, NONE);
    }

    /**
     * Takes source {@code s}, added or changed by a lifecycle change: a new sequence field starts a fresh slot (no
     * baseline, no holes), none drops it, the same field keeps its counts. Rare: may grow the arrays.
     */
    void put(Source s) {
        final int i = s.index();
        if (i >= slotOf.length) {
            final int before = slotOf.length;
            slotOf = Arrays.copyOf(slotOf, Math.max(i + 1, before * 2));
            Arrays.fill(slotOf, before, slotOf.length, -1);
        }
        final String field = s.content().sequenceField();
        if (field == null) {
            slotOf[i] = -1;
        } else if (slotOf[i] < 0 || !fields[slotOf[i]].equals(field)) {
            slotOf[i] = newSlot(field);
        }
    }

    private int newSlot(String field) {
        final int s = slots++;
        if (s == readers.length) {
            final int capacity = Math.max(1, s * 2);
            readers = Arrays.copyOf(readers, capacity);
            fields = Arrays.copyOf(fields, capacity);
            last = Arrays.copyOf(last, capacity);
            lastAtMs = Arrays.copyOf(lastAtMs, capacity);
            missing = Arrays.copyOf(missing, capacity);
            holes = Arrays.copyOf(holes, capacity);
            lastHoleAtMs = Arrays.copyOf(lastHoleAtMs, capacity);
        }
        readers[s] = new FieldReader(field);
        fields[s] = field;
        last[s] = NONE;
        return s;
    }

    /** Reads the sequence number of one event of source {@code i}, live or replayed. */
    void onEvent(int source, Event e, long receivedMs) {
        final int i = slotOf[source];
        if (i < 0 || !readers[i].read(e)) {
            return;
        }
        final FieldReader r = readers[i];
        final long n = r.asLong();
        if (n < 0) {
            return;
        }
        final long previous = last[i];
        if (previous != NONE && n <= previous && previous - n <= REORDER_TOLERANCE) {
            return;
        }
        if (previous != NONE && n > previous + 1 && n - previous - 1 <= MAX_HOLE
                && !downtime.downWithin(lastAtMs[i], receivedMs)) {
            missing[i] += n - previous - 1;
            holes[i]++;
            lastHoleAtMs[i] = receivedMs;
        }
        last[i] = n;
        lastAtMs[i] = receivedMs;
    }

    /** @return source {@code i}'s SEQUENCE_GAP finding, or null when it skipped no number; allocates */
    SourceFinding finding(int source) {
        final int i = slotOf[source];
        if (i < 0 || holes[i] == 0) {
            return null;
        }
        return new SourceFinding(FindingKind.SEQUENCE_GAP, missing[i], lastHoleAtMs[i], holes[i]);
    }
}
