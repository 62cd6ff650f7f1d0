package io.watchfloor.coverage.tracker;

import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.SourceChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every transition as text: {@code opened a@60000}, {@code closed a@60000 130000 replay},
 * {@code expired x1 a@60000}, {@code retire a}, {@code retired-active a 130000}; every gap transition as the record
 * itself; and every live record as the server journals it.
 */
final class RecordingGapListener implements GapListener {
    final List<String> calls = new ArrayList<>();
    /** Every opened and closed gap record, replayed or live, in order. */
    final List<Gap> gaps = new ArrayList<>();
    /** The coverage-journal records of the live calls, in order, as the server writes them. */
    final List<String> journal = new ArrayList<>();

    @Override
    public void gapOpened(Gap gap, boolean replay) {
        calls.add("opened " + gap.id() + (replay ? " replay" : ""));
        gaps.add(gap);
        journal(gap.toJournalJson(), replay);
    }

    @Override
    public void gapClosed(Gap gap, boolean replay) {
        calls.add("closed " + gap.id() + " " + gap.closedAtMs() + (replay ? " replay" : ""));
        gaps.add(gap);
        journal(gap.toJournalJson(), replay);
    }

    @Override
    public void exceptionExpired(ExceptionExpiry expiry, boolean replay) {
        calls.add("expired " + expiry.exceptionId() + " " + expiry.gapId() + (replay ? " replay" : ""));
        journal(expiry.toJournalJson(), replay);
    }

    @Override
    public void sourceChanged(SourceChange change, Inventory inventory, boolean replay) {
        calls.add(change.action().id() + " " + change.sourceId() + (replay ? " replay" : ""));
        journal(change.toJournalJson(), replay);
    }

    @Override
    public void retiredSourceActive(RetiredSourceActivity activity, boolean replay) {
        calls.add("retired-active " + activity.sourceId() + " " + activity.activeSinceMs() + (replay ? " replay" : ""));
        journal(activity.toJournalJson(), replay);
    }

    private void journal(String record, boolean replay) {
        if (!replay) {
            journal.add(record);
        }
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
