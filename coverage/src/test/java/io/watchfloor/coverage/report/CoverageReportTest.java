package io.watchfloor.coverage.report;

import static io.watchfloor.coverage.TestEvents.syslog;
import static io.watchfloor.coverage.TestEvents.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchfloor.coverage.inventory.Cadence;
import io.watchfloor.coverage.inventory.Category;
import io.watchfloor.coverage.inventory.Criticality;
import io.watchfloor.coverage.inventory.ExceptionGrant;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Lifecycle;
import io.watchfloor.coverage.inventory.Retirement;
import io.watchfloor.coverage.inventory.SourceChange;
import io.watchfloor.coverage.inventory.SourceContent;
import io.watchfloor.coverage.inventory.MaintenanceWindow;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceMatch;
import io.watchfloor.coverage.inventory.SourceScope;
import io.watchfloor.coverage.tracker.CoverageTracker;
import io.watchfloor.coverage.tracker.CoverageTrackerConfig;
import io.watchfloor.coverage.tracker.GapListener;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.time.ManualClock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Coverage over a period (issue 3, item 8), from a ledger built by the tracker under a manual clock. */
class CoverageReportTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;

    private static Source source(int index, String id, Category category) {
        return new Source(index, id, "Source " + id, category, new SourceMatch(List.of(id), List.of(), List.of()),
                null, 5 * MINUTE, Criticality.HIGH, "soc", Source.NO_MAX_LAG, Cadence.STATIC, List.of());
    }

    private static final List<Source> SOURCES = List.of(source(0, "ad", Category.IDENTITY),
            source(1, "ldap", Category.IDENTITY), source(2, "fw", Category.NETWORK));

    private final ManualClock clock = new ManualClock(T0);
    private Inventory inventory = new Inventory(SOURCES);
    private CoverageTracker tracker;

    private void send(String id) {
        final Event e = syslog(id, "app", "192.0.2.1", clock.nowMs());
        e.attribute(inventory.byId(id).index(), id);
        tracker.onEvent(e);
    }

    /**
     * One hour in minute ticks: ldap and fw report every minute; ad reports at T0, then nothing until T0+30m, so
     * its gap opens at T0+5m, is alerted at the T0+6m tick and closes at T0+30m.
     */
    private void runOneHour(CoverageTrackerConfig config) {
        tracker = new CoverageTracker(inventory, GapListener.NONE, config, T0);
        send("ad");
        send("ldap");
        send("fw");
        while (clock.nowMs() < T0 + 60 * MINUTE) {
            clock.advance(MINUTE);
            if (clock.nowMs() == T0 + 30 * MINUTE || clock.nowMs() > T0 + 30 * MINUTE) {
                send("ad");
            }
            send("ldap");
            send("fw");
            tracker.onEvent(tick(clock.nowMs()));
        }
    }

    private Map<String, Object> report(List<MonitorDownPeriod> down) {
        return CoverageReport.of(inventory, tracker.latestSnapshot(), down).reportJson(T0, T0 + 60 * MINUTE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sourceEntry(Map<String, Object> report, String id) {
        for (Object o : (List<Object>) report.get("sources")) {
            final Map<String, Object> m = (Map<String, Object>) o;
            if (m.get("id").equals(id)) {
                return m;
            }
        }
        throw new AssertionError(id);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> minutes(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("minutes");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> category(Map<String, Object> report, String id) {
        return (Map<String, Object>) ((Map<String, Object>) report.get("categories")).get(id);
    }

    @Test
    void shouldLeaveRetiredAndNotYetReportingOnboardingSourcesOutOfEveryDenominator() {
        runOneHour(CoverageTrackerConfig.DEFAULT);
        final Source ad = inventory.byId("ad");
        tracker.apply(new SourceChange(SourceChange.Action.RETIRE, ad,
                ad.retire(new Retirement(LocalDate.of(2023, 11, 14), "migrated")), "alice", clock.nowMs()));
        tracker.apply(new SourceChange(SourceChange.Action.ADD, null, new Source(0, "new-app", "New", Category.NETWORK,
                new SourceMatch(List.of("new-app"), List.of(), List.of()), null, 5 * MINUTE, Criticality.LOW, null,
                Source.NO_MAX_LAG, Cadence.STATIC, List.of(), SourceContent.NONE, Lifecycle.ONBOARDING, null), "alice",
                clock.nowMs()));

        final Map<String, Object> r = CoverageReport.of(tracker.latestSnapshot(), List.of())
                .reportJson(T0, T0 + 60 * MINUTE);

        assertThat(sourceEntry(r, "ad")).as("listed with its history").containsEntry("lifecycle", "retired")
                .containsEntry("counted", false).containsEntry("gaps", 1L);
        assertThat(sourceEntry(r, "new-app")).containsEntry("lifecycle", "onboarding").containsEntry("counted", false);
        assertThat(sourceEntry(r, "fw")).containsEntry("counted", true);
        assertThat((Map<String, Object>) r.get("overall")).containsEntry("sources", 2).containsEntry("gaps", 0L)
                .containsEntry("coverage_pct_of_period", 100.0);
        assertThat(category(r, "identity")).containsEntry("sources", 1).containsEntry("coverage_pct_of_period", 100.0);
        assertThat(category(r, "network")).containsEntry("sources", 1);
    }

    @Test
    void shouldReportExactMinutesGapsAndPercentagesOverAPeriodWithOneGap() {
        runOneHour(CoverageTrackerConfig.DEFAULT);
        final Map<String, Object> r = report(List.of());

        assertThat(r).containsEntry("complete", true).containsEntry("history_complete_from", null)
                .containsEntry("from", "2023-11-14T22:13:20Z").containsEntry("to", "2023-11-14T23:13:20Z");
        final Map<String, Object> ad = sourceEntry(r, "ad");
        assertThat(minutes(ad)).containsEntry("reporting", 35.0).containsEntry("silent", 25.0)
                .containsEntry("maintenance", 0.0).containsEntry("monitor_down", 0.0);
        assertThat(ad).containsEntry("gaps", 1L).containsEntry("coverage_pct_of_period", 58.33)
                .containsEntry("coverage_pct_of_monitored", 58.33)
                .containsEntry("open_to_alert_s", Map.of("count", 1L, "mean", 60.0, "max", 60.0));
        assertThat(sourceEntry(r, "ldap")).containsEntry("gaps", 0L).containsEntry("coverage_pct_of_period", 100.0);

        final Map<String, Object> identity = category(r, "identity");
        assertThat(identity).containsEntry("sources", 2).containsEntry("gaps", 1L)
                .containsEntry("coverage_pct_of_period", 79.17);
        assertThat(minutes(identity)).containsEntry("reporting", 95.0).containsEntry("silent", 25.0);
        assertThat(category(r, "cloud")).containsEntry("sources", 0).containsEntry("coverage_pct_of_period", null);
        @SuppressWarnings("unchecked")
        final Map<String, Object> overall = (Map<String, Object>) r.get("overall");
        assertThat(overall).containsEntry("sources", 3).containsEntry("coverage_pct_of_period", 86.11);
        assertThat(minutes(overall)).containsEntry("reporting", 155.0).containsEntry("silent", 25.0);
    }

    @Test
    void shouldLeaveMonitorDownTimeOutOfMonitoredTime() {
        runOneHour(CoverageTrackerConfig.DEFAULT);
        final Map<String, Object> ad = sourceEntry(report(List.of(
                new MonitorDownPeriod(T0 + 25 * MINUTE, T0 + 35 * MINUTE))), "ad");

        assertThat(minutes(ad)).containsEntry("monitor_down", 10.0).containsEntry("silent", 20.0)
                .containsEntry("reporting", 30.0);
        assertThat(ad).containsEntry("coverage_pct_of_period", 50.0).containsEntry("coverage_pct_of_monitored", 60.0);
    }

    @Test
    void shouldCountWindowsAndExceptionsAsNotCoveredAndNeverSeenSourcesAsNeverSeen() {
        inventory = new Inventory(List.of(SOURCES.get(0), SOURCES.get(1), source(2, "ghost", Category.NETWORK)),
                List.of(MaintenanceWindow.oneOff("w", new SourceScope(SourceScope.Kind.SOURCE, "ad"),
                        T0 + 20 * MINUTE, T0 + 40 * MINUTE)),
                List.of(new ExceptionGrant("x", "ldap", "why", "control", "approver", T0 - MINUTE,
                        T0 + 15 * MINUTE)));
        tracker = new CoverageTracker(inventory, GapListener.NONE, CoverageTrackerConfig.DEFAULT, T0);
        send("ad");
        send("ldap");
        while (clock.nowMs() < T0 + 60 * MINUTE) {
            clock.advance(MINUTE);
            if (clock.nowMs() >= T0 + 30 * MINUTE) {
                send("ad");
            }
            send("ldap");
            tracker.onEvent(tick(clock.nowMs()));
        }
        final Map<String, Object> r = CoverageReport.of(inventory, tracker.latestSnapshot(), List.of())
                .reportJson(T0, T0 + 2 * 60 * MINUTE);

        assertThat(r).containsEntry("to", "2023-11-14T23:13:20Z");
        assertThat(minutes(sourceEntry(r, "ad"))).containsEntry("silent", 15.0).containsEntry("maintenance", 20.0)
                .containsEntry("reporting", 25.0);
        assertThat(minutes(sourceEntry(r, "ldap"))).containsEntry("excepted", 15.0).containsEntry("reporting", 45.0);
        assertThat(sourceEntry(r, "ldap")).containsEntry("coverage_pct_of_period", 75.0);
        assertThat(minutes(sourceEntry(r, "ghost"))).containsEntry("never_seen", 60.0);
    }

    @Test
    void shouldMarkTheReportIncompleteWhenThePeriodStartsBeforeEvictedHistory() {
        inventory = new Inventory(SOURCES);
        tracker = new CoverageTracker(inventory, GapListener.NONE, new CoverageTrackerConfig(10, 1, 0), T0);
        for (int round = 0; round < 2; round++) {
            send("ad");
            tracker.onEvent(tick(advance(10 * MINUTE)));
            send("ad");
            tracker.onEvent(tick(advance(MINUTE)));
        }
        final CoverageReport report = CoverageReport.of(inventory, tracker.latestSnapshot(), List.of());

        assertThat(tracker.latestSnapshot().evictedUpToMs()).isEqualTo(T0 + 10 * MINUTE);
        assertThat(report.reportJson(T0, clock.nowMs())).containsEntry("complete", false)
                .containsEntry("history_complete_from", "2023-11-14T22:23:20Z");
        assertThat(report.reportJson(T0 + 10 * MINUTE, clock.nowMs())).containsEntry("complete", true);
        assertThatThrownBy(() -> report.reportJson(T0 + 1, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    private long advance(long ms) {
        return clock.advance(ms);
    }
}
