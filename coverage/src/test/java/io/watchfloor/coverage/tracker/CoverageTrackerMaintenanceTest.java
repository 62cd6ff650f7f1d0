package io.watchfloor.coverage.tracker;

import static io.watchfloor.coverage.TestEvents.syslog;
import static io.watchfloor.coverage.TestEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.watchfloor.coverage.inventory.Cadence;
import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.ExceptionGrant;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.MaintenanceWindow;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.coverage.inventory.SourceScope;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenarios for maintenance windows and exceptions (issue 3, item 6), under a manual clock. */
class CoverageTrackerMaintenanceTest {
    /** Monday 2023-11-06 00:00 UTC. */
    private static final long MONDAY = 1_699_228_800_000L;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long SUNDAY = MONDAY + 6 * DAY;

    private static Source source(int index, String id, Category category, List<String> tags) {
        return new Source(index, id, "Source " + id, category, new SourceMatch(List.of(id), List.of(), List.of()),
                null, 5 * MINUTE, Criticality.HIGH, "soc", Source.NO_MAX_LAG, Cadence.STATIC, tags);
    }

    /** fw: one-off window 01:00-02:00 Monday; web: Sundays 02:00-04:00 at +01:00; ldap: excepted until 03:00. */
    static final Inventory INVENTORY = new Inventory(
            List.of(source(0, "fw", Category.NETWORK, List.of()),
                    source(1, "web", Category.APPLICATION, List.of("patch-sunday")),
                    source(2, "ldap", Category.IDENTITY, List.of())),
            List.of(MaintenanceWindow.oneOff("fw-upgrade", new SourceScope(SourceScope.Kind.SOURCE, "fw"),
                            MONDAY + HOUR, MONDAY + 2 * HOUR),
                    MaintenanceWindow.weekly("sunday-patch", new SourceScope(SourceScope.Kind.TAG, "patch-sunday"),
                            1 << 6, 2 * HOUR, 4 * HOUR, HOUR)),
            List.of(new ExceptionGrant("ldap-migration", "ldap", "moving to new servers", "EDR on the hosts",
                    "ciso@example.com", MONDAY, MONDAY + 3 * HOUR)));

    private final ManualClock clock = new ManualClock(MONDAY);
    private final RecordingGapListener listener = new RecordingGapListener();
    private CoverageTracker tracker = new CoverageTracker(INVENTORY, listener, CoverageTrackerConfig.DEFAULT, MONDAY);

    private static void event(CoverageTracker t, String id, long receivedAtMs, boolean replay) {
        final int index = INVENTORY.byId(id).index();
        final Event e = syslog(id, "app", "192.0.2.1", receivedAtMs);
        e.attribute(index, id);
        e.replay(replay);
        t.onEvent(e);
    }

    private void send(String id) {
        event(tracker, id, clock.nowMs(), false);
    }

