package io.watchfloor.bench.load;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The load generator's number, format, slicing and pacing logic; no network. */
class LoadGeneratorLogicTest {
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteTheZeroPaddedNumberIntoTheSyslogTemplate() {
        final NumberedMessage m = NumberedMessage.syslog("tcp1", T, 0);
        final byte[] buf = new byte[m.length() * 2];
        final int mid = m.write(buf, 0, 42);
        final int end = m.write(buf, mid, 9_999_999_999L);

        assertThat(mid).isEqualTo(m.length());
        assertThat(end).isEqualTo(2 * m.length());
        assertThat(text(buf, 0, mid))
                .isEqualTo("<134>1 2026-12-03T10:00:00Z loadgen.example.com loadgen - - - run=tcp1 seq=0000000042");
        assertThat(text(buf, mid, end)).endsWith("run=tcp1 seq=9999999999");
        assertThatThrownBy(() -> m.write(buf, 0, NumberedMessage.SEQ_LIMIT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.write(buf, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldWriteOneNdjsonLinePerEventAndPadToTheMinimumSize() {
        final NumberedMessage line = NumberedMessage.ndjson("h", T, 0);
        final byte[] buf = new byte[line.length()];
        line.write(buf, 0, 7);
        assertThat(text(buf, 0, buf.length)).isEqualTo("{\"@timestamp\":\"2026-12-03T10:00:00Z\",\"host\":{\"name\":"
                + "\"loadgen.example.com\"},\"message\":\"run=h seq=0000000007\"}\n");

        final NumberedMessage padded = NumberedMessage.ndjson("h", T, 200);
        assertThat(padded.length()).isEqualTo(200);
        final byte[] p = new byte[200];
        padded.write(p, 0, 7);
        assertThat(text(p, 0, 200)).contains("seq=0000000007 xxx").endsWith("x\"}\n");
        assertThat(NumberedMessage.syslog("t", T, 300).length()).isEqualTo(300);
    }

    @Test
    void shouldFrameWithLfOrOctetCount() {
        final NumberedMessage m = NumberedMessage.syslog("t", T, 0);
        final byte[] buf = new byte[512];

        final int lf = SyslogFraming.LF.write(m, buf, 0, 1);
        assertThat(lf).isEqualTo(m.length() + SyslogFraming.LF.overheadBytes(m.length()));
        assertThat(buf[lf - 1]).isEqualTo((byte) '\n');

        final int oc = SyslogFraming.OCTET_COUNTED.write(m, buf, 0, 1);
        assertThat(oc).isEqualTo(m.length() + SyslogFraming.OCTET_COUNTED.overheadBytes(m.length()));
        assertThat(text(buf, 0, oc)).startsWith(m.length() + " <134>1 ").endsWith("seq=0000000001");
    }

    @Test
    void shouldPaceExactlyAtTheRate() {
        final RatePacer p = new RatePacer(1_000, 3);
        assertThat(p.dueBy(999)).isZero();
        assertThat(p.dueBy(1_000)).isEqualTo(1);
        assertThat(p.dueAtNs(1)).isEqualTo(1_000 + 333_333_334);
        assertThat(p.dueBy(1_000 + 333_333_333)).isEqualTo(1);
        assertThat(p.dueBy(1_000 + 333_333_334)).isEqualTo(2);
        assertThat(p.dueBy(1_000 + 1_000_000_000)).isEqualTo(4);
        assertThat(p.intervalNs()).isEqualTo(333_333_333);
        // a long run: no overflow, and every event is due at its own time and not a nanosecond earlier
        final RatePacer fast = new RatePacer(0, 1_000_000);
        final long hour = 3_600_000_000_000L;
        assertThat(fast.dueBy(hour)).isEqualTo(3_600_000_001L);
        for (long i : new long[] {0, 1, 999_999, 1_000_000, 123_456_789, 3_600_000_000L}) {
            assertThat(fast.dueBy(fast.dueAtNs(i))).isEqualTo(i + 1);
            assertThat(fast.dueBy(fast.dueAtNs(i) - 1)).isEqualTo(i);
        }
    }

    @Test
    void shouldSendEverythingFromTheStartWhenFlatOut() {
        final RatePacer p = new RatePacer(500, 0);
        assertThat(p.flatOut()).isTrue();
        assertThat(p.dueBy(499)).isZero();
        assertThat(p.dueBy(500)).isEqualTo(Long.MAX_VALUE);
        assertThat(p.dueAtNs(1_000_000)).isEqualTo(500);
        assertThat(p.intervalNs()).isZero();
        assertThatThrownBy(() -> new RatePacer(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSplitNumbersAndRateIntoContiguousSlicesCoveringEverything() {
        final LoadConfig c = LoadConfig.parse("--transport", "tcp", "--count", "10", "--first-seq", "100",
                "--connections", "4", "--rate", "7");
        assertThat(new long[] {c.sliceStart(0), c.sliceStart(1), c.sliceStart(2), c.sliceStart(3), c.sliceStart(4)})
                .containsExactly(100, 103, 106, 108, 110);
        assertThat(new long[] {c.workerRatePerSec(0), c.workerRatePerSec(1), c.workerRatePerSec(2),
                c.workerRatePerSec(3)}).containsExactly(2, 2, 2, 1);
        assertThat(c.targetPort()).isEqualTo(5514);
        assertThat(c.tag()).isEqualTo("tcp");
    }

    @Test
    void shouldParseOptionsAndNameEveryBadOne() {
        final LoadConfig c = LoadConfig.parse("--transport=http", "--port", "28088", "--count", "200_000",
                "--batch", "1000", "--connections", "4", "--framing", "octet-counted", "--tag", "h1");
        assertThat(c.transport()).isEqualTo(LoadConfig.Transport.HTTP);
        assertThat(c.targetPort()).isEqualTo(28088);
        assertThat(c.count()).isEqualTo(200_000);
        assertThat(c.framing()).isEqualTo(SyslogFraming.OCTET_COUNTED);
        assertThat(c.ratePerSec()).isZero();

        assertThatThrownBy(() -> LoadConfig.parse("--transport", "udp", "--connections", "0", "--bogus", "1",
                "--first-seq", "9999999999", "--count", "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--connections 0 (expected: 1..256)")
                .hasMessageContaining("--bogus")
                .hasMessageContaining("--first-seq 9999999999 + --count 2")
                .hasMessageContaining("--rate 0 (expected: > 0 for udp");
        assertThatThrownBy(() -> LoadConfig.parse("--count", "5"))
                .hasMessageContaining("--transport (expected: tcp, udp or http)");
    }

    @Test
    void shouldSummariseWithTheSeqcheckCommandForThisRun() {
        final LoadConfig c = LoadConfig.parse("--transport", "tcp", "--count", "1000", "--tag", "r1");
        final LoadSummary s = LoadSummary.unprobed(c, SenderTotals.withoutLatency(1000, 100_000), 2_000_000_000L);
        assertThat(s.ratePerSec()).isEqualTo(500.0);
        assertThat(s.toJson()).doesNotContain("journaled");
        assertThat(new LoadSummary(c, SenderTotals.withoutLatency(1000, 100_000), 2_000_000_000L, 1000, 4_000_000_000L)
                .toJson()).contains("\"journaled\":1000,\"journaled_duration_ms\":4000,\"journaled_rate_per_sec\":250");
        assertThat(s.toJson()).contains("\"sent\":1000", "\"rate_per_sec\":500", "\"framing\":\"lf\"",
                "--pattern 'run=r1 seq=(\\\\d+)' --expect-first 0 --expect-last 999");
    }
}
