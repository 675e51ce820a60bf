/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

import io.marketprism.codecs.Decimals;

import java.util.Arrays;

/**
 * One side of an {@link OrderBook}, keyed so that the best level has the greatest key (bids by price, asks by negated
 * price). Levels live in one of two tiers:
 * <pre>
 *   keys:   deep (sorted arrays)        ladder window [low, high], one slot per tick      (nothing above high)
 *           k0 &lt; k1 &lt; ... &lt; kd-1  &lt;  low ......... best ....... high
 *   ladder: qtys[slot], slot = (lowSlot + (key - low) / tick) mod slots;  words: 1 bit per slot;
 *           summary: 1 bit per non-empty word
 * </pre>
 * The <b>ladder</b> is a ring of quantity slots, one per tick of the side's price grid, over a window of keys that
 * holds the best level: finding, changing, adding or removing a level there is a multiply and one slot, the next best
 * level is a bit scan, and moving the window only touches the slots that leave or enter it. The <b>deep</b> tier holds
 * the levels below the window in sorted arrays (binary search, shifting insert) and is sized for every level of the
 * side, so that the window can always be emptied into it without allocating.
 * <p>
 * The grid is learnt exactly from the keys: the tick is the greatest common divisor of the distances between every
 * key added since the side was cleared. A key off the grid refines the tick (it at least halves, so this happens at
 * most 63 times) and the ladder is rebuilt on the finer grid. While there is no grid (fewer than two distinct keys)
 * or its tick is too coarse for the window to be held in 64 bits, every level is deep: the side then behaves like
 * the plain sorted arrays it replaces.
 * <p>
 * Invariants: every level's key is on the grid; deep keys are below {@code low}; no level is above {@code high};
 * when the ladder is in use and has no level, the deep tier has none either (so the best level is the ladder's).
 * Single-threaded; allocates only to grow the deep arrays when the side outgrows them.
 */
final class BookSide
{
    /**
     * Smallest ladder, one bitmap word.
     */
    static final int MIN_LADDER_SLOTS = 64;

    /**
     * Largest ladder: the summary scan stays within 64 words.
     */
    static final int MAX_LADDER_SLOTS = 1 << 18;

    private static final int SUMMARY_SHIFT = 12;

    private final int slots;
    private final int slotBits;
    private final int mask;
    private final int headroom;
    private final int recentreBelow;
    private final long maxTick;
    private final long[] ladderQtys;
    private final long[] words;
    private final long[] summary;
    private final int summaryMask;

    long[] keys;
    long[] qtys;
    int deepCount;
    int count;
    int ladderCount;

    private boolean hasGridKey;
    private long gridKey;
    private long tick;
    private boolean ladderOn;
    private int tickShift;
    private long tickLowMask = -1;
    private long tickInverse;
    private long low = Long.MIN_VALUE;
    private long high = Long.MIN_VALUE;
    private int lowSlot;
    private long bestKey;
    private int bestSlot;

    private long version;
    private long cursorVersion = -1;
    private int cursorRank;
    private int cursorSlot;
    private long cursorKey;

    /**
     * @param capacity     levels before the deep arrays grow.
     * @param ladderSlots  ticks the ladder window spans, a power of two from {@link #MIN_LADDER_SLOTS} to
     *                     {@link #MAX_LADDER_SLOTS}.
     */
    BookSide(final int capacity, final int ladderSlots)
    {
        if (Integer.bitCount(ladderSlots) != 1 || ladderSlots < MIN_LADDER_SLOTS || ladderSlots > MAX_LADDER_SLOTS)
        {
            throw new IllegalArgumentException("ladder slots must be a power of two from " + MIN_LADDER_SLOTS +
                " to " + MAX_LADDER_SLOTS + ": " + ladderSlots);
        }
        keys = new long[Math.max(capacity, 4)];
        qtys = new long[keys.length];
        slots = ladderSlots;
        slotBits = Integer.numberOfTrailingZeros(ladderSlots);
        mask = ladderSlots - 1;
        headroom = ladderSlots / 8;
        recentreBelow = ladderSlots / 2;
        maxTick = Long.MAX_VALUE / ladderSlots;
        ladderQtys = new long[ladderSlots];
        words = new long[ladderSlots >>> 6];
        summary = new long[Math.max(1, ladderSlots >>> SUMMARY_SHIFT)];
        summaryMask = summary.length - 1;
    }

