package io.watchfloor.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The numbers a sender sends, as sorted, disjoint half-open ranges {@code [from, to)}, addressed by position
 * {@code 0 .. size() - 1}: a plain slice of the run, or (for a resend after a crash) what was not acknowledged.
 * Immutable.
 */
final class SeqRanges {
    private final long[] from;
    private final long[] to;
    /** Position of each range's first number; {@code starts[n]} is the size. */
    private final long[] starts;

    private SeqRanges(List<long[]> ranges) {
        final int n = ranges.size();
        this.from = new long[n];
        this.to = new long[n];
        this.starts = new long[n + 1];
        for (int i = 0; i < n; i++) {
            from[i] = ranges.get(i)[0];
            to[i] = ranges.get(i)[1];
            starts[i + 1] = starts[i] + to[i] - from[i];
        }
    }

    /** @return the numbers {@code from .. to - 1} */
    static SeqRanges of(long from, long to) {
        if (to < from) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") (expected: from <= to)");
        }
        return new SeqRanges(from == to ? List.of() : List.<long[]>of(new long[] {from, to}));
    }

    /** @return the numbers of {@code [first, first + count)} that {@code acked} does not hold */
    static SeqRanges unacknowledged(long first, long count, AckedRanges acked) {
        final List<long[]> out = new ArrayList<>();
        long next = first;
        final long end = first + count;
        for (long[] r : acked.ranges()) {
            if (r[1] < next) {
                continue;
            }
            if (r[0] >= end) {
                break;
            }
            if (r[0] > next) {
                out.add(new long[] {next, r[0]});
            }
            next = Math.max(next, r[1] + 1);
        }
        if (next < end) {
            out.add(new long[] {next, end});
        }
        return new SeqRanges(out);
    }

    /** @return how many numbers */
    long size() {
        return starts[starts.length - 1];
    }

    /** @return the number at {@code position} */
    long seqAt(long position) {
        final int r = rangeOf(position);
        return from[r] + position - starts[r];
    }

    /** @return the index of the range holding {@code position} (binary search) */
    private int rangeOf(long position) {
        if (position < 0 || position >= size()) {
            throw new IndexOutOfBoundsException("position " + position + " (expected: 0.." + (size() - 1) + ")");
        }
        int lo = 0;
        int hi = from.length - 1;
        while (lo < hi) {
            final int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= position) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** @return the numbers at positions {@code [fromPosition, toPosition)} */
    SeqRanges slice(long fromPosition, long toPosition) {
        final List<long[]> out = new ArrayList<>();
        for (int r = 0; r < from.length; r++) {
            final long lo = Math.max(fromPosition, starts[r]);
            final long hi = Math.min(toPosition, starts[r + 1]);
            if (lo < hi) {
                out.add(new long[] {from[r] + lo - starts[r], from[r] + hi - starts[r]});
            }
        }
        return new SeqRanges(out);
    }

    /** @return {@code parts} contiguous slices of near-equal size (the first ones one larger), covering everything */
    List<SeqRanges> split(int parts) {
        final List<SeqRanges> out = new ArrayList<>(parts);
        final long size = size();
        for (int p = 0; p < parts; p++) {
            out.add(slice(size / parts * p + Math.min(p, size % parts),
                    size / parts * (p + 1) + Math.min(p + 1, size % parts)));
        }
        return out;
    }

    /**
     * Calls {@code run} with each run of consecutive numbers at positions {@code [fromPosition, toPosition)}: its
     * first and last number, inclusive.
     */
    void forEachRun(long fromPosition, long toPosition, RunVisitor run) {
        for (int r = 0; r < from.length; r++) {
            final long lo = Math.max(fromPosition, starts[r]);
            final long hi = Math.min(toPosition, starts[r + 1]);
            if (lo < hi) {
                run.visit(from[r] + lo - starts[r], from[r] + hi - starts[r] - 1);
            }
        }
    }

    /** Receives inclusive runs of numbers. */
    @FunctionalInterface
    interface RunVisitor {
        void visit(long first, long last);
    }
}
