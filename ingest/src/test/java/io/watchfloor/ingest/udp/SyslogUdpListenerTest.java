package io.watchfloor.ingest.udp;

import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.time.ManualClock;
import io.watchfloor.ingest.transport.IngestTransport;
import io.watchfloor.ingest.transport.StallableEventPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SyslogUdpListenerTest {
    private static IngestTransport transport;

    private final IngestCounters counters = new IngestCounters();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private SyslogUdpListener listener;

    @BeforeAll
    static void startTransport() {
        transport = IngestTransport.create(2);
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
    }

    @AfterEach
    void closeListener() {
        if (listener != null) {
            listener.close();
        }
    }

    private int start(StallableEventPublisher publisher, int maxDatagramBytes) {
        listener = new SyslogUdpListener(new SyslogUdpConfig("127.0.0.1", 0, maxDatagramBytes, 1024 * 1024),
                publisher, counters, clock, transport);
        return listener.start();
    }

    private static void send(DatagramSocket socket, int port, String text) throws IOException {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void shouldPublishOneMessagePerDatagram() throws IOException {
        final StallableEventPublisher publisher = new StallableEventPublisher(100);
        final int port = start(publisher, 1024);
        try (DatagramSocket socket = new DatagramSocket()) {
            send(socket, port, "<13>Feb  3 10:00:00 host1 app: one\n");
            send(socket, port, "<13>two\n<13>still two\0");
            send(socket, port, "x".repeat(2000));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            publisher.drain();
            return publisher.drainedTexts().size() == 3;
        });
        assertThat(publisher.drainedTexts()).containsExactlyInAnyOrder(
                "<13>Feb  3 10:00:00 host1 app: one", "<13>two\n<13>still two", "x".repeat(1024));
        final Event truncated = publisher.drainedEvents().stream().filter(Event::truncated).findFirst().orElseThrow();
        assertThat(truncated.rawLength()).isEqualTo(1024);
        assertThat(truncated.listener()).isEqualTo(Listener.SYSLOG_UDP);
        assertThat(truncated.peer()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(counters.truncated(Listener.SYSLOG_UDP)).isEqualTo(1);
    }

    @Test
    void shouldDropAndCountExactlyWhenRingIsFull() throws IOException {
        final int capacity = 5;
        final StallableEventPublisher publisher = new StallableEventPublisher(capacity);
        final int port = start(publisher, 1024);
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int i = 0; i < 40; i++) {
                send(socket, port, "<13>datagram " + i);
            }
            // loopback can still lose datagrams in the kernel, so wait for what the listener saw to settle
            await().atMost(Duration.ofSeconds(10)).until(() -> counters.received(Listener.SYSLOG_UDP) >= capacity
                    && counters.received(Listener.SYSLOG_UDP)
                    == publisher.publishedCount() + counters.dropped(Listener.SYSLOG_UDP)
                    && counters.dropped(Listener.SYSLOG_UDP) > 0);
            assertThat(publisher.publishedCount()).isEqualTo(capacity);

            publisher.drain();
            send(socket, port, "<13>after drain");
            await().atMost(Duration.ofSeconds(10)).until(() -> publisher.publishedCount() == capacity + 1);
        }
        final long received = counters.received(Listener.SYSLOG_UDP);
        assertThat(received).isEqualTo(publisher.publishedCount() + counters.dropped(Listener.SYSLOG_UDP));
        assertThat(listener.drops()).isEqualTo(counters.dropped(Listener.SYSLOG_UDP));
    }

    @Test
    void shouldFailClearlyWhenPortIsTaken() throws IOException {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener = new SyslogUdpListener(new SyslogUdpConfig("127.0.0.1", taken.getLocalPort(), 1024, 65536),
                    new StallableEventPublisher(1), counters, clock, transport);
            assertThatThrownBy(listener::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Cannot bind listener=syslog_udp");
            listener = null;
        }
    }
}