    /**
     * Sets a level's quantity, adding the level when absent.
     *
     * @param key the level's key.
     * @param qty its quantity, never zero.
     * @return {@link OrderBook#APPLIED}, or {@link OrderBook#GREW} when the deep arrays had to grow.
     */
    int put(final long key, final long qty)
    {
        final long offset = key - low;
        final long position = (offset >>> tickShift) * tickInverse;
        if (((offset & tickLowMask) | (position >>> slotBits)) == 0)
        {
            final int slot = (lowSlot + (int)position) & mask;
            final long old = ladderQtys[slot];
            ladderQtys[slot] = qty;
            return old != 0 ? OrderBook.APPLIED : addedToLadder(key, slot);
        }
        return putOutsideLadder(key, qty);
    }

    /**
     * Removes a level; an absent level is ignored.
     *
     * @param key the level's key.
     */
    void remove(final long key)
    {
        final long offset = key - low;
        final long position = (offset >>> tickShift) * tickInverse;
        if (((offset & tickLowMask) | (position >>> slotBits)) == 0)
        {
            final int slot = (lowSlot + (int)position) & mask;
            if (ladderQtys[slot] != 0)
            {
                ladderQtys[slot] = 0;
                removedFromLadder(key, slot);
            }
            return;
        }
        if (!ladderOn || key < low)
        {
            final int index = findDeep(key);
            if (index >= 0)
            {
                removeDeepAt(index);
            }
        }
        // otherwise above the window or off the grid: no such level
    }

    /**
     * Removes the worst levels until at most {@code levels} are left.
     *
     * @param levels levels to keep.
     */
    void truncate(final int levels)
    {
        while (count > levels)
        {
            remove(keyAt(count - 1));
        }
    }

    /**
     * @return the best level's key; the side must not be empty.
     */
    long bestKey()
    {
        return ladderCount > 0 ? bestKey : keys[deepCount - 1];
    }

    /**
     * @return the level's key; rank 0 is the best. Sequential ranks are O(1) each, others walk from the best.
     */
    long keyAt(final int rank)
    {
        if (rank == 0 && ladderCount > 0)
        {
            return bestKey;
        }
        if (rank < ladderCount)
        {
            seek(rank);
            return cursorKey;
        }
        return keys[deepCount - 1 - (rank - ladderCount)];
    }

    /**
     * @return the level's quantity; rank 0 is the best.
     */
    long qtyAt(final int rank)
    {
        if (rank == 0 && ladderCount > 0)
        {
            return ladderQtys[bestSlot];
        }
        if (rank < ladderCount)
        {
            seek(rank);
            return ladderQtys[cursorSlot];
        }
        return qtys[deepCount - 1 - (rank - ladderCount)];
    }

    /**
     * Empties the side and forgets its grid.
     */
    void clear()
    {
        clearLadder();
        deepCount = 0;
        count = 0;
        hasGridKey = false;
        tick = 0;
        ladderOff();
    }

    /**
     * Moves every ladder level into the deep arrays, which then hold the whole side in order, e.g. to rescale it.
     * {@link #rebuild()} brings the ladder back.
     */
    void emptyLadder()
    {
        if (ladderCount > 0)
        {
            moveRangeToDeep(lowSlot, slots, low);
            moveRangeToDeep(0, lowSlot, low + (long)(slots - lowSlot) * tick);
        }
        version++;
    }

    /**
     * After {@link #emptyLadder()}: multiplies every key by 10^shift (checked by {@link #canRescale}) and learns the
     * grid again from the levels.
     */
    void rescaleKeys(final int shift)
    {
        rescale(keys, shift);
        hasGridKey = deepCount > 0;
        gridKey = hasGridKey ? keys[0] : 0;
        long newTick = 0;
        for (int i = 1; i < deepCount; i++)
        {
            newTick = gcdUnsigned(newTick, keys[i] - keys[0]);
        }
        tick = newTick;
    }

