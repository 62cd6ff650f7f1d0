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
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.watchfloor.core.event.Listener;
import io.watchfloor.core.ring.EventPublisher;
import io.watchfloor.core.ring.IngestCounters;
import io.watchfloor.core.time.WallClock;
import io.watchfloor.ingest.json.JsonEventParser;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP connection: answers {@code POST /ingest} with NDJSON bodies. Each non-blank line is received; lines that
 * are not one bounded JSON object are rejected one by one; the rest go into the ring in chunks of at most the
 * ring's capacity and the answer is written only after the journal has them. When the ring has no room for the
 * next chunk, a task on this event loop retries every {@link #RETRY_DELAY_MS} ms (the loop is never blocked);
 * lines still unpublished after {@link HttpIngestConfig#publishDeadlineMs()} are rejected {@code ring_full} and
 * the request answers 503 (journaled lines reported as accepted). While a request is pending, reads are paused
 * and pipelined requests wait in order, so responses keep request order; the read timeout does not apply then.
 * Runs on the channel's event loop only.
 */
final class HttpIngestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** The ingest path. */
    static final String INGEST_PATH = "/ingest";
    /** Most per-line errors listed in a response; {@code rejected} still counts them all. */
    static final int MAX_REPORTED_ERRORS = 100;

    static final String REASON_LINE_TOO_LONG = "line_too_long";
    static final String REASON_RING_FULL = "ring_full";
    static final String REASON_INVALID_GZIP = "invalid_gzip";
    /** Delay between two publish attempts while the ring is full (like the TCP listener's pause). */
    static final long RETRY_DELAY_MS = 1;

    private final HttpIngestConfig config;
    private final EventPublisher publisher;
    private final IngestCounters counters;
    private final WallClock clock;
    private final HttpIngestListener listener;
    private final JsonEventParser validator;
    /** Pipelined requests decoded while one is pending, oldest first (retained). */
    private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>(2);

    private ChannelHandlerContext ctx;
    /** The request being published or waiting for the journal; null when none. */
    private IngestRequestBatch pending;
    private IngestReport pendingReport;
    private boolean pendingKeepAlive;
    /** True while {@link #pending} still has lines to publish (retries are scheduled). */
    private boolean publishing;
    private ScheduledFuture<?> deadline;
    /** A response was written since the last read-idle event: the client gets one full timeout after it. */
    private boolean answeredSinceIdle;

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
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
        if (pending != null) {
            queued.add(request.retain());
            return;
        }
        handle(request);
    }

    private void handle(FullHttpRequest request) {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            final Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpHeaderException) {
                HttpResponses.writeAndClose(ctx, HttpResponses.error(
                        HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "header_too_large"));
            } else if (cause instanceof TooLongHttpLineException) {
                HttpResponses.writeAndClose(ctx, HttpResponses.error(HttpResponseStatus.BAD_REQUEST,
                        "request_line_too_long"));
            } else {
                HttpResponses.writeAndClose(ctx, HttpResponses.error(HttpResponseStatus.BAD_REQUEST, "bad_request"));
            }
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
                HttpResponses.write(ctx, HttpResponses.error(HttpResponseStatus.BAD_REQUEST, REASON_INVALID_GZIP),
                        keepAlive);
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
        ingest(body, bodyOffset, bodyLength, keepAlive);
    }

    private void ingest(byte[] body, int bodyOffset, int bodyLength, boolean keepAlive) {
        final IngestReport report = new IngestReport(MAX_REPORTED_ERRORS);
        int[] offsets = new int[16];
        int[] lengths = new int[16];
        int[] lineNumbers = new int[16];
        int good = 0;
        int lineNumber = 0;
        final int end = bodyOffset + bodyLength;
        int start = bodyOffset;
        // one pass: each byte is looked at by the line scan, the blank check and the validator, a bounded number
        // of times; the report's error list is capped, so per-line work is constant beyond the validation
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
                        lineNumbers = Arrays.copyOf(lineNumbers, good * 2);
                    }
                    offsets[good] = start;
                    lengths[good] = length;
                    lineNumbers[good] = lineNumber;
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
        final IngestRequestBatch batch = new IngestRequestBatch(body, offsets, lengths, lineNumbers, good, peer(ctx),
                clock.nowMs(), ctx.executor(), this::respond);
        if (batch.publish(publisher) == 0) {
            // nothing went in: refuse the whole request at once, the client resends it all
            counters.addRejected(Listener.HTTP, good);
            listener.ringFull();
            HttpResponses.write(ctx, report.ringFull(good), keepAlive);
            return;
        }
        // responses must keep request order: read nothing more until the journal has answered this one
        ctx.channel().config().setAutoRead(false);
        pending = batch;
        pendingReport = report;
        pendingKeepAlive = keepAlive;
        if (batch.published() == good) {
            batch.settle(0);
            return;
        }
        publishing = true;
        deadline = ctx.executor().schedule(this::deadlinePassed, config.publishDeadlineMs(), TimeUnit.MILLISECONDS);
        scheduleRetry();
    }

    private void scheduleRetry() {
        ctx.executor().schedule(this::retryPublish, RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    private void retryPublish() {
        if (!publishing) {
            return;
        }
        final IngestRequestBatch batch = pending;
        batch.publish(publisher);
        if (batch.published() == batch.lineCount()) {
            publishing = false;
            deadline.cancel(false);
            batch.settle(0);
        } else {
            scheduleRetry();
        }
    }

    private void deadlinePassed() {
        if (publishing) {
            stopPublishing(true);
        }
    }

    /**
     * Gives up on the lines not yet published: they are rejected ring_full; the journaled ones stay accepted.
     *
     * @param answered true when the client will get the 503 (deadline), false when it has gone (closed)
     */
    private void stopPublishing(boolean answered) {
        publishing = false;
        deadline.cancel(false);
        final IngestRequestBatch batch = pending;
        final int unpublished = batch.lineCount() - batch.published();
        counters.addRejected(Listener.HTTP, unpublished);
        if (answered) {
            listener.ringFull();
        }
        pendingReport.markRetryLater();
        for (int i = batch.published(); i < batch.lineCount(); i++) {
            pendingReport.reject(batch.lineNumber(i), REASON_RING_FULL);
        }
        batch.settle(unpublished);
    }

    private void respond() {
        final IngestRequestBatch batch = pending;
        final IngestReport report = pendingReport;
        final boolean keepAlive = pendingKeepAlive;
        pending = null;
        pendingReport = null;
        final FullHttpResponse response;
        if (batch.failedCount() > 0) {
            response = report.journalFailed(batch.journaledCount(), batch.failedCount());
        } else if (report.retryLater()) {
            response = report.ringFullAfterDeadline(batch.journaledCount());
        } else {
            response = report.ok(batch.journaledCount());
        }
        HttpResponses.write(ctx, response, keepAlive);
        answeredSinceIdle = true;
        if (!keepAlive || !ctx.channel().isActive()) {
            releaseQueued();
            return;
        }
        while (pending == null && !queued.isEmpty()) {
            final FullHttpRequest next = queued.poll();
            try {
                handle(next);
            } finally {
                next.release();
            }
        }
        if (pending == null) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void releaseQueued() {
        FullHttpRequest r;
        while ((r = queued.poll()) != null) {
            r.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (pending != null) {
                return; // reads are paused on purpose: the client waits for us, not the reverse
            }
            if (answeredSinceIdle) {
                answeredSinceIdle = false;
                return;
            }
            listener.readTimeout();
            context.close();
            return;
        }
        super.userEventTriggered(context, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        if (publishing) {
            stopPublishing(false); // the answer goes nowhere, but the counters stay exact
        }
        releaseQueued();
        super.channelInactive(context);
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
