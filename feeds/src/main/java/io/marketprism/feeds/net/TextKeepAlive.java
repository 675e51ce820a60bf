/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.net;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * A venue's application-level keep-alive, for venues that expect a text ping rather than (or besides) the WebSocket
 * protocol's: the text frame to send, and how to tell its answer among the text frames that come back. Bybit v5, for
 * example, asks for {@code {"op":"ping"}} every 20 seconds and answers with {@code "op":"pong"} on derivatives
 * endpoints and {@code "ret_msg":"pong"} on spot. A {@link WebSocketConnection} with one sends it in place of the
 * protocol ping, applies the same pong timeout, and keeps the answer from the decoder (it is the transport's, not
 * market data). Immutable; one instance may serve any number of connections.
 */
public final class TextKeepAlive
{
    private final UnsafeBuffer ping;
    private final byte[][] pongMarkers;
    private final int maxPongLength;
    private final byte[] requestMarker;
    private final int maxRequestLength;
    private final UnsafeBuffer requestAnswer;

    /**
     * @param ping        the text frame to send.
     * @param maxPongLength the longest frame that can be an answer; longer frames are not searched.
     * @param pongMarkers  text any one of which, found in a frame, makes it the answer.
     */
    public TextKeepAlive(final String ping, final int maxPongLength, final String... pongMarkers)
    {
        this(ping, maxPongLength, pongMarkers, null, 0, null);
    }

    private TextKeepAlive(
        final String ping,
        final int maxPongLength,
        final String[] pongMarkers,
        final byte[] requestMarker,
        final int maxRequestLength,
        final UnsafeBuffer requestAnswer)
    {
        if (ping == null || ping.isEmpty() || pongMarkers.length == 0)
        {
            throw new IllegalArgumentException("a text keep-alive needs a ping and at least one pong marker");
        }
        this.ping = new UnsafeBuffer(ping.getBytes(StandardCharsets.UTF_8));
        this.maxPongLength = maxPongLength;
        this.pongMarkers = new byte[pongMarkers.length][];
        for (int i = 0; i < pongMarkers.length; i++)
        {
            this.pongMarkers[i] = pongMarkers[i].getBytes(StandardCharsets.UTF_8);
        }
        this.requestMarker = requestMarker;
        this.maxRequestLength = maxRequestLength;
        this.requestAnswer = requestAnswer;
    }

    /**
     * The same keep-alive that also answers the venue's own liveness requests, for a venue that tests its clients
     * (Deribit's heartbeat {@code test_request}, which a client must answer or be disconnected).
     *
     * @param marker           text that marks a frame as the venue's request.
     * @param maxRequestLength the longest frame that can be one; longer frames are not searched (every frame up to
     *                         this length is, so keep it short).
     * @param answer           the text frame to answer it with.
     * @return a new keep-alive.
     */
    public TextKeepAlive answering(final String marker, final int maxRequestLength, final String answer)
    {
        final String[] markers = new String[pongMarkers.length];
        for (int i = 0; i < markers.length; i++)
        {
            markers[i] = new String(pongMarkers[i], StandardCharsets.UTF_8);
        }
        return new TextKeepAlive(ping.getStringWithoutLengthUtf8(0, ping.capacity()), maxPongLength, markers,
            marker.getBytes(StandardCharsets.UTF_8), maxRequestLength,
            new UnsafeBuffer(answer.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether a text frame is the venue's liveness request, to be answered with {@link #requestAnswer()}. Called on
     * every text frame, so it rejects on length first.
     *
     * @param buffer holds the frame.
     * @param offset its first byte.
     * @param length its length.
     * @return true when this keep-alive answers venue requests and the frame is one.
     */
    public boolean isVenueRequest(final DirectBuffer buffer, final int offset, final int length)
    {
        return length <= maxRequestLength && requestMarker != null && contains(buffer, offset, length, requestMarker);
    }

    /**
     * @return the answer to a venue's liveness request, or null when this keep-alive answers none.
     */
    public DirectBuffer requestAnswer()
    {
        return requestAnswer;
    }

    /**
     * @return the ping frame's text.
     */
    public DirectBuffer ping()
    {
        return ping;
    }

    /**
     * @return the ping frame's length.
     */
    public int pingLength()
    {
        return ping.capacity();
    }

    /**
     * Whether a text frame is the venue's answer to the ping. Called only while a ping waits for its answer.
     *
     * @param buffer holds the frame.
     * @param offset its first byte.
     * @param length its length.
     * @return true when it holds one of the markers.
     */
    public boolean isPong(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > maxPongLength)
        {
            return false;
        }
        for (final byte[] marker : pongMarkers)
        {
            if (contains(buffer, offset, length, marker))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(final DirectBuffer buffer, final int offset, final int length, final byte[] marker)
    {
        final int last = offset + length - marker.length;
        for (int start = offset; start <= last; start++)
        {
            int i = 0;
            while (i < marker.length && buffer.getByte(start + i) == marker[i])
            {
                i++;
            }
            if (i == marker.length)
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString()
    {
        return "text ping " + ping.getStringWithoutLengthUtf8(0, ping.capacity());
    }
}
