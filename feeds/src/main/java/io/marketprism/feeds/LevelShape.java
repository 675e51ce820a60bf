/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.feeds.json.JsonCursor;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * The shape of the last book level {@link JsonCursor#quotedLevelAt(int)} took, {@code ["61837.63000000","0.5"]}, for
 * taking the next level of the same shape without parsing it: the level's text byte for byte, except the digits of
 * its price and quantity, which may differ but not in count nor in the place of the point. Nearly every level of a
 * venue's depth update has the shape of the one before (Binance spot BTCUSDT: 99.6% of the recorded ones): a parse
 * must find where the price ends before it can read the quantity, and where the level ends before it can read the
 * next, so every number waits on the one before; against a shape the level's five words are compared and its four
 * digit runs read at offsets known in advance, none waiting on another.
 * <p>
 * A level matches when it equals the learnt one outside the digit runs and has a digit at every byte of them: then
 * {@link JsonCursor#quotedLevelAt(int)} would take it, with the same number lengths, to the same values. The words
 * are held in fields, not arrays, so that the comparison is straight-line code. Single-threaded; does not allocate.
 */
final class LevelShape
{
    /** Shortest level with a shape: every word read lies within it. */
    static final int MIN_LENGTH = 16;
    /** Longest level with a shape: five words. */
    static final int MAX_LENGTH = 5 * Long.BYTES;

    /** The score's ceiling: a long run of hits does not buy unlimited misses after it. */
    private static final int MAX_SCORE = 64;
    /** What a miss costs: about what a failed comparison and a learnt shape cost against a level read. */
    private static final int MISS_COST = 4;
    /** Below this the shape rests. */
    private static final int MIN_SCORE = -64;
    /** Levels parsed without the shape before it is tried again. */
    private static final int REST_LEVELS = 4096;

    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L };

    private int length;
    // word offsets from the level's start: 0, 8, then three more up to 24, none past the level's end, the last
    // ending where the level ends
    private int offset2;
    private int offset3;
    private int offset4;
    private long text0;
    private long text1;
    private long text2;
    private long text3;
    private long text4;
    private long structure0;
    private long structure1;
    private long structure2;
    private long structure3;
    private long structure4;
    private long digits0;
    private long digits1;
    private long digits2;
    private long digits3;
    private long digits4;

    private int priceDigits;
    private int priceFraction;
    private int qtyStart;
    private int qtyDigits;
    private int qtyFraction;
    private long pricePower;
    private long qtyPower;
    private long levelsRead;
    // whether reading against a shape pays here: levels read add to the score, misses take from it; below the floor
    // the shape rests for a while (levels parsed without trying it)
    private int score;
    private int rest;
    // bytes from a level's start that reading it touches: its words, its numbers' words, the separator after it
    private int reach;

    /**
     * @return levels read against a shape since this was made, for tests and measurements.
     */
    long levelsRead()
    {
        return levelsRead;
    }

    /**
     * @return true when levels are to be tried against the shape; false while it rests, after misses outweighed the
     * levels read (levels of a venue whose shapes vary from one to the next, Bybit's unpadded numbers), since then
     * trying costs more than it saves.
     */
    boolean isActive()
    {
        return rest == 0;
    }

    /**
     * Counts a level that was not of the shape (or had none); enough of them, against the levels read, rest it.
     */
    void missed()
    {
        score -= MISS_COST;
        if (score < MIN_SCORE)
        {
            score = 0;
            rest = REST_LEVELS;
        }
    }

    /**
     * Counts a level parsed while the shape rests.
     */
    void rested()
    {
        if (rest > 0)
        {
            rest--;
        }
    }

    /**
     * @return true when no shape is learnt (none yet, or the last level learnt had none).
     */
    boolean isEmpty()
    {
        return length == 0;
    }

    /**
     * Learns the shape of a level just taken, or forgets the one before when the level has none.
     *
     * @param cursor        wrapped around the document holding the level.
     * @param pos           the level's {@code [}.
     * @param end           the position after its {@code ]}.
     * @param priceDigits   the price's digits before the point, 1 to 7.
     * @param priceFraction after it, 0 (no point) to 8.
     * @param qtyStart      the quantity's first digit.
     * @param qtyDigits     the quantity's digits before the point, 1 to 7.
     * @param qtyFraction   after it, 0 (no point) to 8.
     */
    void learn(
        final JsonCursor cursor,
        final int pos,
        final int end,
        final int priceDigits,
        final int priceFraction,
        final int qtyStart,
        final int qtyDigits,
        final int qtyFraction)
    {
        final int length = end - pos;
        this.length = 0;
        if (length < MIN_LENGTH || length > MAX_LENGTH || end > cursor.limit())
        {
            return;
        }
        this.priceDigits = priceDigits;
        this.priceFraction = priceFraction;
        this.qtyStart = qtyStart - pos;
        this.qtyDigits = qtyDigits;
        this.qtyFraction = qtyFraction;
        reach = Math.max(Math.max(length + 1, 3 + priceDigits + Long.BYTES),
            Math.max(this.qtyStart + qtyDigits + 1 + Long.BYTES, 2 + Long.BYTES));
        pricePower = POWERS_OF_TEN[priceFraction];
        qtyPower = POWERS_OF_TEN[qtyFraction];
        offset2 = Math.min(2 * Long.BYTES, length - Long.BYTES);
        offset3 = length <= 4 * Long.BYTES ? length - Long.BYTES : 3 * Long.BYTES;
        offset4 = length - Long.BYTES;
        text0 = cursor.wordAt(pos);
        text1 = cursor.wordAt(pos + Long.BYTES);
        text2 = cursor.wordAt(pos + offset2);
        text3 = cursor.wordAt(pos + offset3);
        text4 = cursor.wordAt(pos + offset4);
        structure0 = structure(0);
        structure1 = structure(Long.BYTES);
        structure2 = structure(offset2);
        structure3 = structure(offset3);
        structure4 = structure(offset4);
        digits0 = ~structure0 & HIGH_BITS;
        digits1 = ~structure1 & HIGH_BITS;
        digits2 = ~structure2 & HIGH_BITS;
        digits3 = ~structure3 & HIGH_BITS;
        digits4 = ~structure4 & HIGH_BITS;
        this.length = length;
    }

    /**
     * Reads the levels of the shape learnt that follow one another from a position, each after a bare {@code ,},
     * into a buffer, until one does not have the shape, the array ends or the buffer holds {@code maxLevels}.
     *
     * @param cursor    wrapped around the document.
     * @param pos       where the first level's {@code [} should be.
     * @param buffer    where the levels go, after those it holds.
     * @param maxLevels most levels the buffer may hold.
     * @return the position after the {@code ]} of the last level read, or -1 when none was; the caller reads what
     * follows it.
     */
    int read(final JsonCursor cursor, final int pos, final LevelBuffer buffer, final int maxLevels)
    {
        final int length = this.length;
        if (length == 0)
        {
            return -1;
        }
        final int limit = cursor.limit();
        // the document's memory, read directly: every word read is within it (checked per level below)
        final DirectBuffer document = cursor.buffer();
        final byte[] array = document.byteArray();
        final long address = document.addressOffset();
        final int offset2 = this.offset2;
        final int offset3 = this.offset3;
        final int offset4 = this.offset4;
        final long text0 = this.text0;
        final long text1 = this.text1;
        final long text2 = this.text2;
        final long text3 = this.text3;
        final long text4 = this.text4;
        final long structure0 = this.structure0;
        final long structure1 = this.structure1;
        final long structure2 = this.structure2;
        final long structure3 = this.structure3;
        final long structure4 = this.structure4;
        final long digits0 = this.digits0;
        final long digits1 = this.digits1;
        final long digits2 = this.digits2;
        final long digits3 = this.digits3;
        final long digits4 = this.digits4;
        final int priceDigits = this.priceDigits;
        final int priceFraction = this.priceFraction;
        final int qtyStart = this.qtyStart;
        final int qtyDigits = this.qtyDigits;
        final int qtyFraction = this.qtyFraction;
        final long pricePower = this.pricePower;
        final long qtyPower = this.qtyPower;
        // a level of up to 32 bytes is covered by words 0 to 3 (the last ending where it ends)
        final boolean fifthWord = length > 4 * Long.BYTES;
        int at = pos;
        int end = -1;
        int read = 0;
        // a level is read only when every byte reading it touches is in the document
        final int reach = this.reach;
        while (at >= 0 && at + reach <= limit && buffer.count() < maxLevels)
        {
            final long word0 = TextShape.word(array, address, at);
            final long word1 = TextShape.word(array, address, at + Long.BYTES);
            final long word2 = TextShape.word(array, address, at + offset2);
            final long word3 = TextShape.word(array, address, at + offset3);
            long bad =
                ((word0 ^ text0) & structure0) | (nonDigits(word0) & digits0) |
                ((word1 ^ text1) & structure1) | (nonDigits(word1) & digits1) |
                ((word2 ^ text2) & structure2) | (nonDigits(word2) & digits2) |
                ((word3 ^ text3) & structure3) | (nonDigits(word3) & digits3);
            if (fifthWord)
            {
                final long word4 = TextShape.word(array, address, at + offset4);
                bad |= ((word4 ^ text4) & structure4) | (nonDigits(word4) & digits4);
            }
            if (bad != 0)
            {
                break;
            }
            final long price = decimal(TextShape.word(array, address, at + 2),
                TextShape.word(array, address, at + 3 + priceDigits), priceDigits, priceFraction, pricePower);
            if (price <= 0)
            {
                break;
            }
            final int qty = at + qtyStart;
            final long quantity = decimal(TextShape.word(array, address, qty),
                TextShape.word(array, address, qty + qtyDigits + 1), qtyDigits, qtyFraction, qtyPower);
            buffer.add(price, -priceFraction, quantity, -qtyFraction);
            read++;
            end = at + length;
            if (UnsafeApi.getByte(array, address + end) != ',')
            {
                break;
            }
            at = end + 1;
        }
        levelsRead += read;
        score = Math.min(score + read, MAX_SCORE);
        return end;
    }

    /**
     * The structure mask of the word at an offset of the level: every byte of the level outside the digit runs.
     */
    private long structure(final int offset)
    {
        final int qtyPoint = qtyStart + qtyDigits;
        final long digitBytes = run(offset, 2, 2 + priceDigits) |
            (priceFraction == 0 ? 0 : run(offset, 3 + priceDigits, 3 + priceDigits + priceFraction)) |
            run(offset, qtyStart, qtyPoint) |
            (qtyFraction == 0 ? 0 : run(offset, qtyPoint + 1, qtyPoint + 1 + qtyFraction));
        return ~digitBytes;
    }

    /**
     * The bytes of the word at {@code offset} that fall within {@code [from, to)} of the level.
     */
    private static long run(final int offset, final int from, final int to)
    {
        final int low = Math.max(from - offset, 0);
        final int high = Math.min(to - offset, Long.BYTES);
        return low >= high ? 0 : TextShape.lowBytes(high) & ~TextShape.lowBytes(low);
    }

    /**
     * A number whose digits were checked: 1 to 7 integer digits first in one word (a single one, as in most
     * quantities, without the word arithmetic), 0 to 8 fraction digits first in the other.
     */
    private static long decimal(
        final long integerWord, final long fractionWord, final int integer, final int fraction, final long power)
    {
        final long integerValue = integer == 1 ? integerWord & 0xF : JsonCursor.digitsValue(integerWord, integer);
        return fraction == 0 ? integerValue : integerValue * power + JsonCursor.digitsValue(fractionWord, fraction);
    }

    /**
     * The high bit of every byte of the word that is not an ASCII digit. No carry crosses from one byte to the
     * next, so every byte is judged on its own.
     */
    static long nonDigits(final long word)
    {
        final long low = word & LOW_SEVEN_BITS;
        return (word | (low + 0x4646464646464646L) | ~(low + 0x5050505050505050L)) & HIGH_BITS;
    }
}
