package io.watchfloor.server.cli;

import io.watchfloor.core.event.Event;
import io.watchfloor.coverage.inventory.InventoryLoadResult;
import io.watchfloor.coverage.inventory.InventoryLoader;
import io.watchfloor.server.config.ConfigLoader;
import io.watchfloor.server.wiring.CoverageReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code watchfloor coverage replay}: runs an inventory over a timeline of recorded events with the live server's
 * parse stage and coverage tracker ({@link CoverageReplay}) and prints the gap ledger and coverage maps
 * ({@link ReplayOutput}). The input format is {@link ReplayLineParser}'s; lines must come in receive order.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay recorded events against an inventory, on their receive times, with the live server's "
                + "parsing, attribution and coverage tracker; print the gap ledger (one JSON line per gap opening "
                + "and closing) and the coverage map (GET /api/coverage shape, one line) at each --at and at the end.",
                "Input, one JSON object per line, in receive order: {\"received_at\": ISO-8601, \"peer\": IP, "
                        + "\"raw\": syslog line} or {\"received_at\": ISO-8601, \"event\": {JSON event as sent to "
                        + "POST /ingest}}. journal dump output is read as it is."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every line replayed", "1:replayed to the end; some lines were bad (listed on stderr)",
                "2:bad arguments or unreadable input", "65:a line's received_at is before the previous line's",
                "78:the inventory is invalid"})
final class CoverageReplayCommand implements Callable<Integer> {
    static final int EXIT_BAD_LINES = 1;
    static final int EXIT_USAGE = 2;
    /** sysexits.h EX_DATAERR: the input is out of receive order. */
    static final int EXIT_OUT_OF_ORDER = 65;
    /** Bad lines listed one by one on stderr; the rest are only counted. */
    static final int MAX_LISTED_BAD_LINES = 100;

    @Option(names = "--inventory", required = true, paramLabel = "FILE", description = "The inventory to test.")
    Path inventory;

    @Option(names = "--events", required = true, paramLabel = "FILE",
            description = "Recorded events as JSON lines; - reads standard input.")
    String events;

    @Mixin
    TimelineOptions timeline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter err = spec.commandLine().getErr();
        final List<Long> atMs;
        final long tickMs;
        try {
            atMs = timeline.atMs();
            tickMs = timeline.tickMs(TimelineOptions.defaultTickMs());
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
        final InventoryLoadResult inv = InventoryLoader.load(inventory);
        if (!inv.ok()) {
            inv.errors().forEach(e -> err.println("error: " + e));
            err.flush();
            return Main.EXIT_CONFIG;
        }
        final InputStream in;
        try {
            in = events.equals("-") ? System.in : Files.newInputStream(Path.of(events));
        } catch (IOException e) {
            return usageError(err, "--events " + events + ": cannot read (" + e.getMessage() + ")");
        }
        final ReplayOutput output = new ReplayOutput(spec.commandLine().getOut());
        final CoverageReplay replay = new CoverageReplay(inv.inventory(), tickMs, output);
        final ReplayTimeline run = new ReplayTimeline(replay, atMs, output);
        final ReplayLineParser parser = new ReplayLineParser(ConfigLoader.MAX_FRAME_BYTES_DEFAULT);
        final BoundedLineReader lines = new BoundedLineReader(in, ReplayLineParser.MAX_LINE_BYTES);
        final Event slot = new Event();
        long lineNumber = 0;
        long bad = 0;
        long lastMs = Long.MIN_VALUE;
        long lastLine = 0;
        try (in) {
            for (String line; (line = lines.next()) != null; ) {
                lineNumber++;
                final String problem = lines.tooLong()
                        ? "longer than " + ReplayLineParser.MAX_LINE_BYTES + " bytes"
                        : line.isBlank() ? "" : parser.parse(line, slot);
                if (problem == null) {
                    if (slot.receivedAtMs() < lastMs) {
                        output.flush();
                        err.println("error: line " + lineNumber + ": received_at "
                                + Instant.ofEpochMilli(slot.receivedAtMs()) + " is before line " + lastLine + "'s "
                                + Instant.ofEpochMilli(lastMs) + " (expected: lines in receive order, e.g. sorted "
                                + "by received_at)");
                        run.summary(err, " lines=" + lineNumber + " bad=" + bad);
                        return EXIT_OUT_OF_ORDER;
                    }
                    lastMs = slot.receivedAtMs();
                    lastLine = lineNumber;
                    run.event(slot);
                } else if (!problem.isEmpty()) {
                    if (++bad <= MAX_LISTED_BAD_LINES) {
                        err.println("bad line " + lineNumber + ": " + problem);
                    }
                }
            }
        } catch (IOException e) {
            output.flush();
            return usageError(err, "--events " + events + ": read failed at line " + (lineNumber + 1) + " ("
                    + e.getMessage() + ")");
        }
        run.finish();
        if (bad > MAX_LISTED_BAD_LINES) {
            err.println("bad lines: " + bad + " (the first " + MAX_LISTED_BAD_LINES + " are listed)");
        }
        run.summary(err, " lines=" + lineNumber + " bad=" + bad);
        return bad > 0 ? EXIT_BAD_LINES : 0;
    }

    static int usageError(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return EXIT_USAGE;
    }
}
