package io.watchfloor.ingest.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogFrameDecoderProperties {
    private static final int MAX = 64;

    private static CollectingSink decode(byte[] stream, List<Integer> splitPoints) {
        final SyslogFrameDecoder decoder = new SyslogFrameDecoder(MAX);
        final CollectingSink sink = new CollectingSink();
        final ByteBuf cumulation = Unpooled.buffer();
        try {
            int from = 0;
            for (int split : splitPoints) {
                final int to = Math.min(stream.length, Math.max(from, split));
                cumulation.writeBytes(stream, from, to - from);
                decoder.decode(cumulation, sink);
                cumulation.discardSomeReadBytes();
                from = to;
            }
            cumulation.writeBytes(stream, from, stream.length - from);
            decoder.decode(cumulation, sink);
            decoder.endOfStream(cumulation, sink);
            assertThat(cumulation.isReadable()).isFalse();
        } finally {
            assertThat(cumulation.release()).isTrue();
        }
        return sink;
    }

    @Provide
    Arbitrary<byte[]> syslogishStreams() {
        final Arbitrary<Byte> alphabet = Arbitraries.of(
                (byte) '1', (byte) '2', (byte) '0', (byte) '9', (byte) ' ', (byte) '\n', (byte) '\r', (byte) 0,
                (byte) '<', (byte) '>', (byte) 'a', (byte) ':', (byte) 0xFF);
        return alphabet.array(byte[].class).ofMaxSize(600);
    }

    @Property(tries = 300)
    void shouldNeverThrowAndBoundFramesOnArbitraryBytes(@ForAll @Size(max = 2000) byte[] stream) {
        final CollectingSink sink = decode(stream, List.of());
        assertThat(sink.maxLength).isLessThanOrEqualTo(MAX);
    }

    @Property(tries = 500)
    void shouldEmitSameFramesHoweverStreamIsSplit(@ForAll("syslogishStreams") byte[] stream,
                                                  @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 600) Integer> splits) {
        final List<Integer> sorted = splits.stream().sorted().toList();
        final CollectingSink whole = decode(stream, List.of());
        final CollectingSink chunked = decode(stream, sorted);
        assertThat(chunked.frames).isEqualTo(whole.frames);
        assertThat(chunked.maxLength).isLessThanOrEqualTo(MAX);
    }

    @Provide
    Arbitrary<byte[]> framedMessages() {
        final Arbitrary<String> msg = Arbitraries.strings().withChars("<>13 abcxyz:\n").ofMinLength(1).ofMaxLength(120);
        final Arbitrary<String> frame = Combinators.combine(msg, Arbitraries.of(true, false)).as((m, octet) ->
                octet ? (m.length() + 1) + " <" + m : m.replace('\n', ' ') + "\n");
        return frame.list().ofMaxSize(30).map(l -> String.join("", l).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 300)
    void shouldEmitSameFramesForMixedFramingHoweverSplit(@ForAll("framedMessages") byte[] stream,
                                                         @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 3000) Integer> splits) {
        final CollectingSink whole = decode(stream, List.of());
        final CollectingSink chunked = decode(stream, splits.stream().sorted().toList());
        assertThat(chunked.frames).isEqualTo(whole.frames);
        assertThat(whole.maxLength).isLessThanOrEqualTo(MAX);
    }

    @Provide
    Arbitrary<List<String>> numberLeadingLines() {
        final Arbitrary<String> number = Arbitraries.integers().between(1, 999_999_999).map(String::valueOf);
        final Arbitrary<String> rest = Arbitraries.strings().withChars("abc 019:-<>[]\t\0").ofMinLength(1)
                .ofMaxLength(40).filter(r -> r.charAt(0) != '<' && r.charAt(r.length() - 1) != 0);
        return Combinators.combine(number, rest).as((n, r) -> n + " " + r).list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 300)
    void shouldReadEachPriLessNumberLeadingLineAsOneFrame(@ForAll("numberLeadingLines") List<String> lines,
                                                          @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 1000) Integer> splits) {
        final byte[] stream = (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(decode(stream, splits.stream().sorted().toList()).frames).isEqualTo(lines);
    }
}
