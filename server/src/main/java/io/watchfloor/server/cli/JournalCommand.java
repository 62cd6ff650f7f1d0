package io.watchfloor.server.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.journal.EventJournal;
import io.watchfloor.core.journal.JournalConfig;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code watchfloor journal dump|tail|seqcheck}: reads the event journal of a data directory, read-only, also
 * beside a running server. {@code dump} and {@code tail} print one JSON object per event ({@code index},
 * {@code received_at}, {@code listener}, {@code peer}, {@code truncated}, {@code raw}); {@code seqcheck} extracts a
 * sequence number from every event and reports holes, duplicates and head/tail loss as one JSON object.
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
                    "Exit status: 0 complete without duplicates, 1 something missing or duplicated, 2 bad arguments."})
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
            final SequenceTally tally = new SequenceTally();
            final Matcher m = regex.matcher("");
            journal.replayFrom(0, new Event(), e -> {
                m.reset(new String(e.raw(), 0, e.rawLength(), StandardCharsets.UTF_8));
                tally.add(m.find() ? m.group(1) : null);
            });
            final SequenceReport report = tally.report(expectFirst, expectLast, show);
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

    /** Collects extracted numbers (unordered, repeats allowed) and analyses them once at the end. */
    static final class SequenceTally {
        private long[] numbers = new long[1024];
        private int size;
        private long unmatched;

        /** @param digits the matched group, or null when the pattern did not match */
        void add(String digits) {
            if (digits == null) {
                unmatched++;
                return;
            }
            final long n;
            try {
                n = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                unmatched++;
                return;
            }
            if (size == numbers.length) {
                numbers = Arrays.copyOf(numbers, numbers.length * 2);
            }
            numbers[size++] = n;
        }

        SequenceReport report(Long expectFirst, Long expectLast, int show) {
            final long[] sorted = Arrays.copyOf(numbers, size);
            Arrays.sort(sorted);
            long holes = 0;
            long duplicates = 0;
            final List<long[]> holeRanges = new ArrayList<>();
            final List<long[]> duplicated = new ArrayList<>();
            for (int i = 1; i < sorted.length; i++) {
                final long prev = sorted[i - 1];
                final long cur = sorted[i];
                if (cur == prev) {
                    duplicates++;
                    // one entry per duplicated number, with its total occurrences
                    if (i == 1 || sorted[i - 2] != cur) {
                        if (duplicated.size() < show) {
                            duplicated.add(new long[] {cur, 2});
                        }
                    } else if (!duplicated.isEmpty() && duplicated.get(duplicated.size() - 1)[0] == cur) {
                        duplicated.get(duplicated.size() - 1)[1]++;
                    }
                } else if (cur > prev + 1) {
                    holes += cur - prev - 1;
                    if (holeRanges.size() < show) {
                        holeRanges.add(new long[] {prev + 1, cur - 1});
                    }
                }
            }
            final boolean any = sorted.length > 0;
            final long min = any ? sorted[0] : 0;
            final long max = any ? sorted[sorted.length - 1] : 0;
            long headLoss = 0;
            if (expectFirst != null) {
                headLoss = any ? Math.max(0, min - expectFirst) : 0;
            }
            long tailLoss = 0;
            if (expectLast != null) {
                tailLoss = any ? Math.max(0, expectLast - max) : 0;
            }
            if (!any && expectFirst != null && expectLast != null) {
                tailLoss = Math.max(0, expectLast - expectFirst + 1);
            }
            return new SequenceReport(sorted.length, unmatched, any ? min : null, any ? max : null, holes, holeRanges,
                    duplicates, duplicated, expectFirst == null ? null : headLoss,
                    expectLast == null ? null : tailLoss);
        }
    }

    /**
     * What {@code seqcheck} found.
     *
     * @param count events whose number was extracted (repeats included)
     * @param unmatched events the pattern did not match
     * @param holes numbers missing strictly between the lowest and the highest received
     * @param duplicates extra copies: count minus distinct numbers
     * @param headLoss numbers missing below the lowest received, when the first expected number is given
     * @param tailLoss numbers missing above the highest received, when the last expected number is given
     */
    record SequenceReport(long count, long unmatched, Long min, Long max, long holes, List<long[]> holeRanges,
                          long duplicates, List<long[]> duplicated, Long headLoss, Long tailLoss) {
        boolean complete() {
            return holes == 0 && duplicates == 0 && (headLoss == null || headLoss == 0)
                    && (tailLoss == null || tailLoss == 0);
        }

        Map<String, Object> toMap() {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", count);
            m.put("distinct", count - duplicates);
            m.put("unmatched", unmatched);
            m.put("min", min);
            m.put("max", max);
            final Map<String, Object> h = new LinkedHashMap<>();
            h.put("count", holes);
            h.put("ranges", holeRanges.stream().map(r -> List.of(r[0], r[1])).toList());
            m.put("holes", h);
            final Map<String, Object> d = new LinkedHashMap<>();
            d.put("count", duplicates);
            final List<Map<String, Object>> first = new ArrayList<>();
            for (long[] r : duplicated) {
                final Map<String, Object> one = new LinkedHashMap<>();
                one.put("number", r[0]);
                one.put("occurrences", r[1]);
                first.add(one);
            }
            d.put("first", first);
            m.put("duplicates", d);
            m.put("head_loss", headLoss);
            m.put("tail_loss", tailLoss);
            m.put("complete", complete());
            return m;
        }
    }
}
