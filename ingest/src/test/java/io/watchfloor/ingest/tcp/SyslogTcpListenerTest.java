package io.watchfloor.ingest.tcp;

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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SyslogTcpListenerTest {
    private static IngestTransport transport;

    private final IngestCounters counters = new IngestCounters();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final List<SyslogTcpListener> listeners = new ArrayList<>();

    @BeforeAll
    static void startTransport() {
        transport = IngestTransport.create(2);
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
    }

    @AfterEach
    void closeListeners() {
        listeners.forEach(SyslogTcpListener::close);
    }

    private int start(StallableEventPublisher publisher, int maxFrameBytes, int maxConnections) {
        final SyslogTcpListener listener = new SyslogTcpListener(
                new SyslogTcpConfig("127.0.0.1", 0, maxFrameBytes, maxConnections), publisher, counters, clock,
                transport);
        listeners.add(listener);
        return listener.start();
    }

    private static void send(Socket socket, String text) throws IOException {
        final OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static List<String> lines(int from, int to) {
        final List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add("<134>1 2025-04-30T10:00:00.000Z host" + i + ".example.com app 42 ID47 - message number " + i);
        }
        return lines;
    }

    @Test
    void shouldPublishEveryFrameExactlyWithBothFramings() throws IOException {
        final StallableEventPublisher publisher = new StallableEventPublisher(1000);
        final int port = start(publisher, 1024, 16);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            send(socket, "<13>Feb  3 10:00:00 host1 app: lf one\n");
            send(socket, "14 <13>octet\nline");
            send(socket, "<13>crlf\r\n2025-04-30 10:00:00 pri-less\n<13>last without lf");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            publisher.drain();
            return publisher.drainedTexts().size() == 5;
        });
        assertThat(publisher.drainedTexts()).containsExactly("<13>Feb  3 10:00:00 host1 app: lf one",
                "<13>octet\nline", "<13>crlf", "2025-04-30 10:00:00 pri-less", "<13>last without lf");
        final Event first = publisher.drainedEvents().get(0);
        assertThat(first.listener()).isEqualTo(Listener.SYSLOG_TCP);
        assertThat(first.peer()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(first.receivedAtMs()).isEqualTo(clock.nowMs());
        assertThat(first.truncated()).isFalse();
        assertThat(counters.received(Listener.SYSLOG_TCP)).isEqualTo(5);
    }

    @Test
    void shouldTruncateOversizeFrameAndCountIt() throws IOException {
        final StallableEventPublisher publisher = new StallableEventPublisher(1000);
        final int port = start(publisher, 64, 16);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            send(socket, "x".repeat(500) + "\n<13>good\n");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            publisher.drain();
            return publisher.drainedTexts().size() == 2;
        });
        assertThat(publisher.drainedTexts()).containsExactly("x".repeat(64), "<13>good");
        assertThat(publisher.drainedEvents().get(0).truncated()).isTrue();
        assertThat(counters.truncated(Listener.SYSLOG_TCP)).isEqualTo(1);
    }

    @Test
    void shouldPauseReadsWhenRingIsFullAndLoseNothing() throws IOException {
        final int capacity = 10;
        final StallableEventPublisher publisher = new StallableEventPublisher(capacity);
        final int port = start(publisher, 1024, 16);
        final SyslogTcpListener listener = listeners.get(0);
        final List<String> expected = lines(0, 2000);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            send(socket, String.join("\n", expected) + "\n");
            // TCP stops short of the slots it leaves to UDP, then nothing more is accepted while the consumer stalls
            final int accepted = capacity - SyslogTcpConnectionHandler.reserveSlots(capacity);
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.pausedConnections() == 1);
            assertThat(publisher.publishedCount()).isEqualTo(accepted).isEqualTo(9);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> publisher.publishedCount() == accepted && listener.pausedConnections() == 1);

            await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(30)).until(() -> {
                publisher.drain();
                return publisher.drainedTexts().size() == expected.size();
            });
            assertThat(publisher.drainedTexts()).isEqualTo(expected);
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.pausedConnections() == 0);
            assertThat(listener.pauseEpisodes()).isGreaterThanOrEqualTo(1);

            // reads resumed: a later frame still arrives
            send(socket, "<13>after recovery\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                publisher.drain();
                return publisher.drainedTexts().size() == expected.size() + 1;
            });
        }
        assertThat(counters.received(Listener.SYSLOG_TCP)).isEqualTo(expected.size() + 1);
    }

    @Test
    void shouldDeliverFramesReadBeforePeerClosedWhilePaused() throws IOException {
        final StallableEventPublisher publisher = new StallableEventPublisher(3);
        final int port = start(publisher, 1024, 16);
        final SyslogTcpListener listener = listeners.get(0);
        final List<String> expected = lines(0, 50);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            send(socket, String.join("\n", expected));
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.pausedConnections() == 1);
        }
        await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(30)).until(() -> {
            publisher.drain();
            return publisher.drainedTexts().size() == expected.size();
        });
        assertThat(publisher.drainedTexts()).isEqualTo(expected);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.pausedConnections() == 0);
    }

    @Test
    void shouldPutEveryFrameAlreadyReadIntoTheRingBeforeCloseReturns() throws Exception {
        final StallableEventPublisher publisher = new StallableEventPublisher(5);
        final int port = start(publisher, 1024, 16);
        final SyslogTcpListener listener = listeners.get(0);
        final List<String> sent = lines(0, 200);
        final Thread closing;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            send(socket, String.join("\n", sent) + "\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.pausedConnections() == 1);
            closing = new Thread(listener::close, "closing-listener");
            closing.start();
            // the listener waits for the stalled ring; the consumer frees it a few slots at a time
            await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(30)).until(() -> {
                publisher.drain();
                return !closing.isAlive();
            });
        }
        // nothing read was left behind when close returned, and it is an in-order prefix of what was sent; the last
        // one may be the fragment of a line the server had read only part of when it closed the connection
        final int received = (int) counters.received(Listener.SYSLOG_TCP);
        assertThat(publisher.publishedCount()).isEqualTo(received);
        assertThat(received).isGreaterThan(5);
        publisher.drain();
        final List<String> published = publisher.drainedTexts();
        assertThat(published.subList(0, received - 1)).isEqualTo(sent.subList(0, received - 1));
        assertThat(sent.get(received - 1)).startsWith(published.get(received - 1));
        assertThat(listener.pausedConnections()).isZero();
    }

    @Test
    void shouldCloseConnectionsBeyondTheLimit() throws IOException {
        final StallableEventPublisher publisher = new StallableEventPublisher(10);
        final int port = start(publisher, 1024, 1);
        final SyslogTcpListener listener = listeners.get(0);
        try (Socket first = new Socket("127.0.0.1", port)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.openConnections() == 1);
            try (Socket second = new Socket("127.0.0.1", port)) {
                final InputStream in = second.getInputStream();
                assertThat(in.read()).isEqualTo(-1);
            }
            assertThat(listener.refusedConnections()).isEqualTo(1);
            send(first, "<13>still served\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                publisher.drain();
                return publisher.drainedTexts().equals(List.of("<13>still served"));
            });
        }
    }

    @Test
    void shouldFailClearlyWhenPortIsTaken() {
        final StallableEventPublisher publisher = new StallableEventPublisher(10);
        final int port = start(publisher, 1024, 1);
        final SyslogTcpListener second = new SyslogTcpListener(new SyslogTcpConfig("127.0.0.1", port, 1024, 1),
                publisher, counters, clock, transport);
        assertThatThrownBy(second::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot bind listener=syslog_tcp address=127.0.0.1:" + port);
    }

    @Test
    void shouldRejectInvalidConfig() {
        assertThatThrownBy(() -> new SyslogTcpConfig("0.0.0.0", 70000, 1024, 1))
                .hasMessageContaining("port : 70000");
        assertThat(SyslogTcpConfig.defaults().port()).isEqualTo(5514);
    }
}
