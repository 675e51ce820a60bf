/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One frame read from a capture: a view over the reader's line buffer, valid until the next read.
 */
public final class CaptureFrame
{
    /** A message received from the venue (WebSocket). */
    public static final int MESSAGE = 0;
    /** A REST response body, e.g. a depth snapshot; {@link #contextSymbol()} names the symbol asked for. */
    public static final int REST_RESPONSE = 1;

    final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    int offset;
    int length;
    long recvTsNs;
    int kind;
    int source;
    String contextSymbol;
    String contextUrl;

    /**
     * @return buffer holding the frame.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the frame's first byte.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return frame length.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return receive time recorded with the frame, ns since epoch.
     */
    public long recvTsNs()
    {
        return recvTsNs;
    }

    /**
     * @return {@link #MESSAGE} or {@link #REST_RESPONSE}.
     */
    public int kind()
    {
        return kind;
    }

    /**
     * @return index of the capture source the frame came from (when several are merged).
     */
    public int source()
    {
        return source;
    }

    /**
     * @return the venue symbol the capture attributes to frames that carry none, or null.
     */
    public String contextSymbol()
    {
        return contextSymbol;
    }

    /**
     * @return the URL of the REST request a {@link #REST_RESPONSE} answers, as recorded; null for messages and for
     * captures that do not record it.
     */
    public String contextUrl()
    {
        return contextUrl;
    }

    void copyFrom(final CaptureFrame other)
    {
        buffer.wrap(other.buffer, 0, other.buffer.capacity());
        offset = other.offset;
        length = other.length;
        recvTsNs = other.recvTsNs;
        kind = other.kind;
        source = other.source;
        contextSymbol = other.contextSymbol;
        contextUrl = other.contextUrl;
    }
}
