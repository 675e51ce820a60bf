/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One text frame a client sends on a connection: its JSON, built once when the plan is made, and the streams it
 * names. Encoding copies the bytes into the caller's buffer and allocates nothing.
 */
public final class RequestFrame
{
    /** {@link #id()} of a frame whose venue protocol carries no request id (Kraken Futures, Coinbase, OKX). */
    public static final long NO_ID = -1;

    /** {@link #encode} status: the frame does not fit in the buffer from the offset; nothing was written. */
    public static final int INSUFFICIENT_CAPACITY = -1;

    private final long id;
    private final List<String> streams;
    private final byte[] bytes;

    RequestFrame(final long id, final List<String> streams, final String json)
    {
        this.id = id;
        this.streams = List.copyOf(streams);
        this.bytes = json.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @return the request id the frame carries (the venue echoes it in its reply), or {@link #NO_ID}.
     */
    public long id()
    {
        return id;
    }

    /**
     * @return the streams the frame names, as the venue names them (see {@link ConnectionPlan#streams()}); empty for
     *         a frame that names none ({@code public/set_heartbeat}).
     */
    public List<String> streams()
    {
        return streams;
    }

    /**
     * @return the frame's length in bytes.
     */
    public int length()
    {
        return bytes.length;
    }

    /**
     * @return the frame's JSON text (allocates: for logs and tests).
     */
    public String text()
    {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /**
     * Writes the frame's bytes (US-ASCII JSON) into a buffer. Allocates nothing.
     *
     * @param buffer the caller's buffer.
     * @param offset where to write.
     * @return the number of bytes written, or {@link #INSUFFICIENT_CAPACITY} when they do not fit.
     */
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        if (offset < 0 || buffer.capacity() - offset < bytes.length)
        {
            return INSUFFICIENT_CAPACITY;
        }
        buffer.putBytes(offset, bytes);
        return bytes.length;
    }

    @Override
    public String toString()
    {
        return text();
    }
}
