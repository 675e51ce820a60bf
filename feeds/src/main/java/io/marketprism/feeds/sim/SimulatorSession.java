/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import io.marketprism.feeds.capture.CapturePacer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;

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
    private ChannelHandlerContext ctx;
    private WebSocketServerHandshaker handshaker;
    private CapturePacer pacer;
    private boolean replayStarted;
    private boolean replaying;
    private boolean waitingForWritable;
    private boolean scheduled;
    private int next;
    private int start;
    private long stallUntilNs;

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
                final FullHttpRequest request = (FullHttpRequest)msg;
                if (request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true))
                {
                    final long number = simulator.nextUpgradeRequest();
                    simulator.increment(VenueSimulator.UPGRADE_REQUESTS);
                    if (simulator.context().faults().refuses(number))
                    {
                        simulator.increment(VenueSimulator.UPGRADES_REFUSED);
                        ctx.close();
                        return;
                    }
                    onUpgradeRequest(request);
                }
                else
                {
                    onRestRequest(request);
                }
            }
            else if (msg instanceof TextWebSocketFrame)
            {
                final VenueProtocol.Reply reply = protocol.onClientText(((TextWebSocketFrame)msg).text());
                if (reply.text() != null)
                {
                    ctx.writeAndFlush(answer(reply.text()));
                }
                for (final String more : reply.more())
                {
                    ctx.writeAndFlush(answer(more));
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
        replaying = false;
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
        if (!replaying || !ctx.channel().isActive())
        {
            replaying = false;
            return;
        }
        final RecordedTimeline timeline = simulator.timeline();
        for (int sent = 0; sent < BATCH; )
        {
            if (!ctx.channel().isWritable())
            {
                waitingForWritable = true;
                ctx.flush();
                return;
            }
            if (next >= timeline.size())
            {
                simulator.increment(VenueSimulator.REPLAYS_COMPLETED);
                replaying = false;
                ctx.flush();
                return;
            }
            final int index = next;
            final long delayNs = pacer.delayNs(timeline.recvTsNs(index), System.nanoTime());
            if (delayNs > 0)
            {
                ctx.flush();
                schedule(delayNs);
                return;
            }
            int action = hook.onFrame(clientId, index, timeline.view(index), 0, timeline.length(index));
            if (action == OutboundFrameHook.SEND)
            {
                action = simulator.faultAction(index);
            }
            if (action == FaultPlan.STALL)
            {
                final long now = System.nanoTime();
                if (stallUntilNs == 0)
                {
                    simulator.increment(VenueSimulator.STALLS);
                    stallUntilNs = now + simulator.context().faults().stallNs();
                }
                if (now < stallUntilNs)
                {
                    ctx.flush();
                    schedule(stallUntilNs - now);
                    return;
                }
                stallUntilNs = 0;
                action = FaultPlan.SEND;
            }
            simulator.advanceTo(index);
            next = index + 1;
            switch (action)
            {
                case FaultPlan.DROP:
                    simulator.increment(VenueSimulator.FRAMES_DROPPED);
                    continue;
                case FaultPlan.DISCONNECT:
                    simulator.increment(VenueSimulator.DISCONNECTS);
                    replaying = false;
                    ctx.flush();
                    ctx.channel().close();
                    return;
                case FaultPlan.REORDER:
                    // sent after the frame it trades places with (FaultPlan.reorderReleases)
                    simulator.increment(VenueSimulator.FRAMES_REORDERED);
                    continue;
                case FaultPlan.DUPLICATE:
                    simulator.increment(VenueSimulator.FRAMES_DUPLICATED);
                    send(index);
                    send(index);
                    break;
                case FaultPlan.MALFORMED:
                    simulator.increment(VenueSimulator.FRAMES_MALFORMED);
                    ctx.write(new TextWebSocketFrame(protocol.outbound(copy(index, timeline.length(index) / 2),
                        index - start, true)), ctx.voidPromise());
                    break;
                default:
                    send(index);
                    break;
            }
            sent++;
            final int release = simulator.reorderRelease(index);
            if (release >= 0 && release >= start)
            {
                send(release);
            }
        }
        ctx.flush();
        schedule(0);
    }

    private void send(final int index)
    {
        ctx.write(new TextWebSocketFrame(protocol.outbound(copy(index, simulator.timeline().length(index)),
            index - start, true)), ctx.voidPromise());
        simulator.increment(VenueSimulator.FRAMES_SENT);
    }

    private void onRestRequest(final FullHttpRequest request)
    {
        final long number = simulator.nextRestRequest();
        simulator.increment(VenueSimulator.REST_REQUESTS);
        final FaultPlan faults = simulator.context().faults();
        final int fault = faults.restAnswer(number);
        if (fault == FaultPlan.REST_TIMEOUT)
        {
            simulator.increment(VenueSimulator.REST_FAULTS);
            return;
        }
        final VenueRest.Answer answer;
        if (fault != FaultPlan.REST_OK)
        {
            simulator.increment(VenueSimulator.REST_FAULTS);
            answer = new VenueRest.Answer(fault, fault == 429 || fault == 418 ?
                "{\"code\":-1003,\"msg\":\"Too many requests; simulated.\"}" :
                "{\"code\":-1001,\"msg\":\"Internal error; simulated.\"}");
        }
        else
        {
            final URI uri = URI.create(request.uri());
            answer = simulator.rest().answer(uri.getRawPath() == null ? "/" : uri.getRawPath(), uri.getRawQuery());
        }
        final ByteBuf body = Unpooled.copiedBuffer(answer.body(), StandardCharsets.UTF_8);
        final DefaultFullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()), body);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json;charset=UTF-8");
        if (fault == 429 || fault == 418)
        {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, faults.retryAfterSeconds(number));
        }
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive)
        {
            ctx.writeAndFlush(response);
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
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
        replaying = true;
        next = simulator.context().live() ? simulator.venuePosition() : 0;
        start = next;
        if (simulator.context().live())
        {
            // a venue that snapshots its books on the stream sends them as they stand now, then goes on from here
            for (final String snapshot : simulator.rest().subscribedSnapshots())
            {
                ctx.writeAndFlush(answer(snapshot));
            }
        }
        pacer = simulator.context().newPacer();
        final long periodNs = simulator.context().faults().disconnectPeriodNs();
        if (periodNs > 0)
        {
            ctx.executor().schedule(() ->
            {
                if (ctx.channel().isActive())
                {
                    simulator.increment(VenueSimulator.DISCONNECTS);
                    replaying = false;
                    ctx.channel().close();
                }
            }, periodNs, TimeUnit.NANOSECONDS);
        }
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

    /**
     * @return a frame that is not the replay's (an answer, a late subscription's book), as the protocol sends it.
     */
    private TextWebSocketFrame answer(final String text)
    {
        return new TextWebSocketFrame(
            protocol.outbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), next - start, false));
    }

    private ByteBuf copy(final int index, final int length)
    {
        final RecordedTimeline timeline = simulator.timeline();
        final ByteBuf out = ctx.alloc().buffer(length);
        out.writeBytes(timeline.data(), timeline.offset(index), length);
        return out;
    }
}
