package io.watchfloor.server.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Map;

/** Serves {@link ApiRoute}s over HTTP/1.1 GET. One event-loop thread: API traffic is light. */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** API requests carry no body worth more than this. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final String bindAddress;
    private final int port;
    private final Map<String, ApiRoute> routes;
    private EventLoopGroup group;
    private Channel channel;

    /**
     * @param routes path → route, e.g. {@code /api/coverage}
     */
    public ApiServer(String bindAddress, int port, Map<String, ApiRoute> routes) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.routes = Map.copyOf(routes);
    }

    /**
     * Binds the port.
     *
     * @return the bound port
     * @throws IllegalStateException naming the address when it cannot bind
     */
    public int start() {
        final boolean epoll = Epoll.isAvailable();
        final IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final Class<? extends ServerSocketChannel> type =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        group = new MultiThreadIoEventLoopGroup(1, factory);
        try {
            channel = new ServerBootstrap().group(group).channel(type)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                    new Handler());
                        }
                    })
                    .bind(bindAddress, port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            throw new IllegalStateException("API cannot bind " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
        final int bound = ((InetSocketAddress) channel.localAddress()).getPort();
        LOG.info("Listener bound. listener=api address={}:{}", bindAddress, bound);
        return bound;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            final QueryStringDecoder q = new QueryStringDecoder(req.uri());
            final ApiRoute route = routes.get(q.path());
            ApiResponse answer;
            if (route == null) {
                answer = ApiResponse.error(404, "no such path: " + q.path());
            } else if (!HttpMethod.GET.equals(req.method()) && !HttpMethod.HEAD.equals(req.method())) {
                answer = ApiResponse.error(405, "method " + req.method() + " not allowed (expected: GET)");
            } else {
                try {
                    answer = route.handle(q.parameters());
                } catch (IllegalArgumentException e) {
                    answer = ApiResponse.error(400, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("API route failed. path={} error={}", q.path(), e.toString());
                    answer = ApiResponse.error(500, "internal error");
                }
            }
            final FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
            res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            final boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (keepAlive) {
                HttpUtil.setKeepAlive(res, true);
                ctx.writeAndFlush(res);
            } else {
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
