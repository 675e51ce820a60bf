/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.net;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.subscribe.RequestFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One WebSocket client connection (RFC 6455) over TCP, or TLS for {@code wss://}, made by a {@link WebSocketClient}.
 * <p>
 * Receive path: the socket's read buffer is viewed in place through a reused {@link UnsafeBuffer} and every whole
 * text or binary message goes to the {@link WebSocketHandler} as {@code (buffer, offset, length, recvTsNs)}, with one
 * clock read per socket read; a message cut across reads or sent in fragments is joined in a reused buffer. Nothing
 * is allocated per message on our side. A message longer than {@link Context#maxFrameLength(int)} is counted and the
 * connection is closed with {@link CloseReason#FRAME_TOO_LARGE}.
 * <p>
 * TLS verifies the certificate chain (the JDK's trusted roots, or the trust store given) and the host name of the
 * URL; a failure closes the connection with {@link CloseReason#TLS_FAILED} and the cause in the detail. Keep-alive: a
 * ping every {@link Context#pingIntervalNs(long)} (the protocol's, or the venue's own text ping when it has one,
 * {@link Context#keepAlive(TextKeepAlive)}), pings from the venue answered with pongs, and a ping left unanswered for
 * {@link Context#pongTimeoutNs(long)} closes the connection with {@link CloseReason#PONG_TIMEOUT}.
 * <p>
 * Threads: everything runs on the connection's event-loop thread; {@link #send}, {@link #sendText} and
 * {@link #close()} may be called from any thread (from another thread they hand the work over, allocating).
 */
public final class WebSocketConnection
{
    /** {@link #send} status: the connection is not open (not yet, or no longer); nothing was sent. */
    public static final int NOT_OPEN = -1;

    /** Counter index: text and binary messages handed to the handler. */
    public static final int MESSAGES_RECEIVED = 0;
    /** Counter index: payload bytes of those messages. */
    public static final int BYTES_RECEIVED = 1;
    /** Counter index: pings sent. */
    public static final int PINGS_SENT = 2;
    /** Counter index: pongs received. */
    public static final int PONGS_RECEIVED = 3;
    /** Counter index: pings received from the venue (each answered with a pong). */
    public static final int PINGS_RECEIVED = 4;
    /** Counter index: messages longer than the maximum (each closes the connection). */
    public static final int FRAMES_TOO_LARGE = 5;
    /** Counter index: framing errors by the venue (each closes the connection). */
    public static final int PROTOCOL_ERRORS = 6;
    /** Counter index: text frames sent. */
    public static final int MESSAGES_SENT = 7;
    private static final int COUNTER_COUNT = 8;

    private static final int STATE_CONNECTING = 0;
    private static final int STATE_HANDSHAKING = 1;
    private static final int STATE_OPEN = 2;
    private static final int STATE_CLOSING = 3;
    private static final int STATE_CLOSED = 4;

    private static final int CLOSE_NORMAL = 1000;
    private static final int CLOSE_PROTOCOL_ERROR = 1002;
    private static final int CLOSE_TOO_BIG = 1009;
    private static final int MAX_SEND_HEADER_LENGTH = 14;

    private final Context context;
    private final WebSocketHandler handler;
    private final WebSocketClient client;
    private final CompletableFuture<WebSocketConnection> opened = new CompletableFuture<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final AtomicLongArray counters = new AtomicLongArray(COUNTER_COUNT);
    private final ChannelHandler channelHandler = new ChannelHandler();
    private final WebSocketFrameReader reader;
    private final EpochNanoClock clock;
    private final UnsafeBuffer readView = new UnsafeBuffer(0, 0);
    private final ExpandableArrayBuffer copyBuffer = new ExpandableArrayBuffer(1024);
    private final ExpandableArrayBuffer sendBuffer = new ExpandableArrayBuffer(1024);
    private final Runnable keepAliveTick = this::onKeepAliveTick;
    private final WebSocketHandshake handshake = new WebSocketHandshake();

    private volatile int state = STATE_CONNECTING;
    private volatile CloseReason closeReason;
    private volatile String closeDetail;
    private volatile long lastRoundTripNs = -1;
    private volatile Channel channel;
    private byte[] handshakeBytes;
    private int handshakeLength;
    private long recvTsNs;
    private boolean awaitingPong;
    private long pingSentNanoTime;
    private long lastPingNanoTime;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> handshakeTimeout;
    private ScheduledFuture<?> closeTimeout;
    private boolean finished;

    WebSocketConnection(final Context context, final WebSocketHandler handler, final WebSocketClient client)
    {
        this.context = context;
        this.handler = handler;
        this.client = client;
        this.clock = context.clock();
        this.reader = new WebSocketFrameReader(new FrameSink(), context.maxFrameLength());
    }

    /**
     * @return the settings this connection was made with.
     */
    public Context context()
    {
        return context;
    }

    /**
     * @return completes with this connection once the upgrade is done, or exceptionally with a
     *         {@link WebSocketException} naming why it never opened.
     */
    public CompletableFuture<WebSocketConnection> openFuture()
    {
        return opened;
    }

    /**
     * @return completes with the reason once the connection has ended and released its socket.
     */
    public CompletableFuture<CloseReason> closeFuture()
    {
        return closed;
    }

    /**
     * Waits until the connection is open. Cold path.
     *
     * @param timeoutNs how long to wait.
     * @throws WebSocketException when it closed first (the reason and detail say why) or did not open in time.
     * @throws InterruptedException when interrupted.
     */
    public void awaitOpen(final long timeoutNs) throws InterruptedException
    {
        try
        {
            opened.get(timeoutNs, TimeUnit.NANOSECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw (WebSocketException)ex.getCause();
        }
        catch (final TimeoutException ex)
        {
            throw new WebSocketException(CloseReason.HANDSHAKE_TIMEOUT,
                "not open after " + TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms: " + context.uri());
        }
    }

    /**
     * @return true between the upgrade and the start of closing.
     */
    public boolean isOpen()
    {
        return state == STATE_OPEN;
    }

    /**
     * @return why the connection ended, or null while it has not.
     */
    public CloseReason closeReason()
    {
        return closeReason;
    }

    /**
     * @return a sentence saying why the connection ended, or null while it has not.
     */
    public String closeDetail()
    {
        return closeDetail;
    }

    /**
     * @param index a counter index, e.g. {@link #MESSAGES_RECEIVED}.
     * @return the counter's value (written by the event-loop thread, readable from any thread).
     */
    public long counter(final int index)
    {
        return counters.get(index);
    }

    /**
     * @return ns between the last ping and its pong, or -1 before the first pong.
     */
    public long lastRoundTripNs()
    {
        return lastRoundTripNs;
    }

    /**
     * Sends a request frame (a subscribe message) as a text frame.
     *
     * @param frame the frame.
     * @return its length, or {@link #NOT_OPEN}. From another thread the frame is queued to the event loop and the
     *         result is the length when the connection was open at the call.
     */
    public int send(final RequestFrame frame)
    {
        final Channel ch = channel;
        if (state != STATE_OPEN || ch == null)
        {
            return NOT_OPEN;
        }
        if (!ch.eventLoop().inEventLoop())
        {
            ch.eventLoop().execute(() -> send(frame));
            return frame.length();
        }
        sendBuffer.checkLimit(frame.length());
        final int length = frame.encode(sendBuffer, 0);
        return sendText(sendBuffer, 0, length);
    }

    /**
     * Sends bytes as one text frame.
     *
     * @param buffer holds the text (UTF-8).
     * @param offset first byte.
     * @param length bytes.
     * @return the length, or {@link #NOT_OPEN}. From another thread the bytes are copied and queued to the event loop.
     */
    public int sendText(final DirectBuffer buffer, final int offset, final int length)
    {
        final Channel ch = channel;
        if (state != STATE_OPEN || ch == null)
        {
            return NOT_OPEN;
        }
        if (!ch.eventLoop().inEventLoop())
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            ch.eventLoop().execute(() -> sendText(new UnsafeBuffer(copy), 0, copy.length));
            return length;
        }
        writeFrame(WebSocketFrameReader.OPCODE_TEXT, buffer, offset, length);
        counters.lazySet(MESSAGES_SENT, counters.get(MESSAGES_SENT) + 1);
        return length;
    }

    /**
     * Closes the connection: a close frame (status 1000) when open, then the socket once the venue answers or after
     * {@link Context#closeTimeoutNs(long)}. Idempotent; {@link #closeFuture()} completes when the socket is closed.
     */
    public void close()
    {
        final Channel ch = channel;
        if (ch == null)
        {
            return;
        }
        if (!ch.eventLoop().inEventLoop())
        {
            ch.eventLoop().execute(this::close);
            return;
        }
        if (finished || state == STATE_CLOSING)
        {
            return;
        }
        recordReason(CloseReason.CLIENT_CLOSED, "closed by the client");
        if (state == STATE_OPEN)
        {
            state = STATE_CLOSING;
            writeClose(CLOSE_NORMAL);
            closeTimeout = ch.eventLoop().schedule(
                () -> channel.close(), context.closeTimeoutNs(), TimeUnit.NANOSECONDS);
        }
        else
        {
            ch.close();
        }
    }

    @Override
    public String toString()
    {
        return "WebSocketConnection{" + context.uri() + ", state=" + state +
            (closeReason != null ? ", " + closeReason + ": " + closeDetail : "") + '}';
    }

    ChannelHandler channelHandler()
    {
        return channelHandler;
    }

    void attach(final ChannelFuture connectFuture)
    {
        channel = connectFuture.channel();
        // the connect listener first: when both futures are already done, it must record the reason before finish()
        connectFuture.addListener((ChannelFutureListener)f ->
        {
            if (!f.isSuccess())
            {
                recordReason(CloseReason.CONNECT_FAILED,
                    "cannot connect to " + context.host() + ":" + context.port() + ": " + describe(f.cause()));
                f.channel().close();
            }
        });
        channel.closeFuture().addListener((ChannelFutureListener)f -> finish());
        handshakeTimeout = channel.eventLoop().schedule(
            this::onHandshakeTimeout, context.connectTimeoutNs() + context.handshakeTimeoutNs(), TimeUnit.NANOSECONDS);
    }

    private void onHandshakeTimeout()
    {
        if (state < STATE_OPEN && !finished)
        {
            fail(CloseReason.HANDSHAKE_TIMEOUT, "no WebSocket upgrade from " + context.uri() + " within " +
                TimeUnit.NANOSECONDS.toMillis(context.connectTimeoutNs() + context.handshakeTimeoutNs()) +
                " ms (TCP, TLS and HTTP)", 0);
        }
    }

    private void sendUpgradeRequest(final ChannelHandlerContext ctx)
    {
        state = STATE_HANDSHAKING;
        handshakeBytes = new byte[WebSocketHandshake.MAX_RESPONSE_HEADER_LENGTH];
        final byte[] request = handshake.request(context.hostHeader(), context.pathAndQuery());
        ctx.writeAndFlush(ctx.alloc().buffer(request.length).writeBytes(request));
    }

    private void onRead(final ByteBuf buf)
    {
        try
        {
            recvTsNs = clock.nanoTime();
            if (state == STATE_HANDSHAKING)
            {
                readHandshake(buf);
            }
            if ((state == STATE_OPEN || state == STATE_CLOSING) && buf.isReadable())
            {
                readFrames(buf);
            }
        }
        finally
        {
            buf.release();
        }
    }

    private void readHandshake(final ByteBuf buf)
    {
        final int take = Math.min(buf.readableBytes(), handshakeBytes.length - handshakeLength);
        buf.readBytes(handshakeBytes, handshakeLength, take);
        handshakeLength += take;
        final int headerLength = WebSocketHandshake.headerLength(handshakeBytes, handshakeLength);
        if (headerLength < 0)
        {
            if (handshakeLength == handshakeBytes.length)
            {
                fail(CloseReason.HANDSHAKE_FAILED, "the server's response header is longer than " +
                    handshakeBytes.length + " bytes", 0);
            }
            return;
        }
        buf.readerIndex(buf.readerIndex() - (handshakeLength - headerLength));
        final String header = new String(handshakeBytes, 0, headerLength, StandardCharsets.ISO_8859_1);
        handshakeBytes = null;
        final String refusal = handshake.check(header);
        if (refusal != null)
        {
            fail(CloseReason.HANDSHAKE_FAILED, refusal + " (" + context.uri() + ")", 0);
            return;
        }
        state = STATE_OPEN;
        // the connecting thread schedules the timeout after connect() returns, so a fast venue's upgrade can arrive
        // before it exists; a timeout scheduled after this finds the connection open and does nothing
        cancel(handshakeTimeout);
        if (context.pingIntervalNs() > 0)
        {
            final long tickNs = Math.max(TimeUnit.MILLISECONDS.toNanos(1),
                Math.min(context.pingIntervalNs(), context.pongTimeoutNs()) / 4);
            lastPingNanoTime = System.nanoTime();
            keepAlive = channel.eventLoop().scheduleAtFixedRate(keepAliveTick, tickNs, tickNs, TimeUnit.NANOSECONDS);
        }
        opened.complete(this);
        handler.onOpen(this);
    }

    private void readFrames(final ByteBuf buf)
    {
        final int readable = buf.readableBytes();
        final int index = buf.readerIndex();
        if (buf.hasMemoryAddress())
        {
            readView.wrap(buf.memoryAddress() + index, readable);
        }
        else if (buf.hasArray())
        {
            readView.wrap(buf.array(), buf.arrayOffset() + index, readable);
        }
        else
        {
            copyBuffer.checkLimit(readable);
            buf.getBytes(index, copyBuffer.byteArray(), 0, readable);
            readView.wrap(copyBuffer.byteArray(), 0, readable);
        }
        final int status = reader.onBytes(readView, 0, readable);
        buf.skipBytes(readable);
        if (status == WebSocketFrameReader.FRAME_TOO_LARGE)
        {
            counters.lazySet(FRAMES_TOO_LARGE, counters.get(FRAMES_TOO_LARGE) + 1);
            fail(CloseReason.FRAME_TOO_LARGE, "a message of " + reader.errorDetail() +
                " bytes is longer than maxFrameLength " + context.maxFrameLength(), CLOSE_TOO_BIG);
        }
        else if (status == WebSocketFrameReader.PROTOCOL_ERROR)
        {
            counters.lazySet(PROTOCOL_ERRORS, counters.get(PROTOCOL_ERRORS) + 1);
            fail(CloseReason.PROTOCOL_ERROR, String.format(Locale.ROOT,
                "the venue sent a frame that breaks RFC 6455 (header bytes 0x%04x)", reader.errorDetail()),
                CLOSE_PROTOCOL_ERROR);
        }
    }

    /**
     * Sends a keep-alive ping now, unless one is already waiting for its pong; its pong timeout applies as for the
     * periodic pings, so a connection that is silent but half-open (the peer gone without a FIN) is closed with
     * {@link CloseReason#PONG_TIMEOUT} within that timeout. Any thread.
     */
    public void probe()
    {
        if (!channel.eventLoop().inEventLoop())
        {
            channel.eventLoop().execute(this::probe);
            return;
        }
        if (state != STATE_OPEN || awaitingPong || context.pingIntervalNs() <= 0)
        {
            return;
        }
        final long now = System.nanoTime();
        awaitingPong = true;
        pingSentNanoTime = now;
        lastPingNanoTime = now;
        sendPing();
    }

    /**
     * The venue's text ping when it has one ({@link Context#keepAlive(TextKeepAlive)}), else the protocol's.
     */
    private void sendPing()
    {
        final TextKeepAlive keepAlive = context.keepAlive();
        if (keepAlive != null)
        {
            writeFrame(WebSocketFrameReader.OPCODE_TEXT, keepAlive.ping(), 0, keepAlive.pingLength());
        }
        else
        {
            writeFrame(WebSocketFrameReader.OPCODE_PING, sendBuffer, 0, 0);
        }
        counters.lazySet(PINGS_SENT, counters.get(PINGS_SENT) + 1);
    }

    private void onKeepAliveTick()
    {
        if (state != STATE_OPEN)
        {
            return;
        }
        final long now = System.nanoTime();
        if (awaitingPong)
        {
            if (now - pingSentNanoTime >= context.pongTimeoutNs())
            {
                fail(CloseReason.PONG_TIMEOUT, "no pong within " +
                    TimeUnit.NANOSECONDS.toMillis(context.pongTimeoutNs()) + " ms of a ping", CLOSE_NORMAL);
            }
        }
        else if (now - lastPingNanoTime >= context.pingIntervalNs())
        {
            awaitingPong = true;
            pingSentNanoTime = now;
            lastPingNanoTime = now;
            sendPing();
        }
    }

    private void writeFrame(final int opcode, final DirectBuffer payload, final int offset, final int length)
    {
        final ByteBuf out = channel.alloc().buffer(MAX_SEND_HEADER_LENGTH + length);
        out.writeByte(0x80 | opcode);
        if (length < 126)
        {
            out.writeByte(0x80 | length);
        }
        else if (length < 65536)
        {
            out.writeByte(0x80 | 126);
            out.writeShort(length);
        }
        else
        {
            out.writeByte(0x80 | 127);
            out.writeLong(length);
        }
        final int mask = ThreadLocalRandom.current().nextInt();
        out.writeInt(mask);
        for (int i = 0; i < length; i++)
        {
            out.writeByte(payload.getByte(offset + i) ^ (mask >>> (24 - ((i & 3) << 3))));
        }
        channel.writeAndFlush(out, channel.voidPromise());
    }

    private void writeClose(final int code)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[2]);
        payload.putShort(0, (short)code, java.nio.ByteOrder.BIG_ENDIAN);
        writeFrame(WebSocketFrameReader.OPCODE_CLOSE, payload, 0, 2);
    }

    /**
     * Records the first reason and closes: with a close frame carrying {@code closeCode} when open and the code is
     * not 0, then the socket once the frame is written.
     */
    private void fail(final CloseReason reason, final String detail, final int closeCode)
    {
        recordReason(reason, detail);
        if (state == STATE_OPEN && closeCode != 0)
        {
            state = STATE_CLOSING;
            writeClose(closeCode);
        }
        else if (state < STATE_CLOSING)
        {
            state = STATE_CLOSING;
        }
        channel.close();
    }

    private void recordReason(final CloseReason reason, final String detail)
    {
        if (closeReason == null)
        {
            closeDetail = detail;
            closeReason = reason;
        }
    }

    private void finish()
    {
        if (finished)
        {
            return;
        }
        finished = true;
        state = STATE_CLOSED;
        cancel(keepAlive);
        cancel(handshakeTimeout);
        cancel(closeTimeout);
        recordReason(CloseReason.CONNECTION_LOST, "the connection to " + context.uri() +
            " ended without a close frame");
        client.onClosed(this);
        if (!opened.isDone())
        {
            opened.completeExceptionally(new WebSocketException(closeReason, closeDetail));
        }
        try
        {
            handler.onClose(this, closeReason, closeDetail);
        }
        finally
        {
            closed.complete(closeReason);
        }
    }

    private static void cancel(final ScheduledFuture<?> future)
    {
        if (future != null)
        {
            future.cancel(false);
        }
    }

    static String describe(final Throwable cause)
    {
        final StringBuilder text = new StringBuilder();
        String last = null;
        for (Throwable t = cause; t != null; t = t.getCause())
        {
            final String message = t.getMessage();
            if (message != null && message.equals(last))
            {
                continue;
            }
            if (text.length() > 0)
            {
                text.append("; caused by ");
            }
            text.append(t.getClass().getSimpleName());
            if (message != null)
            {
                text.append(": ").append(message);
            }
            last = message;
            if (t.getCause() == t)
            {
                break;
            }
        }
        return text.toString();
    }

    private static boolean isTlsFailure(final Throwable cause)
    {
        for (Throwable t = cause; t != null; t = t.getCause())
        {
            if (t instanceof SSLException)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Frames from the reader, on the event-loop thread.
     */
    private final class FrameSink implements WebSocketFrameReader.Sink
    {
        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length, final boolean binary)
        {
            counters.lazySet(MESSAGES_RECEIVED, counters.get(MESSAGES_RECEIVED) + 1);
            counters.lazySet(BYTES_RECEIVED, counters.get(BYTES_RECEIVED) + length);
            final TextKeepAlive keepAlive = context.keepAlive();
            if (keepAlive != null && !binary && keepAlive.isVenueRequest(buffer, offset, length))
            {
                // the venue testing that we are alive (Deribit's test_request): answered at once, not market data
                counters.lazySet(PINGS_RECEIVED, counters.get(PINGS_RECEIVED) + 1);
                if (state == STATE_OPEN)
                {
                    writeFrame(WebSocketFrameReader.OPCODE_TEXT, keepAlive.requestAnswer(), 0,
                        keepAlive.requestAnswer().capacity());
                }
                return;
            }
            if (awaitingPong && !binary && keepAlive != null && keepAlive.isPong(buffer, offset, length))
            {
                // the answer to the venue's text ping: the transport's, not market data
                counters.lazySet(PONGS_RECEIVED, counters.get(PONGS_RECEIVED) + 1);
                awaitingPong = false;
                lastRoundTripNs = System.nanoTime() - pingSentNanoTime;
                return;
            }
            handler.onFrame(buffer, offset, length, recvTsNs);
        }

        @Override
        public boolean onControl(final int opcode, final DirectBuffer buffer, final int offset, final int length)
        {
            switch (opcode)
            {
                case WebSocketFrameReader.OPCODE_PING:
                    counters.lazySet(PINGS_RECEIVED, counters.get(PINGS_RECEIVED) + 1);
                    if (state == STATE_OPEN)
                    {
                        writeFrame(WebSocketFrameReader.OPCODE_PONG, buffer, offset, length);
                    }
                    return true;

                case WebSocketFrameReader.OPCODE_PONG:
                    counters.lazySet(PONGS_RECEIVED, counters.get(PONGS_RECEIVED) + 1);
                    if (awaitingPong)
                    {
                        awaitingPong = false;
                        lastRoundTripNs = System.nanoTime() - pingSentNanoTime;
                    }
                    return true;

                default:
                    onCloseFrame(buffer, offset, length);
                    return false;
            }
        }

        private void onCloseFrame(final DirectBuffer buffer, final int offset, final int length)
        {
            if (state == STATE_CLOSING)
            {
                channel.close();
                return;
            }
            final int code = length >= 2 ? buffer.getShort(offset, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF : 0;
            final String text = length > 2 ? buffer.getStringWithoutLengthUtf8(offset + 2, length - 2) : "";
            recordReason(CloseReason.VENUE_CLOSED, "the venue closed the connection" +
                (code != 0 ? " with status " + code : " without a status") + (text.isEmpty() ? "" : ": " + text));
            state = STATE_CLOSING;
            writeClose(code != 0 ? code : CLOSE_NORMAL);
            channel.close();
        }
    }

    /**
     * The connection's place in the Netty pipeline, after the TLS handler when there is one.
     */
    final class ChannelHandler extends ChannelInboundHandlerAdapter
    {
        /**
         * On the event loop as the channel registers, before it connects: the venue's upgrade reply can be read
         * before the connecting thread, back from {@code connect()}, has run {@code attach()}; the handshake and a
         * failure's close need the channel then.
         */
        @Override
        public void handlerAdded(final ChannelHandlerContext ctx)
        {
            channel = ctx.channel();
        }

        @Override
        public void channelActive(final ChannelHandlerContext ctx)
        {
            if (!context.isTls())
            {
                sendUpgradeRequest(ctx);
            }
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            if (msg instanceof ByteBuf)
            {
                onRead((ByteBuf)msg);
            }
            else
            {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
        {
            if (evt instanceof SslHandshakeCompletionEvent)
            {
                final SslHandshakeCompletionEvent event = (SslHandshakeCompletionEvent)evt;
                if (event.isSuccess())
                {
                    sendUpgradeRequest(ctx);
                }
                else
                {
                    fail(CloseReason.TLS_FAILED, "TLS handshake with " + context.host() + ":" + context.port() +
                        " failed: " + describe(event.cause()), 0);
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            try
            {
                if (isTlsFailure(cause) && state < STATE_OPEN)
                {
                    fail(CloseReason.TLS_FAILED, "TLS handshake with " + context.host() + ":" + context.port() +
                        " failed: " + describe(cause), 0);
                }
                else if (cause instanceof java.io.IOException)
                {
                    fail(CloseReason.CONNECTION_LOST, "the connection to " + context.uri() + " failed: " +
                        describe(cause), 0);
                }
                else
                {
                    fail(CloseReason.ERROR, "unexpected error on " + context.uri() + ": " + describe(cause),
                        CLOSE_NORMAL);
                }
            }
            catch (final RuntimeException ex)
            {
                // failing failed (the reason is recorded first): close the socket anyway, so that the connection
                // ends rather than stays half-open with nobody to close it
                cause.addSuppressed(ex);
                ctx.channel().close();
            }
        }
    }

    /**
     * Settings of one connection, fluent; {@link #conclude()} validates them and fails naming the setting.
     */
    public static final class Context
    {
        /** Default {@link #maxFrameLength(int)}: the decoders' own limit. */
        public static final int MAX_FRAME_LENGTH_DEFAULT = FrameDecoder.DEFAULT_MAX_FRAME_LENGTH;
        /** Default {@link #pingIntervalNs(long)}: 20 s. */
        public static final long PING_INTERVAL_DEFAULT_NS = TimeUnit.SECONDS.toNanos(20);
        /** Default {@link #pongTimeoutNs(long)}: 10 s. */
        public static final long PONG_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(10);
        /** Default {@link #connectTimeoutNs(long)}: 10 s. */
        public static final long CONNECT_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(10);
        /** Default {@link #handshakeTimeoutNs(long)}: 10 s. */
        public static final long HANDSHAKE_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(10);
        /** Default {@link #closeTimeoutNs(long)}: 1 s. */
        public static final long CLOSE_TIMEOUT_DEFAULT_NS = TimeUnit.SECONDS.toNanos(1);

        private String uri;
        private int maxFrameLength = MAX_FRAME_LENGTH_DEFAULT;
        private long pingIntervalNs = PING_INTERVAL_DEFAULT_NS;
        private long pongTimeoutNs = PONG_TIMEOUT_DEFAULT_NS;
        private TextKeepAlive keepAlive;
        private long connectTimeoutNs = CONNECT_TIMEOUT_DEFAULT_NS;
        private long handshakeTimeoutNs = HANDSHAKE_TIMEOUT_DEFAULT_NS;
        private long closeTimeoutNs = CLOSE_TIMEOUT_DEFAULT_NS;
        private KeyStore trustStore;
        private EpochNanoClock clock;
        private boolean tls;
        private String host;
        private int port;
        private String pathAndQuery;
        private String hostHeader;
        private boolean concluded;

        /**
         * @param uri {@code ws://host[:port]/path[?query]} or {@code wss://...}.
         * @return this.
         */
        public Context uri(final String uri)
        {
            this.uri = uri;
            return this;
        }

        /**
         * @return the URI.
         */
        public String uri()
        {
            return uri;
        }

        /**
         * @param length longest message accepted, bytes; a longer one closes the connection.
         * @return this.
         */
        public Context maxFrameLength(final int length)
        {
            this.maxFrameLength = length;
            return this;
        }

        /**
         * @return longest message accepted, bytes.
         */
        public int maxFrameLength()
        {
            return maxFrameLength;
        }

        /**
         * @param intervalNs time between pings, ns; 0 sends none.
         * @return this.
         */
        public Context pingIntervalNs(final long intervalNs)
        {
            this.pingIntervalNs = intervalNs;
            return this;
        }

        /**
         * @return time between pings, ns; 0 for none.
         */
        public long pingIntervalNs()
        {
            return pingIntervalNs;
        }

        /**
         * @param timeoutNs how long a ping may go unanswered, ns (detected within a quarter of the shorter of this
         *                  and the ping interval after it passes).
         * @return this.
         */
        public Context pongTimeoutNs(final long timeoutNs)
        {
            this.pongTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * @return how long a ping may go unanswered, ns.
         */
        public long pongTimeoutNs()
        {
            return pongTimeoutNs;
        }

        /**
         * @param keepAlive the venue's text ping and how to tell its answer, sent in place of the protocol's ping
         *                  on the same interval and pong timeout; null (the default) for the protocol's.
         * @return this.
         */
        public Context keepAlive(final TextKeepAlive keepAlive)
        {
            this.keepAlive = keepAlive;
            return this;
        }

        /**
         * @return the venue's text keep-alive, or null for the protocol's ping.
         */
        public TextKeepAlive keepAlive()
        {
            return keepAlive;
        }

        /**
         * @param timeoutNs TCP connect timeout, ns.
         * @return this.
         */
        public Context connectTimeoutNs(final long timeoutNs)
        {
            this.connectTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * @return TCP connect timeout, ns.
         */
        public long connectTimeoutNs()
        {
            return connectTimeoutNs;
        }

        /**
         * @param timeoutNs time for TLS and the HTTP upgrade once connected, ns.
         * @return this.
         */
        public Context handshakeTimeoutNs(final long timeoutNs)
        {
            this.handshakeTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * @return time for TLS and the HTTP upgrade once connected, ns.
         */
        public long handshakeTimeoutNs()
        {
            return handshakeTimeoutNs;
        }

        /**
         * @param timeoutNs how long {@link WebSocketConnection#close()} waits for the venue's close frame, ns.
         * @return this.
         */
        public Context closeTimeoutNs(final long timeoutNs)
        {
            this.closeTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * @return how long a client close waits for the venue's close frame, ns.
         */
        public long closeTimeoutNs()
        {
            return closeTimeoutNs;
        }

        /**
         * @param trustStore certificates to trust instead of the JDK's roots (tests, a simulator), or null.
         * @return this.
         */
        public Context trustStore(final KeyStore trustStore)
        {
            this.trustStore = trustStore;
            return this;
        }

        /**
         * @return the trust store, or null for the JDK's trusted roots.
         */
        public KeyStore trustStore()
        {
            return trustStore;
        }

        /**
         * @param clock the clock of {@code recvTsNs}; by default an {@link OffsetEpochNanoClock}.
         * @return this.
         */
        public Context clock(final EpochNanoClock clock)
        {
            this.clock = clock;
            return this;
        }

        /**
         * @return the clock of {@code recvTsNs}.
         */
        public EpochNanoClock clock()
        {
            return clock;
        }

        /**
         * @return true for {@code wss://} (after {@link #conclude()}).
         */
        public boolean isTls()
        {
            return tls;
        }

        /**
         * @return the host of the URI (after {@link #conclude()}).
         */
        public String host()
        {
            return host;
        }

        /**
         * @return the port of the URI, or the scheme's default (after {@link #conclude()}).
         */
        public int port()
        {
            return port;
        }

        String pathAndQuery()
        {
            return pathAndQuery;
        }

        String hostHeader()
        {
            return hostHeader;
        }

        /**
         * Validates the settings and derives host, port and path from the URI. Idempotent.
         *
         * @return this.
         * @throws IllegalArgumentException naming the setting that is wrong.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (uri == null)
            {
                throw new IllegalArgumentException("uri is required");
            }
            final URI parsed;
            try
            {
                parsed = new URI(uri);
            }
            catch (final URISyntaxException ex)
            {
                throw new IllegalArgumentException("uri is not a URI: " + uri + " (" + ex.getMessage() + ")", ex);
            }
            final String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!"ws".equals(scheme) && !"wss".equals(scheme))
            {
                throw new IllegalArgumentException("uri must start with ws:// or wss://: " + uri);
            }
            if (parsed.getHost() == null)
            {
                throw new IllegalArgumentException("uri has no host: " + uri);
            }
            if (maxFrameLength < WebSocketFrameReader.MAX_CONTROL_PAYLOAD)
            {
                throw new IllegalArgumentException("maxFrameLength must be at least 125 bytes: " + maxFrameLength);
            }
            if (pingIntervalNs < 0)
            {
                throw new IllegalArgumentException("pingIntervalNs must not be negative: " + pingIntervalNs);
            }
            requirePositive("pongTimeoutNs", pongTimeoutNs);
            requirePositive("connectTimeoutNs", connectTimeoutNs);
            requirePositive("handshakeTimeoutNs", handshakeTimeoutNs);
            requirePositive("closeTimeoutNs", closeTimeoutNs);
            tls = "wss".equals(scheme);
            host = parsed.getHost();
            final int defaultPort = tls ? 443 : 80;
            port = parsed.getPort() < 0 ? defaultPort : parsed.getPort();
            hostHeader = port == defaultPort ? host : host + ":" + port;
            final String rawPath = parsed.getRawPath();
            final String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
            pathAndQuery = parsed.getRawQuery() == null ? path : path + "?" + parsed.getRawQuery();
            if (clock == null)
            {
                clock = new OffsetEpochNanoClock();
            }
            concluded = true;
            return this;
        }

        private static void requirePositive(final String name, final long value)
        {
            if (value <= 0)
            {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }
    }
}
