/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.feeds.json.JsonCursor;

/**
 * Reads a JSON array of book levels, {@code [["price","qty",...],...]}, into a {@link LevelBuffer}: each level an
 * array whose first two elements are the price (above zero) and the quantity (zero or more), as strings or numbers;
 * further elements (order counts, flags, times) are skipped. The commonest shape, two quoted numbers, takes a fast
 * path. Does not allocate.
 */
public final class LevelArrays
{
    /** Status for an array with more levels than one message carries (distinct from the cursor's statuses). */
    public static final int TOO_MANY_LEVELS = -100;

    private LevelArrays()
    {
    }

    /**
     * Parses an array of levels at the cursor into a buffer (cleared first).
     *
     * @param cursor    at the array.
     * @param buffer    where the levels go.
     * @param maxLevels most levels accepted.
     * @return {@link JsonCursor#OK}, a cursor error status, or {@link #TOO_MANY_LEVELS}; on error the cursor's
     * {@link JsonCursor#errorPosition()} tells where, when it knows.
     */
    public static int parse(final JsonCursor cursor, final LevelBuffer buffer, final int maxLevels)
    {
        return parse(cursor, buffer, maxLevels, false);
    }

    /**
     * As {@link #parse(JsonCursor, LevelBuffer, int)}, for venues whose levels are exactly {@code [price, qty]}: a
     * level with more elements is a {@link JsonCursor#BAD_VALUE} (where the lenient form skips the rest, as OKX's
     * four-element levels need).
     *
     * @param cursor    at the array.
     * @param buffer    where the levels go.
     * @param maxLevels most levels accepted.
     * @return as {@link #parse(JsonCursor, LevelBuffer, int)}.
     */
    public static int parsePairs(final JsonCursor cursor, final LevelBuffer buffer, final int maxLevels)
    {
        return parse(cursor, buffer, maxLevels, true);
    }

    private static int parse(
        final JsonCursor cursor, final LevelBuffer buffer, final int maxLevels, final boolean pairsOnly)
    {
        buffer.clear();
        int status = cursor.enterArray();
        if (status != JsonCursor.OK)
        {
            return status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status;
        }
        // the fast way first: levels of the commonest shape, each right after the '[' or a bare ','; runs of levels
        // with the shape learnt are read against it (LevelShape), any other level is parsed. It stops at the end of
        // the last level it took, and the general loop below carries on from there as if it had taken them
        final LevelShape shape = buffer.shape();
        boolean first = true;
        int pos = cursor.position();
        int levelEnd = -1;
        boolean missed = false;
        while (buffer.count() < maxLevels)
        {
            final boolean shaped = shape.isActive();
            int end = shaped ? shape.read(cursor, pos, buffer, maxLevels) : -1;
            if (end >= 0)
            {
                missed = false;
            }
            else
            {
                end = cursor.quotedLevelAt(pos);
                if (end < 0 || cursor.levelPriceMantissa() <= 0)
                {
                    break;
                }
                buffer.add(cursor.levelPriceMantissa(), cursor.levelPriceExponent(), cursor.mantissa(),
                    cursor.exponent());
                if (shaped)
                {
                    // a lone level of another shape (a larger quantity) leaves the shape as it was; a second in a
                    // row (or the first level ever) makes its own the shape
                    shape.missed();
                    if (missed || shape.isEmpty())
                    {
                        learn(cursor, shape, pos, end);
                    }
                    missed = true;
                }
                else
                {
                    shape.rested();
                }
            }
            levelEnd = end;
            final int separator = cursor.byteAt(end);
            if (separator == ']')
            {
                cursor.position(end + 1);
                return JsonCursor.OK;
            }
            if (separator != ',')
            {
                break;
            }
            pos = end + 1;
        }
        if (levelEnd >= 0)
        {
            first = false;
            cursor.position(levelEnd);
        }
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (buffer.count() == maxLevels)
            {
                return TOO_MANY_LEVELS;
            }
            if (cursor.tryParseQuotedLevel())
            {
                if (cursor.levelPriceMantissa() <= 0)
                {
                    return JsonCursor.BAD_VALUE;
                }
                buffer.add(cursor.levelPriceMantissa(), cursor.levelPriceExponent(), cursor.mantissa(),
                    cursor.exponent());
                continue;
            }
            status = cursor.enterArray();
            if (status != JsonCursor.OK)
            {
                return status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status;
            }
            if ((status = cursor.nextElement(true)) != JsonCursor.OK ||
                (status = cursor.parseDecimal()) != JsonCursor.OK)
            {
                return status == JsonCursor.END || status == JsonCursor.EMPTY ? JsonCursor.BAD_VALUE : status;
            }
            final long priceMantissa = cursor.mantissa();
            final int priceExponent = cursor.exponent();
            if ((status = cursor.nextElement(false)) != JsonCursor.OK ||
                (status = cursor.parseDecimal()) != JsonCursor.OK)
            {
                return status == JsonCursor.END || status == JsonCursor.EMPTY ? JsonCursor.BAD_VALUE : status;
            }
            if (priceMantissa <= 0 || cursor.mantissa() < 0)
            {
                return JsonCursor.BAD_VALUE;
            }
            buffer.add(priceMantissa, priceExponent, cursor.mantissa(), cursor.exponent());
            while ((status = cursor.nextElement(false)) == JsonCursor.OK)
            {
                if (pairsOnly)
                {
                    return JsonCursor.BAD_VALUE;
                }
                if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return status;
                }
            }
            if (status != JsonCursor.END)
            {
                return status;
            }
        }
        if (status != JsonCursor.END)
        {
            return status;
        }
        return JsonCursor.OK;
    }

    /**
     * Learns the shape of the level {@link JsonCursor#quotedLevelAt(int)} just took, {@code ["price","qty"]}: the
     * digits of each number from its text length and exponent.
     */
    private static void learn(final JsonCursor cursor, final LevelShape shape, final int pos, final int end)
    {
        final int priceFraction = -cursor.levelPriceExponent();
        final int qtyFraction = -cursor.exponent();
        final int qtyStart = cursor.levelQtyStart();
        final int priceLength = qtyStart - 3 - (pos + 2);
        final int qtyLength = end - 2 - qtyStart;
        shape.learn(cursor, pos, end, priceLength - (priceFraction == 0 ? 0 : priceFraction + 1), priceFraction,
            qtyStart, qtyLength - (qtyFraction == 0 ? 0 : qtyFraction + 1), qtyFraction);
    }
}
