package io.watchfloor.ingest.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyslogFrameDecoderTest {
    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void releaseBuffers() {
        for (ByteBuf b : buffers) {
            assertThat(b.release()).isTrue();
        }
    }

    private ByteBuf buf(String s) {
        final ByteBuf b = Unpooled.directBuffer();
        b.writeCharSequence(s, StandardCharsets.ISO_8859_1);
        buffers.add(b);
        return b;
    }

    private List<String> decodeWhole(int max, String stream) {
        final SyslogFrameDecoder decoder = new SyslogFrameDecoder(max);
        final CollectingSink sink = new CollectingSink();
        final ByteBuf in = buf(stream);
        decoder.decode(in, sink);
        decoder.endOfStream(in, sink);
        assertThat(in.isReadable()).isFalse();
        return sink.frames;
    }

    @Test
    void shouldSplitLfFramedLines() {
        assertThat(decodeWhole(1024, "<13>Feb  3 10:00:00 host1 app: one\n<13>Feb  3 10:00:01 host1 app: two\n"))
                .containsExactly("<13>Feb  3 10:00:00 host1 app: one", "<13>Feb  3 10:00:01 host1 app: two");
    }

    @Test
    void shouldStripCrBeforeLf() {
        assertThat(decodeWhole(1024, "<13>a\r\n<13>b\r\n")).containsExactly("<13>a", "<13>b");
    }

    @Test
    void shouldKeepEmbeddedNulAndTabAndEndFramesOnlyAtLf() {
        assertThat(decodeWhole(1024, "<13>Dec  3 09:00:00 h app: tab\there\0mid  \n<13>b\0\n"))
                .containsExactly("<13>Dec  3 09:00:00 h app: tab\there\0mid  ", "<13>b");
    }

    @Test
    void shouldStripOneNulAndOneCrBeforeLfInEitherOrder() {
        assertThat(decodeWhole(1024, "<13>a\0\r\n<13>b\r\0\n<13>c\0\0\n<13>d\r\r\n<13>e \n"))
                .containsExactly("<13>a", "<13>b", "<13>c\0", "<13>d\r", "<13>e ");
    }

    @Test
    void shouldStripOneNulAndOneCrFromFinalFrameWithoutLf() {
        assertThat(decodeWhole(1024, "<13>a\n<13>last\0\0")).containsExactly("<13>a", "<13>last\0");
    }

    @Test
    void shouldReadPriLessNumberLeadingLinesAsLfFramed() {
        final String hpc = "134681 node-246 unix.hw state_change.unavailable 1084680778 1 Component State Change\n";
        final String checkPoint = "1 2019-05-15T16:25:50Z gw1.example.com CheckPoint 26203 - [action:\"Accept\"]\n";
        final String bgl = "- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 RAS KERNEL INFO ok\n";
        assertThat(decodeWhole(1024, hpc + hpc + checkPoint + bgl + checkPoint))
                .containsExactly(hpc.strip(), hpc.strip(), checkPoint.strip(), bgl.strip(), checkPoint.strip());
    }

    @Test
    void shouldWaitForByteAfterMsgLenBeforeChoosingFraming() {
        final SyslogFrameDecoder decoder = new SyslogFrameDecoder(1024);
        final CollectingSink sink = new CollectingSink();
        final ByteBuf cumulation = buf("");
        for (String chunk : new String[] {"5 ", "<13>a", "1 ", "2019 line\n", "3 ", "<1>"}) {
            cumulation.writeCharSequence(chunk, StandardCharsets.ISO_8859_1);
            decoder.decode(cumulation, sink);
            cumulation.discardReadBytes();
        }
        assertThat(sink.frames).containsExactly("<13>a", "1 2019 line", "<1>");
    }

    @Test
    void shouldEmitDanglingMsgLenAsLineAtEndOfStream() {
        assertThat(decodeWhole(1024, "<13>a\n12 ")).containsExactly("<13>a", "12 ");
    }

    @Test
    void shouldReadOctetCountedFrames() {
        assertThat(decodeWhole(1024, "11 <13>1 - - x5 <14>b")).containsExactly("<13>1 - - x", "<14>b");
    }

    @Test
    void shouldKeepLfInsideOctetCountedFrameAsContent() {
        assertThat(decodeWhole(1024, "9 <13>a\nb\nc<13>next\n")).containsExactly("<13>a\nb\nc", "<13>next");
    }

    @Test
    void shouldMixFramingsOnOneStream() {
        assertThat(decodeWhole(1024, "<13>lf one\n8 <13>octx<13>lf two\r\n5 <14>b3 abc"))
                .containsExactly("<13>lf one", "<13>octx", "<13>lf two", "<14>b", "3 abc");
    }

    @Test
    void shouldEmitFinalFrameWithoutLfAtEndOfStream() {
        assertThat(decodeWhole(1024, "<13>a\n<13>last")).containsExactly("<13>a", "<13>last");
    }

    @Test
    void shouldEmitPartialOctetFrameTruncatedAtEndOfStream() {
        assertThat(decodeWhole(1024, "20 <13>short")).containsExactly("!<13>short");
    }

    @Test
    void shouldFallBackToLfFramingForDigitLeadingLines() {
        assertThat(decodeWhole(1024, "2025-04-30 10:00:00 host1 sshd: ok\n137: *Mar  1 00:00:01: %SYS-5-CONFIG_I\n"))
                .containsExactly("2025-04-30 10:00:00 host1 sshd: ok", "137: *Mar  1 00:00:01: %SYS-5-CONFIG_I");
    }

    @Test
    void shouldFallBackToLfFramingWhenMsgLenIsAbsurd() {
        assertThat(decodeWhole(1024, "99999999999 overflow\n<13>ok\n"))
                .containsExactly("99999999999 overflow", "<13>ok");
        assertThat(decodeWhole(1024, "999999999 above cap\n")).containsExactly("999999999 above cap");
    }

    @Test
    void shouldReadZeroLeadingLineAsLfFramed() {
        assertThat(decodeWhole(1024, "05 abcde\n")).containsExactly("05 abcde");
    }

    @Test
    void shouldSkipEmptyLines() {
        assertThat(decodeWhole(1024, "\n\r\n<13>a\n\n\n<13>b\n\n")).containsExactly("<13>a", "<13>b");
    }

    @Test
    void shouldTruncateOversizeLfFrameAndResynchronise() {
        final String longLine = "x".repeat(200);
        assertThat(decodeWhole(64, longLine + "\n<13>good\n"))
                .containsExactly("!" + "x".repeat(64), "<13>good");
    }

    @Test
    void shouldTruncateOversizeOctetFrameAndSkipByCount() {
        final String body = "<13>" + "y".repeat(100) + "\n5 <13>not-a-frame\n";
        final String stream = body.length() + " " + body + "<13>good\n";
        assertThat(decodeWhole(64, stream)).containsExactly("!<13>" + "y".repeat(60), "<13>good");
    }

    @Test
    void shouldAcceptLfFrameOfExactlyMaxWithCrlf() {
        final String exact = "z".repeat(64);
        assertThat(decodeWhole(64, exact + "\r\n" + exact + "z\n"))
                .containsExactly(exact, "!" + exact);
    }

    @Test
    void shouldKeepStateAcrossCallsWhenFramesAreSplit() {
        final SyslogFrameDecoder decoder = new SyslogFrameDecoder(1024);
        final CollectingSink sink = new CollectingSink();
        final ByteBuf cumulation = buf("");
        for (String chunk : new String[] {"1", "2 <13>a", "bcdefg", "h<13>li", "ne\r", "\n<13>x"}) {
            cumulation.writeCharSequence(chunk, StandardCharsets.ISO_8859_1);
            decoder.decode(cumulation, sink);
            cumulation.discardReadBytes();
        }
        assertThat(sink.frames).containsExactly("<13>abcdefgh", "<13>line");
        decoder.endOfStream(cumulation, sink);
        assertThat(sink.frames).containsExactly("<13>abcdefgh", "<13>line", "<13>x");
    }

    @Test
    void shouldSkipOversizeLineSpanningManyCalls() {
        final SyslogFrameDecoder decoder = new SyslogFrameDecoder(64);
        final CollectingSink sink = new CollectingSink();
        final ByteBuf cumulation = buf("");
        for (int i = 0; i < 10; i++) {
            cumulation.writeCharSequence("w".repeat(50), StandardCharsets.ISO_8859_1);
            decoder.decode(cumulation, sink);
            cumulation.discardReadBytes();
        }
        cumulation.writeCharSequence("\n<13>after\n", StandardCharsets.ISO_8859_1);
        decoder.decode(cumulation, sink);
        assertThat(sink.frames).containsExactly("!" + "w".repeat(64), "<13>after");
    }

    @Test
    void shouldRejectTooSmallMaximum() {
        assertThatThrownBy(() -> new SyslogFrameDecoder(8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFrameBytes : 8");
    }
}
