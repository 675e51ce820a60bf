/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.TextShape;
import io.marketprism.feeds.json.JsonCursor;

/**
 * The shape of a {@code depthUpdate} frame {@link BinanceDecoder} decoded before, for reading the next one of the
 * same shape without parsing its head: a symbol's depth updates differ in their levels and in the digits of their
 * times and update ids, nothing else.
 * <pre>
 *   {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255208,"s":"BTCUSDT","U":50093239189,
 *    "u":50093239202,"b":[...],"a":[...]}}
 *   |&lt;------------------------------------- head ------------------------------------&gt;|  b   ,"a":  a   tail
 * </pre>
 * The head is everything before the bids' {@code [} ({@link TextShape}: byte for byte but the digits of E, T, U, u
 * and pu); the bids and the asks are then parsed as the general path parses them ({@code LevelArrays}, with their own
 * level shapes); between them must be exactly {@code ,"a":} and after the asks exactly the closing braces that end
 * the frame. Such a frame is one the general path decodes to the same book update: the same members in the same
 * order, the same strings, numbers of the same lengths, the same level arrays. Single-threaded; does not allocate.
 */
final class BinanceDepthShape
{
    /** {@code ,"a":} in the low five bytes, as {@link JsonCursor#wordAt(int)} reads it. */
    private static final long ASKS_MEMBER = JsonCursor.pack(",\"a\":");
    private static final long FIVE_BYTES = 0xFF_FFFF_FFFFL;
    private static final int MAX_ID_DIGITS = 15;
    private static final long MAX_MS = Long.MAX_VALUE / 1_000_000L;

    private final TextShape head = new TextShape();
    private int bidsOffset;
    private int tailLength;
    private int symbolOffset;
    private int symbolLength;
    private int eventTime = -1;
    private int transactionTime = -1;
    private int firstId = -1;
    private int lastId = -1;
    private int previousId = -1;

    /**
     * Starts learning a frame's shape, forgetting the one before.
     *
     * @param cursor     wrapped around the frame.
     * @param start      the frame's first byte.
     * @param length     its bytes.
     * @param bids       where the bids' {@code [} is.
     * @param bidsEnd    the position after their {@code ]}.
     * @param asks       where the asks' {@code [} is.
     * @param asksEnd    the position after their {@code ]}.
     * @param symbol     where the symbol's first byte is.
     * @param symbolSize its length.
     * @return true when the frame has the layout above (the caller then marks its numbers); false leaves no shape.
     */
    boolean learn(
        final JsonCursor cursor,
        final int start,
        final int length,
        final int bids,
        final int bidsEnd,
        final int asks,
        final int asksEnd,
        final int symbol,
        final int symbolSize)
    {
        head.forget();
        eventTime = -1;
        transactionTime = -1;
        firstId = -1;
        lastId = -1;
        previousId = -1;
        final int end = start + length;
        final int tail = end - asksEnd;
        if (bids <= start || cursor.byteAt(bids) != '[' || asks - bidsEnd != 5 ||
            (cursor.wordAt(bidsEnd) & FIVE_BYTES) != ASKS_MEMBER || tail < 1 || tail > 2 ||
            cursor.byteAt(asksEnd) != '}' || cursor.byteAt(end - 1) != '}' || symbol <= start ||
            symbol + symbolSize > bids || !head.learn(cursor, start, bids - start))
        {
            head.forget();
            return false;
        }
        bidsOffset = bids - start;
        tailLength = tail;
        symbolOffset = symbol - start;
        symbolLength = symbolSize;
        return true;
    }

    /**
     * Marks a number of the head being learnt: digits only, 1 to 15 of them.
     *
     * @param cursor wrapped around the frame.
     * @param start  the frame's first byte.
     * @param at     where the number's first digit is.
     * @param end    the position after its last.
     * @return its index, or -1 (not such a number), which leaves no shape.
     */
    int number(final JsonCursor cursor, final int start, final int at, final int end)
    {
        final int digits = end - at;
        boolean plain = !head.isEmpty() && digits >= 1 && digits <= MAX_ID_DIGITS && at > start &&
            end <= start + bidsOffset;
        for (int i = at; plain && i < end; i++)
        {
            final int c = cursor.byteAt(i);
            plain = c >= '0' && c <= '9';
        }
        final int index = plain ? head.number(at - start, digits, 0) : -1;
        if (index < 0)
        {
            head.forget();
        }
        return index;
    }

