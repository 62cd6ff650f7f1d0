package io.watchfloor.server.wiring;

import io.watchfloor.core.journal.TextJournal;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.coverage.inventory.ExceptionGrant;
import io.watchfloor.coverage.inventory.HoldChange;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Lifecycle;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.inventory.SourceChange;
import io.watchfloor.coverage.tracker.ExceptionExpiry;
import io.watchfloor.coverage.tracker.Gap;
import io.watchfloor.coverage.tracker.GapReason;
import io.watchfloor.coverage.tracker.GapListener;
import io.watchfloor.coverage.tracker.RetiredSourceActivity;
import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.sink.AlertSink;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Journals every live gap transition, lifecycle change, exception expiry (with its audit record) and retired
 * source's re-activation, and raises the
 * transitions and re-activations as alerts through the same sinks as detection. Called on the coverage stage
 * thread (and on the starting thread during the restore); replayed records are already journaled and alerted.
 */
final class CoverageAlerts implements GapListener {
    private final TextJournal journal;
    private final AlertSink alerts;
    private final WallClock clock;
    private final SourceChangeHistory history;
    /** The tracker's inventory, lifecycle changes included: gaps of added sources name them. */
    private Inventory inventory;

    CoverageAlerts(Inventory inventory, TextJournal journal, AlertSink alerts, WallClock clock,
                   SourceChangeHistory history) {
        this.inventory = inventory;
        this.journal = journal;
        this.alerts = alerts;
        this.clock = clock;
        this.history = history;
    }

    @Override
    public void sourceChanged(SourceChange change, Inventory next, boolean replay) {
        inventory = next;
        history.record(change);
        if (!replay) {
            journal.append(change.toJournalJson());
        }
    }

    @Override
    public void retiredSourceActive(RetiredSourceActivity activity, boolean replay) {
        if (replay) {
            return;
        }
        journal.append(activity.toJournalJson());
        final Source s = inventory.byId(activity.sourceId());
        alerts.accept(new Alert(activity.activeSinceMs(), clock.nowMs(), RetiredSourceActivity.ALERT_KIND,
                "Retired source active (RETIRED_SOURCE_ACTIVE)", level(s), null, "Watchfloor",
                List.of("watchfloor.coverage"), null, s.id(), -1,
                "RETIRED_SOURCE_ACTIVE: source " + s.id() + " (" + s.name() + ", " + s.category().id()
                        + ") was retired on " + s.retired().date() + " (" + s.retired().reason()
                        + ") but sends again since " + Instant.ofEpochMilli(activity.activeSinceMs()),
                List.of()));
    }

    @Override
    public void gapOpened(Gap gap, boolean replay) {
        if (replay) {
            return;
        }
        journal.append(gap.toJournalJson());
        final Source s = inventory.byId(gap.sourceId());
        alerts.accept(Alert.coverage(Alert.GAP_OPENED, gap.sourceId(), null, gap.openedAtMs(), clock.nowMs(),
                "Coverage gap opened: source " + gap.sourceId() + " (" + s.name() + ", " + s.category().id() + ") "
                        + why(gap, s), level(s)));
    }

    @Override
    public void exceptionExpired(ExceptionExpiry expiry, boolean replay) {
        if (!replay) {
            journal.append(expiry.toJournalJson());
            for (ExceptionGrant x : inventory.exceptions()) {
                if (x.id().equals(expiry.exceptionId())) {
                    journal.append(HoldChange.expiry(x).toJournalJson());
                }
            }
        }
    }

    /** Says what the source failed to do, by gap type. */
    private static String why(Gap gap, Source s) {
        switch (gap.type()) {
            case DELAYED:
                return "delivers events later than its max_lag of " + human(s.maxLagMs());
            case NEVER_SEEN:
                return "has never sent anything since monitoring started";
            case VOLUME:
                return "sends fewer events than its learned lower bound" + detail(gap);
            case DEGRADED:
                return gap.reason() == GapReason.PARSE_FAILURES ? "sends events that fail to parse" + detail(gap)
                        : "no longer sends required event types" + detail(gap);
            default:
                if (gap.reason() == GapReason.EXCEPTION_EXPIRED) {
                    return "is silent now that its coverage exception has expired";
                }
                if (gap.reason() == GapReason.MAINTENANCE_OVERRUN) {
                    return "stayed silent past the end of its maintenance window";
                }
                return s.cadence().type() == io.watchfloor.coverage.inventory.CadenceType.STATIC
                        ? "sent nothing for more than " + human(s.maxSilenceMs())
                        : "missed its expected " + s.cadence().type().name().toLowerCase(Locale.ROOT) + " cadence";
        }
    }

    /** @return what a partial gap found, as {@code " (missing=[4625])"}, or nothing */
    private static String detail(Gap gap) {
        return gap.detail() == null || gap.detail().toJson().isEmpty() ? "" : " " + gap.detail().toJson();
    }

    private static String human(long ms) {
        return Duration.ofMillis(ms).toString().substring(2).toLowerCase(Locale.ROOT);
    }

    @Override
    public void gapClosed(Gap gap, boolean replay) {
        if (replay) {
            return;
        }
        journal.append(gap.toJournalJson());
        final Source s = inventory.byId(gap.sourceId());
        alerts.accept(Alert.coverage(Alert.GAP_CLOSED, gap.sourceId(), null, gap.closedAtMs(), clock.nowMs(),
                "Coverage gap closed: source " + gap.sourceId() + " (" + s.name() + ") " + recovered(gap, s) + " after "
                        + gap.durationS(gap.closedAtMs()) + " s", "informational"));
    }

    /** Says why the gap closed: the source recovered, by gap type, or it left the scope. */
    private static String recovered(Gap gap, Source s) {
        if (s.lifecycle() == Lifecycle.RETIRED) {
            return "was retired";
        }
        if (s.lifecycle() == Lifecycle.ONBOARDING) {
            return "went back to onboarding";
        }
        switch (gap.type()) {
            case VOLUME:
                return "is back above its learned volume";
            case DEGRADED:
                return "sends complete content again";
            default:
                return "reports again";
        }
    }

    /** A gap in a critical source is a critical alert: the alert level follows the source's criticality. */
    private static String level(Source s) {
        return s.criticality() == null ? "medium" : s.criticality().id();
    }
}
