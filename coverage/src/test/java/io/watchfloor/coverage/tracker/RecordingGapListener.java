package io.watchfloor.coverage.tracker;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every transition as text: {@code opened a@60000}, {@code closed a@60000 130000 replay},
 * {@code expired x1 a@60000}; and every gap transition as the record itself, as a journal would.
 */
final class RecordingGapListener implements GapListener {
    final List<String> calls = new ArrayList<>();
    /** Every opened and closed gap record, replayed or live, in order. */
    final List<Gap> gaps = new ArrayList<>();

    @Override
    public void gapOpened(Gap gap, boolean replay) {
        calls.add("opened " + gap.id() + (replay ? " replay" : ""));
        gaps.add(gap);
    }

    @Override
    public void gapClosed(Gap gap, boolean replay) {
        calls.add("closed " + gap.id() + " " + gap.closedAtMs() + (replay ? " replay" : ""));
        gaps.add(gap);
    }

    @Override
    public void exceptionExpired(ExceptionExpiry expiry, boolean replay) {
        calls.add("expired " + expiry.exceptionId() + " " + expiry.gapId() + (replay ? " replay" : ""));
    }

    List<String> live() {
        final List<String> out = new ArrayList<>();
        for (String c : calls) {
            if (!c.endsWith(" replay")) {
                out.add(c);
            }
        }
        return out;
    }
}
