package io.watchfloor.ingest.tcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.time.ManualClock;
import io.watchfloor.ingest.transport.StallableEventPublisher;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogTcpConnectionHandlerTest {
    private final IngestCounters counters = new IngestCounters();
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);

    private EmbeddedChannel channel(StallableEventPublisher publisher) {
        final SyslogTcpListener listener = new SyslogTcpListener(SyslogTcpConfig.defaults(), publisher, counters, clock,
                null);
        return new EmbeddedChannel(new SyslogTcpConnectionHandler(1024, publisher, counters, clock, listener));
    }

    private static List<String> lines(int count) {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("<134>1 2025-04-30T10:00:00.000Z host" + i + " app - - - seq=" + i);
        }
        return lines;
    }

    private static void read(EmbeddedChannel channel, List<String> lines) {
        channel.writeInbound(Unpooled.copiedBuffer(String.join("\n", lines) + "\n", StandardCharsets.UTF_8));
    }

    @Test
    void shouldPublishTheFramesOfOneReadAsOneBatch() {
        final StallableEventPublisher publisher = new StallableEventPublisher(1000);
        final EmbeddedChannel channel = channel(publisher);
        final List<String> sent = lines(100);

        read(channel, sent);

        assertThat(publisher.batchPublishes()).isEqualTo(1);
        assertThat(publisher.publishedCount()).isEqualTo(100);
        assertThat(counters.received(Listener.SYSLOG_TCP)).isEqualTo(100);
        publisher.drain();
        assertThat(publisher.drainedTexts()).isEqualTo(sent);
        assertThat(publisher.drainedEvents().get(0).receivedAtMs()).isEqualTo(clock.nowMs());
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldSplitAReadIntoBatchesOfAtMostTheBatchLimit() {
        final StallableEventPublisher publisher = new StallableEventPublisher(10_000);
        final EmbeddedChannel channel = channel(publisher);
        final int frames = 2 * SyslogTcpConnectionHandler.MAX_BATCH_FRAMES + 7;
        final List<String> sent = lines(frames);

        read(channel, sent);

        assertThat(publisher.batchPublishes()).isEqualTo(3);
        publisher.drain();
        assertThat(publisher.drainedTexts()).isEqualTo(sent);
        assertThat(counters.received(Listener.SYSLOG_TCP)).isEqualTo(frames);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldPublishWhatFitsInOrderAndHoldTheRestWhenTheBatchDoesNotFit() {
        final int capacity = 16;
        final StallableEventPublisher publisher = new StallableEventPublisher(capacity);
        final EmbeddedChannel channel = channel(publisher);
        final List<String> sent = lines(40);

        read(channel, sent);

        final int accepted = capacity - SyslogTcpConnectionHandler.reserveSlots(capacity);
        assertThat(publisher.publishedCount()).isEqualTo(accepted);
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(counters.received(Listener.SYSLOG_TCP)).isEqualTo(40);

        while (publisher.publishedCount() < sent.size()) {
            publisher.drain();
            channel.advanceTimeBy(SyslogTcpConnectionHandler.RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
        }
        publisher.drain();
        assertThat(publisher.drainedTexts()).isEqualTo(sent);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(channel.finish()).isFalse();
    }
}
