/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The pre-allocated, power-of-two circular buffer holding the bytes of the messages on the ring. Ring slots
 * ({@link MarketEvent}) point into it. Messages are written contiguously at 8-byte alignment; a message that would
 * straddle the end starts again at offset 0 and the bytes skipped are reclaimed with it.
 * <p>
 * Why a log rather than fixed-size slots: Binance depth updates range from a handful of levels to more than a
 * thousand (about 60 bytes to 20 KB of SBE), and a REST snapshot is 36 KB. Fixed slots big enough for those would
 * waste memory and scatter every message over a different page; the log packs them densely in arrival order.
 */
public final class MessageLog
{
    /**
     * Alignment of every message start.
     */
    public static final int ALIGNMENT = 8;

    private final UnsafeBuffer buffer;
    private final int capacity;
    private final long mask;

    /**
     * @param capacity bytes, a power of two.
     */
    public MessageLog(final int capacity)
    {
        if (!BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("log capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity, 64));
    }

    /**
     * @return the log's memory; shared by all stages and never re-wrapped.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return capacity in bytes.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return the largest message the log can hold whatever its position: half the capacity.
     */
    public int maxMessageLength()
    {
        return capacity / 2;
    }

    /**
     * @param position a monotonic log position.
     * @return its offset in {@link #buffer()}.
     */
    public int offset(final long position)
    {
        return (int)(position & mask);
    }
}
