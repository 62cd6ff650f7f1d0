package io.watchfloor.server.wiring;

import io.watchfloor.core.journal.TextJournal;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.inventory.Source;
import io.watchfloor.coverage.tracker.ExceptionExpiry;
import io.watchfloor.coverage.tracker.Gap;
import io.watchfloor.coverage.tracker.GapReason;
import io.watchfloor.coverage.tracker.GapListener;
import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.sink.AlertSink;

import java.time.Duration;
import java.util.Locale;

/**
 * Journals every live gap transition and raises it as an alert through the same sinks as detection.
 * Called on the coverage stage thread; replayed transitions are already journaled and alerted.
 */
final class CoverageAlerts implements GapListener {
    private final Inventory inventory;
    private final TextJournal journal;
    private final AlertSink alerts;
    private final WallClock clock;

    CoverageAlerts(Inventory inventory, TextJournal journal, AlertSink alerts, WallClock clock) {
        this.inventory = inventory;
        this.journal = journal;
        this.alerts = alerts;
        this.clock = clock;
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
                "Coverage gap closed: source " + gap.sourceId() + " (" + s.name() + ") " + recovered(gap) + " after "
                        + gap.durationS(gap.closedAtMs()) + " s", "informational"));
    }

    private static String recovered(Gap gap) {
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
