package io.watchfloor.coverage.inventory;

import static io.watchfloor.coverage.TestEvents.ip;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CidrBlockTest {
    @Test
    void shouldMatchIpv4Blocks() {
        final CidrBlock b = CidrBlock.parse("192.0.2.0/24");
        assertThat(b.matches(ip("192.0.2.1").getAddress())).isTrue();
        assertThat(b.matches(ip("192.0.2.255").getAddress())).isTrue();
        assertThat(b.matches(ip("192.0.3.1").getAddress())).isFalse();
        assertThat(b.matches(ip("2001:db8::1").getAddress())).isFalse();
        assertThat(b.matches(null)).isFalse();
    }

    @Test
    void shouldMatchOddPrefixesAndBareAddresses() {
        final CidrBlock b = CidrBlock.parse("198.51.100.64/27");
        assertThat(b.matches(ip("198.51.100.95").getAddress())).isTrue();
        assertThat(b.matches(ip("198.51.100.96").getAddress())).isFalse();
        assertThat(b.matches(ip("198.51.100.63").getAddress())).isFalse();
        final CidrBlock single = CidrBlock.parse("198.51.100.7");
        assertThat(single.prefixBits()).isEqualTo(32);
        assertThat(single.matches(ip("198.51.100.7").getAddress())).isTrue();
        assertThat(single.matches(ip("198.51.100.8").getAddress())).isFalse();
        assertThat(CidrBlock.parse("0.0.0.0/0").matches(ip("203.0.113.9").getAddress())).isTrue();
        assertThat(CidrBlock.parse("192.0.2.77/24").matches(ip("192.0.2.1").getAddress())).isTrue();
    }

    @Test
    void shouldMatchIpv6Blocks() {
        final CidrBlock b = CidrBlock.parse("2001:db8::/32");
        assertThat(b.isIpv4()).isFalse();
        assertThat(b.matches(ip("2001:db8:1:2::3").getAddress())).isTrue();
        assertThat(b.matches(ip("2001:db9::1").getAddress())).isFalse();
        assertThat(b.matches(ip("192.0.2.1").getAddress())).isFalse();
        final CidrBlock n = CidrBlock.parse("2001:db8:53::/49");
        assertThat(n.matches(ip("2001:db8:53:7fff::1").getAddress())).isTrue();
        assertThat(n.matches(ip("2001:db8:53:8000::1").getAddress())).isFalse();
        assertThat(CidrBlock.parse("2001:db8::1").matches(ip("2001:db8::1").getAddress())).isTrue();
    }

    @Test
    void shouldMatchIpv4MappedSendersAgainstIpv4Blocks() {
        final byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[14] = 2;
        mapped[15] = 9;
        assertThat(CidrBlock.parse("192.0.2.0/24").matches(mapped)).isTrue();
        assertThat(CidrBlock.parse("198.51.100.0/24").matches(mapped)).isFalse();
    }

    @Test
    void shouldRejectInvalidText() {
        for (String bad : new String[] {"", "192.0.2.0/", "192.0.2.0/33", "192.0.2.0/-1", "192.0.2", "1.2.3.4.5",
                "256.0.0.1", "01234.0.0.1", "example.com", "2001:db8::/129", "2001:db8:::1", "fe80::1%eth0",
                "192.0.2.0/24/1", " 192.0.2.1"}) {
            assertThat(CidrBlock.parse(bad)).as(bad).isNull();
        }
    }
}
