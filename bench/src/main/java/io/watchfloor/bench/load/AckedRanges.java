package io.watchfloor.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers Watchfloor acknowledged (HTTP 200, or the accepted lines of a 503: answered after the journal
 * append), merged into inclusive ranges as the answers arrive, and written as the file {@code journal seqcheck
 * --acknowledged} reads: one {@code FIRST LAST} pair per line. Thread-safe: every HTTP sender adds to one instance.
 */
final class AckedRanges {
    /** First number → last number of each range, inclusive; ranges never touch or overlap. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long count;

    /** Adds the numbers {@code first .. last} (inclusive). */
    synchronized void add(long first, long last) {
        long lo = first;
        long hi = last;
        final Map.Entry<Long, Long> before = ranges.floorEntry(lo);
        if (before != null && before.getValue() >= lo - 1) {
            lo = before.getKey();
            hi = Math.max(hi, before.getValue());
            count -= before.getValue() - before.getKey() + 1;
            ranges.remove(before.getKey());
        }
        Map.Entry<Long, Long> after = ranges.ceilingEntry(lo);
        while (after != null && after.getKey() <= hi + 1) {
            hi = Math.max(hi, after.getValue());
            count -= after.getValue() - after.getKey() + 1;
            ranges.remove(after.getKey());
            after = ranges.ceilingEntry(lo);
        }
        ranges.put(lo, hi);
        count += hi - lo + 1;
    }

    /** @return how many numbers were acknowledged */
    synchronized long count() {
        return count;
    }

    /** @return the ranges as inclusive {@code {first, last}} pairs, sorted */
    synchronized List<long[]> ranges() {
        final List<long[]> out = new ArrayList<>(ranges.size());
        ranges.forEach((lo, hi) -> out.add(new long[] {lo, hi}));
        return out;
    }

    /** Writes the ranges, one {@code FIRST LAST} line each, after a comment line. */
    void write(Path file) throws IOException {
        final StringBuilder b = new StringBuilder("# numbers acknowledged by Watchfloor, inclusive: FIRST LAST\n");
        for (long[] r : ranges()) {
            b.append(r[0]).append(' ').append(r[1]).append('\n');
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }
}
