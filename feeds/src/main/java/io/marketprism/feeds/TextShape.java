/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.feeds.json.JsonCursor;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * The shape of a whole frame a decoder's fast path has just accepted, for taking the next frame of the same shape
 * without parsing it: the frame byte for byte, except the digits of its numbers, which may differ but not in count.
 * A venue's frames of one stream come in few shapes: a symbol's Binance trades differ from one another in their
 * digits and in {@code "m":true} against {@code false}. A parse must find where each value ends before it can read
 * the next, so every value waits on the one before; against a shape every word is compared and every number read
 * at an offset known in advance, and none waits on another (the same idea as {@link LevelShape}, for a frame of up to
 * {@link #MAX_LENGTH} bytes, held in arrays).
 * <p>
 * The fast path learns a shape from a frame it accepted ({@link #learn}, then {@link #number} for each number it
 * reads there and {@link #digits} for each it only checks). {@link #matches} then takes a frame of the same length
 * that equals the learnt one in every byte outside those runs and has a digit at every byte of them: a frame the
 * fast path would accept in the same way, members in the same order with the same strings and literals and numbers
 * of the same lengths, so the values {@link #mantissa} gives are the ones it would read. Checks the fast path makes
 * on values (a price above zero, a time in range) it makes on these too.
 * <p>
 * Single-threaded; does not allocate.
 */
public final class TextShape
{
    /** Shortest frame with a shape: its last word is read ending at its end. */
    public static final int MIN_LENGTH = Long.BYTES;
    /** Longest frame with a shape. */
    public static final int MAX_LENGTH = 256;
    /** Most numbers read. */
    public static final int MAX_NUMBERS = 8;

    private static final int MAX_WORDS = MAX_LENGTH / Long.BYTES;
    private static final int MAX_DIGITS = 15;
    private static final int MAX_FRACTION_DIGITS = 8;
    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L };

    // per word (8 bytes apart, the last ending where the text ends): the learnt bytes (a run's digits as '0'), which
    // bits must not differ (all of a byte outside the runs, the high four of a digit), and 6 for each digit
    private final int[] offsets = new int[MAX_WORDS];
    private final long[] text = new long[MAX_WORDS];
    private final long[] fixed = new long[MAX_WORDS];
    private final long[] sixes = new long[MAX_WORDS];
    // per number, how it is read: one object each, so that a fast path holding one reads it with no array access
    private final Reader[] readers = new Reader[MAX_NUMBERS];
    private int length;
    private int words;
    private int numbers;

    /**
     * An empty shape.
     */
    public TextShape()
    {
        for (int i = 0; i < MAX_NUMBERS; i++)
        {
            readers[i] = new Reader();
        }
    }

    /**
     * Starts learning the shape of a frame, forgetting the one before: every byte is part of the shape until
     * {@link #number} or {@link #digits} marks digits.
     *
     * @param cursor wrapped around the frame.
     * @param start  the frame's first byte.
     * @param length its bytes.
     * @return true when the frame can have a shape; false (too short or too long) leaves none.
     */
    public boolean learn(final JsonCursor cursor, final int start, final int length)
    {
        this.length = 0;
        numbers = 0;
        if (length < MIN_LENGTH || length > MAX_LENGTH || start < 0 || start + length > cursor.limit())
        {
            return false;
        }
        final DirectBuffer frame = cursor.buffer();
        final int words = (length + Long.BYTES - 1) / Long.BYTES;
        for (int i = 0; i < words; i++)
        {
            final int offset = Math.min(i * Long.BYTES, length - Long.BYTES);
            offsets[i] = offset;
            text[i] = word(frame.byteArray(), frame.addressOffset(), start + offset);
            fixed[i] = -1L;
            sixes[i] = 0;
        }
        this.words = words;
        this.length = length;
        return true;
    }

    /**
     * Marks a number the fast path read in the frame being learnt, as {@code digits[.digits]} at exactly this place.
     *
     * @param offset   of its first digit from the frame's start.
     * @param integer  digits before the point, 1 to 15.
     * @param fraction digits after it, 0 (no point) to 8; with a point, at most 8 before it.
     * @return its index for {@link #mantissa}, or -1 (one too many, or out of those bounds), which leaves no shape.
     */
    public int number(final int offset, final int integer, final int fraction)
    {
        final int end = offset + integer + (fraction == 0 ? 0 : 1 + fraction);
        if (length == 0 || numbers == MAX_NUMBERS || offset < 0 || integer < 1 || integer > MAX_DIGITS ||
            fraction < 0 || fraction > MAX_FRACTION_DIGITS || (fraction > 0 && integer > Long.BYTES) ||
            end > length)
        {
            length = 0;
            return -1;
        }
        markDigits(offset, offset + integer);
        final Reader reader = readers[numbers];
        if (fraction > 0)
        {
            markDigits(offset + integer + 1, end);
            reader.runs(offset, integer, offset + integer + 1, fraction, length);
        }
        else if (integer > Long.BYTES)
        {
            reader.runs(offset, integer - Long.BYTES, offset + integer - Long.BYTES, Long.BYTES, length);
        }
        else
        {
            reader.runs(offset, integer, offset, 0, length);
        }
        reader.exponent = -fraction;
        return numbers++;
    }

    /**
     * Marks digits the fast path checked but does not read (an id it skips).
     *
     * @param offset of the first from the frame's start.
     * @param count  how many.
     * @return true; false (outside the frame) leaves no shape.
     */
    public boolean digits(final int offset, final int count)
    {
        if (length == 0 || offset < 0 || count < 1 || offset + count > length)
        {
            length = 0;
            return false;
        }
        markDigits(offset, offset + count);
        return true;
    }

    /**
     * Forgets the shape learnt.
     */
    public void forget()
    {
        length = 0;
        numbers = 0;
    }

    /**
     * @return true when no shape is learnt.
     */
    public boolean isEmpty()
    {
        return length == 0;
    }

    /**
     * @param cursor wrapped around the document.
     * @param start  the frame's first byte.
     * @param length its bytes.
     * @return true when the frame has this shape; its numbers are then read by {@link #mantissa}.
     */
    public boolean matches(final JsonCursor cursor, final int start, final int length)
    {
        return length == this.length && matchesStart(cursor, start, length);
    }

    /**
     * @param cursor    wrapped around the document.
     * @param start     where a text of this shape may start.
     * @param available bytes from there that the text may take (the rest of its frame).
     * @return true when the text learnt, in this shape, starts there: its length is the learnt one, whatever
     * follows; its numbers are then read by {@link #mantissa}.
     */
    public boolean matchesStart(final JsonCursor cursor, final int start, final int available)
    {
        final int length = this.length;
        if (length == 0 || available < length || start < 0 || start + length > cursor.limit())
        {
            return false;
        }
        final DirectBuffer frame = cursor.buffer();
        final byte[] array = frame.byteArray();
        final long address = frame.addressOffset() + start;
        final long[] text = this.text;
        final long[] fixed = this.fixed;
        final long[] sixes = this.sixes;
        final int last = words - 1;
        long bad = 0;
        for (int i = 0; i < last; i++)
        {
            bad |= mismatch(word(array, address, i << 3), text[i], sixes[i], fixed[i]);
        }
        // the last word ends where the text does
        bad |= mismatch(word(array, address, length - Long.BYTES), text[last], sixes[last], fixed[last]);
        return bad == 0;
    }

    /**
     * Reads a number of a frame that {@link #matches}.
     *
     * @param cursor wrapped around the document.
     * @param start  the frame's first byte, as matched.
     * @param number its index from {@link #number}.
     * @return its digits as an integer without the point: the mantissa, whose exponent is {@link #exponent(int)}.
     */
    public long mantissa(final JsonCursor cursor, final int start, final int number)
    {
        final DirectBuffer frame = cursor.buffer();
        return readers[number].mantissa(frame.byteArray(), frame.addressOffset() + start);
    }

    /**
     * @param number index of a number.
     * @return its exponent: minus the digits after its point.
     */
    public int exponent(final int number)
    {
        return readers[number].exponent;
    }

    /**
     * @param number index of a number, from {@link #number}.
     * @return what reads it: the same object for the index whatever shape is learnt, so that a fast path may keep it.
     */
    public Reader reader(final int number)
    {
        return readers[number];
    }

    /**
     * The bits of a word that break the shape. Outside the runs {@code fixed} has every bit of a byte and adding
     * nothing leaves the difference from the learnt byte as it is: any difference breaks it. In a run the learnt byte
     * is '0' and {@code fixed} has the high four bits: a difference there is a byte outside 0x30 to 0x3F; else the
     * difference is the low four, at most 15, and adding 6 reaches the high four exactly when they are above 9. A sum
     * that carries out of a byte had a high four already in the difference, so that byte breaks the shape anyway.
     */
    private static long mismatch(final long word, final long text, final long sixes, final long fixed)
    {
        final long difference = word ^ text;
        return (difference | (difference + sixes)) & fixed;
    }

    private void markDigits(final int from, final int to)
    {
        for (int i = 0; i < words; i++)
        {
            final int low = Math.max(from - offsets[i], 0);
            final int high = Math.min(to - offsets[i], Long.BYTES);
            if (low < high)
            {
                final long bytes = lowBytes(high) & ~lowBytes(low);
                fixed[i] &= ~bytes | 0xF0F0F0F0F0F0F0F0L;
                sixes[i] |= bytes & 0x0606060606060606L;
                // the learnt digit's own low four bits must not count: compare with '0'
                text[i] = (text[i] & ~bytes) | (bytes & 0x3030303030303030L);
            }
        }
    }

    /**
     * @return a word with its lowest {@code count} bytes (0 to 8) set.
     */
    static long lowBytes(final int count)
    {
        return count >= Long.BYTES ? -1L : (1L << (count << 3)) - 1;
    }

    /**
     * 8 bytes, the first lowest, without a bounds check: the caller keeps within the document.
     */
    static long word(final byte[] array, final long address, final int pos)
    {
        final long word = UnsafeApi.getLong(array, address + pos);
        return NATIVE_LITTLE_ENDIAN ? word : Long.reverseBytes(word);
    }

    /**
     * Reads one number of a text that {@link #matches}: two runs of up to 8 digits, each read as one word, from where,
     * shifted left by how much and masked by what, so that the run's digits are the word's highest bytes and the rest
     * zeros; the number is the first run's value times a power of ten plus the second's (a number of one run has an
     * empty second: mask 0). Its fields are set as the shape is learnt.
     */
    public static final class Reader
    {
        private int firstAt;
        private int firstShift;
        private long firstMask;
        private int secondAt;
        private int secondShift;
        private long secondMask;
        private long scale;
        private int exponent;

        private Reader()
        {
        }

        /**
         * @param array   the text's array, as {@link DirectBuffer#byteArray()} gives it (null off heap).
         * @param address the text's first byte: {@link DirectBuffer#addressOffset()} plus its offset.
         * @return the number's digits as an integer without the point: the mantissa, whose exponent is
         * {@link #exponent()}.
         */
        public long mantissa(final byte[] array, final long address)
        {
            final long first = (word(array, address, firstAt) << firstShift) & firstMask;
            final long second = (word(array, address, secondAt) << secondShift) & secondMask;
            return JsonCursor.eightDigitsValue(first) * scale + JsonCursor.eightDigitsValue(second);
        }

        /**
         * @return minus the digits after the number's point.
         */
        public int exponent()
        {
            return exponent;
        }

        /**
         * Sets the two runs: the second of {@code secondCount} digits (0 for none), the first of {@code firstCount}.
         */
        void runs(
            final int firstFrom, final int firstCount, final int secondFrom, final int secondCount, final int length)
        {
            firstAt = runAt(firstFrom, firstCount, length);
            firstShift = runShift(firstFrom, firstCount, length);
            firstMask = runMask(firstFrom, firstCount, length);
            // an empty second run reads the first run's word again, which lies within the text, and masks it all off
            secondAt = secondCount == 0 ? firstAt : runAt(secondFrom, secondCount, length);
            secondShift = secondCount == 0 ? 0 : runShift(secondFrom, secondCount, length);
            secondMask = secondCount == 0 ? 0 : runMask(secondFrom, secondCount, length);
            scale = POWERS_OF_TEN[secondCount];
        }

        // a run of 1 to 8 digits is read from the word at its first digit, shifted so that the digits are its highest
        // bytes, when that word lies within the text; else from the word ending at its last digit, the bytes below
        // the digits masked off

        private static int runAt(final int at, final int count, final int length)
        {
            return at + Long.BYTES <= length ? at : at + count - Long.BYTES;
        }

        private static int runShift(final int at, final int count, final int length)
        {
            return at + Long.BYTES <= length ? (Long.BYTES - count) << 3 : 0;
        }

        private static long runMask(final int at, final int count, final int length)
        {
            return at + Long.BYTES <= length ? -1L : -1L << ((Long.BYTES - count) << 3);
        }
    }
}
