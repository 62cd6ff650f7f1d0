package io.watchfloor.server.wiring;

import io.watchfloor.core.event.Listener;
import io.watchfloor.core.journal.EventJournal;
import io.watchfloor.core.journal.JournalStage;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.coverage.report.CoverageReport;
import io.watchfloor.coverage.report.MonitorDownPeriod;
import io.watchfloor.coverage.tracker.CoverageSnapshot;
import io.watchfloor.coverage.tracker.GapType;
import io.watchfloor.detect.alert.Alert;
import io.watchfloor.detect.sink.AlertLog;
import io.watchfloor.server.api.ApiResponse;
import io.watchfloor.server.api.ApiRoute;
import io.watchfloor.server.api.QueryParams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The API's routes over the running components; every route reads published state only. */
final class ApiRoutes {
    /** Most alerts one request may ask for. */
    static final int MAX_ALERTS_LIMIT = 10_000;
    static final int ALERTS_LIMIT_DEFAULT = 100;

    private final List<MonitorDownPeriod> monitorDown;
    private final Supplier<CoverageSnapshot> coverage;
    private final AlertLog alerts;
    private final IngestCounters counters;
    private final EventJournal journal;
    private final JournalStage journalStage;
    private final LongSupplier udpKernelDrops;
    private final RuleRoutes rules;
    private final Supplier<String> metrics;
    private final BooleanSupplier ready;
    private final WallClock clock;

    ApiRoutes(List<MonitorDownPeriod> monitorDown, Supplier<CoverageSnapshot> coverage,
              AlertLog alerts, IngestCounters counters, EventJournal journal, JournalStage journalStage,
              LongSupplier udpKernelDrops, RuleRoutes rules, Supplier<String> metrics, BooleanSupplier ready,
              WallClock clock) {
        this.monitorDown = monitorDown;
        this.coverage = coverage;
        this.alerts = alerts;
        this.counters = counters;
        this.journal = journal;
        this.journalStage = journalStage;
        this.udpKernelDrops = udpKernelDrops;
        this.rules = rules;
        this.metrics = metrics;
        this.ready = ready;
        this.clock = clock;
    }

    Map<String, ApiRoute> routes() {
        final Map<String, ApiRoute> r = new LinkedHashMap<>();
        r.put("/api/coverage", q -> ApiResponse.json(coverage.get().coverageJson()));
        r.put("/api/coverage/report", this::report);
        r.put("/api/gaps", this::gaps);
        r.put("/api/stats", q -> ApiResponse.json(stats()));
        r.put("/api/alerts", this::alerts);
        r.put("/api/rules", q -> rules.list());
        r.put("/metrics", q -> ApiResponse.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
        r.put("/livez", q -> ApiResponse.json(Map.of("status", "live")));
        r.put("/readyz", q -> ready.getAsBoolean() ? ApiResponse.json(Map.of("status", "ready"))
                : ApiResponse.json(503, Map.of("status", "starting")));
        return r;
    }

    /** @return the POST routes: operator actions, run off the event loop */
    Map<String, ApiRoute> postRoutes() {
        return Map.of("/api/rules/reload", q -> rules.reload());
    }

    private Map<String, Object> stats() {
        final Map<String, Object> listeners = new LinkedHashMap<>();
        for (Listener l : Listener.values()) {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("received", counters.received(l));
            m.put("journaled", counters.journaled(l));
            m.put("rejected", counters.rejected(l));
            m.put("dropped", counters.dropped(l));
            m.put("parse_errors", counters.parseErrors(l));
            m.put("truncated", counters.truncated(l));
            if (l == Listener.SYSLOG_UDP) {
                m.put("kernel_drops", udpKernelDrops.getAsLong());
            }
            listeners.put(l.id(), m);
        }
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated_at", Alert.isoMillis(clock.nowMs()));
        out.put("listeners", listeners);
        final Map<String, Object> j = new LinkedHashMap<>();
        j.put("events", journal.events());
        j.put("append_failures", counters.journalFailures());
        j.put("durability", journal.durability().id());
        j.put("syncs", journalStage.syncs());
        j.put("sync_failures", journalStage.syncFailures());
        j.put("torn_records", journal.tornRecords());
        out.put("journal", j);
        out.put("alerts", Map.of("total", alerts.appended()));
        return out;
    }

    private ApiResponse report(Map<String, List<String>> q) {
        final Long from = QueryParams.instant(q, "from");
        final Long to = QueryParams.instant(q, "to");
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to are required (ISO-8601 like 2026-12-01T00:00:00Z, or epoch ms)");
        }
        return ApiResponse.json(CoverageReport.of(coverage.get(), monitorDown).reportJson(from, to));
    }

    private ApiResponse gaps(Map<String, List<String>> q) {
        final String type = QueryParams.string(q, "type");
        if (type != null && GapType.ofId(type) == null) {
            throw new IllegalArgumentException("type=" + type + " (expected: silent, delayed, never_seen, volume, degraded)");
        }
        final String state = QueryParams.string(q, "state");
        if (state != null && !state.equals("open") && !state.equals("closed")) {
            throw new IllegalArgumentException("state=" + state + " (expected: open or closed)");
        }
        return ApiResponse.json(coverage.get().gapsJson(QueryParams.string(q, "source"), type, state,
                QueryParams.instant(q, "from"), QueryParams.instant(q, "to")));
    }

    private ApiResponse alerts(Map<String, List<String>> q) {
        final int limit = QueryParams.integer(q, "limit", ALERTS_LIMIT_DEFAULT, 1, MAX_ALERTS_LIMIT);
        final Long since = QueryParams.instant(q, "since");
        final List<Map<String, Object>> recent = alerts.recent(limit, since);
        return ApiResponse.json(Map.of("count", recent.size(), "alerts", recent));
    }
}
