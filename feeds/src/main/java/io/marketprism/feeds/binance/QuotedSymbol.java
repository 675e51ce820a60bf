/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.engine.MarketEvent;
import io.marketprism.feeds.SymbolBytes;
import io.marketprism.feeds.json.JsonCursor;

/**
 * The symbol member's value as the fast paths take it: a quoted string of 1 to {@link MarketEvent#MAX_SYMBOL_LENGTH}
 * symbol bytes ({@link SymbolBytes}), checked while scanning for the closing quote; anything else is for the general
 * path. Single-threaded; does not allocate.
 */
final class QuotedSymbol
{
    private int offset;
    private int length;

    /**
     * @param cursor a cursor wrapped around the frame.
     * @param pos    where the opening quote should be.
     * @return the position after the closing quote, or -1 when the value is not such a symbol.
     */
    int read(final JsonCursor cursor, final int pos)
    {
        if (cursor.byteAt(pos) != '"')
        {
            return -1;
        }
        final int first = pos + 1;
        final int end = first + MarketEvent.MAX_SYMBOL_LENGTH;
        int i = first;
        int b;
        while (i <= end && (b = cursor.byteAt(i)) != '"')
        {
            if (!SymbolBytes.isSymbolByte((byte)b))
            {
                return -1;
            }
            i++;
        }
        if (i == first || i > end)
        {
            return -1;
        }
        offset = first;
        length = i - first;
        return i + 1;
    }

    /**
     * Sets the symbol to one known to be valid, read from a frame of a known shape.
     *
     * @param offset its first byte in the frame's buffer.
     * @param length its length.
     */
    void set(final int offset, final int length)
    {
        this.offset = offset;
        this.length = length;
    }

    /**
     * @return offset of the last symbol read in the frame's buffer.
     */
    int offset()
    {
        return offset;
    }

    /**
     * @return its length.
     */
    int length()
    {
        return length;
    }
}
