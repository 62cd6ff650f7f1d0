package io.watchfloor.coverage.tracker;

import static io.watchfloor.coverage.TestEvents.json;
import static io.watchfloor.coverage.TestEvents.attributedSyslog;
import static io.watchfloor.coverage.TestEvents.syslog;
import static io.watchfloor.coverage.TestEvents.syslogInto;
import static io.watchfloor.coverage.TestEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.time.ManualClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageTrackerTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;

    private static Source source(int index, String id, Category category) {
        return new Source(index, id, "Source " + id, category, new SourceMatch(List.of(id), List.of(), List.of()),
                null, MINUTE, Criticality.HIGH, "soc");
    }

    private static final Inventory INVENTORY = new Inventory(List.of(
            source(0, "fw", Category.NETWORK),
            source(1, "dns", Category.NETWORK),
            source(2, "vpn", Category.NETWORK),
            source(3, "ldap", Category.IDENTITY)));

    private final ManualClock clock = new ManualClock(T0);
    private final RecordingGapListener listener = new RecordingGapListener();
    private CoverageTracker tracker = new CoverageTracker(INVENTORY, listener, 10_000, T0);

    /** A live syslog event of source {@code index} received now. */
    private void event(int index) {
        event(tracker, index, clock.nowMs(), false);
    }

    private static void event(CoverageTracker t, int index, long receivedAtMs, boolean replay) {
        t.onEvent(attributedSyslog(INVENTORY, index, receivedAtMs, replay));
    }

    private void tickAfter(long deltaMs) {
        tracker.onEvent(tick(clock.advance(deltaMs)));
    }

    private SourceState state(String id) {
        return tracker.latestSnapshot().source(id).state();
    }

    @Test
    void shouldOpenAGapExactlyOnceWhenASourceTurnsSilent() {
        event(0);
        tickAfter(30_000);
        assertThat(state("fw")).isEqualTo(SourceState.REPORTING);
        tickAfter(30_000);
        assertThat(state("fw")).as("now - last == max_silence is not yet silent").isEqualTo(SourceState.REPORTING);
        assertThat(listener.calls).isEmpty();

        tickAfter(1_000);
        tickAfter(MINUTE);
        tickAfter(MINUTE);

        assertThat(state("fw")).isEqualTo(SourceState.SILENT);
        assertThat(listener.calls).containsExactly("opened fw@" + (T0 + MINUTE));
        final Gap gap = tracker.openGap("fw");
        assertThat(gap.openedAtMs()).as("opened when the silence crossed the limit").isEqualTo(T0 + MINUTE);
        assertThat(tracker.latestSnapshot().source("fw").openGapId()).isEqualTo(gap.id());
    }

    @Test
    void shouldCloseTheGapExactlyOnceAtTheNextEvent() {
        event(0);
        tickAfter(2 * MINUTE);
        clock.advance(10_000);
        event(0);
        final long closedAt = clock.nowMs();
        event(0);
        tickAfter(1_000);
        tickAfter(1_000);

        assertThat(listener.calls).containsExactly("opened fw@" + (T0 + MINUTE), "closed fw@" + (T0 + MINUTE) + " " + closedAt);
        assertThat(tracker.openGap("fw")).isNull();
        assertThat(state("fw")).isEqualTo(SourceState.REPORTING);
        final Map<String, Object> gapJson = gapsJson().get(0);
        assertThat(gapJson).containsEntry("source_id", "fw").containsEntry("duration_s", (closedAt - T0 - MINUTE) / 1000)
                .containsEntry("open", false);
    }

    @Test
    void shouldLeaveNeverSeenSourcesWithoutGaps() {
        tickAfter(10 * MINUTE);
        tickAfter(10 * MINUTE);

        assertThat(listener.calls).isEmpty();
        assertThat(tracker.latestSnapshot().sources()).extracting(SourceCoverage::state)
                .containsOnly(SourceState.NEVER_SEEN);
        assertThat(tracker.latestSnapshot().sources()).extracting(SourceCoverage::lastSeenMs).containsOnly(-1L);
    }

    @Test
    void shouldComputeCoveragePerCategory() {
        event(0);
        event(1);
        tickAfter(30_000);
        event(1);
        tickAfter(40_000);

        final CoverageSnapshot s = tracker.latestSnapshot();
        assertThat(s.categories()).extracting(CategoryCoverage::category).containsExactly(Category.values());
        final Map<String, Object> json = s.coverageJson();
        @SuppressWarnings("unchecked")
        final Map<String, Map<String, Object>> cats = (Map<String, Map<String, Object>>) json.get("categories");
        assertThat(cats).containsOnlyKeys("identity", "endpoint", "network", "cloud", "application");
        assertThat(cats.get("network")).containsEntry("in_scope", 3).containsEntry("reporting", 1)
                .containsEntry("silent", 1).containsEntry("never_seen", 1).containsEntry("coverage_pct", 33.3);
        assertThat(cats.get("identity")).containsEntry("in_scope", 1).containsEntry("coverage_pct", 0.0);
        assertThat(cats.get("cloud")).containsEntry("in_scope", 0).containsEntry("coverage_pct", null);
        assertThat(CategoryCoverage.percent(2, 3)).isEqualTo(66.7);
    }

    @Test
    void shouldRenderSourcesInTheCoverageJson() {
        final Event e = syslog("fw", "app", "192.0.2.1", T0);
        syslogInto(e, "fw", "app", "192.0.2.1", T0 + 500, T0 - 2_000);
        e.attribute(0, "fw");
        tracker.onEvent(e);
        tickAfter(1_000);

        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> sources =
                (List<Map<String, Object>>) tracker.latestSnapshot().coverageJson().get("sources");
        assertThat(sources).hasSize(4);
        assertThat(sources.get(0)).containsEntry("id", "fw").containsEntry("name", "Source fw")
                .containsEntry("category", "network").containsEntry("state", "reporting")
                .containsEntry("last_seen", "2023-11-14T22:13:20.500Z")
                .containsEntry("last_event_time", "2023-11-14T22:13:18Z").containsEntry("events", 1L);
        assertThat(sources.get(3)).containsEntry("state", "never_seen").containsEntry("last_seen", null)
                .containsEntry("last_event_time", null).containsEntry("events", 0L);
    }

    @Test
    void shouldTakeLastEventTimeFromJsonTimestamp() {
        final Event e = json(Map.of("@timestamp", "2024-01-02T03:04:05.678+01:00"), null, T0);
        e.attribute(3, "ldap");
        tracker.onEvent(e);
        final Event bad = json(Map.of("@timestamp", "yesterday"), null, T0);
        bad.attribute(1, "dns");
        tracker.onEvent(bad);

        assertThat(tracker.snapshot().source("ldap").lastEventTimeMs()).isEqualTo(1_704_161_045_678L);
        assertThat(tracker.snapshot().source("dns").lastEventTimeMs()).isEqualTo(-1L);
        assertThat(tracker.snapshot().source("dns").events()).isEqualTo(1L);
    }

    @Test
    void shouldCountUnmanagedSendersUpToTheBound() {
        tracker = new CoverageTracker(INVENTORY, listener, 2, T0);
        tracker.onEvent(syslog("web-01", "nginx", "198.51.100.1", T0));
        tracker.onEvent(syslog("web-01", "nginx", "198.51.100.1", T0 + 5));
        tracker.onEvent(syslog(null, "nginx", "198.51.100.2", T0 + 6));
        tracker.onEvent(syslog("web-03", "nginx", "198.51.100.3", T0 + 7));
        tracker.onEvent(syslog("web-04", "nginx", "198.51.100.4", T0 + 8));
        tracker.onEvent(syslog("web-01", "nginx", "198.51.100.1", T0 + 9));
        tracker.onTick(T0 + 10);

        final CoverageSnapshot s = tracker.latestSnapshot();
        assertThat(s.unmanaged()).containsExactly(
                new UnmanagedSender("web-01", "198.51.100.1", 3, T0, T0 + 9, "<13>1 - web-01 nginx - - - hello"),
                new UnmanagedSender("198.51.100.2", "198.51.100.2", 1, T0 + 6, T0 + 6, "<13>1 - - nginx - - - hello"));
        assertThat(s.unmanagedOverflow()).isEqualTo(2);
        assertThat(s.coverageJson()).containsEntry("unmanaged_overflow", 2L);
        assertThat(s.sources()).extracting(SourceCoverage::events).containsOnly(0L);
    }

    @Test
    void shouldPublishSnapshotsOnTicksAndAtMostEveryIntervalOnEvents() {
        tracker = new CoverageTracker(INVENTORY, listener, new CoverageTrackerConfig(10, 10, 1_000), T0);
        final CoverageSnapshot first = tracker.latestSnapshot();
        assertThat(first.atMs()).isEqualTo(T0);
        event(tracker, 0, T0 + 10, false);
        assertThat(tracker.latestSnapshot()).isSameAs(first);
        event(tracker, 0, T0 + 1_000, false);
        assertThat(tracker.latestSnapshot().source("fw").events()).isEqualTo(2);
        event(tracker, 0, T0 + 1_200, false);
        assertThat(tracker.latestSnapshot().source("fw").events()).isEqualTo(2);
        tracker.onTick(T0 + 1_300);
        assertThat(tracker.latestSnapshot().source("fw").events()).isEqualTo(3);
        assertThat(tracker.latestSnapshot().atMs()).isEqualTo(T0 + 1_300);
    }

    @Test
    void shouldBoundTheClosedGapHistory() {
        tracker = new CoverageTracker(INVENTORY, listener, new CoverageTrackerConfig(10, 2, 1_000), T0);
        for (int round = 0; round < 4; round++) {
            event(tracker, 0, clock.nowMs(), false);
            tracker.onTick(clock.advance(2 * MINUTE));
            event(tracker, 0, clock.advance(1_000), false);
        }
        event(tracker, 1, clock.nowMs(), false);
        tracker.onTick(clock.advance(2 * MINUTE));

        final List<Gap> gaps = tracker.latestSnapshot().gaps();
        assertThat(gaps).extracting(Gap::sourceId).containsExactly("fw", "fw", "fw", "dns");
        assertThat(gaps).extracting(Gap::isOpen).containsExactly(false, false, true, true);
        assertThat(gaps.get(1).openedAtMs()).as("the newest closed gaps are kept")
                .isGreaterThan(gaps.get(0).openedAtMs());
        assertThat(tracker.latestSnapshot().gapsJson()).containsEntry("open", 2);
    }

    // ---- restart ----

    /** Runs a first life until {@code fw} has an open gap, and returns the journaled transitions. */
    private List<Gap> firstLifeWithOpenGap() {
        final RecordingGapListener journaling = new RecordingGapListener();
        final List<Gap> journal = journaling.gaps;
        final CoverageTracker life = new CoverageTracker(INVENTORY, journaling, 10_000, T0);
        event(life, 0, T0, false);
        event(life, 3, T0, false);
        life.onTick(T0 + 2 * MINUTE);
        assertThat(journal).extracting(Gap::id).containsExactly("fw@" + (T0 + MINUTE), "ldap@" + (T0 + MINUTE));
        return journal;
    }

    @Test
    void shouldKeepARestoredOpenGapWithoutAlertingItAgain() {
        final List<Gap> journal = firstLifeWithOpenGap();

        final CoverageTracker restarted = new CoverageTracker(INVENTORY, listener, 10_000, T0 + 5 * MINUTE);
        journal.forEach(restarted::restoreGap);
        event(restarted, 0, T0, true);
        event(restarted, 3, T0, true);
        restarted.onTick(T0 + 5 * MINUTE);
        restarted.onTick(T0 + 6 * MINUTE);

        assertThat(listener.live()).isEmpty();
        assertThat(listener.calls).containsExactly("opened fw@" + (T0 + MINUTE) + " replay",
                "opened ldap@" + (T0 + MINUTE) + " replay");
        assertThat(restarted.openGap("fw").id()).isEqualTo("fw@" + (T0 + MINUTE));
        assertThat(restarted.latestSnapshot().source("fw").state()).isEqualTo(SourceState.SILENT);
        assertThat(restarted.latestSnapshot().gaps()).hasSize(2).allMatch(Gap::isOpen);
    }

    @Test
    void shouldCloseARestoredGapOnceAtTheFirstLiveTickWhenTheSourceReportedDuringDowntime() {
        final List<Gap> journal = firstLifeWithOpenGap();
        final long reportedAt = T0 + 3 * MINUTE;

        final CoverageTracker restarted = new CoverageTracker(INVENTORY, listener, 10_000, T0 + 4 * MINUTE);
        journal.forEach(restarted::restoreGap);
        event(restarted, 0, T0, true);
        event(restarted, 3, T0, true);
        event(restarted, 0, reportedAt, true);
        event(restarted, 0, reportedAt + 1_000, true);
        assertThat(listener.live()).as("no transition during replay").isEmpty();

        restarted.onTick(T0 + 4 * MINUTE);
        restarted.onTick(T0 + 4 * MINUTE + 1_000);
        event(restarted, 0, T0 + 4 * MINUTE + 2_000, false);

        assertThat(listener.live()).containsExactly("closed fw@" + (T0 + MINUTE) + " " + reportedAt);
        assertThat(restarted.openGap("fw")).isNull();
        assertThat(restarted.openGap("ldap")).isNotNull();
        assertThat(restarted.latestSnapshot().source("fw").state()).isEqualTo(SourceState.REPORTING);
        assertThat(restarted.latestSnapshot().source("fw").events()).isEqualTo(4);
    }

    @Test
    void shouldCloseARestoredGapOnceAtTheFirstLiveEventWithTheDowntimeReceiveTime() {
        final List<Gap> journal = firstLifeWithOpenGap();
        final long reportedAt = T0 + 3 * MINUTE;

        final CoverageTracker restarted = new CoverageTracker(INVENTORY, listener, 10_000, T0 + 4 * MINUTE);
        journal.forEach(restarted::restoreGap);
        event(restarted, 0, reportedAt, true);
        event(restarted, 0, T0 + 4 * MINUTE, false);
        restarted.onTick(T0 + 4 * MINUTE + 1_000);

        assertThat(listener.live()).containsExactly("closed fw@" + (T0 + MINUTE) + " " + reportedAt);
    }

    @Test
    void shouldReopenANewGapAfterARestoredClosedOne() {
        final Gap opened = Gap.open("fw", T0 + MINUTE);
        final Gap closed = opened.closeAt(T0 + 3 * MINUTE);

        final CoverageTracker restarted = new CoverageTracker(INVENTORY, listener, 10_000, T0 + 10 * MINUTE);
        restarted.restoreGap(opened);
        restarted.restoreGap(closed);
        event(restarted, 0, T0, true);
        event(restarted, 0, T0 + 3 * MINUTE, true);
        restarted.onTick(T0 + 10 * MINUTE);
        assertThat(listener.live()).as("the downtime is not the source's silence").isEmpty();
        restarted.onTick(T0 + 12 * MINUTE);

        assertThat(listener.live()).containsExactly("opened fw@" + (T0 + 11 * MINUTE));
        assertThat(restarted.latestSnapshot().gaps()).containsExactly(closed,
                Gap.open("fw", GapType.SILENT, T0 + 11 * MINUTE, T0 + 12 * MINUTE));
    }

    @Test
    void shouldKeepGapsOfSourcesNoLongerInTheInventoryAsHistory() {
        final CoverageTracker restarted = new CoverageTracker(INVENTORY, listener, 10_000, T0);
        restarted.restoreGap(Gap.open("retired", T0 - MINUTE));
        restarted.onTick(T0 + MINUTE);

        assertThat(restarted.latestSnapshot().gaps()).extracting(Gap::sourceId).containsExactly("retired");
        assertThat(listener.live()).isEmpty();
    }

    @Test
    void shouldNotAllocatePerAttributedOrRepeatedUnmanagedSyslogEvent() {
        final Event managed = syslogInto(new Event(), "fw", "app", "192.0.2.1", T0, T0 - 1_000);
        managed.attribute(0, "fw");
        final Event unmanaged = syslog("web-01", "nginx", "198.51.100.1", T0);
        final Runnable work = () -> {
            for (int i = 0; i < 20_000; i++) {
                tracker.onEvent(managed);
                tracker.onEvent(unmanaged);
            }
        };
        work.run();

        assertThat(io.watchfloor.coverage.TestEvents.allocatedBytes(work)).isLessThan(1_024);
        assertThat(tracker.snapshot().source("fw").events()).isEqualTo(40_000);
        assertThat(tracker.snapshot().unmanaged()).singleElement().extracting(UnmanagedSender::events)
                .isEqualTo(40_000L);
    }

    @Test
    void shouldIgnoreReplayedTicks() {
        event(0);
        final Event replayedTick = tick(T0 + 10 * MINUTE);
        replayedTick.replay(true);
        tracker.onEvent(replayedTick);

        assertThat(listener.calls).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> gapsJson() {
        return (List<Map<String, Object>>) tracker.latestSnapshot().gapsJson().get("gaps");
    }
}
