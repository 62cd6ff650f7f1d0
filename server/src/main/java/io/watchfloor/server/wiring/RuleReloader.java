package io.watchfloor.server.wiring;

import io.watchfloor.core.config.ConfigError;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.detect.DetectionConfig;
import io.watchfloor.detect.DetectionEngine;
import io.watchfloor.detect.correlation.CorrelationConfig;
import io.watchfloor.detect.mapping.FieldMapping;
import io.watchfloor.detect.rule.RuleLoader;
import io.watchfloor.detect.rule.RuleRejection;
import io.watchfloor.detect.rule.RuleSet;
import io.watchfloor.server.config.WatchfloorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Reloads the rules directory, the field mapping files and the placeholder file off the hot path (a mapping or
 * placeholder file with an error fails the reload): loads and compiles the whole set on its own thread
 * ({@code watchfloor-rules-reload}, one reload at a time), then hands the new engine to the {@link DetectStage},
 * which swaps it in on its own thread. A set with any rejected rule, an unreadable directory or a compile failure
 * leaves the running set in place; the answer and a WARN log say why (the loader logs each rejection).
 * Thread-safe: the API, the SIGHUP handler and the directory watch call it.
 */
final class RuleReloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleReloader.class);
    /** How long a reload waits for the detect stage to take the new engine before answering. */
    static final long SWAP_TIMEOUT_MS = 10_000;

    private final WatchfloorConfig watchfloor;
    private final Path rulesDir;
    private final DetectionConfig config;
    private final DetectStage stage;
    private final Runnable nudge;
    private final WallClock clock;
    private final ScheduledExecutorService worker;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private ScheduledFuture<?> scheduled;
    private volatile RuleReload last;

    /**
     * @param watchfloor the configuration: rules directory, field mapping files and placeholder file, all re-read by
     *     each reload
     * @param nudge publishes a TICK, so an idle ring still lets the stage swap at once
     */
    RuleReloader(WatchfloorConfig watchfloor, DetectStage stage, Runnable nudge, WallClock clock) {
        this.watchfloor = watchfloor;
        this.rulesDir = watchfloor.rulesDir();
        this.config = watchfloor.detection().engine();
        this.stage = stage;
        this.nudge = nudge;
        this.clock = clock;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "watchfloor-rules-reload");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reloads now and waits for the outcome; blocks the caller for the compile time.
     *
     * @param trigger {@code api}, {@code sighup} or {@code watch}
     */
    RuleReload reload(String trigger) {
        try {
            return worker.submit(() -> doReload(trigger)).get();
        } catch (RejectedExecutionException e) {
            return RuleReload.failed(trigger, clock.nowMs(), "shutting down", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RuleReload.failed(trigger, clock.nowMs(), "interrupted", List.of());
        } catch (ExecutionException e) {
            return RuleReload.failed(trigger, clock.nowMs(), "reload failed: " + e.getCause(), List.of());
        }
    }

    /**
     * Schedules a reload after {@code delayMs}; a reload still waiting to start is replaced, so a burst of file
     * changes reloads once (debounce). Never blocks: the SIGHUP handler and the directory watch call it.
     */
    synchronized void reloadLater(String trigger, long delayMs) {
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        try {
            scheduled = worker.schedule(() -> doReload(trigger), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            scheduled = null;
        }
    }

    private RuleReload doReload(String trigger) {
        final RuleReload r = compileAndSwap(trigger);
        last = r;
        if (r.ok()) {
            succeeded.incrementAndGet();
            LOG.info("Rules reloaded. trigger={} rules={} correlations={} correlationsCarried={}", trigger, r.rules(),
                    r.correlations(), r.correlationsCarried());
        } else {
            failed.incrementAndGet();
            LOG.warn("Rule reload refused, the running rules stay. trigger={} reason={} rejected={}", trigger,
                    r.reason(), r.rejections());
        }
        return r;
    }

    private RuleReload compileAndSwap(String trigger) {
        final List<ConfigError> errors = new ArrayList<>();
        final FieldMapping mapping = FieldMapping.load(watchfloor.detection().mappings(), errors);
        final Map<String, List<String>> placeholders = Validation.placeholders(watchfloor, errors);
        if (!errors.isEmpty()) {
            return RuleReload.failed(trigger, clock.nowMs(), errors.stream().map(ConfigError::toString)
                    .collect(Collectors.joining("; ")), List.of());
        }
        final RuleSet set;
        try {
            set = RuleLoader.load(rulesDir, placeholders);
        } catch (IOException | RuntimeException e) {
            return RuleReload.failed(trigger, clock.nowMs(), "cannot read " + rulesDir + ": " + e, List.of());
        }
        if (!set.rejections().isEmpty()) {
            return RuleReload.failed(trigger, clock.nowMs(), set.rejections().size()
                    + " rule(s) rejected; a set with rejected rules is not loaded", set.rejections());
        }
        final DetectionEngine next;
        try {
            next = new DetectionEngine(set, CorrelationConfig.DEFAULT, config, mapping);
        } catch (RuntimeException e) {
            return RuleReload.failed(trigger, clock.nowMs(), "compile failed: " + e, List.of());
        }
        final CompletableFuture<Integer> swapped = stage.offer(next);
        nudge.run();
        int carried;
        try {
            carried = swapped.get(SWAP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // queued: the stage takes it with its next event; the set is valid, so this counts as done
            carried = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RuleReload.failed(trigger, clock.nowMs(), "interrupted", List.of());
        } catch (ExecutionException | CancellationException e) {
            return RuleReload.failed(trigger, clock.nowMs(), "swap failed: "
                    + (e.getCause() != null ? e.getCause() : e), List.of());
        }
        return new RuleReload(true, trigger, clock.nowMs(), set.rules().size(), set.correlations().size(), carried,
                null, List.of());
    }

    /** @return reloads that swapped in a new set */
    long succeeded() {
        return succeeded.get();
    }

    /** @return reloads that left the running set in place */
    long failed() {
        return failed.get();
    }

    /** @return the last reload's outcome, or null before the first */
    RuleReload last() {
        return last;
    }

    /** @return the rules the last reload rejected (empty when it succeeded or none ran) */
    List<RuleRejection> lastRejections() {
        final RuleReload r = last;
        return r == null ? List.of() : r.rejections();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
