package io.watchfloor.server.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects extracted numbers (unordered, repeats allowed) and analyses them once at the end. Single-threaded. */
final class SequenceTally {
    private long[] numbers = new long[1024];
    private int size;
    private long unmatched;

    /** @param digits the matched group, or null when the pattern did not match */
    void add(String digits) {
        if (digits == null) {
            unmatched++;
            return;
        }
        final long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            unmatched++;
            return;
        }
        if (size == numbers.length) {
            numbers = Arrays.copyOf(numbers, numbers.length * 2);
        }
        numbers[size++] = n;
    }

    /**
     * @param acknowledged numbers that must be there, or null
     * @param tornRecords what the journal reported torn at its end
     */
    SequenceReport report(Long expectFirst, Long expectLast, int show, AcknowledgedRanges acknowledged,
                          long tornRecords) {
        final long[] sorted = Arrays.copyOf(numbers, size);
        Arrays.sort(sorted);
        long holes = 0;
        long duplicates = 0;
        final List<long[]> holeRanges = new ArrayList<>();
        final List<long[]> duplicated = new ArrayList<>();
        for (int i = 1; i < sorted.length; i++) {
            final long prev = sorted[i - 1];
            final long cur = sorted[i];
            if (cur == prev) {
                duplicates++;
                // one entry per duplicated number, with its total occurrences
                if (i == 1 || sorted[i - 2] != cur) {
                    if (duplicated.size() < show) {
                        duplicated.add(new long[] {cur, 2});
                    }
                } else if (!duplicated.isEmpty() && duplicated.get(duplicated.size() - 1)[0] == cur) {
                    duplicated.get(duplicated.size() - 1)[1]++;
                }
            } else if (cur > prev + 1) {
                holes += cur - prev - 1;
                if (holeRanges.size() < show) {
                    holeRanges.add(new long[] {prev + 1, cur - 1});
                }
            }
        }
        final boolean any = sorted.length > 0;
        final long min = any ? sorted[0] : 0;
        final long max = any ? sorted[sorted.length - 1] : 0;
        long headLoss = 0;
        if (expectFirst != null) {
            headLoss = any ? Math.max(0, min - expectFirst) : 0;
        }
        long tailLoss = 0;
        if (expectLast != null) {
            tailLoss = any ? Math.max(0, expectLast - max) : 0;
        }
        if (!any && expectFirst != null && expectLast != null) {
            tailLoss = Math.max(0, expectLast - expectFirst + 1);
        }
        SequenceReport.Acknowledged acked = null;
        if (acknowledged != null) {
            final List<long[]> missingRanges = new ArrayList<>();
            final long missing = missing(sorted, acknowledged, show, missingRanges);
            acked = new SequenceReport.Acknowledged(acknowledged.count(), missing, missingRanges);
        }
        return new SequenceReport(sorted.length, unmatched, any ? min : null, any ? max : null, holes, holeRanges,
                duplicates, duplicated, expectFirst == null ? null : headLoss,
                expectLast == null ? null : tailLoss, tornRecords, acked);
    }

    /** @return acknowledged numbers absent from {@code sorted}; the first {@code show} gaps go to {@code ranges} */
    private static long missing(long[] sorted, AcknowledgedRanges acknowledged, int show, List<long[]> ranges) {
        long missing = 0;
        for (long[] r : acknowledged.ranges()) {
            int i = lowerBound(sorted, r[0]);
            long next = r[0];
            for (; i < sorted.length && sorted[i] <= r[1]; i++) {
                final long v = sorted[i];
                if (v > next) {
                    missing += v - next;
                    if (ranges.size() < show) {
                        ranges.add(new long[] {next, v - 1});
                    }
                }
                next = Math.max(next, v + 1);
            }
            if (next <= r[1]) {
                missing += r[1] - next + 1;
                if (ranges.size() < show) {
                    ranges.add(new long[] {next, r[1]});
                }
            }
        }
        return missing;
    }

    private static int lowerBound(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