    /**
     * Sets which numbers of the head are which, once marked.
     *
     * @param eventTime       index of E, or -1.
     * @param transactionTime index of T, or -1.
     * @param firstId         index of U.
     * @param lastId          index of u.
     * @param previousId      index of pu, or -1.
     */
    void numbers(
        final int eventTime, final int transactionTime, final int firstId, final int lastId, final int previousId)
    {
        this.eventTime = eventTime;
        this.transactionTime = transactionTime;
        this.firstId = firstId;
        this.lastId = lastId;
        this.previousId = previousId;
        if (firstId < 0 || lastId < 0)
        {
            head.forget();
        }
    }

    /**
     * @param cursor wrapped around the frame.
     * @param start  the frame's first byte.
     * @param length its bytes.
     * @return true when the frame's head has the shape learnt.
     */
    boolean matches(final JsonCursor cursor, final int start, final int length)
    {
        return !head.isEmpty() && length > bidsOffset && head.matchesStart(cursor, start, length);
    }

    /**
     * @param start the frame's first byte.
     * @return where its bids' {@code [} is.
     */
    int bids(final int start)
    {
        return start + bidsOffset;
    }

    /**
     * @param cursor wrapped around the frame.
     * @param pos    the position after the bids' {@code ]}.
     * @return the position of the asks' {@code [} when {@code ,"a":} is there, else -1.
     */
    int asks(final JsonCursor cursor, final int pos)
    {
        return (cursor.wordAt(pos) & FIVE_BYTES) == ASKS_MEMBER ? pos + 5 : -1;
    }

    /**
     * @param cursor wrapped around the frame.
     * @param pos    the position after the asks' {@code ]}.
     * @param end    the frame's end.
     * @return true when the closing braces learnt, and nothing else, follow.
     */
    boolean endsAt(final JsonCursor cursor, final int pos, final int end)
    {
        return pos + tailLength == end && cursor.byteAt(pos) == '}' && cursor.byteAt(end - 1) == '}';
    }

    /**
     * @param cursor wrapped around the frame.
     * @param start  the frame's first byte.
     * @return T when the frame has it, else E, else 0, in ms; -1 past what nanoseconds hold.
     */
    long exchangeMs(final JsonCursor cursor, final int start)
    {
        final int time = transactionTime >= 0 ? transactionTime : eventTime;
        if (time < 0)
        {
            return 0;
        }
        final long ms = head.mantissa(cursor, start, time);
        return ms > MAX_MS ? -1 : ms;
    }

    /**
     * @param cursor wrapped around the frame.
     * @param start  the frame's first byte.
     * @return U.
     */
    long firstId(final JsonCursor cursor, final int start)
    {
        return head.mantissa(cursor, start, firstId);
    }

    /**
     * @param cursor wrapped around the frame.
     * @param start  the frame's first byte.
     * @return u.
     */
    long lastId(final JsonCursor cursor, final int start)
    {
        return head.mantissa(cursor, start, lastId);
    }

    /**
     * @return true when the frames of this shape have pu (futures).
     */
    boolean hasPreviousId()
    {
        return previousId >= 0;
    }

    /**
     * @param cursor wrapped around the frame.
     * @param start  the frame's first byte.
     * @return pu.
     */
    long previousId(final JsonCursor cursor, final int start)
    {
        return head.mantissa(cursor, start, previousId);
    }

    /**
     * @param start the frame's first byte.
     * @return where its symbol's first byte is.
     */
    int symbolOffset(final int start)
    {
        return start + symbolOffset;
    }

    /**
     * @return the symbol's length.
     */
    int symbolLength()
    {
        return symbolLength;
    }
}
