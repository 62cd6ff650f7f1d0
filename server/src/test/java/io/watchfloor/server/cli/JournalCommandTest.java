package io.watchfloor.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.journal.EventJournal;
import io.watchfloor.core.journal.JournalConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0_MS = 1_764_756_000_000L; // 2025-12-03T10:00:00Z

    @TempDir
    Path dataDir;

    /** Writes one event per raw text, received one second apart, and returns their journal indexes. */
    private List<Long> journal(String... raws) throws Exception {
        final List<Long> indexes = new ArrayList<>();
        try (EventJournal j = new EventJournal(new JournalConfig(dataDir.resolve("journal"), 7))) {
            final Event e = new Event();
            for (int i = 0; i < raws.length; i++) {
                final Listener l = i % 3 == 0 ? Listener.SYSLOG_TCP : i % 3 == 1 ? Listener.SYSLOG_UDP : Listener.HTTP;
                e.resetForData(l, i % 3 == 2 ? null : InetAddress.getByName("192.0.2." + (10 + i)), T0_MS + 1000L * i,
                        i == 1, null);
                final byte[] b = raws[i].getBytes(StandardCharsets.UTF_8);
                e.raw(b, 0, b.length);
                indexes.add(j.append(e));
            }
        }
        return indexes;
    }

    private static String[] numbered(long... seqs) {
        final String[] raws = new String[seqs.length];
        for (int i = 0; i < seqs.length; i++) {
            raws[i] = String.format("<13>1 - host.example.com app - - - load seq=%010d", seqs[i]);
        }
        return raws;
    }

    private static List<JsonNode> lines(String out) throws Exception {
        final List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    private CliRun run(String... args) {
        final String[] all = new String[args.length + 2];
        all[0] = "journal";
        all[1] = args[0];
        all[2] = "--data-dir=" + dataDir;
        System.arraycopy(args, 1, all, 3, args.length - 1);
        return CliRun.of("", all);
    }

    @Test
    void shouldDumpEveryEventAsAJsonLineWithItsMetadata() throws Exception {
        final List<Long> idx = journal("<13>first", "second \"quoted\"", "{\"a\":1}");

        final CliRun r = run("dump");

        assertThat(r.exitCode()).as(r.err()).isZero();
        final List<JsonNode> out = lines(r.out());
        assertThat(out).hasSize(3);
        assertThat(out.get(0).toString()).isEqualTo("{\"index\":" + idx.get(0) + ",\"received_at\":"
                + "\"2025-12-03T10:00:00Z\",\"listener\":\"syslog_tcp\",\"peer\":\"192.0.2.10\",\"truncated\":false,"
                + "\"raw\":\"<13>first\"}");
        assertThat(out.get(1).get("listener").asText()).isEqualTo("syslog_udp");
        assertThat(out.get(1).get("truncated").asBoolean()).isTrue();
        assertThat(out.get(1).get("raw").asText()).isEqualTo("second \"quoted\"");
        assertThat(out.get(2).get("peer").isNull()).isTrue();
        assertThat(out.get(2).get("listener").asText()).isEqualTo("http");
        assertThat(out.get(2).get("raw").asText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void shouldDumpFromAnIndexOrATimeAndStopAtTheLimit() throws Exception {
        final List<Long> idx = journal(numbered(0, 1, 2, 3, 4));

        assertThat(lines(run("dump", "--from-index", "" + idx.get(3)).out()))
                .extracting(n -> n.get("index").asLong()).containsExactly(idx.get(3), idx.get(4));
        assertThat(lines(run("dump", "--since", "2025-12-03T10:00:02Z").out()))
                .extracting(n -> n.get("index").asLong()).containsExactly(idx.get(2), idx.get(3), idx.get(4));
        assertThat(lines(run("dump", "--since", "2025-12-03T10:00:01Z", "--limit", "2").out()))
                .extracting(n -> n.get("index").asLong()).containsExactly(idx.get(1), idx.get(2));
    }

    @Test
    void shouldTailTheLastEvents() throws Exception {
        final long[] seqs = new long[15];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = i;
        }
        final List<Long> idx = journal(numbered(seqs));

        assertThat(lines(run("tail").out())).extracting(n -> n.get("index").asLong())
                .containsExactlyElementsOf(idx.subList(5, 15));
        assertThat(lines(run("tail", "-n", "2").out())).extracting(n -> n.get("index").asLong())
                .containsExactly(idx.get(13), idx.get(14));
        assertThat(lines(run("tail", "--lines", "100").out())).hasSize(15);
        assertThat(run("tail", "-n", "0").out()).isEmpty();
    }

    @Test
    void shouldReportHolesAndDuplicatesExactly() throws Exception {
        // 0..12 minus {3,4} and {8}; 5 twice, 10 three times; one unmatched line
        journal(numbered(0, 1, 2, 5, 5, 6, 7, 9, 10, 10, 10, 11, 12));
        try (EventJournal j = new EventJournal(new JournalConfig(dataDir.resolve("journal"), 7))) {
            final Event e = new Event();
            e.resetForData(Listener.HTTP, null, T0_MS, false, null);
            final byte[] b = "{\"msg\":\"no number here\"}".getBytes(StandardCharsets.UTF_8);
            e.raw(b, 0, b.length);
            j.append(e);
        }

        final CliRun r = run("seqcheck", "--pattern", "seq=(\\d+)", "--expect-first", "0", "--expect-last", "15");

        assertThat(r.exitCode()).isEqualTo(JournalCommand.EXIT_INCOMPLETE);
        assertThat(r.out().trim()).isEqualTo("{\"count\":13,\"distinct\":10,\"unmatched\":1,\"min\":0,\"max\":12,"
                + "\"holes\":{\"count\":3,\"ranges\":[[3,4],[8,8]]},"
                + "\"duplicates\":{\"count\":3,\"first\":[{\"number\":5,\"occurrences\":2},"
                + "{\"number\":10,\"occurrences\":3}]},"
                + "\"head_loss\":0,\"tail_loss\":3,\"torn_records\":0,\"complete\":false}");
    }

    @Test
    void shouldListOnlyTheFirstRangesButCountThemAll() throws Exception {
        journal(numbered(0, 2, 4, 6, 6, 7, 7, 8, 8));

        final JsonNode r = JSON.readTree(run("seqcheck", "--pattern", "seq=(\\d+)", "--show", "1").out());

        assertThat(r.get("holes").toString()).isEqualTo("{\"count\":3,\"ranges\":[[1,1]]}");
        assertThat(r.get("duplicates").toString()).isEqualTo("{\"count\":3,\"first\":[{\"number\":6,\"occurrences\":2}]}");
        assertThat(r.get("head_loss").isNull()).isTrue();
        assertThat(r.get("tail_loss").isNull()).isTrue();
    }

    @Test
    void shouldExitZeroWhenTheSequenceIsComplete() throws Exception {
        journal(numbered(7, 8, 9, 10));

        final CliRun r = run("seqcheck", "--pattern", "seq=(\\d+)", "--expect-first", "7", "--expect-last", "10");

        assertThat(r.exitCode()).as(r.err()).isZero();
        final JsonNode n = JSON.readTree(r.out());
        assertThat(n.get("count").asLong()).isEqualTo(4);
        assertThat(n.get("holes").get("count").asLong()).isZero();
        assertThat(n.get("complete").asBoolean()).isTrue();
    }

    @Test
    void shouldRejectAPatternWithoutAGroupAndAMissingJournal() throws Exception {
        journal(numbered(1));

        final CliRun noGroup = run("seqcheck", "--pattern", "seq=\\d+");
        assertThat(noGroup.exitCode()).isEqualTo(JournalCommand.EXIT_USAGE);
        assertThat(noGroup.err()).contains("expected: a capturing group");

        final CliRun missing = CliRun.of("", "journal", "dump", "--data-dir", dataDir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(JournalCommand.EXIT_USAGE);
        assertThat(missing.err()).contains("no event journal");
        assertThat(dataDir.resolve("nope")).doesNotExist();
    }

    @Test
    void shouldCountAcknowledgedNumbersTheJournalDoesNotHold() throws Exception {
        journal(numbered(0, 1, 2, 3, 5, 6, 6, 8, 9));
        final Path acked = dataDir.resolve("acked.txt");
        Files.writeString(acked, "# first last\n0 5\n\n7 7\n9 9\n20 21\n");

        final CliRun r = run("seqcheck", "--pattern", "seq=(\\d+)", "--acknowledged", acked.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(JournalCommand.EXIT_INCOMPLETE);
        assertThat(JSON.readTree(r.out()).get("acknowledged").toString())
                .isEqualTo("{\"count\":10,\"missing\":4,\"missing_ranges\":[[4,4],[7,7],[20,21]]}");
    }

    @Test
    void shouldPassWhenEveryAcknowledgedNumberIsThereDuplicatesAside() throws Exception {
        journal(numbered(0, 1, 1, 2, 3, 4));
        final Path acked = dataDir.resolve("acked.txt");
        Files.writeString(acked, "2 3\n0 1\n1 2\n");

        final JsonNode r = JSON.readTree(run("seqcheck", "--pattern", "seq=(\\d+)", "--acknowledged",
                acked.toString()).out());

        assertThat(r.get("acknowledged").toString()).isEqualTo("{\"count\":4,\"missing\":0,\"missing_ranges\":[]}");
        assertThat(r.get("duplicates").get("count").asLong()).isEqualTo(1);
    }

    @Test
    void shouldNameTheBadLineOfAnAcknowledgedFile() throws Exception {
        journal(numbered(0));
        final Path acked = dataDir.resolve("acked.txt");
        Files.writeString(acked, "0 5\n9 3\n");

        final CliRun r = run("seqcheck", "--pattern", "seq=(\\d+)", "--acknowledged", acked.toString());

        assertThat(r.exitCode()).isEqualTo(JournalCommand.EXIT_USAGE);
        assertThat(r.err()).contains("acked.txt:2: \"9 3\" (expected: 0 <= FIRST <= LAST)");
    }

    @Test
    void shouldWarnAboutATornLastRecordAndCountItWithoutReadingIt() throws Exception {
        journal(numbered(0, 1, 2));
        tearAfterLastRecord();

        final CliRun seq = run("seqcheck", "--pattern", "seq=(\\d+)", "--expect-first", "0", "--expect-last", "2");
        assertThat(seq.exitCode()).as(seq.err()).isZero();
        final JsonNode r = JSON.readTree(seq.out());
        assertThat(r.get("torn_records").asLong()).isEqualTo(1);
        assertThat(r.get("count").asLong()).isEqualTo(3);
        assertThat(seq.err()).contains("warning: the journal ends with an unfinished record").contains("bytes=");

        final CliRun dump = run("dump");
        assertThat(lines(dump.out())).hasSize(3);
        assertThat(dump.err()).contains("unfinished record");
    }

    /**
     * Writes what a crash in the middle of an append leaves (as observed after a kill -9): the record's header still
     * 0, its first bytes (version, listener, flags, peer length, receive time, part of the raw text) behind it.
     */
    private void tearAfterLastRecord() throws IOException {
        final Path cycle;
        try (var files = Files.list(dataDir.resolve("journal").resolve("events"))) {
            cycle = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(cycle);
        int last = bytes.length - 1;
        while (bytes[last] == 0) {
            last--;
        }
        final long header = (last + 1 + 3) & ~3L;
        final ByteBuffer partial = ByteBuffer.allocate(40).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        partial.put((byte) 1).put((byte) Listener.HTTP.ordinal()).put((byte) 0).put((byte) 0).putLong(T0_MS)
                .putInt(500).put("<13>1 - torn".getBytes(StandardCharsets.UTF_8));
        partial.flip();
        try (FileChannel ch = FileChannel.open(cycle, StandardOpenOption.WRITE)) {
            ch.write(partial, header + 4);
        }
    }
}
