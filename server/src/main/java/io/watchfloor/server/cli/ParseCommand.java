package io.watchfloor.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.watchfloor.core.event.EcsFields;
import io.watchfloor.core.event.Event;
import io.watchfloor.core.event.Listener;
import io.watchfloor.ingest.framing.DatagramFrames;
import io.watchfloor.ingest.framing.SyslogFrameDecoder;
import io.watchfloor.ingest.syslog.SyslogParser;
import io.watchfloor.server.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code watchfloor parse}: splits standard input exactly as the TCP or UDP listener would and prints each
 * event's normalized fields, one JSON object per line; the same framing and parser code the listeners run.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Read raw syslog bytes from standard input and print one JSON object per event.")
final class ParseCommand implements Callable<Integer> {
    /** Which listener's splitting to apply. */
    enum Transport { tcp, udp }

    @Option(names = "--transport", defaultValue = "tcp",
            description = "tcp: LF / octet-counting detection per frame; udp: the whole input is one datagram (default: ${DEFAULT-VALUE}).")
    Transport transport;

    @Option(names = "--received-at", paramLabel = "ISO-8601",
            description = "Receive time used to resolve year-less timestamps (default: now).")
    String receivedAt;

    @Option(names = "--max-frame-bytes", defaultValue = "65536",
            description = "Frame size limit, as listeners.syslog.max_frame_bytes (default: ${DEFAULT-VALUE}).")
    int maxFrameBytes;

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Override
    public Integer call() throws IOException {
        final long receivedAtMs;
        try {
            receivedAtMs = receivedAt == null ? System.currentTimeMillis() : Instant.parse(receivedAt).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            spec.commandLine().getErr().println("error: --received-at " + receivedAt + " (expected: ISO-8601 like 2026-12-03T10:00:00Z)");
            return 2;
        }
        if (maxFrameBytes < ConfigLoader.MAX_FRAME_BYTES_MIN || maxFrameBytes > ConfigLoader.MAX_FRAME_BYTES_MAX) {
            spec.commandLine().getErr().println("error: --max-frame-bytes " + maxFrameBytes + " (expected: "
                    + ConfigLoader.MAX_FRAME_BYTES_MIN + ".." + ConfigLoader.MAX_FRAME_BYTES_MAX
                    + ", as listeners.syslog.max_frame_bytes)");
            return 2;
        }
        final byte[] input = System.in.readAllBytes();
        final PrintWriter out = spec.commandLine().getOut();
        final Event slot = new Event();
        final SyslogParser parser = new SyslogParser();
        final Listener listener = transport == Transport.tcp ? Listener.SYSLOG_TCP : Listener.SYSLOG_UDP;
        final SyslogFrameDecoder.FrameSink sink = (buf, index, length, truncated) -> {
            slot.resetForData(listener, null, receivedAtMs, truncated, null);
            buf.getBytes(index, slot.rawBuffer(length), 0, length);
            parser.parse(slot);
            out.println(render(slot));
        };
        final ByteBuf in = Unpooled.wrappedBuffer(input);
        try {
            if (transport == Transport.tcp) {
                final SyslogFrameDecoder decoder = new SyslogFrameDecoder(maxFrameBytes);
                decoder.decode(in, sink);
                decoder.endOfStream(in, sink);
            } else {
                DatagramFrames.frame(in, maxFrameBytes, sink);
            }
        } finally {
            in.release();
        }
        out.flush();
        return 0;
    }

    private static String render(Event e) {
        try {
            return JSON.writeValueAsString(EcsFields.toMap(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
