package io.watchfloor.coverage.tracker;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every transition as text: {@code opened a@60000}, {@code closed a@60000 130000 replay},
 * {@code expired x1 a@60000}.
 */
final class RecordingGapListener implements GapListener {
    final List<String> calls = new ArrayList<>();

    @Override
    public void gapOpened(Gap gap, boolean replay) {
        calls.add("opened " + gap.id() + (replay ? " replay" : ""));
    }

    @Override
    public void gapClosed(Gap gap, boolean replay) {
        calls.add("closed " + gap.id() + " " + gap.closedAtMs() + (replay ? " replay" : ""));
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
