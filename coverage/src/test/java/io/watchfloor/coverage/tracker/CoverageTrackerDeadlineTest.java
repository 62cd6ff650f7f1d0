package io.watchfloor.coverage.tracker;

import static io.watchfloor.coverage.TestEvents.syslogInto;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.inventory.Cadence;
import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.DegradedPolicy;
import io.watchfloor.coverage.inventory.ExceptionGrant;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.MaintenanceWindow;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceContent;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.coverage.inventory.SourceScope;
import io.watchfloor.coverage.inventory.VolumePolicy;
import io.watchfloor.core.event.Event;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The deadline queue changes what a tick costs, not what it decides: on random timelines a tracker that visits
 * only the sources due announces exactly the transitions, and shows exactly the states, of one that visits every
 * source on every tick.
 */
class CoverageTrackerDeadlineTest {
    /** Monday 2023-11-06 00:00 UTC. */
    private static final long MONDAY = 1_699_228_800_000L;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private static Source source(int index, long maxSilenceMs, long maxLagMs, Cadence cadence, VolumePolicy volume) {
        final String id = "s" + index;
        return new Source(index, id, id, Category.APPLICATION, new SourceMatch(List.of(id), List.of(), List.of()),
                null, maxSilenceMs, Criticality.HIGH, "soc", maxLagMs, cadence, List.of(),
                new SourceContent(volume, DegradedPolicy.OFF, null));
    }

    private static final Inventory INVENTORY = new Inventory(List.of(
            source(0, 10 * MINUTE, Source.NO_MAX_LAG, Cadence.STATIC, VolumePolicy.OFF),
            source(1, 45 * MINUTE, 5 * MINUTE, Cadence.STATIC, VolumePolicy.OFF),
            source(2, Cadence.LEARNED_CEILING_MS_DEFAULT, Source.NO_MAX_LAG, Cadence.LEARNED, VolumePolicy.OFF),
            source(3, 26 * HOUR, Source.NO_MAX_LAG, Cadence.batch(2 * HOUR, 2 * HOUR), VolumePolicy.OFF),
            source(4, 3 * HOUR, Source.NO_MAX_LAG, Cadence.STATIC, new VolumePolicy(HOUR, 2)),
            source(5, 20 * MINUTE, 2 * MINUTE, Cadence.STATIC, VolumePolicy.OFF),
            source(6, 15 * MINUTE, Source.NO_MAX_LAG, Cadence.STATIC, VolumePolicy.OFF),
            source(7, 15 * MINUTE, Source.NO_MAX_LAG, Cadence.STATIC, VolumePolicy.OFF)),
            List.of(MaintenanceWindow.oneOff("mw", new SourceScope(SourceScope.Kind.SOURCE, "s6"), MONDAY + 2 * HOUR,
                    MONDAY + 4 * HOUR)),
            List.of(new ExceptionGrant("x7", "s7", "why", "control", "approver", MONDAY + HOUR, MONDAY + 6 * HOUR)));

    /** One step of a timeline: an event of {@code source} lagging {@code lagMs}, or ({@code source < 0}) a tick. */
    record Step(int source, long advanceMs, long lagMs) {
    }

    @Provide
    Arbitrary<List<Step>> timelines() {
        final Arbitrary<Step> event = Combinators.combine(Arbitraries.integers().between(0, INVENTORY.size() - 1),
                Arbitraries.longs().between(0, 3 * MINUTE), Arbitraries.of(0L, MINUTE, 10 * MINUTE))
                .as(Step::new);
        final Arbitrary<Step> tick = Arbitraries.of(30_000L, MINUTE, 7 * MINUTE, HOUR, 5 * HOUR)
                .map(d -> new Step(-1, d, 0));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, event), net.jqwik.api.Tuple.of(2, tick)).list().ofMinSize(20).ofMaxSize(300);
    }

    @Property(tries = 200)
    void shouldDecideLikeATrackerThatVisitsEverySourceOnEveryTick(@ForAll("timelines") List<Step> timeline,
                                                                    @ForAll boolean neverSeenGaps) {
        final CoverageTrackerConfig config = new CoverageTrackerConfig(100, 100, 1_000,
                CoverageTrackerConfig.LAG_WINDOW_EVENTS_DEFAULT, CoverageTrackerConfig.FUTURE_TOLERANCE_MS_DEFAULT,
                CoverageTrackerConfig.TZ_TOLERANCE_MS_DEFAULT, neverSeenGaps);
        final RecordingGapListener queuedCalls = new RecordingGapListener();
        final RecordingGapListener sweepCalls = new RecordingGapListener();
        final CoverageTracker queued = new CoverageTracker(INVENTORY, queuedCalls, config, MONDAY);
        final CoverageTracker sweep = new CoverageTracker(INVENTORY, sweepCalls, config, MONDAY);
        sweep.sweepEveryTick();
        final Event e = new Event();
        long now = MONDAY;
        for (Step step : timeline) {
            now += step.advanceMs();
            if (step.source() < 0) {
                queued.onTick(now);
                sweep.onTick(now);
                assertThat(queued.latestSnapshot().sources()).as("at %d", now)
                        .isEqualTo(sweep.latestSnapshot().sources());
            } else {
                for (CoverageTracker t : List.of(queued, sweep)) {
                    final Source s = INVENTORY.source(step.source());
                    syslogInto(e, s.id(), "app", "192.0.2.1", now, now - step.lagMs());
                    e.attribute(s.index(), s.id());
                    t.onEvent(e);
                }
            }
        }
        assertThat(queuedCalls.calls).isEqualTo(sweepCalls.calls);
    }

    @Test
    void shouldVisitOnlyTheSourcesDueAfterTheFirstTick() {
        final Inventory unheld = new Inventory(INVENTORY.sources().subList(0, 2));
        final CoverageTracker tracker = new CoverageTracker(unheld, GapListener.NONE, CoverageTrackerConfig.DEFAULT,
                MONDAY);
        tracker.onTick(MONDAY + 1_000);
        assertThat(tracker.sourcesDue(MONDAY + 2_000)).as("never seen, no never_seen gaps: nothing to wait for")
                .isZero();
        final Event e = new Event();
        syslogInto(e, "s0", "app", "192.0.2.1", MONDAY + 2_000, Long.MIN_VALUE);
        e.attribute(0, "s0");
        tracker.onEvent(e);
        assertThat(tracker.sourcesDue(MONDAY + 3_000)).as("its state changed: the next tick looks").isEqualTo(1);
        tracker.onTick(MONDAY + 3_000);
        syslogInto(e, "s0", "app", "192.0.2.1", MONDAY + 4_000, Long.MIN_VALUE);
        e.attribute(0, "s0");
        tracker.onEvent(e);
        assertThat(tracker.sourcesDue(MONDAY + 10 * MINUTE + 2_000)).as("s0 waits for its deadline").isZero();
        assertThat(tracker.sourcesDue(MONDAY + 10 * MINUTE + 2_001)).as("the deadline of its first event").isEqualTo(1);
        tracker.onTick(MONDAY + 10 * MINUTE + 2_001);
        assertThat(tracker.latestSnapshot().source("s0").state()).as("it reported since").isEqualTo(
                SourceState.REPORTING);
        tracker.onTick(MONDAY + 10 * MINUTE + 4_001);
        assertThat(tracker.latestSnapshot().source("s0").state()).isEqualTo(SourceState.SILENT);
    }
}
