package io.watchfloor.server.wiring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.journal.EventJournal;
import io.watchfloor.core.journal.JournalDurability;
import io.watchfloor.core.journal.JournalStage;
import io.watchfloor.core.ring.EventRing;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.coverage.tracker.CoverageSnapshot;
import io.watchfloor.coverage.tracker.SourceCoverage;
import io.watchfloor.coverage.tracker.SourceState;
import io.watchfloor.ingest.udp.UdpKernelDrops;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The Prometheus registry and every Watchfloor meter, created once at wiring time. Meters read the
 * components' own counters when scraped, so nothing is recorded per event here. Tags come from bounded
 * sets only: listener, level, state.
 */
final class WatchfloorMetrics {
    private static final double NS_PER_S = 1e9;
    /** Sigma levels plus the coverage alerts' informational level; tags stay a bounded set. */
    private static final java.util.List<String> ALERT_LEVELS =
            java.util.List.of("informational", "low", "medium", "high", "critical");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Histogram appendLatencyNs = new Histogram(60_000_000_000L, 2);
    private final Map<String, Counter> alertsByLevel = new ConcurrentHashMap<>();
    private JournalStage journalStage;
    private Supplier<io.watchfloor.detect.DetectionEngine> detectEngine;
    private LongSupplier reloadsOk;
    private LongSupplier reloadsFailed;

    void bindIngest(IngestCounters counters) {
        for (Listener l : Listener.values()) {
            final Tags t = Tags.of("listener", l.id());
            FunctionCounter.builder("watchfloor.ingest.received", counters, c -> c.received(l)).tags(t)
                    .description("Frames or lines read by the listener").register(registry);
            FunctionCounter.builder("watchfloor.ingest.journaled", counters, c -> c.journaled(l)).tags(t)
                    .description("Events appended to the journal").register(registry);
            FunctionCounter.builder("watchfloor.ingest.rejected", counters, c -> c.rejected(l)).tags(t)
                    .description("Lines refused before the ring (malformed, or ring full for HTTP)").register(registry);
            FunctionCounter.builder("watchfloor.ingest.dropped", counters, c -> c.dropped(l)).tags(t)
                    .description("Events dropped on purpose because the ring was full (UDP only: it cannot push back)").register(registry);
            FunctionCounter.builder("watchfloor.ingest.parse.errors", counters, c -> c.parseErrors(l)).tags(t)
                    .description("Journaled events that parsed as neither syslog nor JSON").register(registry);
            FunctionCounter.builder("watchfloor.ingest.truncated", counters, c -> c.truncated(l)).tags(t)
                    .description("Frames cut at the maximum frame size").register(registry);
        }
        FunctionCounter.builder("watchfloor.journal.append.failures", counters, IngestCounters::journalFailures)
                .description("Journal appends that failed; those events were not accepted").register(registry);
    }

    void bindRing(EventRing ring, JournalStage journal) {
        this.journalStage = journal;
        Gauge.builder("watchfloor.ring.remaining.capacity", ring, EventRing::remainingCapacity)
                .description("Free ring slots").register(registry);
        Gauge.builder("watchfloor.ring.capacity", ring, EventRing::capacity).description("Ring slots")
                .register(registry);
        FunctionCounter.builder("watchfloor.ring.stage.errors", ring, EventRing::stageErrors)
                .description("Events skipped because a stage threw").register(registry);
        for (double q : new double[] {0.5, 0.99, 0.999, 1.0}) {
            Gauge.builder("watchfloor.journal.append.latency", this, m -> m.latencySeconds(q))
                    .tag("quantile", q == 1.0 ? "max" : Double.toString(q)).baseUnit("seconds")
                    .description("Journal append latency since start").register(registry);
        }
        FunctionCounter.builder("watchfloor.journal.appends", this, m -> m.latencyCount())
                .description("Journal appends timed for the latency quantiles").register(registry);
    }

    /**
     * The journal's durability mode, its group-commit syncs (fsync durability) and the torn record found on start;
     * both objects are held by the server.
     */
    void bindJournal(EventJournal journal, JournalStage stage) {
        for (JournalDurability d : JournalDurability.values()) {
            Gauge.builder("watchfloor.journal.durability", journal, j -> j.durability() == d ? 1 : 0)
                    .tag("mode", d.id()).description("1 for the configured journal.durability, 0 for the others")
                    .register(registry);
        }
        FunctionCounter.builder("watchfloor.journal.torn.records", journal, EventJournal::tornRecords)
                .description("Records a crash left unfinished at the journal's end, skipped and erased on start")
                .register(registry);
        FunctionCounter.builder("watchfloor.journal.syncs", stage, JournalStage::syncs)
                .description("Journal syncs to disk (one per ring batch with journal.durability: fsync)")
                .register(registry);
        FunctionCounter.builder("watchfloor.journal.sync.failures", stage, JournalStage::syncFailures)
                .description("Journal syncs that failed; the events they covered were answered as failed")
                .register(registry);
        FunctionCounter.builder("watchfloor.journal.sync.time", stage, st -> st.syncTimeNs() / NS_PER_S)
                .baseUnit("seconds").description("Time spent syncing the journal to disk").register(registry);
    }

