package io.watchfloor.core.event;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class EventTest {
    private static InetAddress address(int lastOctet) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) lastOctet});
    }

    @Test
    void shouldCarryTheNewReceiveMetadataAfterEachReset() throws UnknownHostException {
        final Event e = new Event();
        e.resetForData(Listener.SYSLOG_TCP, address(1), 10, false, null);
        e.resetForTick(20);
        assertThat(e.isTick()).isTrue();
        assertThat(e.peer()).isNull();

        e.resetForData(Listener.HTTP, address(2), 30, true, null);

        assertThat(e.kind()).isEqualTo(Event.Kind.DATA);
        assertThat(e.listener()).isEqualTo(Listener.HTTP);
        assertThat(e.peer()).isEqualTo(address(2));
        assertThat(e.receivedAtMs()).isEqualTo(30);
        assertThat(e.truncated()).isTrue();
    }

    @Test
    void shouldForgetTheAttributedSourceWhenTheSlotIsReused() throws UnknownHostException {
        final Event e = new Event();
        e.resetForData(Listener.SYSLOG_TCP, address(1), 10, false, null);
        e.attribute(3, "fw-01");
        assertThat(e.sourceIndex()).isEqualTo(3);
        assertThat(e.sourceId()).isEqualTo("fw-01");

        e.resetForData(Listener.SYSLOG_TCP, address(1), 11, false, null);
        assertThat(e.sourceIndex()).isEqualTo(-1);
        assertThat(e.sourceId()).isNull();

        e.attribute(3, "fw-01");
        e.resetForTick(12);
        assertThat(e.sourceId()).isNull();

        e.resetForData(Listener.SYSLOG_TCP, address(1), 13, false, null);
        e.attribute(5, "dc-02");
        assertThat(e.sourceId()).isEqualTo("dc-02");
    }

    @Test
    void shouldGiveEachJsonEventAFreshFieldMapAndDropItOnReleaseAndReset() throws UnknownHostException {
        final Event e = new Event();
        e.resetForData(Listener.HTTP, address(1), 10, false, null);
        final java.util.Map<String, Object> first = e.newJson();
        first.put("user.name", "alice");
        e.markJson();
        assertThat(e.json()).isSameAs(first).containsEntry("user.name", "alice");

        e.release();
        assertThat(e.json()).isEmpty();
        assertThat(first).containsEntry("user.name", "alice");

        e.resetForData(Listener.HTTP, address(1), 11, false, null);
        final java.util.Map<String, Object> second = e.newJson();
        assertThat(second).isNotSameAs(first).isEmpty();
        e.resetForData(Listener.SYSLOG_TCP, address(1), 12, false, null);
        assertThat(e.json()).isEmpty();
        assertThat(e.isJson()).isFalse();

        e.json().put("written.directly", 1L);
        e.markJson();
        e.resetForData(Listener.HTTP, address(1), 13, false, null);
        assertThat(e.json()).isEmpty();
    }
}
