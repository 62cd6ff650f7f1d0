package io.watchfloor.ingest.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates a request body up to the configured maximum; a larger body is answered 413 with a JSON error
 * (Netty's own answer has no body). Like Netty's, the connection stays open when the client can go on
 * (keep-alive, body still streaming: the rest is discarded), else it closes.
 */
final class HttpIngestAggregator extends HttpObjectAggregator {
    /** Error reason when the body as sent exceeds {@link HttpIngestConfig#maxBodyBytes()}. */
    static final String REASON_BODY_TOO_LARGE = "body_too_large";

    private final HttpIngestListener listener;

    HttpIngestAggregator(int maxBodyBytes, HttpIngestListener listener) {
        super(maxBodyBytes);
        this.listener = listener;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        listener.oversizeRequest();
        final FullHttpResponse response = HttpResponses.json(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "{\"error\":\"" + REASON_BODY_TOO_LARGE + "\",\"max_body_bytes\":" + maxContentLength() + "}");
        if (oversized instanceof FullHttpMessage
                || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized)) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}