    /** Ticks every minute until {@code endMs}, sending from {@code reporting} sources before each tick. */
    private void tickUntil(long endMs, String... reporting) {
        while (clock.nowMs() < endMs) {
            clock.advance(MINUTE);
            for (String id : reporting) {
                send(id);
            }
            tracker.onEvent(tick(clock.nowMs()));
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
    void shouldShowMaintenanceAndOpenNoGapWhenAWindowCoversASilence() {
        tickUntil(MONDAY + 58 * MINUTE, "fw", "web");
        tickUntil(MONDAY + 90 * MINUTE, "web");
        assertThat(state("fw")).isEqualTo(SourceState.MAINTENANCE);
        tickUntil(MONDAY + 2 * HOUR, "web");
        assertThat(state("fw")).as("the window's end itself is not yet an overrun").isEqualTo(SourceState.MAINTENANCE);
        clock.advance(30_000);
        send("fw");
        tickUntil(MONDAY + 3 * HOUR, "fw", "web");

        assertThat(listener.calls).doesNotContain("opened fw@" + (MONDAY + HOUR + 3 * MINUTE));
        assertThat(listener.calls).noneMatch(c -> c.startsWith("opened fw") || c.startsWith("opened web"));
        assertThat(state("fw")).isEqualTo(SourceState.REPORTING);
        final CategoryCoverage network = tracker.latestSnapshot().categories().get(Category.NETWORK.ordinal());
        assertThat(network.reporting()).isEqualTo(1);
    }

    @Test
    void shouldNotCountMaintenanceAsCovered() {
        tickUntil(MONDAY + 58 * MINUTE, "fw", "web");
        tickUntil(MONDAY + 90 * MINUTE, "web");
        final CategoryCoverage network = tracker.latestSnapshot().categories().get(Category.NETWORK.ordinal());
        assertThat(network.maintenance()).isEqualTo(1);
        assertThat(network.reporting()).isZero();
        assertThat(network.coveragePct()).isEqualTo(0.0);
        assertThat(tracker.latestSnapshot().coverageJson().toString())
                .contains("state=maintenance", "held_by=fw-upgrade, held_until=2023-11-06T02:00:00Z");
    }

    @Test
    void shouldOpenTheGapAtTheWindowsEndWhenTheSilenceOverrunsIt() {
        tickUntil(MONDAY + 58 * MINUTE, "fw", "web");
        tickUntil(MONDAY + 150 * MINUTE, "web");

        final String id = "fw@" + (MONDAY + 2 * HOUR);
        assertThat(listener.calls).filteredOn(c -> c.startsWith("opened fw")).containsExactly("opened " + id);
        final Gap gap = tracker.openGap("fw");
        assertThat(gap.id()).isEqualTo(id);
        assertThat(gap.openedAtMs()).isEqualTo(MONDAY + 2 * HOUR);
        assertThat(gap.alertedAtMs()).isEqualTo(MONDAY + 2 * HOUR + MINUTE);
        assertThat(gap.reason()).isEqualTo(GapReason.MAINTENANCE_OVERRUN);
        assertThat(state("fw")).isEqualTo(SourceState.SILENT);
    }

    @Test
    void shouldOpenTheGapAtTheWindowsEndEvenWhenTheFirstTickAfterItComesLate() {
        send("fw");
        tracker.onEvent(tick(at(MONDAY + 30 * MINUTE)));
        assertThat(tracker.openGap("fw").openedAtMs()).as("silent before the window: an ordinary gap")
                .isEqualTo(MONDAY + 5 * MINUTE);
        send("fw");
        clock.set(MONDAY + 58 * MINUTE);
        send("fw");
        tracker.onEvent(tick(at(MONDAY + 5 * HOUR)));
        assertThat(tracker.openGap("fw").openedAtMs()).isEqualTo(MONDAY + 2 * HOUR);
    }

    @Test
    void shouldHoldAWeeklyWindowOnItsLocalDayAndHoursOnly() {
        // Sunday 02:00-04:00 at +01:00 is Sunday 01:00-03:00 UTC
        clock.set(SUNDAY + 58 * MINUTE);
        send("web");
        tracker.onEvent(tick(at(SUNDAY + 2 * HOUR)));
        assertThat(state("web")).isEqualTo(SourceState.MAINTENANCE);
        clock.set(SUNDAY + 2 * HOUR + 30 * MINUTE);
        send("web");
        tracker.onEvent(tick(clock.advance(MINUTE)));
        assertThat(listener.calls).as("a silence inside the Sunday window").noneMatch(c -> c.contains("web@"));

        // the next Saturday at the same hours: no window, an ordinary gap
        clock.set(SUNDAY + 6 * DAY + 58 * MINUTE);
        send("web");
        tracker.onEvent(tick(at(SUNDAY + 6 * DAY + 2 * HOUR)));
        assertThat(tracker.openGap("web").openedAtMs()).isEqualTo(SUNDAY + 6 * DAY + 63 * MINUTE);
        assertThat(tracker.openGap("web").reason()).isNull();
        send("web");

        // the next Sunday, silent past 03:00 UTC: the gap opens at the window's end
        clock.set(SUNDAY + 7 * DAY + 58 * MINUTE);
        send("web");
        tracker.onEvent(tick(at(SUNDAY + 7 * DAY + 3 * HOUR)));
        assertThat(state("web")).isEqualTo(SourceState.MAINTENANCE);
        tracker.onEvent(tick(at(SUNDAY + 7 * DAY + 3 * HOUR + 30 * MINUTE)));
        final Gap gap = tracker.openGap("web");
        assertThat(gap.openedAtMs()).isEqualTo(SUNDAY + 7 * DAY + 3 * HOUR);
        assertThat(gap.reason()).isEqualTo(GapReason.MAINTENANCE_OVERRUN);
    }

    @Test
    void shouldHideTheGapUnderAnExceptionThenOpenItAtTheExpiry() {
        clock.set(MONDAY + 10 * MINUTE);
        send("ldap");
        tickUntil(MONDAY + 2 * HOUR, "fw", "web");
        assertThat(state("ldap")).isEqualTo(SourceState.EXCEPTED);
        assertThat(listener.calls).isEmpty();
        assertThat(tracker.latestSnapshot().categories().get(Category.IDENTITY.ordinal()).excepted()).isEqualTo(1);
        assertThat(tracker.latestSnapshot().source("ldap").heldBy()).isEqualTo("ldap-migration");
        assertThat(tracker.latestSnapshot().source("ldap").heldUntilMs()).isEqualTo(MONDAY + 3 * HOUR);

        tickUntil(MONDAY + 4 * HOUR, "fw", "web");
        final String id = "ldap@" + (MONDAY + 3 * HOUR);
        assertThat(listener.calls).containsExactly("expired ldap-migration " + id, "opened " + id);
        final Gap gap = tracker.openGap("ldap");
        assertThat(gap.reason()).isEqualTo(GapReason.EXCEPTION_EXPIRED);
        assertThat(gap.alertedAtMs()).isEqualTo(MONDAY + 3 * HOUR + MINUTE);
        assertThat(Gap.fromJournalJson(gap.toJournalJson())).isEqualTo(gap);
        assertThat(gap.toApiJson(clock.nowMs())).containsEntry("reason", "EXCEPTION_EXPIRED");
        assertThat(state("ldap")).isEqualTo(SourceState.SILENT);
    }

    @Test
    void shouldShowExceptedWhileReportingAndTellTheExpiryWithoutAGap() {
        tickUntil(MONDAY + 4 * HOUR, "fw", "web", "ldap");
        assertThat(listener.calls).containsExactly("expired ldap-migration null");
        assertThat(state("ldap")).isEqualTo(SourceState.REPORTING);
    }

    @Test
    void shouldKeepTheExceptionAndItsExpiryExactlyOnceAcrossRestarts() {
        final List<String> journal = new ArrayList<>();
        final List<Long> received = new ArrayList<>();
        tracker = new CoverageTracker(INVENTORY, journaling(journal), CoverageTrackerConfig.DEFAULT, MONDAY);
        clock.set(MONDAY + 10 * MINUTE);
        send("ldap");
        received.add(clock.nowMs());
        tickUntil(MONDAY + 90 * MINUTE);
        assertThat(state("ldap")).isEqualTo(SourceState.EXCEPTED);

        // restart in the middle of the exception
        tracker = restarted(journal, received, MONDAY + 2 * HOUR);
        assertThat(state("ldap")).isEqualTo(SourceState.EXCEPTED);
        tickUntil(MONDAY + 3 * HOUR + 10 * MINUTE);
        final String id = "ldap@" + (MONDAY + 3 * HOUR);
        assertThat(listener.live()).filteredOn(c -> c.contains("ldap"))
                .containsExactly("expired ldap-migration " + id, "opened " + id);

        // restart after the expiry: restored, not told again
        listener.calls.clear();
        tracker = restarted(journal, received, MONDAY + 4 * HOUR);
        assertThat(listener.live()).filteredOn(c -> c.contains("ldap")).isEmpty();
        assertThat(listener.calls).contains("expired ldap-migration " + id + " replay", "opened " + id + " replay");
        assertThat(tracker.openGap("ldap").reason()).isEqualTo(GapReason.EXCEPTION_EXPIRED);
        assertThat(state("ldap")).isEqualTo(SourceState.SILENT);
        send("ldap");
        tracker.onEvent(tick(clock.advance(MINUTE)));
        assertThat(listener.live()).filteredOn(c -> c.contains("ldap"))
                .containsExactly("closed " + id + " " + (MONDAY + 4 * HOUR));
    }

    /** A new tracker rebuilt the way the server does: journal records, replayed events, then a live tick. */
    private CoverageTracker restarted(List<String> journal, List<Long> received, long atMs) {
        clock.set(atMs);
        final CoverageTracker t = new CoverageTracker(INVENTORY, journaling(journal), CoverageTrackerConfig.DEFAULT,
                atMs);
        for (String record : List.copyOf(journal)) {
            t.restoreJournalRecord(record);
        }
        for (long ms : received) {
            event(t, "ldap", ms, true);
        }
        t.onEvent(tick(atMs));
        return t;
    }

    /** Journals live transitions like the server does, and records all of them in {@link #listener}. */
    private GapListener journaling(List<String> journal) {
        return new GapListener() {
            @Override
            public void gapOpened(Gap gap, boolean replay) {
                listener.gapOpened(gap, replay);
                if (!replay) {
                    journal.add(gap.toJournalJson());
                }
            }

            @Override
            public void gapClosed(Gap gap, boolean replay) {
                listener.gapClosed(gap, replay);
                if (!replay) {
                    journal.add(gap.toJournalJson());
                }
            }

            @Override
            public void exceptionExpired(ExceptionExpiry expiry, boolean replay) {
                listener.exceptionExpired(expiry, replay);
                if (!replay) {
                    journal.add(expiry.toJournalJson());
                }
            }
        };
    }

    @Test
    void shouldShowANeverSeenSourceInsideAWindowAsMaintenance() {
        tracker.onEvent(tick(at(MONDAY + 90 * MINUTE)));
        assertThat(state("fw")).isEqualTo(SourceState.MAINTENANCE);
        assertThat(state("web")).isEqualTo(SourceState.NEVER_SEEN);
        tracker.onEvent(tick(at(MONDAY + 3 * HOUR + MINUTE)));
        assertThat(state("fw")).isEqualTo(SourceState.NEVER_SEEN);
        assertThat(listener.calls).as("never_seen gaps are off by default").containsExactly(
                "expired ldap-migration null");
    }

    @Test
    void shouldKeepAGapOpenedBeforeAnExceptionButShowTheSourceExcepted() {
        final Inventory later = new Inventory(INVENTORY.sources(), List.of(), List.of(new ExceptionGrant("late",
                "ldap", "accepted after the alert", "manual review", "ciso@example.com", MONDAY + HOUR,
                MONDAY + 2 * HOUR)));
        tracker = new CoverageTracker(later, listener, CoverageTrackerConfig.DEFAULT, MONDAY);
        send("ldap");
        tracker.onEvent(tick(at(MONDAY + 30 * MINUTE)));
        assertThat(listener.calls).containsExactly("opened ldap@" + (MONDAY + 5 * MINUTE));
        tracker.onEvent(tick(at(MONDAY + 90 * MINUTE)));
        assertThat(state("ldap")).isEqualTo(SourceState.EXCEPTED);
        assertThat(tracker.openGap("ldap")).isNotNull();
        tracker.onEvent(tick(at(MONDAY + 150 * MINUTE)));
        assertThat(state("ldap")).isEqualTo(SourceState.SILENT);
        assertThat(listener.calls).containsExactly("opened ldap@" + (MONDAY + 5 * MINUTE), "expired late null");
    }

    @Test
    void shouldNotAllocatePerAttributedSyslogEventOfACoveredSource() {
        final Event fw = io.watchfloor.coverage.TestEvents.syslogInto(new Event(), "fw", "app", "192.0.2.1",
                MONDAY + 90 * MINUTE, MONDAY + 90 * MINUTE - 1_000);
        fw.attribute(0, "fw");
        final Event ldap = io.watchfloor.coverage.TestEvents.syslogInto(new Event(), "ldap", "app", "192.0.2.1",
                MONDAY + 90 * MINUTE, MONDAY + 90 * MINUTE - 1_000);
        ldap.attribute(2, "ldap");
        tracker.onEvent(tick(at(MONDAY + 90 * MINUTE)));
        final Runnable work = () -> {
            for (int i = 0; i < 20_000; i++) {
                tracker.onEvent(fw);
                tracker.onEvent(ldap);
            }
        };
        work.run();

        assertThat(io.watchfloor.coverage.TestEvents.allocatedBytes(work)).isLessThan(1_024);
    }
}
