package io.watchfloor.server.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The numbers a sender knows were acknowledged (HTTP 200 after the journal append), as inclusive ranges: the file
 * the load generator's {@code --acked-out} writes, one {@code FIRST LAST} pair per line, {@code #} comments and blank
 * lines ignored. Ranges come back sorted and merged. Immutable.
 */
final class AcknowledgedRanges {
    /** Most ranges a file may hold. */
    static final int MAX_RANGES = 10_000_000;

    private final long[][] ranges;

    private AcknowledgedRanges(long[][] ranges) {
        this.ranges = ranges;
    }

    /**
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the line that is not {@code FIRST LAST} with {@code 0 <= FIRST <= LAST}
     */
    static AcknowledgedRanges read(Path file) throws IOException {
        final List<long[]> ranges = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            final String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            final String[] f = t.split("\\s+");
            final long first;
            final long last;
            try {
                if (f.length != 2) {
                    throw new NumberFormatException();
                }
                first = Long.parseLong(f[0]);
                last = Long.parseLong(f[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": \"" + t
                        + "\" (expected: FIRST LAST, two decimal numbers)");
            }
            if (first < 0 || last < first) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": \"" + t
                        + "\" (expected: 0 <= FIRST <= LAST)");
            }
            if (ranges.size() == MAX_RANGES) {
                throw new IllegalArgumentException(file + ": more than " + MAX_RANGES + " ranges");
            }
            ranges.add(new long[] {first, last});
        }
        return of(ranges);
    }

    /** @param ranges inclusive {@code {first, last}} pairs, in any order, overlapping or not */
    static AcknowledgedRanges of(List<long[]> ranges) {
        final long[][] sorted = ranges.toArray(new long[0][]);
        Arrays.sort(sorted, Comparator.comparingLong(r -> r[0]));
        final List<long[]> merged = new ArrayList<>();
        for (long[] r : sorted) {
            final long[] prev = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (prev != null && r[0] <= prev[1] + 1) {
                prev[1] = Math.max(prev[1], r[1]);
            } else {
                merged.add(new long[] {r[0], r[1]});
            }
        }
        return new AcknowledgedRanges(merged.toArray(new long[0][]));
    }

    /** @return the merged ranges, sorted; do not modify */
    long[][] ranges() {
        return ranges;
    }

    /** @return how many numbers the ranges hold */
    long count() {
        long n = 0;
        for (long[] r : ranges) {
            n += r[1] - r[0] + 1;
        }
        return n;
    }
}
