/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import io.marketprism.feeds.capture.CaptureFrame;
import io.marketprism.feeds.capture.CapturePacer;
import io.marketprism.feeds.capture.CaptureReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of a {@link VenueSimulator}: the WebSocket upgrade, the venue protocol's answers, pongs, and
 * the replay of the recording, run on the connection's event loop in batches that stop while the socket's outbound
 * buffer is full and resume when it drains (so a slow client slows the replay rather than filling memory).
 */
final class SimulatorSession extends ChannelInboundHandlerAdapter implements Runnable
{
    private static final int BATCH = 256;
    private static final int MAX_CLIENT_FRAME_LENGTH = 64 * 1024;

    private final VenueSimulator simulator;
    private final int clientId;
    private final VenueProtocol protocol;
    private final OutboundFrameHook hook;
    private final CaptureFrame frame = new CaptureFrame();
    private ChannelHandlerContext ctx;
    private WebSocketServerHandshaker handshaker;
    private CaptureReader reader;
    private CapturePacer pacer;
    private boolean replayStarted;
    private boolean framePending;
    private boolean waitingForWritable;
    private boolean scheduled;
    private long frameIndex;

    SimulatorSession(final VenueSimulator simulator, final int clientId, final VenueProtocol protocol)
    {
        this.simulator = simulator;
        this.clientId = clientId;
        this.protocol = protocol;
        this.hook = simulator.context().hook();
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        try
        {
            if (msg instanceof FullHttpRequest)
            {
                onUpgradeRequest((FullHttpRequest)msg);
            }
            else if (msg instanceof TextWebSocketFrame)
            {
                final VenueProtocol.Reply reply = protocol.onClientText(((TextWebSocketFrame)msg).text());
                if (reply.text() != null)
                {
                    ctx.writeAndFlush(new TextWebSocketFrame(reply.text()));
                }
                if (reply.isSubscribed())
                {
                    startReplay();
                }
            }
            else if (msg instanceof PingWebSocketFrame)
            {
                if (simulator.context().answerPings())
                {
                    simulator.increment(VenueSimulator.PINGS_ANSWERED);
                    ctx.writeAndFlush(new PongWebSocketFrame(((PingWebSocketFrame)msg).content().retain()));
                }
                else
                {
                    simulator.increment(VenueSimulator.PINGS_IGNORED);
                }
            }
            else if (msg instanceof CloseWebSocketFrame)
            {
                handshaker.close(ctx.channel(), ((CloseWebSocketFrame)msg).retain());
            }
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext ctx)
    {
        if (waitingForWritable && ctx.channel().isWritable())
        {
            waitingForWritable = false;
            run();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        closeReader();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }

    /**
     * One batch of the replay.
     */
    @Override
    public void run()
    {
        scheduled = false;
        if (reader == null || !ctx.channel().isActive())
        {
            closeReader();
            return;
        }
        try
        {
            for (int sent = 0; sent < BATCH; )
            {
                if (!ctx.channel().isWritable())
                {
                    waitingForWritable = true;
                    ctx.flush();
                    return;
                }
                if (!framePending)
                {
                    if (!reader.next(frame))
                    {
                        simulator.increment(VenueSimulator.REPLAYS_COMPLETED);
                        closeReader();
                        ctx.flush();
                        return;
                    }
                    if (frame.kind() != CaptureFrame.MESSAGE)
                    {
                        simulator.increment(VenueSimulator.REST_FRAMES_SKIPPED);
                        continue;
                    }
                    framePending = true;
                }
                final long delayNs = pacer.delayNs(frame.recvTsNs(), System.nanoTime());
                if (delayNs > 0)
                {
                    ctx.flush();
                    schedule(delayNs);
                    return;
                }
                framePending = false;
                final int action = hook.onFrame(clientId, frameIndex++, frame.buffer(), frame.offset(), frame.length());
                if (action == OutboundFrameHook.DROP)
                {
                    simulator.increment(VenueSimulator.FRAMES_DROPPED);
                    continue;
                }
                if (action == OutboundFrameHook.DISCONNECT)
                {
                    simulator.increment(VenueSimulator.DISCONNECTS);
                    ctx.flush();
                    ctx.channel().close();
                    return;
                }
                ctx.write(new TextWebSocketFrame(copy(frame)), ctx.voidPromise());
                simulator.increment(VenueSimulator.FRAMES_SENT);
                sent++;
            }
            ctx.flush();
            schedule(0);
        }
        catch (final IOException ex)
        {
            simulator.increment(VenueSimulator.REPLAY_FAILURES);
            closeReader();
            ctx.close();
        }
    }

    private void onUpgradeRequest(final FullHttpRequest request)
    {
        final URI uri = URI.create(request.uri());
        final String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
        if (!protocol.isEndpoint(path))
        {
            final ByteBuf body = Unpooled.copiedBuffer("no WebSocket endpoint at " + path + "\n",
                StandardCharsets.UTF_8);
            final DefaultFullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND, body);
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        final String scheme = simulator.context().tls() ? "wss://" : "ws://";
        final WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
            scheme + request.headers().get(HttpHeaderNames.HOST) + path, null, false, MAX_CLIENT_FRAME_LENGTH);
        handshaker = factory.newHandshaker(request);
        if (handshaker == null)
        {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        final boolean subscribed = protocol.subscribesOnConnect(path, uri.getRawQuery());
        handshaker.handshake(ctx.channel(), request).addListener((ChannelFutureListener)f ->
        {
            if (f.isSuccess() && subscribed)
            {
                startReplay();
            }
        });
    }

    private void startReplay()
    {
        if (replayStarted)
        {
            return;
        }
        replayStarted = true;
        try
        {
            reader = simulator.context().openRecording();
        }
        catch (final IOException | RuntimeException ex)
        {
            simulator.increment(VenueSimulator.REPLAY_FAILURES);
            ctx.close();
            return;
        }
        pacer = simulator.context().newPacer();
        schedule(0);
    }

    private void schedule(final long delayNs)
    {
        if (scheduled)
        {
            return;
        }
        scheduled = true;
        if (delayNs <= 0)
        {
            ctx.executor().execute(this);
        }
        else
        {
            ctx.executor().schedule(this, delayNs, TimeUnit.NANOSECONDS);
        }
    }

    private ByteBuf copy(final CaptureFrame frame)
    {
        final UnsafeBuffer source = frame.buffer();
        final int length = frame.length();
        final ByteBuf out = ctx.alloc().buffer(length);
        if (source.byteArray() != null)
        {
            out.writeBytes(source.byteArray(), source.wrapAdjustment() + frame.offset(), length);
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                out.writeByte(source.getByte(frame.offset() + i));
            }
        }
        return out;
    }

    private void closeReader()
    {
        if (reader != null)
        {
            try
            {
                reader.close();
            }
            catch (final IOException ignored)
            {
                // the replay is over either way
            }
            reader = null;
        }
    }
}
