/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

import io.marketprism.codecs.Decimals;

/**
 * An L2 order book of exact decimals. Each side is a pair of sorted primitive arrays (price key, quantity) with the
 * best level at the end, so the common update near the top moves few elements and reading the top is O(1). Bids are
 * keyed by price, asks by negated price, so both sides sort ascending towards the best.
 * <pre>
 *   bids keys:  [ 61700, 61790, 61836, 61837 ]  best bid = last
 *   asks keys:  [-61900,-61845,-61838,-61837.64] best ask = -last
 * </pre>
 * Prices and quantities are held at one exponent per book and side-independent: the first level seen sets it; a
 * coarser value is scaled up exactly; a finer one rescales the book (rare, allocation-free). Values that cannot be
 * held exactly in 64 bits are refused with {@link #NOT_REPRESENTABLE}: the caller must then resynchronise.
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
     * @param initialLevels levels per side before the first growth.
     */
    public OrderBook(final int initialLevels)
    {
        bids = new BookSide(initialLevels);
        asks = new BookSide(initialLevels);
    }

    /**
     * Empties the book and forgets its scale.
     */
    public void clear()
    {
        bids.count = 0;
        asks.count = 0;
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
            final int index = side.find(key);
            if (index >= 0)
            {
                side.removeAt(index);
            }
            return APPLIED;
        }

        final long qty = toBookQty(qtyMantissa, qtyExp);
        if (qty == Decimals.NOT_REPRESENTABLE)
        {
            return NOT_REPRESENTABLE;
        }
        final int index = side.find(key);
        if (index >= 0)
        {
            side.qtys[index] = qty;
            return APPLIED;
        }
        return side.insertAt(-index - 1, key, qty) ? GREW : APPLIED;
    }

    /**
     * @return true when both sides have levels and the best bid is at or above the best ask.
     */
    public boolean isCrossed()
    {
        return bids.count > 0 && asks.count > 0 && bids.keys[bids.count - 1] >= -asks.keys[asks.count - 1];
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
        return bids.keys[bids.count - 1 - level];
    }

    /**
     * @param level 0 for the best bid.
     * @return quantity mantissa at {@link #qtyExponent()}.
     */
    public long bidQty(final int level)
    {
        return bids.qtys[bids.count - 1 - level];
    }

    /**
     * @param level 0 for the best ask.
     * @return price mantissa at {@link #priceExponent()}.
     */
    public long askPrice(final int level)
    {
        return -asks.keys[asks.count - 1 - level];
    }

    /**
     * @param level 0 for the best ask.
     * @return quantity mantissa at {@link #qtyExponent()}.
     */
    public long askQty(final int level)
    {
        return asks.qtys[asks.count - 1 - level];
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
        if (!bids.canRescale(bids.keys, shift) || !asks.canRescale(asks.keys, shift))
        {
            return Decimals.NOT_REPRESENTABLE;
        }
        bids.rescale(bids.keys, shift);
        asks.rescale(asks.keys, shift);
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
        if (!bids.canRescale(bids.qtys, shift) || !asks.canRescale(asks.qtys, shift))
        {
            return Decimals.NOT_REPRESENTABLE;
        }
        bids.rescale(bids.qtys, shift);
        asks.rescale(asks.qtys, shift);
        qtyExponent = exponent;
        return mantissa;
    }

    /**
     * One side: keys ascending, best last.
     */
    static final class BookSide
    {
        private static final int NEAR_BEST_PROBES = 8;

        long[] keys;
        long[] qtys;
        int count;

        BookSide(final int capacity)
        {
            keys = new long[Math.max(capacity, 4)];
            qtys = new long[keys.length];
        }

        /**
         * Finds a key: most updates land near the best level (the end), so look there first, then binary search.
         *
         * @return the index, or -(insertion point) - 1.
         */
        int find(final long key)
        {
            int high = count - 1;
            final int nearBest = Math.max(-1, high - NEAR_BEST_PROBES);
            while (high > nearBest)
            {
                final long k = keys[high];
                if (k == key)
                {
                    return high;
                }
                if (k < key)
                {
                    return -(high + 2);
                }
                high--;
            }
            // branchless lower bound over [0, high]: the comparison feeds a conditional move, not a branch that
            // mispredicts half the time
            int base = 0;
            int length = high + 1;
            while (length > 1)
            {
                final int half = length >>> 1;
                base = keys[base + half - 1] < key ? base + half : base;
                length -= half;
            }
            if (length == 1 && keys[base] < key)
            {
                base++;
            }
            return base <= high && keys[base] == key ? base : -(base + 1);
        }

        boolean insertAt(final int index, final long key, final long qty)
        {
            boolean grew = false;
            if (count == keys.length)
            {
                final int newLength = keys.length * 2;
                keys = java.util.Arrays.copyOf(keys, newLength);
                qtys = java.util.Arrays.copyOf(qtys, newLength);
                grew = true;
            }
            final int tail = count - index;
            if (tail > 0)
            {
                System.arraycopy(keys, index, keys, index + 1, tail);
                System.arraycopy(qtys, index, qtys, index + 1, tail);
            }
            keys[index] = key;
            qtys[index] = qty;
            count++;
            return grew;
        }

        void removeAt(final int index)
        {
            final int tail = count - index - 1;
            if (tail > 0)
            {
                System.arraycopy(keys, index + 1, keys, index, tail);
                System.arraycopy(qtys, index + 1, qtys, index, tail);
            }
            count--;
        }

        /**
         * Checked before anything changes, on both sides, so that a refused rescale leaves the book as it was.
         */
        boolean canRescale(final long[] values, final int shift)
        {
            for (int i = 0; i < count; i++)
            {
                if (Decimals.rescale(values[i], shift, 0) == Decimals.NOT_REPRESENTABLE)
                {
                    return false;
                }
            }
            return true;
        }

        void rescale(final long[] values, final int shift)
        {
            for (int i = 0; i < count; i++)
            {
                values[i] = Decimals.rescale(values[i], shift, 0);
            }
        }
    }
}
