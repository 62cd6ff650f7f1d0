package io.watchfloor.bench.ingest.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.watchfloor.ingest.framing.SyslogFrameDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of {@link SyslogFrameDecoder} over a stream of {@value #FRAMES} frames shaped like real syslog lines
 * (RFC 3164 and RFC 5424, 80–400 bytes), framed with LF or with octet counting; one op is one frame.
 * Baselines: Netty's {@link LineBasedFrameDecoder} (a retained slice per frame, through an
 * {@link EmbeddedChannel}) and a naive {@code indexOf('\n')} split, both over the LF stream.
 *
 * <p>Run (after {@code mvn -o -pl bench -am package -DskipTests} has built {@code bench/target/benchmarks.jar}):
 * <pre>
 *   java -jar bench/target/benchmarks.jar SyslogFrameDecoderBenchmark -prof gc
 * </pre>
 * {@code gc.alloc.rate.norm} of {@code decode} should be about 0 B/op. Smoke run: add {@code -f 1 -wi 1 -i 1 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class SyslogFrameDecoderBenchmark {
    /** Frames in the stream; ops per invocation. */
    static final int FRAMES = 4096;

    /** How the stream is framed. */
    public enum Framing {
        /** Non-transparent framing, LF trailer (RFC 6587 §3.4.2). */
        LF,
        /** Octet counting, {@code MSG-LEN SP MSG} (RFC 6587 §3.4.1). */
        OCTET_COUNTED
    }

    @Param({"LF", "OCTET_COUNTED"})
    public Framing framing;

    private ByteBuf stream;
    private ByteBuf lfStream;
    private SyslogFrameDecoder decoder;
    private final CountingSink sink = new CountingSink();
    private EmbeddedChannel lineChannel;

    /** Sums frame lengths so the JIT cannot drop the work. */
    static final class CountingSink implements SyslogFrameDecoder.FrameSink {
        long bytes;
        long frames;

        @Override
        public void frame(ByteBuf buf, int index, int length, boolean truncated) {
            bytes += length + buf.getByte(index);
            frames++;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        final String[] lines = syntheticLines();
        stream = Unpooled.directBuffer();
        lfStream = Unpooled.directBuffer();
        for (String line : lines) {
            final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (framing == Framing.OCTET_COUNTED) {
                stream.writeCharSequence(bytes.length + " ", StandardCharsets.US_ASCII);
                stream.writeBytes(bytes);
            } else {
                stream.writeBytes(bytes).writeByte('\n');
            }
            lfStream.writeBytes(bytes).writeByte('\n');
        }
        decoder = new SyslogFrameDecoder(SyslogFrameDecoder.DEFAULT_MAX_FRAME_BYTES);
        lineChannel = new EmbeddedChannel(new LineBasedFrameDecoder(SyslogFrameDecoder.DEFAULT_MAX_FRAME_BYTES));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        stream.release();
        lfStream.release();
        lineChannel.finishAndReleaseAll();
    }

    /** Shapes of real syslog lines with example names and documentation addresses; deterministic. */
    static String[] syntheticLines() {
        final String[] templates = {
            "<38>Feb  3 10:%02d:%02d host%d.example.com sshd[%d]: Accepted publickey for user%d from 192.0.2.%d "
                    + "port %d ssh2: RSA SHA256:3x4mpl3f1ng3rpr1nt",
            "<134>1 2025-04-30T10:%02d:%02d.123456Z fw%d.example.com kernel %d - - IN=eth0 OUT=eth1 "
                    + "SRC=198.51.100.%d DST=192.0.2.%d LEN=%d PROTO=TCP SPT=443 DPT=51515 WINDOW=502 ACK",
            "<86>Apr 30 10:%02d:%02d web%d.example.com sudo[%d]: user%d : TTY=pts/%d ; PWD=/home/ops ; "
                    + "USER=root ; COMMAND=/usr/bin/systemctl restart nginx.service --no-block %d",
            "<165>1 2025-04-30T10:%02d:%02d.000Z app%d.example.com billing %d ID47 [exampleSDID@32473 iut=\"3\" "
                    + "eventSource=\"Application\" eventID=\"%d\"] request id=%d path=/api/v1/orders/%d status=200",
        };
        final String[] lines = new String[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            final String base = String.format(templates[i % templates.length], i % 60, (i * 7) % 60, i % 32,
                    1000 + i, i % 50, i % 250, 40000 + i, 60 + i);
            // vary the length between about 80 and 400 bytes, as real streams do
            lines[i] = base + " pad=" + "x".repeat((i * 37) % 240);
        }
        return lines;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decode() {
        stream.readerIndex(0);
        decoder.decode(stream, sink);
        return sink.frames;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long baselineNettyLineBasedFrameDecoder() {
        lfStream.readerIndex(0);
        lineChannel.writeInbound(lfStream.retainedDuplicate());
        long bytes = 0;
        ByteBuf frame;
        while ((frame = lineChannel.readInbound()) != null) {
            bytes += frame.readableBytes();
            frame.release();
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long baselineNaiveIndexOfSplit() {
        final ByteBuf in = lfStream;
        final int end = in.writerIndex();
        long bytes = 0;
        int start = 0;
        while (start < end) {
            final int lf = in.indexOf(start, end, (byte) '\n');
            if (lf < 0) {
                break;
            }
            bytes += lf - start + in.getByte(start);
            start = lf + 1;
        }
        return bytes;
    }
}
