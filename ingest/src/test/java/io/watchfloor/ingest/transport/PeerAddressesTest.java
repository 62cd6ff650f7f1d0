package io.watchfloor.ingest.transport;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class PeerAddressesTest {
    private static InetAddress address(int i) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >>> 8), (byte) i});
    }

    @Test
    void shouldHandOutOneInstancePerAddress() throws UnknownHostException {
        final PeerAddresses peers = new PeerAddresses();
        final InetAddress first = peers.canonical(address(7));

        final InetAddress again = peers.canonical(address(7));

        assertThat(again).isSameAs(first);
        assertThat(peers.canonical(address(8))).isNotSameAs(first).isEqualTo(address(8));
        assertThat(peers.canonical(null)).isNull();
    }

    @Test
    void shouldStopCollectingAtTheBoundAndReturnNewAddressesAsGiven() throws UnknownHostException {
        final PeerAddresses peers = new PeerAddresses();
        for (int i = 0; i < PeerAddresses.MAX_ADDRESSES; i++) {
            peers.canonical(address(i));
        }
        final InetAddress beyond = InetAddress.getByAddress(new byte[] {10, 1, 0, 0});

        assertThat(peers.canonical(beyond)).isSameAs(beyond);
        assertThat(peers.canonical(InetAddress.getByAddress(new byte[] {10, 1, 0, 0}))).isNotSameAs(beyond);
        assertThat(peers.size()).isEqualTo(PeerAddresses.MAX_ADDRESSES);
    }
}
