package io.watchfloor.server.wiring;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.journal.EventJournal;
import io.watchfloor.core.journal.JournalConfig;
import io.watchfloor.core.journal.JournalStage;
import io.watchfloor.core.journal.TextJournal;
import io.watchfloor.core.ring.EventRing;
import io.watchfloor.core.ring.EventStage;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.ring.RingConfig;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.coverage.inventory.HoldAudit;
import io.watchfloor.coverage.inventory.HoldChange;
import io.watchfloor.coverage.inventory.Inventory;
import io.watchfloor.coverage.report.MonitorDownPeriod;
import io.watchfloor.coverage.report.MonitorHeartbeats;
import io.watchfloor.coverage.tracker.CoverageTracker;
import io.watchfloor.coverage.tracker.CoverageTrackerConfig;
import io.watchfloor.detect.DetectionEngine;
import io.watchfloor.detect.correlation.CorrelationConfig;
import io.watchfloor.detect.sink.AlertLog;
import io.watchfloor.detect.sink.AlertSink;
import io.watchfloor.ingest.http.HttpIngestConfig;
import io.watchfloor.ingest.http.HttpIngestListener;
import io.watchfloor.ingest.tcp.SyslogTcpConfig;
import io.watchfloor.ingest.tcp.SyslogTcpListener;
import io.watchfloor.ingest.transport.IngestTransport;
import io.watchfloor.ingest.udp.SyslogUdpConfig;
import io.watchfloor.ingest.udp.SyslogUdpListener;
import io.watchfloor.ingest.udp.UdpKernelDrops;
import io.watchfloor.server.api.ApiServer;
import io.watchfloor.server.config.WatchfloorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A running Watchfloor: journals, restart replay, ring stages, tick timer, listeners and API, joined here
 * (detect and coverage never see each other). {@code serve} and the end-to-end tests use it unchanged.
 */
public final class Watchfloor implements AutoCloseable {
    /** The coverage tracker's bounds and policies; {@link CoverageReplay} runs with the same. */
    static final CoverageTrackerConfig COVERAGE_TRACKER_CONFIG = CoverageTrackerConfig.DEFAULT;
    /** Name of the journal of coverage records (gap transitions, expiries, heartbeats) under the journal directory. */
    public static final String COVERAGE_JOURNAL = "coverage";

    private static final Logger LOG = LoggerFactory.getLogger(Watchfloor.class);
    /** How often the UDP socket's kernel drop count is read from /proc (on the tick thread, off the I/O loops). */
    static final long KERNEL_DROPS_SAMPLE_INTERVAL_MS = 1000;

    private final Validation validation;
    private final WatchfloorConfig config;
    private final Inventory inventory;
    private final Path dataDir;
    private final WallClock clock;
    private final IngestCounters counters = new IngestCounters();
    private final WatchfloorMetrics metrics = new WatchfloorMetrics();
    private final List<AutoCloseable> started = new ArrayList<>();
    private final MonitorHeartbeats heartbeats = new MonitorHeartbeats();

    private EventJournal eventJournal;
    private TextJournal coverageJournal;
    private AlertLog alertLog;
    private CoverageTracker tracker;
    private final SourceChangeHistory sourceChanges = new SourceChangeHistory();
    private PublishedInventory published;
    private DetectStage detect;
    private RuleReloader reloader;
    private EventRing ring;
    private ScheduledExecutorService ticker;
    private UdpKernelDrops udpKernelDrops;
    private int syslogTcpPort = -1;
    private int syslogUdpPort = -1;
    private int httpPort = -1;
    private int apiPort = -1;
    private volatile boolean ready;

    /**
     * @param validation a validation without configuration or inventory errors
     * @param dataDir where journals and {@code alerts.jsonl} live
     * @param clock stamps receive times and drives TICKs
     */
    public Watchfloor(Validation validation, Path dataDir, WallClock clock) {
        if (!validation.errors().isEmpty()) {
            throw new IllegalArgumentException("configuration has errors: " + validation.errors());
        }
        this.validation = validation;
        this.config = validation.config();
        this.inventory = validation.inventory();
        this.dataDir = dataDir;
        this.clock = clock;
    }

