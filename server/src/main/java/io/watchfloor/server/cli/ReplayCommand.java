package io.watchfloor.server.cli;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.journal.EventJournal;
import io.watchfloor.core.journal.JournalConfig;
import io.watchfloor.core.journal.TextJournal;
import io.watchfloor.coverage.inventory.InventoryLoadResult;
import io.watchfloor.coverage.inventory.InventoryLoader;
import io.watchfloor.coverage.inventory.SourceChange;
import io.watchfloor.coverage.report.MonitorDownPeriod;
import io.watchfloor.coverage.report.MonitorHeartbeats;
import io.watchfloor.server.config.ConfigLoader;
import io.watchfloor.server.config.WatchfloorConfig;
import io.watchfloor.server.wiring.CoverageReplay;
import io.watchfloor.server.wiring.Watchfloor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code watchfloor replay}: {@code coverage replay} over a server's event journal instead of a file: every journaled
 * event, in journal order, with its receive time, listener and peer, through {@link CoverageReplay}. Read-only, so it
 * may run beside the server that writes the journal. The gap ids are the live server's (they depend only on the
 * source, type and opening time).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a data directory's event journal against the configured (or another) inventory, with the "
                + "live server's parsing, attribution and coverage tracker; print the gap ledger and coverage maps "
                + "as coverage replay does. Of the server's own coverage journal only its down periods and the "
                + "inventory changes made through the API (applied at their times) are read: gaps are recomputed.",
                "The tick defaults to the configuration's coverage.tick_interval_ms."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:replayed", "2:bad arguments or no event journal in the data directory",
                "78:the configuration or inventory is invalid"})
final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "The server's data directory; the journal is DIR/journal/events (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "Replay against this inventory instead of the configuration's coverage.inventory.")
    Path inventory;

    @Mixin
    TimelineOptions timeline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter err = spec.commandLine().getErr();
        final ConfigLoader.Result loaded = ConfigLoader.load(config.resolve());
        if (!loaded.ok()) {
            loaded.errors().forEach(e -> err.println("error: " + e));
            err.flush();
            return Main.EXIT_CONFIG;
        }
        final WatchfloorConfig c = loaded.config();
        final List<Long> atMs;
        final long tickMs;
        try {
            atMs = timeline.atMs();
            tickMs = timeline.tickMs(c.tickIntervalMs());
        } catch (IllegalArgumentException e) {
            return CoverageReplayCommand.usageError(err, e.getMessage());
        }
        final InventoryLoadResult inv = InventoryLoader.load(inventory != null ? inventory : c.inventory());
        if (!inv.ok()) {
            inv.errors().forEach(e -> err.println("error: " + e));
            err.flush();
            return Main.EXIT_CONFIG;
        }
        final JournalConfig journalConfig = new JournalConfig(dataDir.resolve("journal"), c.retentionDays());
        final EventJournal journal;
        try {
            journal = EventJournal.openReadOnly(journalConfig);
        } catch (IllegalArgumentException e) {
            return CoverageReplayCommand.usageError(err, "--data-dir " + dataDir + ": no event journal (expected: "
                    + "DIR/journal/events written by watchfloor serve --data-dir DIR)");
        }
        final ReplayOutput output = new ReplayOutput(spec.commandLine().getOut());
        final CoverageReplay replay = new CoverageReplay(inv.inventory(), tickMs, output);
        final List<SourceChange> changes = new ArrayList<>();
        replay.monitorDown(monitorDownPeriods(journalConfig, changes));
        replay.sourceChanges(changes);
        final ReplayTimeline run = new ReplayTimeline(replay, atMs,
                output);
        try (journal) {
            journal.replayFrom(0, new Event(), run::event);
        }
        run.finish();
        run.summary(err, "");
        return 0;
    }

    /**
     * The server's own down periods, from the heartbeat and start records of its coverage journal; adds the lifecycle
     * changes its API made, in journal order, to {@code changes}.
     */
    private static List<MonitorDownPeriod> monitorDownPeriods(JournalConfig journalConfig,
                                                              List<SourceChange> changes) {
        final MonitorHeartbeats heartbeats = new MonitorHeartbeats();
        TextJournal.readAllReadOnly(journalConfig, Watchfloor.COVERAGE_JOURNAL, json -> {
            if (MonitorHeartbeats.isJournalRecord(json)) {
                heartbeats.accept(json);
            } else if (SourceChange.isJournalRecord(json)) {
                changes.add(SourceChange.fromJournalJson(json));
            }
        });
        return heartbeats.downPeriods();
    }
}
