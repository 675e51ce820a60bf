/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.fuzz;

import io.marketprism.engine.MarketEvent;
import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.SymbolBytes;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * A {@link MessageSink} for fuzzing that enforces the claim/commit protocol as the decoder calls it: a claim while
 * another is open, a commit or abort without a claim, a commit longer than its claim or of no bytes, a symbol that
 * is not 1 to {@link MarketEvent#MAX_SYMBOL_LENGTH} symbol bytes, each throws an {@link AssertionError} at once (so
 * the stack names the decoder line). Committed messages are kept, one after the other, with a copy of their symbol,
 * until {@link #reset()}. Claims longer than the sink's limit are answered with {@link #TOO_LARGE}.
 */
final class FuzzSink implements MessageSink
{
    private static final int MAX_MESSAGES = 1 << 17;

    private final UnsafeBuffer buffer;
    private final int maxClaimLength;
    private final int[] offsets = new int[MAX_MESSAGES];
    private final int[] lengths = new int[MAX_MESSAGES];
    private final int[] symbolLengths = new int[MAX_MESSAGES];
    private final byte[] symbols = new byte[MAX_MESSAGES * MarketEvent.MAX_SYMBOL_LENGTH];
    private int count;
    private int position;
    private int claimOffset = -1;
    private int claimLength;
    private int claims;
    private int aborts;
    private int tooLarge;

    /**
     * @param capacity       bytes of the buffer messages are written into.
     * @param maxClaimLength longest claim answered with space; longer ones get {@link #TOO_LARGE}.
     */
    FuzzSink(final int capacity, final int maxClaimLength)
    {
        this.buffer = new UnsafeBuffer(new byte[capacity]);
        this.maxClaimLength = maxClaimLength;
    }

    @Override
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    @Override
    public int claim(final int length)
    {
        if (claimOffset >= 0)
        {
            throw new AssertionError("claim(" + length + ") while the claim of " + claimLength + " bytes is open");
        }
        if (length <= 0)
        {
            throw new AssertionError("claim of " + length + " bytes");
        }
        claims++;
        if (length > maxClaimLength || position + length > buffer.capacity() || count == MAX_MESSAGES)
        {
            tooLarge++;
            return TOO_LARGE;
        }
        claimOffset = position;
        claimLength = length;
        return claimOffset;
    }

    @Override
    public void commit(final int length, final DirectBuffer symbol, final int symbolOffset, final int symbolLength)
    {
        if (claimOffset < 0)
        {
            throw new AssertionError("commit(" + length + ") without a claim");
        }
        if (length <= 0 || length > claimLength)
        {
            throw new AssertionError("commit of " + length + " bytes on a claim of " + claimLength);
        }
        if (symbolLength < 0 || symbolLength > MarketEvent.MAX_SYMBOL_LENGTH || (symbol == null && symbolLength != 0))
        {
            throw new AssertionError("symbol of length " + symbolLength + (symbol == null ? " without a buffer" : ""));
        }
        if (symbolLength > 0 && SymbolBytes.firstInvalid(symbol, symbolOffset, symbolLength) >= 0)
        {
            throw new AssertionError("symbol with a byte that is not a symbol byte: " +
                symbol.getStringWithoutLengthAscii(symbolOffset, symbolLength));
        }
        offsets[count] = claimOffset;
        lengths[count] = length;
        symbolLengths[count] = symbolLength;
        if (symbolLength > 0)
        {
            symbol.getBytes(symbolOffset, symbols, count * MarketEvent.MAX_SYMBOL_LENGTH, symbolLength);
        }
        count++;
        position = claimOffset + length;
        claimOffset = -1;
    }

    @Override
    public void abort()
    {
        if (claimOffset < 0)
        {
            throw new AssertionError("abort() without a claim");
        }
        aborts++;
        claimOffset = -1;
    }

    /**
     * Forgets every message.
     */
    void reset()
    {
        count = 0;
        position = 0;
        claimOffset = -1;
        claims = 0;
        aborts = 0;
        tooLarge = 0;
    }

    boolean claimOpen()
    {
        return claimOffset >= 0;
    }

    int count()
    {
        return count;
    }

    int offset(final int message)
    {
        return offsets[message];
    }

    int length(final int message)
    {
        return lengths[message];
    }

    int symbolLength(final int message)
    {
        return symbolLengths[message];
    }

    int claims()
    {
        return claims;
    }

    int aborts()
    {
        return aborts;
    }

    int tooLarge()
    {
        return tooLarge;
    }

    /**
     * @return true when the two sinks hold the same messages: same count, bytes and symbols.
     */
    boolean sameMessagesAs(final FuzzSink other)
    {
        if (count != other.count)
        {
            return false;
        }
        for (int i = 0; i < count; i++)
        {
            if (lengths[i] != other.lengths[i] || symbolLengths[i] != other.symbolLengths[i])
            {
                return false;
            }
            for (int b = 0; b < lengths[i]; b++)
            {
                if (buffer.getByte(offsets[i] + b) != other.buffer.getByte(other.offsets[i] + b))
                {
                    return false;
                }
            }
            final int symbolBase = i * MarketEvent.MAX_SYMBOL_LENGTH;
            for (int b = 0; b < symbolLengths[i]; b++)
            {
                if (symbols[symbolBase + b] != other.symbols[symbolBase + b])
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * @return the messages as text, for failure messages.
     */
    String describe()
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.append(i).append(": ").append(lengths[i]).append(" bytes, symbol '")
                .append(new String(symbols, i * MarketEvent.MAX_SYMBOL_LENGTH, symbolLengths[i],
                    StandardCharsets.US_ASCII))
                .append("', template ").append(buffer.getShort(offsets[i] + 2) & 0xFFFF).append(", bytes");
            for (int b = 0; b < lengths[i]; b++)
            {
                text.append(' ').append(buffer.getByte(offsets[i] + b) & 0xFF);
            }
            text.append('\n');
        }
        return text.toString();
    }
}
