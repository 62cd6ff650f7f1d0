package io.watchfloor.ingest.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DatagramFramesTest {
    private static CollectingSink frame(String datagram, int max) {
        final ByteBuf b = Unpooled.directBuffer();
        try {
            b.writeCharSequence(datagram, StandardCharsets.ISO_8859_1);
            final CollectingSink sink = new CollectingSink();
            DatagramFrames.frame(b, max, sink);
            assertThat(b.readableBytes()).isEqualTo(datagram.length());
            return sink;
        } finally {
            assertThat(b.release()).isTrue();
        }
    }

    @Test
    void shouldStripOneTrailingNulLfAndCr() {
        assertThat(frame("<13>msg\r\n\0", 1024).frames).containsExactly("<13>msg");
        assertThat(frame("<13>msg\n\n", 1024).frames).containsExactly("<13>msg\n");
        assertThat(frame("<13>msg  ", 1024).frames).containsExactly("<13>msg  ");
    }

    @Test
    void shouldNeverSplitDatagramOnLf() {
        assertThat(frame("<13>one\n<13>two", 1024).frames).containsExactly("<13>one\n<13>two");
    }

    @Test
    void shouldTruncateAtMaximumAndFlag() {
        assertThat(frame("a".repeat(100), 64).frames).containsExactly("!" + "a".repeat(64));
    }

    @Test
    void shouldEmitNothingForEmptyDatagram() {
        assertThat(frame("\r\n", 64).frames).isEmpty();
        assertThat(frame("", 64).frames).isEmpty();
    }
}
