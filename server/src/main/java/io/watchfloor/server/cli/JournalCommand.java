package io.watchfloor.server.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.journal.EventJournal;
import io.watchfloor.core.journal.JournalConfig;
import io.watchfloor.core.journal.TornTail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code watchfloor journal dump|tail|seqcheck}: reads the event journal of a data directory, read-only, also
 * beside a running server. {@code dump} and {@code tail} print one JSON object per event ({@code index},
 * {@code received_at}, {@code listener}, {@code peer}, {@code truncated}, {@code raw}); {@code seqcheck} extracts a
 * sequence number from every event and reports holes, duplicates, head/tail loss and, given the acknowledged
 * numbers, which of those are missing, as one JSON object. Every subcommand warns on stderr when the journal ends
 * with an unfinished record (a crash in the middle of an append); readers skip it.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "Read the event journal: dump, tail, or check numbered events for holes and duplicates.",
        subcommands = {JournalCommand.Dump.class, JournalCommand.Tail.class, JournalCommand.SeqCheck.class})
final class JournalCommand implements Runnable {
    /** Bad arguments or no journal in the data directory. */
    static final int EXIT_USAGE = 2;
    /** {@code seqcheck}: something is missing or duplicated. */
    static final int EXIT_INCOMPLETE = 1;
    /** How many hole ranges and duplicated numbers {@code seqcheck} lists by default. */
    static final int SHOW_DEFAULT = 10;

