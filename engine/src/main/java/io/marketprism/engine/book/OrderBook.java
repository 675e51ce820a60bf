/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

import io.marketprism.codecs.Decimals;

/**
 * An L2 order book of exact decimals. Each side ({@link BookSide}) keeps the levels near its best in a price ladder,
 * one quantity slot per tick over a window of the side's price grid, so that the common update is a multiply and
 * one slot and the best level is found by a bit scan; the levels below the window are kept in sorted arrays. Bids
 * are keyed by price, asks by negated price, so both sides have their best level at the greatest key.
 * <pre>
 *   bids keys:  deep [ 56854.58, 61600.10 ] | ladder window [ .. 61836, 61837.63 (best) .. ]
 *   asks keys:  deep [-70000, -62500.5  ] | ladder window [ .. -61838.04, -61837.64 (best) .. ]
 * </pre>
 * Prices and quantities are held at one exponent per book and side-independent: the first level seen sets it; a
 * coarser value is scaled up exactly; a finer one rescales the book (rare, allocation-free). Values that cannot be
 * held exactly in 64 bits are refused with {@link #NOT_REPRESENTABLE}: the caller must then resynchronise. Nothing in
 * the book is floating point; the price grid is learnt exactly from the prices (see {@link BookSide}).
 * <p>
 * Single-threaded. Allocates only to grow a side beyond its current capacity ({@link #GREW}).
 */
public final class OrderBook
{
    /**
     * The update was applied.
     */
    public static final int APPLIED = 0;

    /**
     * The update was applied and a side's arrays had to grow (an allocation).
     */
    public static final int GREW = 1;

    /**
     * A price or quantity cannot be represented exactly at the book's scale; nothing was changed.
     */
    public static final int NOT_REPRESENTABLE = -1;

    private static final int UNSET = Integer.MIN_VALUE;

    private final BookSide bids;
    private final BookSide asks;
    private int priceExponent = UNSET;
    private int qtyExponent = UNSET;

    /**
     * Ladder window of a book made with {@link #OrderBook(int)}: ticks of the price grid per side.
     */
    public static final int DEFAULT_LADDER_SLOTS = 1 << 16;

    /**
     * Smallest ladder window.
     */
    public static final int MIN_LADDER_SLOTS = BookSide.MIN_LADDER_SLOTS;

    /**
     * Largest ladder window.
     */
    public static final int MAX_LADDER_SLOTS = BookSide.MAX_LADDER_SLOTS;

    /**
     * @param initialLevels levels per side before the first growth.
     */
    public OrderBook(final int initialLevels)
    {
        this(initialLevels, DEFAULT_LADDER_SLOTS);
    }

    /**
     * @param initialLevels levels per side before the first growth.
     * @param ladderSlots   ticks each side's ladder window spans: a power of two from 64 to 262144; each slot costs a
     *                      little over 8 bytes per side.
     */
    public OrderBook(final int initialLevels, final int ladderSlots)
    {
        bids = new BookSide(initialLevels, ladderSlots);
        asks = new BookSide(initialLevels, ladderSlots);
    }

    /**
     * Empties the book and forgets its scale.
     */
    public void clear()
    {
        bids.clear();
        asks.clear();
        priceExponent = UNSET;
        qtyExponent = UNSET;
    }

    /**
     * Sets a level's absolute quantity; quantity zero removes the level (absent levels are ignored).
     *
     * @param bid           true for the bid side.
     * @param priceMantissa price mantissa.
     * @param priceExp      price exponent.
     * @param qtyMantissa   quantity mantissa, zero to remove.
     * @param qtyExp        quantity exponent.
     * @return {@link #APPLIED}, {@link #GREW} or {@link #NOT_REPRESENTABLE}.
     */
    public int update(
        final boolean bid, final long priceMantissa, final int priceExp, final long qtyMantissa, final int qtyExp)
    {
        final long price = toBookPrice(priceMantissa, priceExp);
        if (price == Decimals.NOT_REPRESENTABLE)
        {
            return NOT_REPRESENTABLE;
        }
        final BookSide side = bid ? bids : asks;
        final long key = bid ? price : -price;
        if (qtyMantissa == 0)
        {
            side.remove(key);
            return APPLIED;
        }

        final long qty = toBookQty(qtyMantissa, qtyExp);
        if (qty == Decimals.NOT_REPRESENTABLE)
        {
            return NOT_REPRESENTABLE;
        }
        return side.put(key, qty);
    }