    /**
     * Opens the journals, rebuilds coverage state from them, starts the ring, the tick timer, the listeners
     * and the API. On failure everything already started is closed and the exception rethrown.
     */
    public synchronized void start() {
        try {
            doStart();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void doStart() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        final JournalConfig journalConfig = new JournalConfig(dataDir.resolve("journal"), config.retentionDays(),
                config.journalDurability());
        eventJournal = opened(new EventJournal(journalConfig));
        coverageJournal = opened(new TextJournal(journalConfig, COVERAGE_JOURNAL));
        try {
            alertLog = opened(AlertLog.open(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the alert log under " + dataDir, e);
        }
        final AlertSink alerts = alert -> {
            alertLog.accept(alert);
            metrics.alertRaised(alert.ruleLevel());
        };
        tracker = new CoverageTracker(inventory, new CoverageAlerts(inventory, coverageJournal, alerts, clock,
                sourceChanges), COVERAGE_TRACKER_CONFIG, clock.nowMs());
        final DetectionEngine engine = new DetectionEngine(validation.rules(), CorrelationConfig.DEFAULT,
                config.detection().engine(), validation.mapping());
        rebuildCoverage();

        detect = new DetectStage(engine, published, alerts);
        final JournalStage journal = new JournalStage(eventJournal, counters);
        final SourceChangeQueue changes = new SourceChangeQueue();
        final CoverageStage tracking = new CoverageStage(tracker, changes, published);
        final HeartbeatStage heartbeat = new HeartbeatStage(coverageJournal);
        // the heartbeat acts on TICKs only: it runs on the coverage thread (which journals to the same coverage
        // journal) instead of a thread of its own that woke for every batch for nothing
        final EventStage coverage = (e, endOfBatch) -> {
            tracking.onEvent(e, endOfBatch);
            heartbeat.onEvent(e, endOfBatch);
        };
        ring = opened(new EventRing(new RingConfig(config.ringSlots(), config.parseThreads()),
                () -> new ParseStage(published), journal, List.of(detect, coverage)));
        metrics.bindIngest(counters);
        metrics.bindRing(ring, journal);
        metrics.bindJournal(eventJournal, journal);
        metrics.bindCoverage(tracker::latestSnapshot);
        metrics.bindAlerts();
        startRuleReload();

        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "watchfloor-tick");
            t.setDaemon(true);
            return t;
        });
        // the first tick is published here, before any listener opens, so it reconciles restored gaps ahead of new
        // events at a known time (the start), and a replay of the same events ticks at the same times
        tick();
        ticker.scheduleAtFixedRate(this::tick, config.tickIntervalMs(), config.tickIntervalMs(), TimeUnit.MILLISECONDS);

        final IngestTransport transport = opened(IngestTransport.create(IngestTransport.DEFAULT_IO_THREADS));
        final WatchfloorConfig.Syslog s = config.syslog();
        if (s.tcpPort() >= 0) {
            final SyslogTcpListener tcp = opened(new SyslogTcpListener(new SyslogTcpConfig(s.bindAddress(),
                    s.tcpPort(), s.maxFrameBytes(), s.maxConnections()), ring, counters, clock, transport));
            syslogTcpPort = tcp.start();
            metrics.bindRefusedConnections("syslog_tcp", tcp::refusedConnections);
        }
        if (s.udpPort() >= 0) {
            // a datagram cannot exceed 64 KiB whatever the TCP frame limit is
            final int maxDatagram = Math.min(s.maxFrameBytes(), SyslogUdpConfig.DEFAULT_MAX_DATAGRAM_BYTES);
            final SyslogUdpListener udp = opened(new SyslogUdpListener(new SyslogUdpConfig(s.bindAddress(),
                    s.udpPort(), maxDatagram, s.udpReceiveBufferBytes()), ring, counters, clock, transport));
            syslogUdpPort = udp.start();
            udpKernelDrops = udp.kernelDrops();
            metrics.bindUdpKernelDrops(Listener.SYSLOG_UDP.id(), udpKernelDrops);
            ticker.scheduleWithFixedDelay(udpKernelDrops::sample, KERNEL_DROPS_SAMPLE_INTERVAL_MS,
                    KERNEL_DROPS_SAMPLE_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
        final WatchfloorConfig.Http h = config.http();
        if (h.port() >= 0) {
            httpPort = opened(new HttpIngestListener(new HttpIngestConfig(h.bindAddress(), h.port(), h.maxBodyBytes(),
                    h.maxDecompressedBytes(), HttpIngestConfig.DEFAULT_MAX_LINE_BYTES,
                    HttpIngestConfig.DEFAULT_MAX_JSON_DEPTH, HttpIngestConfig.DEFAULT_MAX_FIELDS_PER_EVENT),
                    ring, counters, clock, transport)).start();
        }
        final ApiRoutes routes = new ApiRoutes(heartbeats.downPeriods(), tracker::latestSnapshot, alertLog,
                counters, eventJournal, journal, this::udpKernelDrops, new RuleRoutes(detect, reloader), metrics::scrape,
                () -> ready, clock);
        final SourceRoutes sources = new SourceRoutes(tracker::latestSnapshot, published, changes, sourceChanges,
                this::tick, clock);
        final ApiServer api = opened(new ApiServer(config.api().bindAddress(), config.api().port(), routes.routes(),
                routes.postRoutes(), Map.of("/api/sources", sources)));
        apiPort = api.start();
        ready = true;
        LOG.info("Watchfloor ready. sources={} rules={} syslogTcp={} syslogUdp={} http={} api={} data={} "
                        + "journalDurability={}", published.current().inventory().size(), detect.engine().ruleCount(),
                syslogTcpPort, syslogUdpPort, httpPort, apiPort, dataDir, config.journalDurability().id());
    }

    /**
     * Rule hot reload: {@code POST /api/rules/reload}, SIGHUP and changes under the rules directory (each as
     * configured) compile the new set on the reloader's thread; the detect stage swaps it in.
     */
    private void startRuleReload() {
        final WatchfloorConfig.Detection d = config.detection();
        reloader = opened(new RuleReloader(config, detect, this::tick, clock));
        metrics.bindDetection(detect::engine, reloader::succeeded, reloader::failed);
        if (d.watchRules()) {
            try {
                opened(new RulesDirectoryWatch(config.rulesDir(), reloader, d.reloadDebounceMs()));
            } catch (IOException e) {
                LOG.warn("Cannot watch the rules directory, reload with SIGHUP or the API. dir={} error={}",
                        config.rulesDir(), e.toString());
            }
        }
        if (d.reloadOnSighup()) {
            final SighupReload sighup = SighupReload.install(() -> reloader.reloadLater("sighup", 0));
            if (sighup != null) {
                opened(sighup);
            }
        }
    }

    /**
     * Rebuilds coverage state before any new event: lifecycle changes (applied to the YAML inventory in journal
     * order), gap transitions and the monitor's own heartbeats (its downtime, told to the tracker so it never becomes
     * a source's gap) from the coverage journal, and journals what changed in the YAML's maintenance windows and
     * exceptions since the last start; then every journaled event re-parsed and re-attributed with the resulting
     * inventory (replay events raise no alerts). The first live tick then reconciles, so a restart neither forgets an
     * open gap nor alerts it twice. Publishes the resulting inventory's routing for the ring.
     */
    private void rebuildCoverage() {
        final HoldAudit holds = new HoldAudit();
        final long gaps = coverageJournal.readAll(json -> {
            if (MonitorHeartbeats.isJournalRecord(json)) {
                heartbeats.accept(json);
            } else if (HoldChange.isJournalRecord(json)) {
                holds.accept(HoldChange.fromJournalJson(json));
            } else {
                tracker.restoreJournalRecord(json);
            }
        });
        final long startedAtMs = clock.nowMs();
        heartbeats.started(startedAtMs);
        coverageJournal.append(MonitorHeartbeats.startedJson(startedAtMs));
        for (HoldChange c : holds.changes(inventory, config.inventory().getFileName().toString(), startedAtMs)) {
            coverageJournal.append(c.toJournalJson());
            LOG.info("Inventory hold changed since the last start. kind={} action={} id={} actor={}", c.kind().id(),
                    c.action().id(), c.id(), c.actor());
        }
        // before the replay, so windows and sequence holes spanning a downtime are not the sources' fault
        for (MonitorDownPeriod p : heartbeats.downPeriods()) {
            tracker.monitorDown(p.startMs(), p.endMs());
        }
        published = new PublishedInventory(PublishedInventory.Routing.of(tracker.inventory()));
        final ParseStage parse = new ParseStage(published);
        final long events = eventJournal.replay(new Event(), e -> {
            parse.onEvent(e, false);
            tracker.onEvent(e);
        });
        if (gaps + events > 0) {
            LOG.info("Coverage rebuilt from the journal. events={} gapRecords={}", events, gaps);
        }
    }

    /**
     * Publishes a TICK at the clock's current time; the timer calls this, tests may call it directly.
     *
     * @return false when it was skipped: not started, or the ring was full (the next tick carries a later time)
     */
    public boolean tick() {
        final EventRing r = ring;
        return r != null && r.tryPublishTick(clock.nowMs());
    }

    private <T extends AutoCloseable> T opened(T c) {
        started.add(c);
        return c;
    }

    public int syslogTcpPort() { return syslogTcpPort; }
    public int syslogUdpPort() { return syslogUdpPort; }
    public int httpPort() { return httpPort; }
    public int apiPort() { return apiPort; }
    /** @return the UDP listener's kernel drop count as last sampled; 0 without a UDP listener */
    public long udpKernelDrops() { return udpKernelDrops == null ? 0 : udpKernelDrops.drops(); }
    public IngestCounters counters() { return counters; }
    public boolean ready() { return ready; }

    /**
     * Stops intake first (a TCP connection's frames already read still go into the ring), lets the ring drain
     * through every stage, then closes the journals and logs what each listener received and journaled.
     */
    @Override
    public synchronized void close() {
        final boolean wasStarted = !started.isEmpty();
        ready = false;
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        // listeners and API were opened last: close in reverse so intake stops before the ring drains
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("Close failed. component={} error={}", started.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        started.clear();
        ring = null;
        if (wasStarted) {
            final StringBuilder totals = new StringBuilder();
            for (Listener l : Listener.values()) {
                totals.append(' ').append(l.id()).append(".received=").append(counters.received(l))
                        .append(' ').append(l.id()).append(".journaled=").append(counters.journaled(l));
            }
            LOG.info("Watchfloor stopped.{} journalFailures={}", totals, counters.journalFailures());
        }
    }
}
