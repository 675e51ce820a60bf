/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.MessageWriter;
import io.marketprism.feeds.json.JsonCursor;

/**
 * Reads a Binance {@code bookTicker} event in the shapes Binance sends it, in one pass with no bookkeeping per
 * field, or answers that it cannot: then nothing is known and the caller decodes the frame the general way. It is the
 * commonest frame of a Binance feed (about two in three of the recordings'). As with {@link BinanceTradeFastPath},
 * correctness never depends on this class taking a frame: it takes one only when every member is in the exact form
 * below, which the general decoder reads to the same values, and gives up at the first surprise.
 * <pre>
 *   {"stream":"btcusdt@bookTicker","data":{"u":50093239212,"s":"BTCUSDT","b":"61837.63","B":"3.788",...}}
 *   {"e":"bookTicker","u":2710246762461,"s":"BTCUSDT","b":"28145.10","B":"3.868",...,"T":1680652700430,"E":...}
 *    ^ the combined-stream head ({@link JsonCursor#tryEnterStreamData()}) or the bare event's brace, at the
 *      frame's first byte; then members "k":value separated by commas, in any order, each key at most once:
 *      e            exactly "bookTicker" (futures; spot sends none)
 *      u            the book update id, 1 to 15 unquoted digits
 *      E T          event and transaction time (futures), 1 to 15 unquoted digits
 *      s            the symbol: 1 to 32 symbol bytes, quoted, no escape
 *      b a          best bid and ask price: quoted unsigned decimals of at most 18 digits, no exponent, above zero
 *      B A          their quantities, in the same form
 *      ps           the pair (COIN-M): a string with no escape
 *   then } (and } again for the envelope) ending the frame exactly; u, s, b, B, a and A are required.
 * </pre>
 * A surprise is anything else: another key, a key twice, whitespace anywhere, a value of another shape, a time past
 * what nanoseconds hold, anything after the end. The general path then finds the same message, or the failure with
 * its reason and position. Single-threaded; does not allocate.
 */
final class BinanceBookTickerFastPath
{
    /** {@code "bookTic} as {@link JsonCursor#wordAt(int)} reads it: the start of the only {@code e} value taken. */
    private static final long BOOK_TICKER_HEAD = JsonCursor.pack("\"bookTic");
    /** {@code ker"} after {@link #BOOK_TICKER_HEAD}, in the low four bytes. */
    private static final long BOOK_TICKER_TAIL = JsonCursor.pack("ker\"");
    private static final int BOOK_TICKER_LENGTH = 12;

    private static final int SEEN_EVENT_TYPE = 1;
    private static final int SEEN_UPDATE_ID = 1 << 1;
    private static final int SEEN_EVENT_TIME = 1 << 2;
    private static final int SEEN_TRANSACTION_TIME = 1 << 3;
    private static final int SEEN_SYMBOL = 1 << 4;
    private static final int SEEN_BID = 1 << 5;
    private static final int SEEN_BID_QTY = 1 << 6;
    private static final int SEEN_ASK = 1 << 7;
    private static final int SEEN_ASK_QTY = 1 << 8;
    private static final int SEEN_PAIR = 1 << 9;
    private static final int REQUIRED =
        SEEN_UPDATE_ID | SEEN_SYMBOL | SEEN_BID | SEEN_BID_QTY | SEEN_ASK | SEEN_ASK_QTY;
    /** Marks a two-byte key, so that none (a NUL first byte included) can be taken for a one-byte one. */
    private static final int TWO_BYTE_KEY = 1 << 16;
    private static final int PAIR_KEY = TWO_BYTE_KEY | 'p' << 8 | 's';

    private static final long NS_PER_MS = 1_000_000L;
    private static final long MAX_MS = Long.MAX_VALUE / NS_PER_MS;
    private static final long NULL_TIME = MessageWriter.NULL_VALUE;

    private final QuotedSymbol symbol = new QuotedSymbol();
    private long updateId;
    private long exchTsNs;
    private long bidPriceMantissa;
    private int bidPriceExponent;
    private long bidQtyMantissa;
    private int bidQtyExponent;
    private long askPriceMantissa;
    private int askPriceExponent;
    private long askQtyMantissa;
    private int askQtyExponent;

