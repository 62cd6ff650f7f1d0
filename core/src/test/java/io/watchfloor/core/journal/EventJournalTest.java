package io.watchfloor.core.journal;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.IngestCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class EventJournalTest {
    @TempDir
    Path dir;

    private static Event event(Listener l, String peer, long at, boolean truncated, String raw) throws Exception {
        final Event e = new Event();
        e.resetForData(l, peer == null ? null : InetAddress.getByName(peer), at, truncated, null);
        final byte[] b = raw.getBytes(StandardCharsets.UTF_8);
        e.raw(b, 0, b.length);
        return e;
    }

    @Test
    void shouldReplayEveryRecordWithItsReceiveMetadata() throws Exception {
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7))) {
            j.append(event(Listener.SYSLOG_TCP, "192.0.2.7", 1_700_000_000_000L, false, "<13>one"));
            j.append(event(Listener.SYSLOG_UDP, "2001:db8::5", 1_700_000_000_001L, true, "two"));
            j.append(event(Listener.HTTP, null, 1_700_000_000_002L, false, "{\"a\":1}"));
            assertThat(j.events()).isEqualTo(3);
        }
        final List<String> seen = new ArrayList<>();
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7))) {
            final long n = j.replay(new Event(), e -> seen.add(e.listener() + "|" + e.peer() + "|" + e.receivedAtMs()
                    + "|" + e.truncated() + "|" + e.replay() + "|" + new String(e.raw(), 0, e.rawLength(),
                    StandardCharsets.UTF_8) + "|" + (e.journalIndex() > 0)));
            assertThat(n).isEqualTo(3);
            assertThat(j.events()).isEqualTo(3);
        }
        assertThat(seen).containsExactly(
                "SYSLOG_TCP|/192.0.2.7|1700000000000|false|true|<13>one|true",
                "SYSLOG_UDP|/2001:db8:0:0:0:0:0:5|1700000000001|true|true|two|true",
                "HTTP|null|1700000000002|false|true|{\"a\":1}|true");
    }

    @Test
    void shouldCountJournaledAndParseErrorsAndTellTheCallback() throws Exception {
        final IngestCounters counters = new IngestCounters();
        final AtomicLong acked = new AtomicLong(-1);
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7))) {
            final JournalStage stage = new JournalStage(j, counters);
            final Event e = new Event();
            e.resetForData(Listener.HTTP, null, 5, false, new io.watchfloor.core.event.JournalCallback() {
                @Override
                public void journaled(long journalIndex) {
                    acked.set(journalIndex);
                }

                @Override
                public void failed() {
                }
            });
            e.raw(new byte[] {'x'}, 0, 1);
            e.parseErrorReason("not json");
            stage.onEvent(e, true);
            final Event tick = new Event();
            tick.resetForTick(10);
            stage.onEvent(tick, true);
            assertThat(acked.get()).isEqualTo(e.journalIndex()).isPositive();
            assertThat(counters.journaled(Listener.HTTP)).isEqualTo(1);
            assertThat(counters.parseErrors(Listener.HTTP)).isEqualTo(1);
            assertThat(j.events()).isEqualTo(1);
            assertThat(stage.appendLatencyInterval().getTotalCount()).isEqualTo(1);
        }
    }

    @Test
    void shouldDeleteDailyCyclesPastRetention() throws Exception {
        final Path events = dir.resolve("events");
        Files.createDirectories(events);
        Files.writeString(events.resolve("20260101F.cq4"), "old");
        Files.writeString(events.resolve("20260110F.cq4"), "kept");
        Files.writeString(events.resolve("metadata.cq4t"), "meta");
        final long jan10 = java.time.LocalDate.of(2026, 1, 10).toEpochDay() * 86_400_000L;
        assertThat(Retention.apply(events, 5, jan10)).isEqualTo(1);
        assertThat(events.resolve("20260101F.cq4")).doesNotExist();
        assertThat(events.resolve("20260110F.cq4")).exists();
        assertThat(events.resolve("metadata.cq4t")).exists();
    }

    @Test
    void shouldReadBackTextRecordsInOrder() {
        try (TextJournal j = new TextJournal(new JournalConfig(dir, 7), "coverage")) {
            j.append("{\"a\":1}");
            j.append("{\"b\":2}");
        }
        final List<String> seen = new ArrayList<>();
        try (TextJournal j = new TextJournal(new JournalConfig(dir, 7), "coverage")) {
            assertThat(j.readAll(seen::add)).isEqualTo(2);
        }
        assertThat(seen).containsExactly("{\"a\":1}", "{\"b\":2}");
    }
}
