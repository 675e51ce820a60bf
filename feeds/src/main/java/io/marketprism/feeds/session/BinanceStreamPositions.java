/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Stream positions of Binance's combined-stream frames, {@code {"stream":"btcusdt@depth@100ms","data":{...}}}: the
 * final update id {@code u} of depth and book-ticker updates, the trade id {@code t} of trades, the aggregate id
 * {@code a} of aggregated trades, and otherwise the event time {@code E} (mark price, liquidations, tickers). The
 * first of those keys found after the stream name, as a JSON number, is the position; an ask array ({@code "a":[})
 * or a price string is not a number and is passed over.
 */
public final class BinanceStreamPositions implements StreamPositions
{
    private static final byte[] STREAM = "\"stream\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] POSITION_KEYS = {
        "\"u\":".getBytes(StandardCharsets.US_ASCII),
        "\"t\":".getBytes(StandardCharsets.US_ASCII),
        "\"a\":".getBytes(StandardCharsets.US_ASCII),
        "\"E\":".getBytes(StandardCharsets.US_ASCII) };
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long streamKey;
    private long position;

    @Override
    public boolean read(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        final int stream = indexOf(buffer, offset, end, STREAM);
        if (stream < 0)
        {
            return false;
        }
        final int nameStart = stream + STREAM.length;
        long hash = FNV_OFFSET;
        int i = nameStart;
        while (i < end)
        {
            final byte b = buffer.getByte(i);
            if (b == '"')
            {
                break;
            }
            hash = (hash ^ (b & 0xFF)) * FNV_PRIME;
            i++;
        }
        if (i >= end)
        {
            return false;
        }
        for (final byte[] key : POSITION_KEYS)
        {
            int from = i;
            int at;
            while ((at = indexOf(buffer, from, end, key)) >= 0)
            {
                final long value = number(buffer, at + key.length, end);
                if (value >= 0)
                {
                    streamKey = hash;
                    position = value;
                    return true;
                }
                from = at + key.length;
            }
        }
        return false;
    }

    @Override
    public long streamKey()
    {
        return streamKey;
    }

    @Override
    public long position()
    {
        return position;
    }

    /**
     * @return the non-negative integer at {@code index}, or -1 when there is none (or it does not fit a long).
     */
    private static long number(final DirectBuffer buffer, final int index, final int end)
    {
        long value = 0;
        int i = index;
        while (i < end)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            if (value > (Long.MAX_VALUE - digit) / 10)
            {
                return -1;
            }
            value = value * 10 + digit;
            i++;
        }
        return i > index ? value : -1;
    }

    private static int indexOf(final DirectBuffer buffer, final int from, final int end, final byte[] pattern)
    {
        final int last = end - pattern.length;
        final byte first = pattern[0];
        outer:
        for (int i = from; i <= last; i++)
        {
            if (buffer.getByte(i) != first)
            {
                continue;
            }
            for (int j = 1; j < pattern.length; j++)
            {
                if (buffer.getByte(i + j) != pattern[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
