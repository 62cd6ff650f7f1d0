package io.watchfloor.server.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code journal seqcheck} found.
 *
 * @param count events whose number was extracted (repeats included)
 * @param unmatched events the pattern did not match
 * @param holes numbers missing strictly between the lowest and the highest received
 * @param duplicates extra copies: count minus distinct numbers
 * @param headLoss numbers missing below the lowest received, when the first expected number is given
 * @param tailLoss numbers missing above the highest received, when the last expected number is given
 * @param tornRecords unfinished records at the journal's end (a crash in the middle of an append), not counted above
 * @param acknowledged the check against the acknowledged numbers, when a file of them was given
 */
record SequenceReport(long count, long unmatched, Long min, Long max, long holes, List<long[]> holeRanges,
                      long duplicates, List<long[]> duplicated, Long headLoss, Long tailLoss, long tornRecords,
                      Acknowledged acknowledged) {
    /**
     * @param count numbers the sender was told were journaled
     * @param missing of those, how many the journal does not hold: must be 0
     * @param missingRanges the first missing ranges, inclusive
     */
    record Acknowledged(long count, long missing, List<long[]> missingRanges) {
    }

    /** @return true when nothing is missing or duplicated (and every acknowledged number is there) */
    boolean complete() {
        return holes == 0 && duplicates == 0 && (headLoss == null || headLoss == 0)
                && (tailLoss == null || tailLoss == 0) && (acknowledged == null || acknowledged.missing() == 0);
    }

    Map<String, Object> toMap() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("distinct", count - duplicates);
        m.put("unmatched", unmatched);
        m.put("min", min);
        m.put("max", max);
        final Map<String, Object> h = new LinkedHashMap<>();
        h.put("count", holes);
        h.put("ranges", holeRanges.stream().map(r -> List.of(r[0], r[1])).toList());
        m.put("holes", h);
        final Map<String, Object> d = new LinkedHashMap<>();
        d.put("count", duplicates);
        final List<Map<String, Object>> first = new ArrayList<>();
        for (long[] r : duplicated) {
            final Map<String, Object> one = new LinkedHashMap<>();
            one.put("number", r[0]);
            one.put("occurrences", r[1]);
            first.add(one);
        }
        d.put("first", first);
        m.put("duplicates", d);
        m.put("head_loss", headLoss);
        m.put("tail_loss", tailLoss);
        if (acknowledged != null) {
            final Map<String, Object> a = new LinkedHashMap<>();
            a.put("count", acknowledged.count());
            a.put("missing", acknowledged.missing());
            a.put("missing_ranges", acknowledged.missingRanges().stream().map(r -> List.of(r[0], r[1])).toList());
            m.put("acknowledged", a);
        }
        m.put("torn_records", tornRecords);
        m.put("complete", complete());
        return m;
    }
}
