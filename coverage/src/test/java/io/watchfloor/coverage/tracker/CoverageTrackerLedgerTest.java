package io.watchfloor.coverage.tracker;

import static io.watchfloor.coverage.TestEvents.attributedSyslog;
import static io.watchfloor.coverage.TestEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.core.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenarios for the gap ledger (issue 3, item 5): typed records, never_seen gaps, filters, restarts. */
class CoverageTrackerLedgerTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;

    private static Source source(int index, String id) {
        return new Source(index, id, "Source " + id, Category.IDENTITY,
                new SourceMatch(List.of(id), List.of(), List.of()), null, MINUTE, Criticality.HIGH, "soc");
    }

    private static final Inventory INVENTORY = new Inventory(List.of(source(0, "ad"), source(1, "ldap")));
    private static final CoverageTrackerConfig WITH_NEVER_SEEN = CoverageTrackerConfig.DEFAULT.withNeverSeenGaps(true);

    private final ManualClock clock = new ManualClock(T0);
    private final RecordingGapListener listener = new RecordingGapListener();
    private CoverageTracker tracker = new CoverageTracker(INVENTORY, listener, WITH_NEVER_SEEN, T0);

    private static void event(CoverageTracker t, int index, long receivedAtMs, boolean replay) {
        t.onEvent(attributedSyslog(INVENTORY, index, receivedAtMs, replay));
    }

    private void tickAfter(long deltaMs) {
        tracker.onEvent(tick(clock.advance(deltaMs)));
    }

    @Test
    void shouldOpenOneNeverSeenGapOnceMaxSilenceHasPassedSinceMonitoringStarted() {
        event(tracker, 0, T0, false);
        tickAfter(MINUTE);
        assertThat(listener.calls).as("now - start == max_silence is not yet a gap").isEmpty();
        tickAfter(30_000);
        tickAfter(MINUTE);

        assertThat(listener.calls).containsExactly("opened ad@" + (T0 + MINUTE), "opened ldap@" + (T0 + MINUTE)
                + "/never_seen");
        final Gap gap = tracker.openGap("ldap");
        assertThat(gap.type()).isEqualTo(GapType.NEVER_SEEN);
        assertThat(gap.alertedAtMs()).isEqualTo(T0 + MINUTE + 30_000);
        assertThat(tracker.latestSnapshot().source("ldap").state()).isEqualTo(SourceState.NEVER_SEEN);
        assertThat(tracker.latestSnapshot().source("ldap").openGapId()).isEqualTo(gap.id());

        event(tracker, 1, clock.advance(5_000), false);
        tickAfter(1_000);
        assertThat(listener.calls).hasSize(3).last()
                .isEqualTo("closed " + gap.id() + " " + (T0 + 2 * MINUTE + 35_000));
        assertThat(tracker.latestSnapshot().source("ldap").state()).isEqualTo(SourceState.REPORTING);
    }

    @Test
    void shouldOpenNoNeverSeenGapUnlessConfigured() {
        tracker = new CoverageTracker(INVENTORY, listener, CoverageTrackerConfig.DEFAULT, T0);
        tickAfter(10 * MINUTE);
        assertThat(listener.calls).isEmpty();
        assertThat(CoverageTrackerConfig.DEFAULT.neverSeenGaps()).isFalse();
    }

    @Test
    void shouldNotAlertANeverSeenGapAgainAfterARestart() {
        tickAfter(2 * MINUTE);
        final List<Gap> journal = new ArrayList<>(tracker.latestSnapshot().gaps());
        assertThat(journal).extracting(Gap::type).containsOnly(GapType.NEVER_SEEN);

        final RecordingGapListener second = new RecordingGapListener();
        final CoverageTracker restarted = new CoverageTracker(INVENTORY, second, WITH_NEVER_SEEN, T0 + 5 * MINUTE);
        for (Gap g : journal) {
            restarted.restoreGap(Gap.fromJournalJson(g.toJournalJson()));
        }
        restarted.onTick(T0 + 7 * MINUTE);
        restarted.onTick(T0 + 8 * MINUTE);
        assertThat(second.live()).isEmpty();

        final CoverageTracker reported = new CoverageTracker(INVENTORY, second, WITH_NEVER_SEEN, T0 + 5 * MINUTE);
        journal.forEach(reported::restoreGap);
        event(reported, 1, T0 + 4 * MINUTE, true);
        reported.onTick(T0 + 5 * MINUTE);
        reported.onTick(T0 + 8 * MINUTE);
        assertThat(second.live()).containsExactly("closed ldap@" + (T0 + MINUTE) + "/never_seen " + (T0 + 4 * MINUTE),
                "opened ldap@" + (T0 + 6 * MINUTE));
        assertThat(reported.openGap("ad").id()).as("still the restored one").isEqualTo("ad@" + (T0 + MINUTE)
                + "/never_seen");
    }

    @Test
    void shouldFilterTheLedgerBySourceTypeStateAndPeriod() {
        event(tracker, 0, T0, false);
        tickAfter(2 * MINUTE);
        event(tracker, 0, clock.advance(MINUTE), false);
        tickAfter(1_000);
        final CoverageSnapshot s = tracker.latestSnapshot();
        assertThat(s.gaps()).extracting(Gap::id).containsExactly("ad@" + (T0 + MINUTE),
                "ldap@" + (T0 + MINUTE) + "/never_seen");

        assertThat(ids(s.gapsJson("ad", null, null, null, null))).containsExactly("ad@" + (T0 + MINUTE));
        assertThat(ids(s.gapsJson(null, "never_seen", null, null, null))).containsExactly("ldap@" + (T0 + MINUTE)
                + "/never_seen");
        assertThat(ids(s.gapsJson(null, "delayed", null, null, null))).isEmpty();
        assertThat(ids(s.gapsJson(null, null, "closed", null, null))).containsExactly("ad@" + (T0 + MINUTE));
        assertThat(s.gapsJson(null, null, "open", null, null)).containsEntry("open", 1);
        assertThat(ids(s.gapsJson(null, null, null, T0 + 4 * MINUTE, null))).as("ad closed at 3 min")
                .containsExactly("ldap@" + (T0 + MINUTE) + "/never_seen");
        assertThat(ids(s.gapsJson(null, null, null, null, T0 + 30_000))).as("both opened at 1 min").isEmpty();
        assertThat(ids(s.gapsJson(null, null, null, T0, T0 + 3 * MINUTE))).hasSize(2);
        assertThat(s.gapsJson()).isEqualTo(s.gapsJson(null, null, null, null, null));

        @SuppressWarnings("unchecked")
        final Map<String, Object> closed = ((List<Map<String, Object>>) s.gapsJson("ad", null, null, null, null)
                .get("gaps")).get(0);
        assertThat(closed).containsEntry("type", "silent").containsEntry("opened_at", "2023-11-14T22:14:20Z")
                .containsEntry("alerted_at", "2023-11-14T22:15:20Z").containsEntry("closed_at", "2023-11-14T22:16:20Z")
                .containsEntry("duration_s", 120L).containsEntry("open", false);
    }

    @Test
    void shouldJournalAlertTimesAndTypesAcrossARestart() {
        event(tracker, 0, T0, false);
        tickAfter(2 * MINUTE);
        final List<String> journal = new ArrayList<>();
        for (Gap g : tracker.latestSnapshot().gaps()) {
            journal.add(g.toJournalJson());
        }
        final CoverageTracker restarted = new CoverageTracker(INVENTORY, listener, WITH_NEVER_SEEN, T0 + 3 * MINUTE);
        journal.forEach(json -> restarted.restoreGap(Gap.fromJournalJson(json)));
        assertThat(restarted.snapshot().gaps()).isEqualTo(tracker.latestSnapshot().gaps());
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> gapsJson) {
        final List<String> out = new ArrayList<>();
        for (Map<String, Object> g : (List<Map<String, Object>>) gapsJson.get("gaps")) {
            out.add((String) g.get("id"));
        }
        return out;
    }
}
