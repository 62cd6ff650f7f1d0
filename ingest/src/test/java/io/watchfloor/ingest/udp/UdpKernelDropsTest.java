package io.watchfloor.ingest.udp;

import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.time.ManualClock;
import io.watchfloor.ingest.transport.IngestTransport;
import io.watchfloor.ingest.transport.StallableEventPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class UdpKernelDropsTest {
    /** Two sockets on port 5514 (0x158A), one on 0x0202, as the kernel prints them. */
    private static final String TABLE = """
               sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
             1073: 0100007F:158A 00000000:0000 07 00000000:00001200 00:00000000 00000000     0        0 41001 2 ffff8881027c4000 17
             1074: 00000000:158A 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41002 2 ffff8881027c4400 5
             2000: 00000000:0202 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41003 2 ffff8881027c4800 99
            """;

    @TempDir
    Path tmp;

    @Test
    void shouldReadTheDropsColumnOfTheSocketWithThatInode() {
        assertThat(UdpKernelDrops.parse(TABLE, 5514, 41002)).isEqualTo(5);
        assertThat(UdpKernelDrops.parse(TABLE, 5514, 41001)).isEqualTo(17);
        assertThat(UdpKernelDrops.parse(TABLE, 514, 41003)).isEqualTo(99);
    }

    @Test
    void shouldSumEverySocketOnThePortWhenTheInodeIsUnknown() {
        assertThat(UdpKernelDrops.parse(TABLE, 5514, UdpKernelDrops.NOT_FOUND)).isEqualTo(22);
    }

    @Test
    void shouldReportNotFoundForAnotherPortOrInode() {
        assertThat(UdpKernelDrops.parse(TABLE, 5515, UdpKernelDrops.NOT_FOUND)).isEqualTo(UdpKernelDrops.NOT_FOUND);
        assertThat(UdpKernelDrops.parse(TABLE, 5514, 41003)).isEqualTo(UdpKernelDrops.NOT_FOUND);
        assertThat(UdpKernelDrops.parse("", 5514, 41002)).isEqualTo(UdpKernelDrops.NOT_FOUND);
    }

    @Test
    void shouldSampleAcrossTablesAndKeepTheLastValueWhenTheSocketIsGone() throws Exception {
        final Path udp = tmp.resolve("udp");
        final Path udp6 = tmp.resolve("udp6");
        Files.writeString(udp, TABLE);
        final UdpKernelDrops drops = new UdpKernelDrops(5514, 41001, List.of(udp, udp6));
        assertThat(drops.drops()).isZero();
        assertThat(drops.sample()).isEqualTo(17);
        assertThat(drops.drops()).isEqualTo(17);
        assertThat(drops.found()).isTrue();
        Files.writeString(udp, TABLE.lines().findFirst().orElseThrow() + "\n");
        assertThat(drops.sample()).isEqualTo(UdpKernelDrops.NOT_FOUND);
        assertThat(drops.drops()).isEqualTo(17);
    }

    /**
     * A real burst: the listener's only I/O loop is held busy, so nothing reads the socket; the burst overflows its
     * tiny receive buffer and the kernel drops the rest. Every datagram is then either received or a kernel drop.
     */
    @Test
    void shouldCountWhatOverflowsATinyReceiveBufferWhileTheReaderIsPaused() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "no /proc/net/udp on this system");
        final int sent = 300;
        final IngestCounters counters = new IngestCounters();
        final StallableEventPublisher publisher = new StallableEventPublisher(sent);
        try (IngestTransport oneLoop = IngestTransport.create(1);
             SyslogUdpListener listener = new SyslogUdpListener(new SyslogUdpConfig("127.0.0.1", 0, 1024, 1024),
                     publisher, counters, new ManualClock(1_700_000_000_000L), oneLoop)) {
            final int port = listener.start();
            final UdpKernelDrops drops = listener.kernelDrops();
            assertThat(drops.found()).isTrue();
            assertThat(drops.drops()).isZero();
            final CountDownLatch release = new CountDownLatch(1);
            final CountDownLatch paused = new CountDownLatch(1);
            oneLoop.ioGroup().next().execute(() -> {
                paused.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(paused.await(10, TimeUnit.SECONDS)).isTrue();
            final byte[] payload = ("<13>burst " + "x".repeat(200)).getBytes();
            try (DatagramSocket socket = new DatagramSocket()) {
                for (int i = 0; i < sent; i++) {
                    socket.send(new DatagramPacket(payload, payload.length, InetAddress.getLoopbackAddress(), port));
                }
            }
            assertThat(drops.sample()).isPositive();
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> counters.received(Listener.SYSLOG_UDP) + drops.sample() == sent);
            assertThat(drops.drops()).isGreaterThan(sent / 2);
            assertThat(counters.dropped(Listener.SYSLOG_UDP)).isZero();
        }
    }
}
