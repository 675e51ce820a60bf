/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import io.marketprism.engine.MessageSink;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MessageSink} over one {@link UnsafeBuffer} that records what a decoder commits: offsets, lengths and the
 * symbol bytes. It also checks the claim/commit protocol. In the non-retaining mode every claim returns offset 0 and
 * nothing is recorded but counts, so that it allocates nothing.
 */
final class RecordingSink implements MessageSink
{
    /**
     * One committed message.
     *
     * @param offset where it starts in the sink's buffer.
     * @param length its committed length.
     * @param claimed the length claimed for it.
     * @param symbol the symbol passed with it, "" when none.
     * @param symbolLength the symbol length passed with it.
     */
    record Message(int offset, int length, int claimed, String symbol, int symbolLength)
    {
    }

    private final UnsafeBuffer buffer;
    private final boolean retain;
    private final List<Message> messages = new ArrayList<>();
    private int maxClaimLength = Integer.MAX_VALUE;
    private int position;
    private int claimOffset = -1;
    private int claimLength;
    private long commits;
    private long aborts;
    private long protocolErrors;

    RecordingSink(final int capacity, final boolean retain)
    {
        this.buffer = new UnsafeBuffer(new byte[capacity]);
        this.retain = retain;
    }

    /**
     * A retaining sink of 64 MiB.
     */
    RecordingSink()
    {
        this(64 * 1024 * 1024, true);
    }

    /**
     * @param maxClaimLength claims longer than this are answered with {@link #TOO_LARGE}.
     * @return this.
     */
    RecordingSink maxClaimLength(final int maxClaimLength)
    {
        this.maxClaimLength = maxClaimLength;
        return this;
    }

    @Override
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    @Override
    public int claim(final int length)
    {
        if (claimOffset >= 0 || length < 0)
        {
            protocolErrors++;
        }
        final int offset = retain ? position : 0;
        if (length > maxClaimLength || offset + length > buffer.capacity())
        {
            return TOO_LARGE;
        }
        claimOffset = offset;
        claimLength = length;
        return offset;
    }

    @Override
    public void commit(final int length, final DirectBuffer symbol, final int symbolOffset, final int symbolLength)
    {
        if (claimOffset < 0 || length > claimLength || length <= 0 || (symbol == null && symbolLength != 0))
        {
            protocolErrors++;
        }
        commits++;
        if (retain)
        {
            final String text = symbolLength == 0 || symbol == null ? "" :
                symbol.getStringWithoutLengthAscii(symbolOffset, symbolLength);
            messages.add(new Message(claimOffset, length, claimLength, text, symbolLength));
            position = claimOffset + length;
        }
        claimOffset = -1;
    }

    @Override
    public void abort()
    {
        if (claimOffset < 0)
        {
            protocolErrors++;
        }
        aborts++;
        claimOffset = -1;
    }

    /**
     * Forgets every message and starts writing at offset 0 again.
     */
    void clear()
    {
        messages.clear();
        position = 0;
        claimOffset = -1;
        commits = 0;
        aborts = 0;
        protocolErrors = 0;
    }

    List<Message> messages()
    {
        return messages;
    }

    Message only()
    {
        if (messages.size() != 1)
        {
            throw new AssertionError("expected exactly one message, got " + messages.size());
        }
        return messages.get(0);
    }

    long commits()
    {
        return commits;
    }

    long aborts()
    {
        return aborts;
    }

    long protocolErrors()
    {
        return protocolErrors;
    }

    boolean claimOpen()
    {
        return claimOffset >= 0;
    }

    /**
     * @return the bytes of a committed message.
     */
    byte[] bytes(final Message message)
    {
        final byte[] bytes = new byte[message.length()];
        buffer.getBytes(message.offset(), bytes);
        return bytes;
    }
}