    /**
     * Reads the event whose first member is at {@code body}.
     *
     * @param cursor   a cursor with fast paths, wrapped around the frame; its position is not used and is left as it
     *                 was.
     * @param body     the position after the event's opening brace: the frame's second byte, or where
     *                 {@link JsonCursor#tryEnterStreamData()} left the cursor.
     * @param envelope true when the event is the {@code data} of a combined-stream envelope, whose closing brace
     *                 must then end the frame.
     * @return true when the whole frame is a bookTicker in the shape above; its values are then in the accessors.
     * False when it is not: nothing is known.
     */
    boolean read(final JsonCursor cursor, final int body, final boolean envelope)
    {
        int pos = body;

        int seen = 0;
        long eventTimeMs = 0;
        long transactionTimeMs = 0;
        while (true)
        {
            // "k": or "kk":
            final long head = cursor.wordAt(pos);
            if ((head & 0xFF) != '"')
            {
                return false;
            }
            final int key;
            final int value;
            if ((head >>> 16 & 0xFFFF) == ('"' | ':' << 8))
            {
                key = (int)(head >>> 8) & 0xFF;
                value = pos + 4;
            }
            else if ((head >>> 24 & 0xFFFF) == ('"' | ':' << 8))
            {
                key = TWO_BYTE_KEY | (int)(head >>> 8 & 0xFF) << 8 | (int)(head >>> 16 & 0xFF);
                value = pos + 5;
            }
            else
            {
                return false;
            }

            final int bit;
            switch (key)
            {
                case 'e':
                    bit = SEEN_EVENT_TYPE;
                    pos = cursor.wordAt(value) == BOOK_TICKER_HEAD &&
                        (cursor.wordAt(value + 4) >>> 32) == BOOK_TICKER_TAIL ? value + BOOK_TICKER_LENGTH : -1;
                    break;
                case 'u':
                    bit = SEEN_UPDATE_ID;
                    pos = cursor.plainLongAt(value);
                    updateId = cursor.longValue();
                    break;
                case 'E':
                    bit = SEEN_EVENT_TIME;
                    pos = cursor.plainLongAt(value);
                    eventTimeMs = cursor.longValue();
                    break;
                case 'T':
                    bit = SEEN_TRANSACTION_TIME;
                    pos = cursor.plainLongAt(value);
                    transactionTimeMs = cursor.longValue();
                    break;
                case 's':
                    bit = SEEN_SYMBOL;
                    pos = symbol.read(cursor, value);
                    break;
                case 'b':
                    bit = SEEN_BID;
                    pos = cursor.quotedDecimalAt(value);
                    bidPriceMantissa = cursor.mantissa();
                    bidPriceExponent = cursor.exponent();
                    break;
                case 'B':
                    bit = SEEN_BID_QTY;
                    pos = cursor.quotedDecimalAt(value);
                    bidQtyMantissa = cursor.mantissa();
                    bidQtyExponent = cursor.exponent();
                    break;
                case 'a':
                    bit = SEEN_ASK;
                    pos = cursor.quotedDecimalAt(value);
                    askPriceMantissa = cursor.mantissa();
                    askPriceExponent = cursor.exponent();
                    break;
                case 'A':
                    bit = SEEN_ASK_QTY;
                    pos = cursor.quotedDecimalAt(value);
                    askQtyMantissa = cursor.mantissa();
                    askQtyExponent = cursor.exponent();
                    break;
                case PAIR_KEY:
                    bit = SEEN_PAIR;
                    pos = cursor.plainStringAt(value);
                    break;
                default:
                    return false;
            }
            if (pos < 0 || (seen & bit) != 0)
            {
                return false;
            }
            seen |= bit;
            if (cursor.byteAt(pos) != ',')
            {
                break;
            }
            pos++;
        }
        return end(cursor, pos, envelope) && (seen & REQUIRED) == REQUIRED &&
            bidPriceMantissa > 0 && askPriceMantissa > 0 &&
            exchangeTime((seen & SEEN_TRANSACTION_TIME) != 0 ? transactionTimeMs :
                (seen & SEEN_EVENT_TIME) != 0 ? eventTimeMs : 0);
    }

    /**
     * @return the book update id {@code u}.
     */
    long updateId()
    {
        return updateId;
    }

    /**
     * @return the transaction time {@code T} (else the event time {@code E}) in ns, or the null value.
     */
    long exchTsNs()
    {
        return exchTsNs;
    }

    /**
     * @return the best bid price's mantissa, positive.
     */
    long bidPriceMantissa()
    {
        return bidPriceMantissa;
    }

    /**
     * @return the best bid price's exponent.
     */
    int bidPriceExponent()
    {
        return bidPriceExponent;
    }

    /**
     * @return the best bid quantity's mantissa, zero or more.
     */
    long bidQtyMantissa()
    {
        return bidQtyMantissa;
    }

    /**
     * @return the best bid quantity's exponent.
     */
    int bidQtyExponent()
    {
        return bidQtyExponent;
    }

    /**
     * @return the best ask price's mantissa, positive.
     */
    long askPriceMantissa()
    {
        return askPriceMantissa;
    }

    /**
     * @return the best ask price's exponent.
     */
    int askPriceExponent()
    {
        return askPriceExponent;
    }

    /**
     * @return the best ask quantity's mantissa, zero or more.
     */
    long askQtyMantissa()
    {
        return askQtyMantissa;
    }

    /**
     * @return the best ask quantity's exponent.
     */
    int askQtyExponent()
    {
        return askQtyExponent;
    }

    /**
     * @return offset of the symbol's first byte in the frame's buffer.
     */
    int symbolOffset()
    {
        return symbol.offset();
    }

    /**
     * @return the symbol's length.
     */
    int symbolLength()
    {
        return symbol.length();
    }

    /**
     * The object's closing brace at the position, the envelope's after it, and nothing else.
     */
    private static boolean end(final JsonCursor cursor, final int pos, final boolean envelope)
    {
        if (cursor.byteAt(pos) != '}')
        {
            return false;
        }
        final int after = pos + 1;
        if (envelope)
        {
            return cursor.byteAt(after) == '}' && after + 1 == cursor.limit();
        }
        return after == cursor.limit();
    }

    /**
     * Sets the exchange time from milliseconds, 0 being none, as the general path reads them.
     *
     * @return false when the time is past what nanoseconds hold.
     */
    private boolean exchangeTime(final long ms)
    {
        if (ms > MAX_MS)
        {
            return false;
        }
        exchTsNs = ms == 0 ? NULL_TIME : ms * NS_PER_MS;
        return true;
    }
}
