package io.watchfloor.coverage.tracker;

import static io.watchfloor.coverage.TestEvents.syslogInto;
import static io.watchfloor.coverage.TestEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.TestEvents;
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

/** Scenarios for the two clocks (issue 3, item 3): lag, DELAYED, FUTURE_TIMESTAMP, TZ_OFFSET_SUSPECTED. */
class CoverageTrackerClocksTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private static Source source(int index, String id, long maxSilenceMs, long maxLagMs) {
        return new Source(index, id, "Source " + id, Category.NETWORK,
                new SourceMatch(List.of(id), List.of(), List.of()), null, maxSilenceMs, Criticality.HIGH, "soc",
                maxLagMs);
    }

    /** fw: max_silence 2m, max_lag 5m; app: max_silence 2m, no lag objective. */
    private static final Inventory INVENTORY = new Inventory(List.of(
            source(0, "fw", 2 * MINUTE, 5 * MINUTE),
            source(1, "app", 2 * MINUTE, Source.NO_MAX_LAG)));

    private final ManualClock clock = new ManualClock(T0);
    private final RecordingGapListener listener = new RecordingGapListener();
    private CoverageTracker tracker = new CoverageTracker(INVENTORY, listener, CoverageTrackerConfig.DEFAULT, T0);
    private final Event slot = new Event();

    /** Source {@code index} sends now an event stamped {@code lagMs} before now. */
    private void eventWithLag(int index, long lagMs) {
        send(tracker, index, clock.nowMs(), clock.nowMs() - lagMs, false);
    }

    private void send(CoverageTracker t, int index, long receivedMs, long eventTimeMs, boolean replay) {
        final String id = INVENTORY.source(index).id();
        syslogInto(slot, id, "app", "192.0.2.1", receivedMs, eventTimeMs);
        slot.attribute(index, id);
        slot.replay(replay);
        t.onEvent(slot);
    }

    private void tickAfter(long deltaMs) {
        tracker.onEvent(tick(clock.advance(deltaMs)));
    }

    private SourceCoverage fw() {
        return tracker.latestSnapshot().source("fw");
    }

    private SourceCoverage app() {
        return tracker.latestSnapshot().source("app");
    }

    @Test
    void shouldReportLagQuantilesOverTheLastEventsOnly() {
        for (int k = 0; k < 10; k++) {
            eventWithLag(1, 10 * HOUR);
            clock.advance(SECOND);
        }
        for (int k = 1; k <= 32; k++) {
            eventWithLag(1, k * SECOND);
            clock.advance(SECOND);
        }
        tickAfter(SECOND);

        final LagStats lag = app().lag();
        assertThat(lag.samples()).isEqualTo(CoverageTrackerConfig.LAG_WINDOW_EVENTS_DEFAULT);
        assertThat(lag.p50Ms()).isEqualTo(16 * SECOND);
        assertThat(lag.p95Ms()).isEqualTo(31 * SECOND);
        assertThat(lag.maxMs()).as("the 10-hour lags left the window").isEqualTo(32 * SECOND);
        assertThat(app().lastEventTimeMs()).isEqualTo(app().lastSeenMs() - 32 * SECOND);
        @SuppressWarnings("unchecked")
        final Map<String, Object> json = ((List<Map<String, Object>>) tracker.latestSnapshot().coverageJson()
                .get("sources")).get(1);
        assertThat(json).containsEntry("lag", Map.of("samples", 32, "p50_ms", 16_000L, "p95_ms", 31_000L,
                "max_ms", 32_000L)).containsEntry("max_lag_s", null).containsEntry("findings", List.of())
                .containsKey("last_receive_time");
    }

    @Test
    void shouldShowNoLagForSourcesWithoutEventTimes() {
        tracker.onEvent(withoutEventTime(1));
        tickAfter(SECOND);
        assertThat(app().lag()).isEqualTo(LagStats.EMPTY);
        assertThat(app().state()).isEqualTo(SourceState.REPORTING);
    }

    private Event withoutEventTime(int index) {
        final Event e = TestEvents.syslog(INVENTORY.source(index).id(), "app", "192.0.2.1", clock.nowMs());
        e.attribute(index, INVENTORY.source(index).id());
        return e;
    }

    @Test
    void shouldOpenOneDelayedGapForABackfillingSourceWithoutCallingItSilent() {
        for (int k = 0; k < 4; k++) {
            eventWithLag(0, MINUTE);
            tickAfter(30 * SECOND);
        }
        final long backfillStart = clock.nowMs();
        for (int k = 0; k < 20; k++) {
            eventWithLag(0, 3 * HOUR - k * MINUTE);
            tickAfter(30 * SECOND);
        }

        assertThat(fw().state()).isEqualTo(SourceState.DELAYED);
        assertThat(listener.calls).as("delayed from the event that made 5 of 9 lags late, never silent")
                .containsExactly("opened fw@" + (backfillStart + 4 * 30 * SECOND) + "/delayed");
        final Gap gap = tracker.latestSnapshot().gaps().get(0);
        assertThat(gap.type()).isEqualTo(GapType.DELAYED);
        assertThat(gap.alertedAtMs()).isEqualTo(backfillStart + 5 * 30 * SECOND);
        assertThat(fw().openDelayedGapId()).isEqualTo(gap.id());
        assertThat(fw().openGapId()).isNull();
        final CategoryCoverage network = tracker.latestSnapshot().categories().get(Category.NETWORK.ordinal());
        assertThat(network.reporting()).isEqualTo(2 - 1);
        assertThat(network.delayed()).isEqualTo(1);
        assertThat(network.silent()).isZero();

        long recovered = -1;
        for (int k = 0; k < 30; k++) {
            eventWithLag(0, 10 * SECOND);
            if (recovered < 0 && !tracker.snapshot().source("fw").state().equals(SourceState.DELAYED)) {
                recovered = clock.nowMs();
            }
            tickAfter(30 * SECOND);
        }
        assertThat(fw().state()).isEqualTo(SourceState.REPORTING);
        assertThat(recovered).isPositive();
        assertThat(listener.calls).hasSize(2).last().isEqualTo("closed " + gap.id() + " " + recovered);
    }

    @Test
    void shouldJudgeSilenceOnReceiveTimeOnly() {
        eventWithLag(0, -1 * SECOND);
        eventWithLag(1, 2 * HOUR);
        tickAfter(MINUTE);
        eventWithLag(1, 2 * HOUR);
        tickAfter(MINUTE);
        eventWithLag(1, 2 * HOUR);
        tickAfter(MINUTE + SECOND);

        assertThat(app().state()).as("old event times, fresh receives").isEqualTo(SourceState.REPORTING);
        assertThat(fw().state()).as("fresh event time, no receive since").isEqualTo(SourceState.SILENT);
        assertThat(listener.calls).containsExactly("opened fw@" + (T0 + 2 * MINUTE));
    }

    @Test
    void shouldListFutureTimestampsAsAFindingNotAGap() {
        eventWithLag(1, -10 * MINUTE);
        eventWithLag(1, -1 * MINUTE);
        eventWithLag(1, -25 * MINUTE);
        tickAfter(SECOND);

        final SourceFinding f = app().finding(FindingKind.FUTURE_TIMESTAMP);
        assertThat(f).isEqualTo(new SourceFinding(FindingKind.FUTURE_TIMESTAMP, 2, T0, 25 * MINUTE));
        assertThat(app().state()).isEqualTo(SourceState.REPORTING);
        assertThat(listener.calls).isEmpty();
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> sources =
                (List<Map<String, Object>>) tracker.latestSnapshot().coverageJson().get("sources");
        assertThat(sources.get(1).get("findings")).isEqualTo(List.of(Map.of("kind", "future_timestamp", "count", 2L,
                "last_at", "2023-11-14T22:13:20Z", "max_ahead_s", 1_500L)));
    }

    @Test
    void shouldSuspectATimeZoneOffsetForASourceFiveHoursBehind() {
        for (int k = 0; k < 12; k++) {
            eventWithLag(1, 5 * HOUR + (k % 3) * 20 * SECOND);
            tickAfter(20 * SECOND);
        }

        final SourceFinding f = app().finding(FindingKind.TZ_OFFSET_SUSPECTED);
        assertThat(f).isNotNull();
        assertThat(f.valueMs()).isEqualTo(5 * HOUR);
        assertThat(f.count()).isEqualTo(12);
        assertThat(app().state()).as("a finding, not a state").isEqualTo(SourceState.REPORTING);
        assertThat(listener.calls).isEmpty();
    }

    @Test
    void shouldSuspectAHalfHourOffsetAheadAndAlsoFlagTheFuture() {
        for (int k = 0; k < 10; k++) {
            eventWithLag(1, -(5 * HOUR + 30 * MINUTE) + k * SECOND);
            tickAfter(20 * SECOND);
        }

        assertThat(app().finding(FindingKind.TZ_OFFSET_SUSPECTED).valueMs()).isEqualTo(-(5 * HOUR + 30 * MINUTE));
        assertThat(app().finding(FindingKind.FUTURE_TIMESTAMP).count()).isEqualTo(10);
    }

    @Test
    void shouldNotSuspectAnOffsetForLagsFarFromHalfHours() {
        for (int k = 0; k < 12; k++) {
            eventWithLag(1, 17 * MINUTE);
            eventWithLag(1, 5 * SECOND);
            tickAfter(20 * SECOND);
        }
        for (int k = 0; k < 12; k++) {
            eventWithLag(0, 2 * HOUR);
        }
        for (int k = 0; k < 30; k++) {
            eventWithLag(0, k % 2 == 0 ? 2 * HOUR : 10 * SECOND);
        }
        tickAfter(SECOND);

        assertThat(app().findings()).isEmpty();
        assertThat(fw().finding(FindingKind.TZ_OFFSET_SUSPECTED)).as("only half the window near 2 h").isNull();
    }

    @Test
    void shouldKeepARestoredDelayedGapWithoutAlertingItAgainAndCloseItOnceWhenReplayShowsRecovery() {
        final RecordingGapListener journaling = new RecordingGapListener();
        final List<Gap> journal = journaling.gaps;
        final CoverageTracker first = new CoverageTracker(INVENTORY, journaling, CoverageTrackerConfig.DEFAULT, T0);
        for (int k = 0; k < 5; k++) {
            send(first, 0, T0 + k * SECOND, T0 - HOUR, false);
        }
        first.onTick(T0 + 10 * SECOND);
        assertThat(journal).extracting(Gap::id).containsExactly("fw@" + T0 + "/delayed");

        final CoverageTracker stillDelayed =
                new CoverageTracker(INVENTORY, listener, CoverageTrackerConfig.DEFAULT, T0 + MINUTE);
        journal.forEach(stillDelayed::restoreGap);
        for (int k = 0; k < 5; k++) {
            send(stillDelayed, 0, T0 + k * SECOND, T0 - HOUR, true);
        }
        send(stillDelayed, 0, T0 + 50 * SECOND, T0 - HOUR, true);
        stillDelayed.onTick(T0 + MINUTE);
        stillDelayed.onTick(T0 + MINUTE + SECOND);
        assertThat(listener.live()).isEmpty();
        assertThat(stillDelayed.latestSnapshot().source("fw").state()).isEqualTo(SourceState.DELAYED);

        final CoverageTracker recovered =
                new CoverageTracker(INVENTORY, listener, CoverageTrackerConfig.DEFAULT, T0 + MINUTE);
        journal.forEach(recovered::restoreGap);
        for (int k = 0; k < 5; k++) {
            send(recovered, 0, T0 + k * SECOND, T0 - HOUR, true);
        }
        for (int k = 0; k < 6; k++) {
            send(recovered, 0, T0 + (20 + k) * SECOND, T0 + (20 + k) * SECOND, true);
        }
        recovered.onTick(T0 + MINUTE);
        recovered.onTick(T0 + MINUTE + SECOND);
        assertThat(recovered.latestSnapshot().source("fw").openDelayedGapId()).isNull();
        assertThat(listener.live()).containsExactly("closed fw@" + T0 + "/delayed " + (T0 + 24 * SECOND));
    }

    @Test
    void shouldNotAllocatePerEventWhileTrackingLagsAndFutureTimestamps() {
        final Event late = syslogInto(new Event(), "fw", "app", "192.0.2.1", T0, T0 - HOUR);
        late.attribute(0, "fw");
        final Event ahead = syslogInto(new Event(), "app", "app", "192.0.2.1", T0, T0 + HOUR);
        ahead.attribute(1, "app");
        final Runnable work = () -> {
            for (int i = 0; i < 20_000; i++) {
                tracker.onEvent(late);
                tracker.onEvent(ahead);
            }
        };
        work.run();

        assertThat(TestEvents.allocatedBytes(work)).isLessThan(1_024);
        assertThat(tracker.snapshot().source("app").finding(FindingKind.FUTURE_TIMESTAMP).count()).isEqualTo(40_000);
    }
}