    private static final JsonFactory JSON = new ObjectMapper().getFactory();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every journal subcommand takes. */
    abstract static class Reading implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
                description = "The server's data directory; the journal is DIR/journal/events "
                        + "(default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() throws IOException {
            final EventJournal journal;
            try {
                journal = EventJournal.openReadOnly(
                        new JournalConfig(dataDir.resolve("journal"), JournalConfig.RETENTION_DAYS_DEFAULT));
            } catch (IllegalArgumentException e) {
                return usageError("--data-dir " + dataDir + ": no event journal (expected: DIR/journal/events written "
                        + "by watchfloor serve --data-dir DIR)");
            }
            try (journal) {
                final TornTail torn = journal.tornTail();
                if (torn != null) {
                    spec.commandLine().getErr().println("warning: the journal ends with an unfinished record (torn by "
                            + "a crash, or being written by a running server), skipped: file=" + torn.file()
                            + " position=" + torn.position() + " bytes=" + torn.bytes());
                    spec.commandLine().getErr().flush();
                }
                return read(journal, spec.commandLine().getOut());
            }
        }

        abstract int read(EventJournal journal, PrintWriter out) throws IOException;

        final int usageError(String message) {
            spec.commandLine().getErr().println("error: " + message);
            spec.commandLine().getErr().flush();
            return EXIT_USAGE;
        }
    }

    /** {@code journal dump}: every event, optionally from an index or a receive time on. */
    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Print journaled events as JSON lines, oldest first.")
    static final class Dump extends Reading {
        @Option(names = "--from-index", paramLabel = "N",
                description = "Start at this journal index (inclusive), as printed in the index field.")
        long fromIndex = 0;

        @Option(names = "--since", paramLabel = "ISO-8601",
                description = "Only events received at or after this instant, like 2026-12-03T10:00:00Z.")
        String since;

        @Option(names = "--limit", paramLabel = "N", description = "Print at most N events.")
        long limit = Long.MAX_VALUE;

        @Override
        int read(EventJournal journal, PrintWriter out) throws IOException {
            final long sinceMs;
            try {
                sinceMs = since == null ? Long.MIN_VALUE : Instant.parse(since).toEpochMilli();
            } catch (DateTimeParseException e) {
                return usageError("--since " + since + " (expected: ISO-8601 like 2026-12-03T10:00:00Z)");
            }
            if (limit < 0) {
                return usageError("--limit " + limit + " (expected: >= 0)");
            }
            final EventLinePrinter printer = new EventLinePrinter(out);
            final long[] printed = {0};
            journal.replayFrom(fromIndex, new Event(), e -> {
                if (e.receivedAtMs() >= sinceMs && printed[0] < limit) {
                    printer.print(e);
                    printed[0]++;
                }
            });
            out.flush();
            return 0;
        }
    }

    /** {@code journal tail}: the last events, optionally following new ones. */
    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Print the last events as JSON lines; with --follow keep printing new ones until stopped.")
    static final class Tail extends Reading {
        /** Poll interval of {@code --follow} at the end of the journal. */
        static final long FOLLOW_POLL_MS = 100;

        @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "10",
                description = "How many of the last events to print (default: ${DEFAULT-VALUE}).")
        int lines;

        @Option(names = {"-f", "--follow"}, description = "Keep printing events as they are journaled.")
        boolean follow;

        @Override
        int read(EventJournal journal, PrintWriter out) {
            if (lines < 0) {
                return usageError("--lines " + lines + " (expected: >= 0)");
            }
            final long from = lines == 0 ? Long.MAX_VALUE : journal.indexOfLast(lines);
            final EventLinePrinter printer = new EventLinePrinter(out);
            journal.follow(from, new Event(), printer::print, () -> {
                out.flush();
                return follow && !Thread.currentThread().isInterrupted();
            }, FOLLOW_POLL_MS);
            out.flush();
            return 0;
        }
    }

    /** {@code journal seqcheck}: completeness of numbered events. */
    @Command(name = "seqcheck", mixinStandardHelpOptions = true,
            description = {"Extract a number from each event's raw text with the pattern's first group and report "
                    + "count, unmatched, min, max, holes, duplicates and, given the expected range, head and "
                    + "tail loss.",
                    "Exit status: 0 complete without duplicates, 1 something missing (acknowledged numbers included) "
                            + "or duplicated, 2 bad arguments."})
    static final class SeqCheck extends Reading {
        @Option(names = "--pattern", required = true, paramLabel = "REGEX",
                description = "Java regex searched in the raw text; group 1 is the decimal number, e.g. 'seq=(\\d+)'.")
        String pattern;

        @Option(names = "--expect-first", paramLabel = "N",
                description = "The first number sent; numbers from N below the lowest received count as head loss.")
        Long expectFirst;

        @Option(names = "--expect-last", paramLabel = "N",
                description = "The last number sent; numbers above the highest received up to N count as tail loss.")
        Long expectLast;

        @Option(names = "--show", paramLabel = "N", defaultValue = "" + SHOW_DEFAULT,
                description = "How many hole ranges and duplicated numbers to list (default: ${DEFAULT-VALUE}).")
        int show;

        @Option(names = "--acknowledged", paramLabel = "FILE",
                description = "Numbers the sender was told were journaled, one 'FIRST LAST' range per line (the load "
                        + "generator's --acked-out); reports how many of them are missing.")
        Path acknowledgedFile;

        @Override
        int read(EventJournal journal, PrintWriter out) throws IOException {
            final Pattern regex;
            try {
                regex = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                return usageError("--pattern " + pattern + ": " + e.getDescription());
            }
            if (regex.matcher("").groupCount() < 1) {
                return usageError("--pattern " + pattern + " (expected: a capturing group around the number)");
            }
            if (show < 0) {
                return usageError("--show " + show + " (expected: >= 0)");
            }
            AcknowledgedRanges acknowledged = null;
            if (acknowledgedFile != null) {
                try {
                    acknowledged = AcknowledgedRanges.read(acknowledgedFile);
                } catch (IOException | IllegalArgumentException e) {
                    return usageError("--acknowledged " + e.getMessage());
                }
            }
            final SequenceTally tally = new SequenceTally();
            final Matcher m = regex.matcher("");
            journal.replayFrom(0, new Event(), e -> {
                m.reset(new String(e.raw(), 0, e.rawLength(), StandardCharsets.UTF_8));
                tally.add(m.find() ? m.group(1) : null);
            });
            final SequenceReport report = tally.report(expectFirst, expectLast, show, acknowledged,
                    journal.tornRecords());
            out.println(new ObjectMapper().writeValueAsString(report.toMap()));
            out.flush();
            return report.complete() ? 0 : EXIT_INCOMPLETE;
        }
    }

    /** Writes one event as a JSON line; one instance per command run, single-threaded. */
    static final class EventLinePrinter {
        private final PrintWriter out;

        EventLinePrinter(PrintWriter out) {
            this.out = out;
        }

        void print(Event e) {
            try {
                final JsonGenerator g = JSON.createGenerator(out);
                g.writeStartObject();
                g.writeNumberField("index", e.journalIndex());
                g.writeStringField("received_at", Instant.ofEpochMilli(e.receivedAtMs()).toString());
                g.writeStringField("listener", e.listener().id());
                if (e.peer() == null) {
                    g.writeNullField("peer");
                } else {
                    g.writeStringField("peer", e.peer().getHostAddress());
                }
                g.writeBooleanField("truncated", e.truncated());
                g.writeStringField("raw", new String(e.raw(), 0, e.rawLength(), StandardCharsets.UTF_8));
                g.writeEndObject();
                g.flush();
                out.println();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