    /**
     * Removes each side's worst levels beyond {@code levels}.
     *
     * @param levels levels to keep per side, at least 1.
     */
    public void truncate(final int levels)
    {
        bids.truncate(levels);
        asks.truncate(levels);
    }

    /**
     * @return true when both sides have levels and the best bid is at or above the best ask.
     */
    public boolean isCrossed()
    {
        return bids.count > 0 && asks.count > 0 && bids.bestKey() >= -asks.bestKey();
    }

    /**
     * @return the exponent of every price in the book; meaningless while the book is empty and unscaled.
     */
    public int priceExponent()
    {
        return priceExponent;
    }

    /**
     * @return the exponent of every quantity in the book.
     */
    public int qtyExponent()
    {
        return qtyExponent;
    }

    /**
     * @return number of bid levels.
     */
    public int bidCount()
    {
        return bids.count;
    }

    /**
     * @return number of ask levels.
     */
    public int askCount()
    {
        return asks.count;
    }

    /**
     * @param level 0 for the best bid.
     * @return price mantissa at {@link #priceExponent()}.
     */
    public long bidPrice(final int level)
    {
        return bids.keyAt(level);
    }

    /**
     * @param level 0 for the best bid.
     * @return quantity mantissa at {@link #qtyExponent()}.
     */
    public long bidQty(final int level)
    {
        return bids.qtyAt(level);
    }

    /**
     * @param level 0 for the best ask.
     * @return price mantissa at {@link #priceExponent()}.
     */
    public long askPrice(final int level)
    {
        return -asks.keyAt(level);
    }

    /**
     * @param level 0 for the best ask.
     * @return quantity mantissa at {@link #qtyExponent()}.
     */
    public long askQty(final int level)
    {
        return asks.qtyAt(level);
    }

    /**
     * @return the tick of a side's ladder at {@link #priceExponent()}, 0 while that side keeps no ladder; for tests.
     */
    long ladderTick(final boolean bid)
    {
        return (bid ? bids : asks).ladderTick();
    }

    private long toBookPrice(final long mantissa, final int exponent)
    {
        if (priceExponent == UNSET)
        {
            priceExponent = exponent;
            return mantissa;
        }
        if (exponent == priceExponent)
        {
            return mantissa;
        }
        final long scaled = Decimals.rescale(mantissa, exponent, priceExponent);
        if (scaled != Decimals.NOT_REPRESENTABLE || exponent > priceExponent)
        {
            return scaled;
        }
        final int shift = priceExponent - exponent;
        bids.emptyLadder();
        asks.emptyLadder();
        if (!bids.canRescale(bids.keys, shift) || !asks.canRescale(asks.keys, shift))
        {
            bids.rebuild();
            asks.rebuild();
            return Decimals.NOT_REPRESENTABLE;
        }
        bids.rescaleKeys(shift);
        asks.rescaleKeys(shift);
        bids.rebuild();
        asks.rebuild();
        priceExponent = exponent;
        return mantissa;
    }

    private long toBookQty(final long mantissa, final int exponent)
    {
        if (qtyExponent == UNSET)
        {
            qtyExponent = exponent;
            return mantissa;
        }
        if (exponent == qtyExponent)
        {
            return mantissa;
        }
        final long scaled = Decimals.rescale(mantissa, exponent, qtyExponent);
        if (scaled != Decimals.NOT_REPRESENTABLE || exponent > qtyExponent)
        {
            return scaled;
        }
        final int shift = qtyExponent - exponent;
        bids.emptyLadder();
        asks.emptyLadder();
        final boolean representable = bids.canRescale(bids.qtys, shift) && asks.canRescale(asks.qtys, shift);
        if (representable)
        {
            bids.rescale(bids.qtys, shift);
            asks.rescale(asks.qtys, shift);
            qtyExponent = exponent;
        }
        bids.rebuild();
        asks.rebuild();
        if (!representable)
        {
            return Decimals.NOT_REPRESENTABLE;
        }
        return mantissa;
    }
}
