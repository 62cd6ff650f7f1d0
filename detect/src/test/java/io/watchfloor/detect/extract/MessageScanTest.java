package io.watchfloor.detect.extract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MessageScanTest {
    private static boolean ip(String s) {
        final byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return MessageScan.isIpShaped(b, 0, b.length);
    }

    @Test
    void shouldRecogniseAddressShapes() {
        assertThat(ip("192.0.2.7")).isTrue();
        assertThat(ip("2001:db8::7")).isTrue();
        assertThat(ip("::ffff:192.0.2.7")).isTrue();
        assertThat(ip("host.example.net")).isFalse();
        assertThat(ip("1.2.3")).isFalse();
        assertThat(ip("10:30")).isFalse();
        assertThat(ip("deadbeef")).isFalse();
    }

    @Test
    void shouldFindLiteralsWithinBounds() {
        final byte[] b = "xx port 22 yy".getBytes(StandardCharsets.US_ASCII);
        assertThat(MessageScan.indexOf(b, 0, b.length, " port ")).isEqualTo(2);
        assertThat(MessageScan.indexOf(b, 0, 6, " port ")).isEqualTo(-1);
        assertThat(MessageScan.startsWith(b, 3, b.length, "port")).isTrue();
        assertThat(MessageScan.tokenEnd(b, 3, b.length)).isEqualTo(7);
    }
}
