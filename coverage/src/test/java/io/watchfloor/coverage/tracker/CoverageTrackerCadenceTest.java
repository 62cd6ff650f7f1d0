package io.watchfloor.coverage.tracker;

import static io.watchfloor.coverage.TestEvents.syslog;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.inventory.Cadence;
import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.time.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenarios for cadences (issue 3, item 2): learned per hour of the week, and daily batches. */
class CoverageTrackerCadenceTest {
    /** Monday 2023-11-06 00:00 UTC. */
    private static final long MONDAY = 1_699_228_800_000L;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;

    private static Source source(int index, String id, Cadence cadence, long maxSilenceMs) {
        return new Source(index, id, "Source " + id, Category.APPLICATION,
                new SourceMatch(List.of(id), List.of(), List.of()), null, maxSilenceMs, Criticality.HIGH, "soc",
                Source.NO_MAX_LAG, cadence);
    }

    private static final Inventory INVENTORY = new Inventory(List.of(
            source(0, "office", Cadence.LEARNED, Cadence.LEARNED_CEILING_MS_DEFAULT),
            source(1, "nightly", Cadence.batch(2 * HOUR, 2 * HOUR), DAY + 2 * HOUR)));

    private final ManualClock clock = new ManualClock(MONDAY);
    private final RecordingGapListener listener = new RecordingGapListener();
    private final CoverageTracker tracker = new CoverageTracker(INVENTORY, listener, CoverageTrackerConfig.DEFAULT,
            MONDAY);

    private void event(int index) {
        final Event e = syslog(INVENTORY.source(index).id(), "app", "192.0.2.1", clock.nowMs());
        e.attribute(index, INVENTORY.source(index).id());
        tracker.onEvent(e);
    }

    private static boolean officeHours(long ms) {
        final long inWeek = Math.floorMod(ms - MONDAY, WEEK);
        final long inDay = inWeek % DAY;
        return inWeek < 5 * DAY && inDay >= 8 * HOUR && inDay < 18 * HOUR;
    }

    /** Runs until {@code endMs} in 5-minute steps: the office source sends in office hours, then a tick. */
    private void runOfficeUntil(long endMs, long stopSendingAtMs) {
        while (clock.nowMs() < endMs) {
            if (officeHours(clock.nowMs()) && clock.nowMs() < stopSendingAtMs) {
                event(0);
            }
            tracker.onTick(clock.advance(5 * MINUTE));
        }
    }

    private long at(long ms) {
        clock.set(ms);
        return ms;
    }

    private SourceState state(String id) {
        return tracker.latestSnapshot().source(id).state();
    }

    @Test
    void shouldNotCallAWeekdaySourceSilentAtTheWeekendButCatchAWeekdayOutageWithinMinutes() {
        runOfficeUntil(MONDAY + 4 * WEEK, Long.MAX_VALUE);
        assertThat(listener.calls).as("four weeks of nights and weekends").isEmpty();
        assertThat(tracker.learnedThresholdMs("office", MONDAY + 2 * DAY + 11 * HOUR)).isBetween(5 * MINUTE,
                15 * MINUTE);
        assertThat(tracker.learnedThresholdMs("office", MONDAY + 5 * DAY + 10 * HOUR))
                .as("Saturday 10:00 learned a long silence").isGreaterThan(24 * HOUR);

        final long outage = MONDAY + 4 * WEEK + 2 * DAY + 11 * HOUR;
        runOfficeUntil(outage + HOUR, outage);

        assertThat(listener.calls).hasSize(1);
        final Gap gap = tracker.latestSnapshot().gaps().get(0);
        assertThat(gap.type()).isEqualTo(GapType.SILENT);
        assertThat(gap.openedAtMs()).isBetween(outage, outage + 20 * MINUTE);
        assertThat(state("office")).isEqualTo(SourceState.SILENT);
    }

    @Test
    void shouldNotAdaptWhileAGapIsOpen() {
        runOfficeUntil(MONDAY + 4 * WEEK, Long.MAX_VALUE);
        final long wednesdayNoon = MONDAY + 4 * WEEK + 2 * DAY + 12 * HOUR;
        final long before = tracker.learnedThresholdMs("office", wednesdayNoon);
        final long outage = wednesdayNoon - HOUR;
        runOfficeUntil(outage + 5 * HOUR, outage);
        runOfficeUntil(outage + 6 * HOUR, Long.MAX_VALUE);

        assertThat(listener.live()).hasSize(2).last().asString().startsWith("closed");
        assertThat(tracker.learnedThresholdMs("office", wednesdayNoon)).isEqualTo(before);
    }

    @Test
    void shouldHoldALearnedSourceToTheCeilingDuringWarmUp() {
        event(0);
        tracker.onTick(clock.advance(2 * DAY));
        assertThat(state("office")).isEqualTo(SourceState.REPORTING);
        tracker.onTick(clock.advance(DAY + MINUTE));
        assertThat(listener.calls).containsExactly("opened office@" + (MONDAY + Cadence.LEARNED_CEILING_MS_DEFAULT));
    }

    @Test
    void shouldNotCallANightlyBatchSilentAtNoonButOpenOneGapWhenARunIsSkipped() {
        clock.set(MONDAY + 2 * HOUR + 10 * MINUTE);
        event(1);
        tracker.onTick(clock.advance(10 * HOUR));
        assertThat(state("nightly")).as("Monday noon").isEqualTo(SourceState.REPORTING);
        tracker.onTick(at(MONDAY + DAY + 3 * HOUR + 59 * MINUTE));
        assertThat(state("nightly")).as("Tuesday 03:59, within grace").isEqualTo(SourceState.REPORTING);

        for (long t = MONDAY + DAY + 4 * HOUR; t < MONDAY + 2 * DAY + 2 * HOUR; t += HOUR) {
            tracker.onTick(at(t));
        }
        assertThat(listener.calls).containsExactly("opened nightly@" + (MONDAY + DAY + 4 * HOUR));
        assertThat(state("nightly")).isEqualTo(SourceState.SILENT);

        clock.set(MONDAY + 2 * DAY + 1 * HOUR + 50 * MINUTE);
        event(1);
        tracker.onTick(at(MONDAY + 2 * DAY + 12 * HOUR));
        assertThat(listener.calls).hasSize(2).last()
                .isEqualTo("closed nightly@" + (MONDAY + DAY + 4 * HOUR) + " " + (MONDAY + 2 * DAY + 110 * MINUTE));
        assertThat(state("nightly")).isEqualTo(SourceState.REPORTING);
    }

    @Test
    void shouldComputeBatchDeadlinesFromTheFirstRunNotMet() {
        final Cadence nightly = Cadence.batch(2 * HOUR, 2 * HOUR);
        assertThat(nightly.batchDeadlineMs(MONDAY + 2 * HOUR + 10 * MINUTE)).isEqualTo(MONDAY + DAY + 4 * HOUR);
        assertThat(nightly.batchDeadlineMs(MONDAY + HOUR + 55 * MINUTE)).as("early run meets it")
                .isEqualTo(MONDAY + DAY + 4 * HOUR);
        assertThat(nightly.batchDeadlineMs(MONDAY - HOUR)).as("Sunday 23:00").isEqualTo(MONDAY + 4 * HOUR);
    }
}
