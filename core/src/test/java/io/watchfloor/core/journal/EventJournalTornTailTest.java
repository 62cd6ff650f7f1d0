package io.watchfloor.core.journal;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real crash in the middle of an append: a child JVM killed with SIGKILL while inside a Chronicle write leaves an
 * unfinished record; reopening finds, counts and erases it, and appending continues.
 */
class EventJournalTornTailTest {
    private static final int COMPLETE = 50;
    private static final int PARTIAL_RAW_BYTES = 3000;

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void shouldReportTheTornRecordReadOnlyWithoutTouchingIt() throws Exception {
        crashMidAppend();
        final long sizeBefore = Files.size(cycleFile());
        final byte[] before = Files.readAllBytes(cycleFile());
        try (EventJournal j = EventJournal.openReadOnly(new JournalConfig(dir, 7))) {
            assertThat(j.tornRecords()).isEqualTo(1);
            assertThat(j.tornTail().bytes()).isGreaterThanOrEqualTo(PARTIAL_RAW_BYTES);
            assertThat(j.replayFrom(0, new Event(), e -> { })).isEqualTo(COMPLETE);
        }
        assertThat(Files.size(cycleFile())).isEqualTo(sizeBefore);
        assertThat(Files.readAllBytes(cycleFile())).isEqualTo(before);
    }

    @Test
    void shouldSkipCountAndEraseTheTornRecordThenContinueAppending() throws Exception {
        crashMidAppend();
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7))) {
            assertThat(j.tornRecords()).isEqualTo(1);
            final TornTail torn = j.tornTail();
            // header, 12 fixed bytes, raw length, then the raw bytes written before the kill
            assertThat(torn.bytes()).isEqualTo(4 + 4 + 8 + 4 + PARTIAL_RAW_BYTES);
            final List<String> seen = replay(j);
            assertThat(seen).hasSize(COMPLETE);
            assertThat(seen.get(COMPLETE - 1)).isEqualTo("event-" + (COMPLETE - 1));
            j.append(event("after-restart"));
            assertThat(replay(j)).hasSize(COMPLETE + 1).last().isEqualTo("after-restart");
        }
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7))) {
            assertThat(j.tornRecords()).isZero();
            final List<String> seen = replay(j);
            assertThat(seen).hasSize(COMPLETE + 1);
            assertThat(seen.get(0)).isEqualTo("event-0");
            assertThat(seen.get(COMPLETE)).isEqualTo("after-restart");
        }
    }

    @Test
    void shouldFindNothingAtTheEndOfACleanlyClosedJournal() throws Exception {
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7))) {
            assertThat(j.tornRecords()).isZero();
            for (int i = 0; i < 3; i++) {
                j.append(event("clean-" + i + "x".repeat(i * 7)));
            }
        }
        try (EventJournal j = new EventJournal(new JournalConfig(dir, 7))) {
            assertThat(j.tornRecords()).isZero();
            assertThat(replay(j)).hasSize(3);
        }
    }

    private void crashMidAppend() throws Exception {
        final Path out = dir.resolve("child.out");
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the surefire argLine: Chronicle's --add-exports/--add-opens and the quiet properties
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrashingAppender.class.getName());
        cmd.add(dir.toString());
        cmd.add(Integer.toString(COMPLETE));
        cmd.add(Integer.toString(PARTIAL_RAW_BYTES));
        child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !child.isAlive()
                || Files.readString(out).contains(CrashingAppender.MID_APPEND));
        assertThat(child.isAlive()).as("child output: %s", Files.readString(out)).isTrue();
        child.destroyForcibly();
        // reaped, so Chronicle sees the write lock's owner is dead
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
    }

    private Path cycleFile() throws Exception {
        try (var files = Files.list(dir.resolve("events"))) {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static List<String> replay(EventJournal j) {
        final List<String> seen = new ArrayList<>();
        j.replayFrom(0, new Event(), e -> seen.add(new String(e.raw(), 0, e.rawLength(), StandardCharsets.UTF_8)));
        return seen;
    }

    private static Event event(String raw) {
        final Event e = new Event();
        e.resetForData(Listener.HTTP, null, 1_700_000_500_000L, false, null);
        final byte[] b = raw.getBytes(StandardCharsets.UTF_8);
        e.raw(b, 0, b.length);
        return e;
    }
}