    /**
     * After {@link #emptyLadder()}: puts the levels in the window around the best one back into the ladder.
     */
    void rebuild()
    {
        if (tick != 0 && Long.compareUnsigned(tick, maxTick) <= 0)
        {
            ladderOn(tick);
            if (deepCount > 0)
            {
                placeWindow(keys[deepCount - 1]);
                pullFromDeep();
            }
            else if (hasGridKey)
            {
                placeWindow(gridKey);
            }
        }
        else
        {
            ladderOff();
        }
    }

    /**
     * Checked before anything changes, on both sides, so that a refused rescale leaves the book as it was. The ladder
     * must be empty ({@link #emptyLadder()}).
     */
    boolean canRescale(final long[] values, final int shift)
    {
        for (int i = 0; i < deepCount; i++)
        {
            if (Decimals.rescale(values[i], shift, 0) == Decimals.NOT_REPRESENTABLE)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The ladder must be empty ({@link #emptyLadder()}).
     */
    void rescale(final long[] values, final int shift)
    {
        for (int i = 0; i < deepCount; i++)
        {
            values[i] = Decimals.rescale(values[i], shift, 0);
        }
    }

    /**
     * @return the ladder's tick, 0 while it is not in use; for tests.
     */
    long ladderTick()
    {
        return ladderOn ? tick : 0;
    }

    private int addedToLadder(final long key, final int slot)
    {
        setBit(slot);
        version++;
        if (ladderCount == 0 || key > bestKey)
        {
            bestKey = key;
            bestSlot = slot;
        }
        ladderCount++;
        return counted();
    }

    private void removedFromLadder(final long key, final int slot)
    {
        clearBit(slot);
        version++;
        ladderCount--;
        count--;
        if (key == bestKey)
        {
            if (ladderCount > 0)
            {
                final int next = prevSetSlot(slot);
                bestKey -= ((slot - next) & mask) * tick;
                bestSlot = next;
                if (deepCount > 0 && ((bestSlot - lowSlot) & mask) < recentreBelow)
                {
                    recentreDown(bestKey);
                }
            }
            else if (deepCount > 0)
            {
                recentreDown(keys[deepCount - 1]);
            }
        }
    }

    private int counted()
    {
        if (count++ < keys.length)
        {
            return OrderBook.APPLIED;
        }
        final int length = keys.length * 2;
        keys = Arrays.copyOf(keys, length);
        qtys = Arrays.copyOf(qtys, length);
        return OrderBook.GREW;
    }

    private int putOutsideLadder(final long key, final long qty)
    {
        if (!onGrid(key))
        {
            refineGrid(key);
            return put(key, qty);
        }
        if (!ladderOn)
        {
            return putDeep(key, qty);
        }
        if (ladderCount == 0)
        {
            placeWindow(key);
            return put(key, qty);
        }
        if (key > high)
        {
            recentreUp(key);
            return put(key, qty);
        }
        return putDeep(key, qty);
    }

    private int putDeep(final long key, final long qty)
    {
        final int index = findDeep(key);
        if (index >= 0)
        {
            qtys[index] = qty;
            return OrderBook.APPLIED;
        }
        final int result = counted();
        final int insertAt = -index - 1;
        final int tail = deepCount - insertAt;
        if (tail > 0)
        {
            System.arraycopy(keys, insertAt, keys, insertAt + 1, tail);
            System.arraycopy(qtys, insertAt, qtys, insertAt + 1, tail);
        }
        keys[insertAt] = key;
        qtys[insertAt] = qty;
        deepCount++;
        return result;
    }

    private void removeDeepAt(final int index)
    {
        final int tail = deepCount - index - 1;
        if (tail > 0)
        {
            System.arraycopy(keys, index + 1, keys, index, tail);
            System.arraycopy(qtys, index + 1, qtys, index, tail);
        }
        deepCount--;
        count--;
    }

    /**
     * Binary search of the deep keys.
     *
     * @return the index, or -(insertion point) - 1.
     */
    private int findDeep(final long key)
    {
        // branchless lower bound: the comparison feeds a conditional move, not a branch that mispredicts half the time
        int base = 0;
        int length = deepCount;
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
        return base < deepCount && keys[base] == key ? base : -(base + 1);
    }

    private boolean onGrid(final long key)
    {
        if (!hasGridKey)
        {
            hasGridKey = true;
            gridKey = key;
            return true;
        }
        if (tick == 0)
        {
            return key == gridKey;
        }
        return Long.remainderUnsigned(distance(key, gridKey), tick) == 0;
    }

    /**
     * A key off the grid: the tick becomes the greatest common divisor with the key's distance, and the ladder is
     * rebuilt on the new grid (or given up while the tick is too coarse for it).
     */
    private void refineGrid(final long key)
    {
        final long newTick = gcdUnsigned(tick, distance(key, gridKey));
        emptyLadder();
        tick = newTick;
        rebuild();
    }

    private void ladderOn(final long newTick)
    {
        ladderOn = true;
        tickShift = Long.numberOfTrailingZeros(newTick);
        tickLowMask = (1L << tickShift) - 1;
        tickInverse = inverseOfOdd(newTick >>> tickShift);
    }

    /**
     * Every key then misses the ladder: with a full low mask only key == low would pass, and no key is
     * {@link Long#MIN_VALUE}.
     */
    private void ladderOff()
    {
        ladderOn = false;
        tickLowMask = -1;
        tickShift = 0;
        tickInverse = 0;
        low = Long.MIN_VALUE;
        high = Long.MIN_VALUE;
        lowSlot = 0;
    }

    /**
     * Positions the window of an empty ladder so that the anchor, on the grid, has {@link #headroom} ticks above it,
     * as far as the 64-bit key range allows.
     */
    private void placeWindow(final long anchor)
    {
        low = windowLow(anchor);
        high = low + (long)mask * tick;
        lowSlot = 0;
    }

    private long windowLow(final long anchor)
    {
        final int below = mask - headroom;
        // room down to the lowest key, -Long.MAX_VALUE: anchor + MAX_VALUE, as an unsigned value
        final long room = anchor + Long.MAX_VALUE;
        final long ticksBelow = Long.compareUnsigned(Long.divideUnsigned(room, tick), below) >= 0 ?
            below : Long.divideUnsigned(room, tick);
        long windowLow = anchor - ticksBelow * tick;
        final long maxLow = Long.MAX_VALUE - (long)mask * tick;
        if (windowLow > maxLow)
        {
            windowLow -= ((windowLow - maxLow) + tick - 1) / tick * tick;
        }
        return windowLow;
    }

    /**
     * A key above the window: slides the window up so that the key has {@link #headroom} ticks above it, moving the
     * levels that fall out of its bottom to the top of the deep arrays.
     */
    private void recentreUp(final long key)
    {
        final long newLow = windowLow(key);
        final long shift = Long.divideUnsigned(newLow - low, tick);
        if (Long.compareUnsigned(shift, slots) >= 0)
        {
            emptyLadder();
            placeWindow(key);
            return;
        }
        final int leaving = (int)shift;
        final int end = lowSlot + leaving;
        if (end <= slots)
        {
            moveRangeToDeep(lowSlot, end, low);
        }
        else
        {
            moveRangeToDeep(lowSlot, slots, low);
            moveRangeToDeep(0, end - slots, low + (long)(slots - lowSlot) * tick);
        }
        version++;
        lowSlot = end & mask;
        low = newLow;
        high = low + (long)mask * tick;
    }

    /**
     * The best level sank into the bottom half of the window (or below it): slides the window down so that it has
     * {@link #headroom} ticks above it again, pulling the deep levels that enter the window into the ladder.
     */
    private void recentreDown(final long anchor)
    {
        final long newLow = windowLow(anchor);
        if (ladderCount == 0)
        {
            low = newLow;
            high = low + (long)mask * tick;
            lowSlot = 0;
        }
        else if (newLow < low)
        {
            // the slots leaving the top are above the best level, so empty
            final long shift = Long.divideUnsigned(low - newLow, tick);
            lowSlot = (int)((lowSlot - shift) & mask);
            low = newLow;
            high = low + (long)mask * tick;
        }
        pullFromDeep();
    }

    private void pullFromDeep()
    {
        while (deepCount > 0 && keys[deepCount - 1] >= low)
        {
            final int index = deepCount - 1;
            final long key = keys[index];
            final int slot = (lowSlot + (int)Long.divideUnsigned(key - low, tick)) & mask;
            ladderQtys[slot] = qtys[index];
            setBit(slot);
            if (ladderCount == 0 || key > bestKey)
            {
                bestKey = key;
                bestSlot = slot;
            }
            ladderCount++;
            deepCount--;
        }
        version++;
    }

    /**
     * Appends the levels of physical slots [from, to) to the deep arrays, lowest first, and empties those slots.
     *
     * @param fromKey the key slot {@code from} stands for.
     */
    private void moveRangeToDeep(final int from, final int to, final long fromKey)
    {
        if (from >= to)
        {
            return;
        }
        final int firstWord = from >>> 6;
        final int lastWord = (to - 1) >>> 6;
        for (int w = firstWord; w <= lastWord; w++)
        {
            long bits = words[w];
            if (w == firstWord)
            {
                bits &= -1L << from;
            }
            if (w == lastWord)
            {
                bits &= -1L >>> (63 - ((to - 1) & 63));
            }
            while (bits != 0)
            {
                final int slot = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                keys[deepCount] = fromKey + (long)(slot - from) * tick;
                qtys[deepCount] = ladderQtys[slot];
                deepCount++;
                ladderQtys[slot] = 0;
                clearBit(slot);
                ladderCount--;
            }
        }
    }

    private void clearLadder()
    {
        if (ladderCount > 0)
        {
            for (int w = 0; w < words.length; w++)
            {
                long bits = words[w];
                while (bits != 0)
                {
                    ladderQtys[(w << 6) + Long.numberOfTrailingZeros(bits)] = 0;
                    bits &= bits - 1;
                }
                words[w] = 0;
            }
            Arrays.fill(summary, 0);
            ladderCount = 0;
        }
        version++;
    }

    private void seek(final int rank)
    {
        if (cursorVersion != version || rank < cursorRank)
        {
            cursorVersion = version;
            cursorRank = 0;
            cursorSlot = bestSlot;
            cursorKey = bestKey;
        }
        while (cursorRank < rank)
        {
            final int next = prevSetSlot(cursorSlot);
            cursorKey -= ((cursorSlot - next) & mask) * tick;
            cursorSlot = next;
            cursorRank++;
        }
    }

    private void setBit(final int slot)
    {
        final int word = slot >>> 6;
        words[word] |= 1L << slot;
        summary[word >>> 6] |= 1L << word;
    }

    private void clearBit(final int slot)
    {
        final int word = slot >>> 6;
        final long bits = words[word] & ~(1L << slot);
        words[word] = bits;
        if (bits == 0)
        {
            summary[word >>> 6] &= ~(1L << word);
        }
    }

    /**
     * The next set slot below the given one, in ring order (wrapping from slot 0 to the top): the next lower level,
     * since nothing is above the best. Another slot must be set.
     */
    private int prevSetSlot(final int slot)
    {
        final int word = slot >>> 6;
        final long below = words[word] & ((1L << slot) - 1);
        if (below != 0)
        {
            return (word << 6) + 63 - Long.numberOfLeadingZeros(below);
        }
        int summaryWord = word >>> 6;
        long candidates = summary[summaryWord] & ((1L << word) - 1);
        while (candidates == 0)
        {
            summaryWord = (summaryWord - 1) & summaryMask;
            candidates = summary[summaryWord];
        }
        final int found = (summaryWord << 6) + 63 - Long.numberOfLeadingZeros(candidates);
        return (found << 6) + 63 - Long.numberOfLeadingZeros(words[found]);
    }

    /**
     * |a - b| as an unsigned 64-bit value, exact for any two longs.
     */
    private static long distance(final long a, final long b)
    {
        return a >= b ? a - b : b - a;
    }

    static long gcdUnsigned(final long a, final long b)
    {
        long x = a;
        long y = b;
        while (y != 0)
        {
            final long r = Long.remainderUnsigned(x, y);
            x = y;
            y = r;
        }
        return x;
    }

    /**
     * The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration doubles the correct low bits from
     * 3 to 96): a multiple of the odd number times it is the exact quotient.
     */
    static long inverseOfOdd(final long odd)
    {
        long inverse = odd;
        for (int i = 0; i < 5; i++)
        {
            inverse *= 2 - odd * inverse;
        }
        return inverse;
    }
}
