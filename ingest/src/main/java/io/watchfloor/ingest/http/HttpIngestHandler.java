package io.watchfloor.ingest.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.EventPublisher;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.ingest.json.JsonEventParser;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;

/**
 * One HTTP connection: answers {@code POST /ingest} with NDJSON bodies. Each non-blank line is received; lines that
 * are not one bounded JSON object are rejected one by one; the rest go into the ring all together (in chunks of at
 * most the ring's capacity) and the answer is written only after the journal has them. While a request waits
 * for the journal, reads are paused, so responses keep request order. Runs on the channel's event loop.
 */
final class HttpIngestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** The ingest path. */
    static final String INGEST_PATH = "/ingest";
    /** Most per-line errors listed in a response; {@code rejected} still counts them all. */
    static final int MAX_REPORTED_ERRORS = 100;

    static final String REASON_LINE_TOO_LONG = "line_too_long";
    static final String REASON_RING_FULL = "ring_full";

    private final HttpIngestConfig config;
    private final EventPublisher publisher;
    private final IngestCounters counters;
    private final WallClock clock;
    private final HttpIngestListener listener;
    private final JsonEventParser validator;

    HttpIngestHandler(HttpIngestConfig config, EventPublisher publisher, IngestCounters counters, WallClock clock,
                      HttpIngestListener listener) {
        super(FullHttpRequest.class, true);
        this.config = config;
        this.publisher = publisher;
        this.counters = counters;
        this.clock = clock;
        this.listener = listener;
        this.validator = new JsonEventParser(config.maxJsonDepth(), config.maxFieldsPerEvent());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            HttpResponses.write(ctx, HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_request"), false);
            return;
        }
        final String uri = request.uri();
        final int query = uri.indexOf('?');
        final String path = query < 0 ? uri : uri.substring(0, query);
        if (!INGEST_PATH.equals(path)) {
            HttpResponses.write(ctx, HttpResponses.error(HttpResponseStatus.NOT_FOUND, "not_found"), keepAlive);
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            final FullHttpResponse response =
                    HttpResponses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed");
            response.headers().set(HttpHeaderNames.ALLOW, "POST");
            HttpResponses.write(ctx, response, keepAlive);
            return;
        }
        final String encoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
        final ByteBuf content = request.content();
        final byte[] body;
        final int bodyOffset;
        final int bodyLength;
        if (encoding == null || encoding.isEmpty() || "identity".equalsIgnoreCase(encoding)) {
            if (content.hasArray()) {
                body = content.array();
                bodyOffset = content.arrayOffset() + content.readerIndex();
            } else {
                body = ByteBufUtil.getBytes(content);
                bodyOffset = 0;
            }
            bodyLength = content.readableBytes();
        } else if ("gzip".equalsIgnoreCase(encoding) || "x-gzip".equalsIgnoreCase(encoding)) {
            final BoundedGunzip.Result result;
            try {
                result = BoundedGunzip.gunzip(content, config.maxDecompressedBytes());
            } catch (IOException e) {
                HttpResponses.write(ctx, HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_gzip"), keepAlive);
                return;
            }
            if (result.overLimit()) {
                listener.oversizeRequest();
                HttpResponses.write(ctx, HttpResponses.json(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                        "{\"error\":\"decompressed_too_large\",\"max_decompressed_bytes\":"
                                + config.maxDecompressedBytes() + "}"), keepAlive);
                return;
            }
            body = result.bytes();
            bodyOffset = 0;
            bodyLength = result.length();
        } else {
            HttpResponses.write(ctx, HttpResponses.error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_content_encoding"), keepAlive);
            return;
        }
        ingest(ctx, body, bodyOffset, bodyLength, keepAlive);
    }

    private void ingest(ChannelHandlerContext ctx, byte[] body, int bodyOffset, int bodyLength, boolean keepAlive) {
        final IngestReport report = new IngestReport(MAX_REPORTED_ERRORS);
        int[] offsets = new int[16];
        int[] lengths = new int[16];
        int good = 0;
        int lineNumber = 0;
        final int end = bodyOffset + bodyLength;
        int start = bodyOffset;
        while (start < end) {
            int lf = start;
            while (lf < end && body[lf] != '\n') {
                lf++;
            }
            lineNumber++;
            int lineEnd = lf;
            if (lineEnd > start && body[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            final int length = lineEnd - start;
            if (!isBlank(body, start, lineEnd)) {
                report.received++;
                final String reason = length > config.maxLineBytes()
                        ? REASON_LINE_TOO_LONG : validator.validate(body, start, length);
                if (reason != null) {
                    report.reject(lineNumber, reason);
                } else {
                    if (good == offsets.length) {
                        offsets = Arrays.copyOf(offsets, good * 2);
                        lengths = Arrays.copyOf(lengths, good * 2);
                    }
                    offsets[good] = start;
                    lengths[good] = length;
                    good++;
                }
            }
            start = lf + 1;
        }
        counters.addReceived(Listener.HTTP, report.received);
        counters.addRejected(Listener.HTTP, report.rejected);
        if (good == 0) {
            HttpResponses.write(ctx, report.ok(0), keepAlive);
            return;
        }
        final InetAddress peer = peer(ctx);
        final int[] goodOffsets = offsets;
        final int goodCount = good;
        final IngestRequestBatch[] holder = new IngestRequestBatch[1];
        final IngestRequestBatch batch = new IngestRequestBatch(body, offsets, lengths, good, peer, clock.nowMs(),
                ctx.executor(), () -> respond(ctx, holder[0], report, keepAlive));
        holder[0] = batch;
        final int capacity = Math.max(1, publisher.capacity());
        int published = 0;
        while (published < good) {
            final int chunk = Math.min(good - published, capacity);
            batch.chunkStart(published);
            if (!publisher.tryPublishBatch(chunk, batch)) {
                break;
            }
            published += chunk;
        }
        if (published == 0) {
            counters.addRejected(Listener.HTTP, good);
            listener.ringFull();
            final FullHttpResponse response = report.ringFull(good);
            response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            HttpResponses.write(ctx, response, keepAlive);
            return;
        }
        if (published < good) {
            counters.addRejected(Listener.HTTP, good - published);
            listener.ringFull();
            for (int i = published; i < goodCount; i++) {
                report.reject(lineNumberOf(body, bodyOffset, goodOffsets[i]), REASON_RING_FULL);
            }
        }
        // responses must keep request order: read nothing more until the journal has answered this one
        ctx.channel().config().setAutoRead(false);
        batch.settle(good - published);
    }

    private void respond(ChannelHandlerContext ctx, IngestRequestBatch batch, IngestReport report, boolean keepAlive) {
        final FullHttpResponse response = batch.failedCount() > 0
                ? report.journalFailed(batch.journaledCount(), batch.failedCount())
                : report.ok(batch.journaledCount());
        HttpResponses.write(ctx, response, keepAlive);
        if (keepAlive) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static int lineNumberOf(byte[] body, int bodyOffset, int lineStart) {
        int n = 1;
        for (int i = bodyOffset; i < lineStart; i++) {
            if (body[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private static boolean isBlank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            final byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static InetAddress peer(ChannelHandlerContext ctx) {
        final SocketAddress remote = ctx.channel().remoteAddress();
        return remote instanceof InetSocketAddress isa ? isa.getAddress() : null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        listener.connectionError(cause);
        ctx.close();
    }
}
