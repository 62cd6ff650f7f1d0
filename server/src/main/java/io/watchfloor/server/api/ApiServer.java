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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@link ApiRoute}s over HTTP/1.1, routed by method and path. GET (and HEAD) routes run on the one
 * event-loop thread: API traffic is light and they read published snapshots. POST routes are operator actions that
 * may block (a rule reload compiles rules), so they run one at a time on their own thread, and the answer is written
 * from there. A path known under another method answers 405 with {@code Allow}. {@link ApiResource}s take a
 * collection path and its items ({@code /api/sources/{id}}) under every method: reads on the event loop, changes on
 * the POST thread.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** API requests carry no body worth more than this. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final String bindAddress;
    private final int port;
    private final Map<String, ApiRoute> routes;
    private final Map<String, ApiRoute> postRoutes;
    private final Map<String, ApiResource> resources;
    private ExecutorService postWorker;
    private EventLoopGroup group;
    private Channel channel;

    /**
     * @param routes path → route, e.g. {@code /api/coverage}
     */
    public ApiServer(String bindAddress, int port, Map<String, ApiRoute> routes) {
        this(bindAddress, port, routes, Map.of());
    }

    /**
     * @param getRoutes path → GET route, e.g. {@code /api/coverage}
     * @param postRoutes path → POST route, e.g. {@code /api/rules/reload}; may block, run one at a time off the
     *     event loop
     */
    public ApiServer(String bindAddress, int port, Map<String, ApiRoute> getRoutes, Map<String, ApiRoute> postRoutes) {
        this(bindAddress, port, getRoutes, postRoutes, Map.of());
    }

    /**
     * @param resources collection path → resource, e.g. {@code /api/sources}, which also takes
     *     {@code /api/sources/{id}}
     */
    public ApiServer(String bindAddress, int port, Map<String, ApiRoute> getRoutes, Map<String, ApiRoute> postRoutes,
                     Map<String, ApiResource> resources) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.routes = Map.copyOf(getRoutes);
        this.postRoutes = Map.copyOf(postRoutes);
        this.resources = Map.copyOf(resources);
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
        postWorker = Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, "watchfloor-api-post");
            t.setDaemon(true);
            return t;
        });
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
            postWorker.shutdownNow();
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
        if (postWorker != null) {
            postWorker.shutdownNow();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            final QueryStringDecoder q = new QueryStringDecoder(req.uri());
            final String path = q.path();
            final boolean keepAlive = HttpUtil.isKeepAlive(req);
            final boolean read = HttpMethod.GET.equals(req.method()) || HttpMethod.HEAD.equals(req.method());
            if (!routes.containsKey(path) && !postRoutes.containsKey(path) && resource(ctx, req, q, keepAlive, read)) {
                return;
            }
            if (HttpMethod.POST.equals(req.method()) && postRoutes.containsKey(path)) {
                final ApiRoute route = postRoutes.get(path);
                final Map<String, List<String>> params = q.parameters();
                try {
                    postWorker.execute(() -> respond(ctx, keepAlive, run(route, path, params), null));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    respond(ctx, false, ApiResponse.error(503, "shutting down"), null);
                }
                return;
            }
            if (read && routes.containsKey(path)) {
                respond(ctx, keepAlive, run(routes.get(path), path, q.parameters()), null);
                return;
            }
            final String allow = routes.containsKey(path) ? "GET, HEAD" : postRoutes.containsKey(path) ? "POST" : null;
            if (allow == null) {
                respond(ctx, keepAlive, ApiResponse.error(404, "no such path: " + path), null);
            } else {
                respond(ctx, keepAlive, ApiResponse.error(405, "method " + req.method() + " not allowed (expected: "
                        + allow + ")"), allow);
            }
        }

        /** @return true when a resource takes the path (and the request has been answered or handed on) */
        private boolean resource(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder q,
                                 boolean keepAlive, boolean read) {
            final String path = q.path();
            final int slash = path.indexOf('/', 1 + path.indexOf('/', 1));
            final String base = slash < 0 ? path : path.substring(0, slash);
            final ApiResource resource = resources.get(base);
            if (resource == null) {
                return false;
            }
            String id = null;
            if (slash >= 0) {
                id = QueryStringDecoder.decodeComponent(path.substring(slash + 1));
                if (id.isEmpty() || id.indexOf('/') >= 0) {
                    respond(ctx, keepAlive, ApiResponse.error(404, "no such path: " + path), null);
                    return true;
                }
            }
            final Map<String, String> headers = new java.util.HashMap<>();
            for (Map.Entry<String, String> h : req.headers()) {
                headers.putIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue());
            }
            final byte[] body = new byte[req.content().readableBytes()];
            req.content().getBytes(req.content().readerIndex(), body);
            final ApiRequest request = new ApiRequest(req.method().name(), id, q.parameters(), headers, body);
            if (read) {
                respond(ctx, keepAlive, run(resource, path, request), null);
                return true;
            }
            try {
                postWorker.execute(() -> respond(ctx, keepAlive, run(resource, path, request), null));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                respond(ctx, false, ApiResponse.error(503, "shutting down"), null);
            }
            return true;
        }

        private ApiResponse run(ApiResource resource, String path, ApiRequest request) {
            try {
                return resource.handle(request);
            } catch (IllegalArgumentException e) {
                return ApiResponse.error(400, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("API route failed. path={} method={} error={}", path, request.method(), e.toString());
                return ApiResponse.error(500, "internal error");
            }
        }

        private ApiResponse run(ApiRoute route, String path, Map<String, List<String>> params) {
            try {
                return route.handle(params);
            } catch (IllegalArgumentException e) {
                return ApiResponse.error(400, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("API route failed. path={} error={}", path, e.toString());
                return ApiResponse.error(500, "internal error");
            }
        }

        private void respond(ChannelHandlerContext ctx, boolean keepAlive, ApiResponse answer, String allow) {
            final FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
            res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            if (allow != null) {
                res.headers().set(HttpHeaderNames.ALLOW, allow);
            }
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