    /** Datagrams the kernel dropped for the listener's socket (receive buffer full), as last sampled from /proc. */
    void bindUdpKernelDrops(String listener, UdpKernelDrops drops) {
        FunctionCounter.builder("watchfloor.udp.kernel.drops", drops, UdpKernelDrops::drops).tag("listener", listener)
                .description("Datagrams the kernel dropped before Watchfloor read them (socket receive buffer "
                        + "full), from /proc/net/udp; not in watchfloor_ingest_received").register(registry);
    }

    void bindCoverage(Supplier<CoverageSnapshot> snapshots) {
        for (SourceState s : SourceState.values()) {
            Gauge.builder("watchfloor.coverage.sources", snapshots, sup -> count(sup.get(), s)).strongReference(true)
                    .tag("state", s.name().toLowerCase(java.util.Locale.ROOT))
                    .description("Inventory sources by state (onboarding and retired ones are not in scope)")
                    .register(registry);
        }
    }

    /** Registers the alert counters up front, so every level is exported (at 0) from the start. */
    void bindAlerts() {
        for (String level : ALERT_LEVELS) {
            alertCounter(level);
        }
    }

    /** Counts one alert; alerts are rare, so a map lookup per alert is fine. */
    void alertRaised(String level) {
        alertCounter(level == null || !ALERT_LEVELS.contains(level) ? "unknown" : level).increment();
    }

    private Counter alertCounter(String level) {
        return alertsByLevel.computeIfAbsent(level, l -> Counter.builder("watchfloor.alerts").tag("level", l)
                .description("Alerts raised by this process, by level").register(registry));
    }

    /**
     * Detection totals over every engine the stage has run (counters carry over reloads): no per-rule tags, the
     * per-rule figures are at {@code GET /api/rules}.
     */
    void bindDetection(Supplier<io.watchfloor.detect.DetectionEngine> engine, LongSupplier reloadsOk,
                       LongSupplier reloadsFailed) {
        // meters hold their object weakly: read through this (held by the server), not through the lambdas
        this.detectEngine = engine;
        this.reloadsOk = reloadsOk;
        this.reloadsFailed = reloadsFailed;
        FunctionCounter.builder("watchfloor.detect.evaluations", this, m -> m.detectEngine.get().evaluatedTotal())
                .description("Events the rules were evaluated on").register(registry);
        FunctionCounter.builder("watchfloor.detect.evaluations.sampled", this,
                        m -> m.detectEngine.get().sampledEvents())
                .description("Events whose rule evaluation was timed (one in detection.cost_sample_interval)")
                .register(registry);
        FunctionCounter.builder("watchfloor.detect.evaluation.sampled.time", this,
                        m -> m.detectEngine.get().sampledNsTotal() / NS_PER_S).baseUnit("seconds")
                .description("Time the sampled events took over all rules").register(registry);
        FunctionCounter.builder("watchfloor.detect.alerts.suppressed", this,
                        m -> m.detectEngine.get().suppressedTotal())
                .description("Alerts not raised because a rule's suppression window held them back").register(registry);
        Gauge.builder("watchfloor.detect.rules", this, m -> m.detectEngine.get().ruleCount())
                .description("Detection rules running").register(registry);
        FunctionCounter.builder("watchfloor.detect.rules.reloads", this, m -> m.reloadsOk.getAsLong())
                .tag("result", "ok").description("Rule reloads, by result").register(registry);
        FunctionCounter.builder("watchfloor.detect.rules.reloads", this, m -> m.reloadsFailed.getAsLong())
                .tag("result", "failed").description("Rule reloads, by result").register(registry);
    }

    /** Counts connections the TCP listener closed because max_connections was reached. */
    void bindRefusedConnections(String listener, LongSupplier refused) {
        FunctionCounter.builder("watchfloor.ingest.connections.refused", refused, LongSupplier::getAsLong)
                .tag("listener", listener).description("Connections closed at once because max_connections was reached")
                .register(registry);
    }

    /** @return the Prometheus text exposition */
    String scrape() {
        return registry.scrape();
    }

    private synchronized void drainLatency() {
        if (journalStage != null) {
            appendLatencyNs.add(journalStage.appendLatencyInterval());
        }
    }

    private synchronized double latencySeconds(double quantile) {
        drainLatency();
        if (appendLatencyNs.getTotalCount() == 0) {
            return 0;
        }
        return (quantile >= 1.0 ? appendLatencyNs.getMaxValue()
                : appendLatencyNs.getValueAtPercentile(quantile * 100)) / NS_PER_S;
    }

    private synchronized double latencyCount() {
        drainLatency();
        return appendLatencyNs.getTotalCount();
    }

    private static double count(CoverageSnapshot snapshot, SourceState state) {
        if (snapshot == null) {
            return 0;
        }
        int n = 0;
        for (SourceCoverage s : snapshot.sources()) {
            if (s.state() == state) {
                n++;
            }
        }
        return n;
    }
}
