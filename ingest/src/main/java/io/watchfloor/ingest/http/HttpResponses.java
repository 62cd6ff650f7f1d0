package io.watchfloor.ingest.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Builds and writes the listener's JSON responses. Stateless. */
final class HttpResponses {
    /** Longest wait for the client to close after a closing error answer (its unread input is discarded). */
    static final long LINGER_MS = 2_000;

    private HttpResponses() {
    }

    /** @return a JSON response with Content-Length set */
    static FullHttpResponse json(HttpResponseStatus status, String body) {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return response;
    }

    /** @return {@code {"error":"<reason>"}} with {@code status} */
    static FullHttpResponse error(HttpResponseStatus status, String reason) {
        return json(status, "{\"error\":\"" + reason + "\"}");
    }

    /**
     * Writes {@code response} with {@code Connection: close}, then closes gracefully: output is shut down and the
     * rest of the client's input is read and discarded until it closes or {@link #LINGER_MS} pass. Closing with
     * unread input would send a TCP reset, which can destroy the response before the client reads it.
     */
    static void writeAndClose(ChannelHandlerContext ctx, FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        final Channel channel = ctx.channel();
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess() || !(channel instanceof DuplexChannel duplex)) {
                channel.close();
                return;
            }
            duplex.shutdownOutput();
            channel.config().setAutoRead(true);
            channel.eventLoop().schedule(() -> {
                channel.close();
            }, LINGER_MS, TimeUnit.MILLISECONDS);
        });
    }

    /** Writes {@code response}, closing the connection after it unless {@code keepAlive}. */
    static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}
