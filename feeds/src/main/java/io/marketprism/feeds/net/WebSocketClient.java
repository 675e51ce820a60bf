/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Makes {@link WebSocketConnection}s and owns the event-loop threads they run on (epoll where the kernel offers it,
 * NIO otherwise) and their TLS contexts (BoringSSL through netty-tcnative where it loads, the JDK's TLS otherwise).
 * {@link #close()} closes every connection it made, stops its threads and waits until they have ended, so nothing
 * it opened outlives it.
 */
public final class WebSocketClient implements AutoCloseable
{
    /** Prefix of the names of the client's event-loop threads. */
    public static final String THREAD_NAME_PREFIX = "marketprism-ws";

    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final EventLoopGroup group;
    private final boolean epoll;
    private final int threadCount;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Set<WebSocketConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * A client with one event-loop thread.
     */
    public WebSocketClient()
    {
        this(1);
    }

    /**
     * @param threadCount event-loop threads; connections are spread over them.
     */
    public WebSocketClient(final int threadCount)
    {
        if (threadCount < 1)
        {
            throw new IllegalArgumentException("threadCount must be at least 1: " + threadCount);
        }
        this.threadCount = threadCount;
        epoll = Epoll.isAvailable();
        final DefaultThreadFactory factory = new DefaultThreadFactory(THREAD_NAME_PREFIX, true)
        {
            @Override
            public Thread newThread(final Runnable r)
            {
                final Thread thread = super.newThread(r);
                threads.add(thread);
                return thread;
            }
        };
        group = new MultiThreadIoEventLoopGroup(
            threadCount, factory, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * The thread a one-thread client runs every connection on: a feed makes it the ring's single producer and runs its
     * timers there ({@link io.netty.channel.EventLoop#schedule}), so that nothing else touches the decoders.
     *
     * @return the event loop.
     * @throws IllegalStateException when the client has more than one thread.
     */
    public EventLoop eventLoop()
    {
        if (threadCount != 1)
        {
            throw new IllegalStateException("eventLoop() needs a client with one thread, not " + threadCount);
        }
        return (EventLoop)group.next();
    }

    /**
     * @return true when the connections use epoll, false for NIO.
     */
    public boolean isEpoll()
    {
        return epoll;
    }

    /**
     * @return true when TLS runs on BoringSSL (netty-tcnative), false for the JDK's provider.
     */
    public static boolean isOpenSsl()
    {
        return OpenSsl.isAvailable();
    }

    /**
     * Starts a connection; it opens asynchronously ({@link WebSocketConnection#openFuture()}). Cold path.
     *
     * @param context the connection's settings (concluded here).
     * @param handler where its messages go.
     * @return the connection.
     * @throws IllegalArgumentException for bad settings.
     * @throws IllegalStateException after {@link #close()}.
     */
    public WebSocketConnection connect(final WebSocketConnection.Context context, final WebSocketHandler handler)
    {
        if (closed)
        {
            throw new IllegalStateException("the WebSocket client is closed");
        }
        context.conclude();
        final SslContext tls = context.isTls() ? newTlsContext(context) : null;
        final WebSocketConnection connection = new WebSocketConnection(context, handler, this);
        connections.add(connection);
        final Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int)Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(context.connectTimeoutNs())))
            .handler(new ChannelInitializer<Channel>()
            {
                @Override
                protected void initChannel(final Channel ch)
                {
                    if (tls != null)
                    {
                        final SslHandler sslHandler = tls.newHandler(ch.alloc(), context.host(), context.port());
                        sslHandler.setHandshakeTimeout(context.handshakeTimeoutNs(), TimeUnit.NANOSECONDS);
                        ch.pipeline().addLast("tls", sslHandler);
                    }
                    ch.pipeline().addLast("websocket", connection.channelHandler());
                }
            });
        final ChannelFuture connectFuture = bootstrap.connect(context.host(), context.port());
        connection.attach(connectFuture);
        return connection;
    }

    /**
     * Closes every connection (a close frame each, see {@link WebSocketConnection#close()}), stops the event loops
     * and waits until their threads have ended. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        final List<WebSocketConnection> open = new ArrayList<>(connections);
        for (final WebSocketConnection connection : open)
        {
            connection.close();
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_TIMEOUT_MS);
        for (final WebSocketConnection connection : open)
        {
            try
            {
                connection.closeFuture().get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (final Exception ignored)
            {
                // the group shutdown below closes whatever is left
            }
        }
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(SHUTDOWN_TIMEOUT_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void onClosed(final WebSocketConnection connection)
    {
        connections.remove(connection);
    }

    private static SslContext newTlsContext(final WebSocketConnection.Context context)
    {
        try
        {
            final SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .endpointIdentificationAlgorithm("HTTPS");
            if (context.trustStore() != null)
            {
                final TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(context.trustStore());
                builder.trustManager(trust);
            }
            return builder.build();
        }
        catch (final SSLException | GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("cannot set up TLS for " + context.uri() + ": " + ex.getMessage(), ex);
        }
    }
}
