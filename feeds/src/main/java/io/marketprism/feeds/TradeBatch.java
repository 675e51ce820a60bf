/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.engine.MessageSink;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusReason;
import org.agrona.DirectBuffer;

import java.util.Arrays;

/**
 * The trades (or liquidations, or open interest figures) of one frame, held until every element has been read and
 * checked so that a frame is written all or nothing. Arrays grow by doubling up to a limit and are then reused: no
 * allocation once warm. Symbols are kept as offsets into the frame's buffer.
 */
public final class TradeBatch
{
    /** {@link #write} flag: liquidation messages instead of trades. */
    public static final int LIQUIDATIONS = 1;
    /** {@link #write} flag: the batch holds the newest trade first; write the oldest first. */
    public static final int NEWEST_FIRST = 2;
    /** {@link #write} flag: open interest messages, the quantity being the open interest (price and side unused). */
    public static final int OPEN_INTEREST = 4;

    private final int maxTrades;
    private int count;
    private long[] priceMantissas;
    private int[] priceExponents;
    private long[] qtyMantissas;
    private int[] qtyExponents;
    private long[] timesNs;
    private long[] ids;
    private Side[] sides;
    private int[] symbolOffsets;
    private int[] symbolLengths;

    /**
     * @param initialCapacity trades held before the first growth.
     * @param maxTrades       most trades one frame may carry.
     */
    public TradeBatch(final int initialCapacity, final int maxTrades)
    {
        this.maxTrades = maxTrades;
        priceMantissas = new long[initialCapacity];
        priceExponents = new int[initialCapacity];
        qtyMantissas = new long[initialCapacity];
        qtyExponents = new int[initialCapacity];
        timesNs = new long[initialCapacity];
        ids = new long[initialCapacity];
        sides = new Side[initialCapacity];
        symbolOffsets = new int[initialCapacity];
        symbolLengths = new int[initialCapacity];
    }

    /**
     * Empties the batch; at the start of every frame.
     */
    public void clear()
    {
        count = 0;
    }

    /**
     * @return trades held.
     */
    public int count()
    {
        return count;
    }

    /**
     * @return whether the batch holds the most trades a frame may carry.
     */
    public boolean isFull()
    {
        return count == maxTrades;
    }

    /**
     * Appends a trade; the caller checks {@link #isFull()} first.
     *
     * @param side             the taker's side (for a liquidation: the liquidation order's side).
     * @param timeNs           exchange time, ns since epoch, or {@link MessageWriter#NULL_VALUE}.
     * @param id               the venue's trade id, or {@link MessageWriter#NULL_VALUE}.
     * @param priceMantissa    price mantissa.
     * @param priceExponent    price exponent.
     * @param qtyMantissa      quantity mantissa.
     * @param qtyExponent      quantity exponent.
     * @param symbolOffset     the symbol's offset in the frame's buffer.
     * @param symbolLength     the symbol's length.
     * @return the index of the trade.
     */
    public int add(
        final Side side,
        final long timeNs,
        final long id,
        final long priceMantissa,
        final int priceExponent,
        final long qtyMantissa,
        final int qtyExponent,
        final int symbolOffset,
        final int symbolLength)
    {
        if (count == ids.length)
        {
            grow();
        }
        final int t = count++;
        sides[t] = side;
        timesNs[t] = timeNs;
        ids[t] = id;
        priceMantissas[t] = priceMantissa;
        priceExponents[t] = priceExponent;
        qtyMantissas[t] = qtyMantissa;
        qtyExponents[t] = qtyExponent;
        symbolOffsets[t] = symbolOffset;
        symbolLengths[t] = symbolLength;
        return t;
    }

    /**
     * @param index a trade.
     * @return its symbol's offset in the frame's buffer.
     */
    public int symbolOffset(final int index)
    {
        return symbolOffsets[index];
    }

    /**
     * @param index a trade.
     * @return its symbol's length.
     */
    public int symbolLength(final int index)
    {
        return symbolLengths[index];
    }

    /**
     * @param index a trade.
     * @return its exchange time.
     */
    public long timeNs(final int index)
    {
        return timesNs[index];
    }

    /**
     * Writes every trade as a trade message (or a liquidation or open interest message), oldest first, so that trade
     * times only go forwards as normalize's data-quality check expects. A trade never outgrows a sink that
     * held the ones before it; should one not fit, what was written stays and a {@code FRAME_TOO_LARGE} status
     * naming the trade's index follows it.
     *
     * @param writer       the decoder's writer (its symbol is set per trade).
     * @param sink         where the messages go.
     * @param frame        the buffer the symbols are in.
     * @param recvTsNs     when the frame was received.
     * @param flags        {@link #LIQUIDATIONS} or {@link #OPEN_INTEREST}, with {@link #NEWEST_FIRST}, or 0.
     * @return messages written.
     */
    public int write(
        final MessageWriter writer,
        final MessageSink sink,
        final DirectBuffer frame,
        final long recvTsNs,
        final int flags)
    {
        final boolean liquidations = (flags & LIQUIDATIONS) != 0;
        final boolean openInterest = (flags & OPEN_INTEREST) != 0;
        final boolean newestFirst = (flags & NEWEST_FIRST) != 0;
        int committed = 0;
        for (int i = 0; i < count; i++)
        {
            final int t = newestFirst ? count - 1 - i : i;
            writer.symbol(frame, symbolOffsets[t], symbolLengths[t]);
            final int written = openInterest ?
                writer.openInterest(sink, timesNs[t], recvTsNs, qtyMantissas[t], qtyExponents[t],
                    MessageWriter.NULL_MANTISSA, 0) :
                liquidations ?
                writer.liquidation(sink, sides[t], timesNs[t], recvTsNs, priceMantissas[t], priceExponents[t],
                    qtyMantissas[t], qtyExponents[t]) :
                writer.trade(sink, sides[t], timesNs[t], recvTsNs, ids[t], priceMantissas[t], priceExponents[t],
                    qtyMantissas[t], qtyExponents[t]);
            if (written < 0)
            {
                return committed + writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, i, recvTsNs);
            }
            committed += written;
        }
        return committed;
    }

    private void grow()
    {
        final int capacity = Math.min(Math.max(1, ids.length * 2), maxTrades);
        priceMantissas = Arrays.copyOf(priceMantissas, capacity);
        priceExponents = Arrays.copyOf(priceExponents, capacity);
        qtyMantissas = Arrays.copyOf(qtyMantissas, capacity);
        qtyExponents = Arrays.copyOf(qtyExponents, capacity);
        timesNs = Arrays.copyOf(timesNs, capacity);
        ids = Arrays.copyOf(ids, capacity);
        sides = Arrays.copyOf(sides, capacity);
        symbolOffsets = Arrays.copyOf(symbolOffsets, capacity);
        symbolLengths = Arrays.copyOf(symbolLengths, capacity);
    }
}
