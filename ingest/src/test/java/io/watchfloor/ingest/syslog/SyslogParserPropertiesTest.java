package io.watchfloor.ingest.syslog;

import io.watchfloor.core.event.SyslogFields;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogParserPropertiesTest {
    /** Pieces that steer random input into the deeper header paths. */
    private static final List<String> FRAGMENTS = List.of("<13>", "<189>", "<0>", "<191>", "<", ">", "1 ", "2 ", "-",
        " ", "  ", ":", ": ", "[", "]", "=", "\"", "\\", "\\\"", "\\]", "x@1", " a=\"v\"", "May 28 ", "Feb  3 ",
        "10:00:00", ".123", "2013 ", "2024-05-01T10:00:00", "Z", "+02:00", "-07:00", ".123456789", "host", "app",
        "sshd[12]: ", "%ASA-6-302013: ", "123: ", "*", "UTC", "2001:db8::1", "{", "\u0000", "\n", "\r", "\t",
        "\u00ef\u00bb\u00bf", "m");

    private final SyslogParser parser = new SyslogParser();
    private final SyslogFields out = new SyslogFields();

    @Property(tries = 2000)
    void shouldNeverThrowAndKeepOffsetsInBoundsOnArbitraryBytes(@ForAll @Size(max = 300) byte[] raw,
                                                                @ForAll("lengths") int lengthDelta,
                                                                @ForAll long receivedAtMs) {
        final int length = raw.length + lengthDelta;
        parser.parse(raw, length, receivedAtMs, out);
        assertBounds(Math.max(0, Math.min(length, raw.length)));
    }

    @Property(tries = 3000)
    void shouldNeverThrowAndKeepOffsetsInBoundsOnSyslogShapedBytes(@ForAll("syslogShaped") byte[] raw,
                                                                   @ForAll("receiveTimes") long receivedAtMs) {
        parser.parse(raw, raw.length, receivedAtMs, out);
        assertBounds(raw.length);
    }

    @Property(tries = 1000)
    void shouldBeDeterministicRegardlessOfPreviousMessage(@ForAll("syslogShaped") byte[] raw,
                                                          @ForAll("syslogShaped") byte[] previous,
                                                          @ForAll("receiveTimes") long receivedAtMs) {
        new SyslogParser().parse(raw, raw.length, receivedAtMs, out);
        final String fresh = snapshot(out);
        parser.parse(previous, previous.length, receivedAtMs + 400L * 86_400_000L, out);
        parser.parse(raw, raw.length, receivedAtMs, out);
        assertThat(snapshot(out)).isEqualTo(fresh);
    }

    @Property(tries = 1000)
    void shouldRoundTripFormattedRfc5424Messages(@ForAll("messages") Rfc5424Message m) {
        final byte[] raw = m.format();
        parser.parse(raw, raw.length, 0L, out);

        assertThat(out.format()).isEqualTo(SyslogFields.FORMAT_RFC5424);
        assertThat(out.parseError()).isFalse();
        assertThat(out.priority()).isEqualTo(m.priority());
        assertThat(out.version()).isEqualTo(1);
        assertThat(out.timestampEpochSeconds()).isEqualTo(m.epochSeconds());
        assertThat(out.timestampNanos()).isEqualTo(m.nanos());
        assertThat(out.timestampFractionDigits()).isEqualTo(m.fractionDigits());
        assertThat(out.timestampOffsetSeconds()).isEqualTo(m.offsetSeconds());
        assertThat(out.hostnameString(raw)).isEqualTo(m.host());
        assertThat(out.appNameString(raw)).isEqualTo(m.app());
        assertThat(out.procIdString(raw)).isEqualTo(m.procId());
        assertThat(out.msgIdString(raw)).isEqualTo(m.msgId());
        assertThat(out.sdCount()).isEqualTo(m.params().size());
        for (int i = 0; i < m.params().size(); i++) {
            assertThat(out.sdIdString(raw, i)).isEqualTo(m.sdId());
            assertThat(out.sdNameString(raw, i)).isEqualTo(m.params().get(i).get(0));
            assertThat(out.sdValueString(raw, i)).isEqualTo(m.params().get(i).get(1));
        }
        assertThat(out.messageString(raw)).isEqualTo(m.msg());
    }

    private void assertBounds(int length) {
        assertField(out.hostnameOffset(), out.hostnameLength(), length);
        assertField(out.appNameOffset(), out.appNameLength(), length);
        assertField(out.procIdOffset(), out.procIdLength(), length);
        assertField(out.msgIdOffset(), out.msgIdLength(), length);
        assertField(out.messageOffset(), out.messageLength(), length);
        assertThat(out.messageOffset()).as("a message is always set unless RFC 5424 says it is absent")
                .isGreaterThanOrEqualTo(out.format() == SyslogFields.FORMAT_RFC5424 ? -1 : 0);
        for (int i = 0; i < out.sdCount(); i++) {
            assertField(out.sdIdOffset(i), out.sdIdLength(i), length);
            assertThat(out.sdIdOffset(i)).isNotNegative();
            if (out.sdNameOffset(i) >= 0) {
                assertField(out.sdNameOffset(i), out.sdNameLength(i), length);
                assertField(out.sdValueOffset(i), out.sdValueLength(i), length);
            }
        }
        assertThat(out.priority()).isBetween(0, 191);
        assertThat(out.timestampNanos()).isBetween(0, 999_999_999);
    }

    /** Absent (-1), or a range inside the frame; an empty field may sit at {@code length}. */
    private static void assertField(int offset, int fieldLength, int length) {
        if (offset < 0) {
            assertThat(offset).isEqualTo(-1);
            return;
        }
        assertThat(fieldLength).isNotNegative();
        assertThat(offset + fieldLength).isLessThanOrEqualTo(length);
        if (fieldLength > 0) {
            assertThat(offset).isLessThan(length);
        }
    }

    private static String snapshot(SyslogFields f) {
        final StringBuilder s = new StringBuilder().append(f.format()).append(',').append(f.priority()).append(',')
                .append(f.priorityDefaulted()).append(',').append(f.version()).append(',').append(f.parseError())
                .append(',').append(f.hasTimestamp()).append(',').append(f.timestampEpochSeconds()).append(',')
                .append(f.timestampNanos()).append(',').append(f.timestampFractionDigits()).append(',')
                .append(f.timestampOffsetSeconds()).append(',').append(f.timestampHasOffset()).append(',')
                .append(f.hostnameOffset()).append(':').append(f.hostnameLength()).append(',')
                .append(f.appNameOffset()).append(':').append(f.appNameLength()).append(',')
                .append(f.procIdOffset()).append(':').append(f.procIdLength()).append(',')
                .append(f.msgIdOffset()).append(':').append(f.msgIdLength()).append(',')
                .append(f.messageOffset()).append(':').append(f.messageLength()).append(',')
                .append(f.sdCount()).append(f.sdOverflow());
        for (int i = 0; i < f.sdCount(); i++) {
            s.append('[').append(f.sdIdOffset(i)).append(f.sdNameOffset(i)).append(f.sdValueOffset(i))
                    .append(f.sdValueLength(i)).append(f.sdValueEscaped(i)).append(']');
        }
        return s.toString();
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(-400, 400),
                Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<Long> receiveTimes() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-62_000_000_000_000L, 253_000_000_000_000L),
                Arbitraries.of(0L, 1_798_761_599_000L, 1_798_761_600_000L, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<byte[]> syslogShaped() {
        final Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(FRAGMENTS),
                Arbitraries.strings().ofMaxLength(3), Arbitraries.strings().numeric().ofMaxLength(4));
        return piece.list().ofMaxSize(25).map(list -> {
            final ByteArrayOutputStream b = new ByteArrayOutputStream();
            list.forEach(s -> b.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1)));
            return b.toByteArray();
        });
    }

    record Rfc5424Message(int priority, Instant time, int fractionDigits, int offsetSeconds, String host, String app,
                          String procId, String msgId, String sdId, List<List<String>> params, String msg) {
        long epochSeconds() { return time.getEpochSecond(); }

        int nanos() { return time.getNano(); }

        byte[] format() {
            final StringBuilder s = new StringBuilder().append('<').append(priority).append(">1 ");
            final String pattern = "yyyy-MM-dd'T'HH:mm:ss" + (fractionDigits == 0 ? "" : "." + "S".repeat(fractionDigits));
            s.append(DateTimeFormatter.ofPattern(pattern).format(time.atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds))));
            s.append(offsetSeconds == 0 ? "Z" : ZoneOffset.ofTotalSeconds(offsetSeconds).getId());
            s.append(' ').append(nil(host)).append(' ').append(nil(app)).append(' ').append(nil(procId)).append(' ')
                    .append(nil(msgId)).append(' ');
            if (params.isEmpty()) {
                s.append('-');
            } else {
                s.append('[').append(sdId);
                for (List<String> p : params) {
                    s.append(' ').append(p.get(0)).append("=\"").append(escape(p.get(1))).append('"');
                }
                s.append(']');
            }
            if (msg != null) {
                s.append(' ').append(msg);
            }
            return s.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static String nil(String v) {
            return v == null ? "-" : v;
        }

        private static String escape(String v) {
            return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]");
        }
    }

    @Provide
    Arbitrary<Rfc5424Message> messages() {
        final Arbitrary<Integer> priority = Arbitraries.integers().between(0, 191);
        final Arbitrary<Integer> digits = Arbitraries.integers().between(0, 9);
        final Arbitrary<Instant> time = Combinators.combine(
                Arbitraries.longs().between(0, 253_402_300_799L - 86_400), Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
        final Arbitrary<Integer> offset = Arbitraries.integers().between(-18 * 60, 18 * 60).map(m -> m * 60);
        final Arbitrary<String> sdName = Arbitraries.strings().withCharRange('!', '~')
                .excludeChars('=', ']', '"', ' ').ofMinLength(1).ofMaxLength(32);
        final Arbitrary<List<String>> param = Combinators.combine(sdName,
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20)).as(List::of);
        final Arbitrary<String> msg = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40).injectNull(0.2);
        final Arbitrary<Object[]> header = Combinators.combine(priority, time, digits, offset)
                .as((p, t, d, o) -> new Object[] {p, t.minusNanos(t.getNano() % pow10(9 - d)), d, o});
        final Arbitrary<String[]> names = Combinators.combine(field(255), field(48), field(128), field(32))
                .as((h, a, pr, m) -> new String[] {h, a, pr, m});
        return Combinators.combine(header, names, sdName, param.list().ofMaxSize(5), msg)
                .as((h, n, id, params, text) -> new Rfc5424Message((Integer) h[0], (Instant) h[1], (Integer) h[2],
                        (Integer) h[3], n[0], n[1], n[2], n[3], id, params, text));
    }

    private static Arbitrary<String> field(int maxLength) {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(maxLength)
                .filter(s -> !s.equals("-")).injectNull(0.2);
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
