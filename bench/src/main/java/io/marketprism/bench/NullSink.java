/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.engine.MessageSink;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.StatusDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A sink that encodes every message at offset 0 of a private buffer and keeps a checksum of what was committed, so
 * that decoding cannot be optimised away and a benchmark can check it decoded something, and counts the status
 * messages among them (a decoder reports malformed input as one).
 */
final class NullSink implements MessageSink
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 22]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long committed;
    private long statuses;
    private long checksum;
    private int lastLength;

    NullSink()
    {
        header.wrap(buffer, 0);
    }

    @Override
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    @Override
    public int claim(final int length)
    {
        return length <= buffer.capacity() ? 0 : TOO_LARGE;
    }

    @Override
    public void commit(final int length, final DirectBuffer symbol, final int symbolOffset, final int symbolLength)
    {
        committed++;
        if (header.templateId() == StatusDecoder.TEMPLATE_ID)
        {
            statuses++;
        }
        lastLength = length;
        checksum += length + buffer.getLong(length - 8 >= 0 ? length - 8 : 0);
    }

    @Override
    public void abort()
    {
    }

    int lastLength()
    {
        return lastLength;
    }

    long committed()
    {
        return committed;
    }

    long statuses()
    {
        return statuses;
    }

    long checksum()
    {
        return checksum;
    }
}
