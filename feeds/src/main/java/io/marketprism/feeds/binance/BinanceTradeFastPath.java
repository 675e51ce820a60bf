/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.feeds.TextShape;
import io.marketprism.feeds.json.JsonCursor;
import org.agrona.DirectBuffer;

/**
 * Reads a Binance {@code trade} or {@code aggTrade} event in the shape Binance sends it, in one pass with no
 * bookkeeping per field, or answers that it cannot: then nothing is known and the caller decodes the frame the
 * general way. Correctness never depends on this class taking a frame: it takes one only when every member is in
 * the exact form below, which the general decoder reads to the same values, and gives up at the first surprise.
 * <pre>
 *   {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,...}}
 *   {"e":"aggTrade","E":1626992741575,"a":16599292,"s":"CTKUSDT","p":"1.01100","q":"10","f":1,"l":1,...}
 *    ^ the combined-stream head ({@link JsonCursor#tryEnterStreamData()}) or the bare event's brace, at the
 *      frame's first byte; then "e" first, "trade" or "aggTrade"; then members ,"k":value in any order, each key
 *      one character and at most once:
 *      E T          event and trade time, 1 to 15 unquoted digits
 *      t (trade) a (aggTrade)   the trade id, 1 to 15 unquoted digits
 *      s            the symbol: 1 to 32 symbol bytes, quoted, no escape
 *      p q          price and quantity: quoted unsigned decimals of at most 18 digits, no exponent
 *      m M          true or false
 *      X            a string with no escape (futures: "MARKET")
 *      f l (aggTrade)           first and last trade id, 1 to 15 unquoted digits
 *      b a (trade)  buyer and seller order id (spot until late 2023), 1 to 15 unquoted digits
 *   then } (and } again for the envelope) ending the frame exactly.
 * </pre>
 * A surprise is anything else: another key, a key twice, whitespace anywhere, a value of another shape, a missing
 * id, symbol, price, quantity or side, a price that is not positive, a time past what nanoseconds hold, anything
 * after the end. The general path then finds the same message, or the failure with its reason and position.
 * Single-threaded; does not allocate.
 */
final class BinanceTradeFastPath
{
    /** {@code "e":"tra} as {@link JsonCursor#wordAt(int)} reads it. */
    private static final long TRADE_HEAD = JsonCursor.pack("\"e\":\"tra");
    /** {@code de"} after {@link #TRADE_HEAD}, in the low three bytes. */
    private static final long TRADE_TAIL = JsonCursor.pack("de\"");
    /** {@code "e":"agg} as {@link JsonCursor#wordAt(int)} reads it. */
    private static final long AGG_TRADE_HEAD = JsonCursor.pack("\"e\":\"agg");
    /** {@code Trade"} after {@link #AGG_TRADE_HEAD}, in the low six bytes. */
    private static final long AGG_TRADE_TAIL = JsonCursor.pack("Trade\"");
    /** {@code ,"k":} with the key byte zero, as {@link JsonCursor#wordAt(int)} reads it. */
    private static final long MEMBER = ',' | '"' << 8 | (long)'"' << 24 | (long)':' << 32;
    private static final long MEMBER_MASK = 0xFFFF00FFFFL;

    private static final int SEEN_EVENT_TIME = 1;
    private static final int SEEN_TRADE_TIME = 1 << 1;
    private static final int SEEN_ID = 1 << 2;
    private static final int SEEN_SYMBOL = 1 << 3;
    private static final int SEEN_PRICE = 1 << 4;
    private static final int SEEN_QTY = 1 << 5;
    private static final int SEEN_MAKER = 1 << 6;
    private static final int SEEN_IGNORE = 1 << 7;
    private static final int SEEN_STATUS = 1 << 8;
    private static final int SEEN_FIRST_ID = 1 << 9;
    private static final int SEEN_LAST_ID = 1 << 10;
    private static final int SEEN_BUYER_ORDER = 1 << 11;
    private static final int SEEN_SELLER_ORDER = 1 << 12;
    private static final int REQUIRED = SEEN_ID | SEEN_SYMBOL | SEEN_PRICE | SEEN_QTY | SEEN_MAKER;

    private static final int ID = 0;
    private static final int PRICE = 1;
    private static final int QTY = 2;
    /** Shapes learnt without a frame taken against one in between before learning slows to one in 64 frames. */
    private static final int LEARN_BUDGET = 4;
    private static final int SLOW_LEARNING_MASK = 63;

    private static final long NS_PER_MS = 1_000_000L;
    private static final long MAX_MS = Long.MAX_VALUE / NS_PER_MS;
    private static final long NULL_TIME = io.marketprism.feeds.MessageWriter.NULL_VALUE;

    private boolean aggregate;
    private long tradeId;
    private long exchTsNs;
    private boolean buyerMaker;
    private long priceMantissa;
    private int priceExponent;
    private long qtyMantissa;
    private int qtyExponent;
    private final QuotedSymbol symbol = new QuotedSymbol();

    // where read() found each number, for learning the frame's shape: the first digit and the digit count (a price
    // or quantity: the first digit, the digits before the point and after it)
    private int members;
    private int eventTimeAt;
    private int eventTimeDigits;
    private int tradeTimeAt;
    private int tradeTimeDigits;
    private int idAt;
    private int idDigits;
    private int priceAt;
    private int priceDigits;
    private int priceFraction;
    private int qtyAt;
    private int qtyDigits;
    private int qtyFraction;
    private final int[] otherAt = new int[4];
    private final int[] otherDigits = new int[4];
    private int others;

    // two shapes, by the parity of the frame's length: a buyer-maker trade ("m":true) is one byte shorter than the
    // other ("m":false), so both sides of a symbol's trades keep their shape
    private final Shape[] shapes = { new Shape(), new Shape() };
    private int learnBudget = LEARN_BUDGET;
    private long unmatched;
    private long shapedFrames;

    /**
     * Reads the event whose first member is at {@code body}.
     *
     * @param cursor   a cursor with fast paths, wrapped around the frame; its position is not used and is left as it
     *                 was.
     * @param body     the position after the event's opening brace: the frame's second byte, or where
     *                 {@link JsonCursor#tryEnterStreamData()} left the cursor.
     * @param envelope true when the event is the {@code data} of a combined-stream envelope, whose closing brace
     *                 must then end the frame.
     * @return true when the whole frame is a trade or aggTrade in the shape above; its values are then in the
     * accessors. False when it is not: nothing is known.
     */
    boolean read(final JsonCursor cursor, final int body, final boolean envelope)
    {
        final int limit = cursor.limit();
        int pos = body;
        final long head = cursor.wordAt(pos);
        if (head == TRADE_HEAD && (cursor.wordAt(pos + 3) >>> 40) == TRADE_TAIL)
        {
            aggregate = false;
            pos += 11;
        }
        else if (head == AGG_TRADE_HEAD && (cursor.wordAt(pos + 6) >>> 16) == AGG_TRADE_TAIL)
        {
            aggregate = true;
            pos += 14;
        }
        else
        {
            return false;
        }

        others = 0;
        int seen = 0;
        long eventTimeMs = 0;
        long tradeTimeMs = 0;
        int c;
        while ((c = cursor.byteAt(pos)) == ',')
        {
            final long member = cursor.wordAt(pos);
            if ((member & MEMBER_MASK) != MEMBER)
            {
                return false;
            }
            final int value = pos + 5;
            final int bit;
            switch ((int)(member >>> 16) & 0xFF)
            {
                case 'E':
                    bit = SEEN_EVENT_TIME;
                    pos = cursor.plainLongAt(value);
                    eventTimeMs = cursor.longValue();
                    eventTimeAt = value;
                    eventTimeDigits = pos - value;
                    break;
                case 'T':
                    bit = SEEN_TRADE_TIME;
                    pos = cursor.plainLongAt(value);
                    tradeTimeMs = cursor.longValue();
                    tradeTimeAt = value;
                    tradeTimeDigits = pos - value;
                    break;
                case 't':
                    bit = SEEN_ID;
                    pos = aggregate ? -1 : cursor.plainLongAt(value);
                    tradeId = cursor.longValue();
                    idAt = value;
                    idDigits = pos - value;
                    break;
                case 'a':
                    if (aggregate)
                    {
                        bit = SEEN_ID;
                        pos = cursor.plainLongAt(value);
                        tradeId = cursor.longValue();
                        idAt = value;
                        idDigits = pos - value;
                    }
                    else
                    {
                        bit = SEEN_SELLER_ORDER;
                        pos = other(value, cursor.plainLongAt(value));
                    }
                    break;
                case 'b':
                    bit = SEEN_BUYER_ORDER;
                    pos = aggregate ? -1 : other(value, cursor.plainLongAt(value));
                    break;
                case 's':
                    bit = SEEN_SYMBOL;
                    pos = symbol.read(cursor, value);
                    break;
                case 'p':
                    bit = SEEN_PRICE;
                    pos = cursor.quotedDecimalAt(value);
                    priceMantissa = cursor.mantissa();
                    priceExponent = cursor.exponent();
                    priceAt = value + 1;
                    priceFraction = -priceExponent;
                    priceDigits = integerDigits(value, pos, priceFraction);
                    break;
                case 'q':
                    bit = SEEN_QTY;
                    pos = cursor.quotedDecimalAt(value);
                    qtyMantissa = cursor.mantissa();
                    qtyExponent = cursor.exponent();
                    qtyAt = value + 1;
                    qtyFraction = -qtyExponent;
                    qtyDigits = integerDigits(value, pos, qtyFraction);
                    break;
                case 'm':
                    bit = SEEN_MAKER;
                    pos = cursor.booleanAt(value);
                    buyerMaker = cursor.booleanValue();
                    break;
                case 'M':
                    bit = SEEN_IGNORE;
                    pos = cursor.booleanAt(value);
                    break;
                case 'X':
                    bit = SEEN_STATUS;
                    pos = cursor.plainStringAt(value);
                    break;
                case 'f':
                    bit = SEEN_FIRST_ID;
                    pos = aggregate ? other(value, cursor.plainLongAt(value)) : -1;
                    break;
                case 'l':
                    bit = SEEN_LAST_ID;
                    pos = aggregate ? other(value, cursor.plainLongAt(value)) : -1;
                    break;
                default:
                    return false;
            }
            if (pos < 0 || (seen & bit) != 0)
            {
                return false;
            }
            seen |= bit;
        }
        if (c != '}' || (seen & REQUIRED) != REQUIRED || priceMantissa <= 0)
        {
            return false;
        }
        pos++;
        if (envelope)
        {
            if (cursor.byteAt(pos) != '}')
            {
                return false;
            }
            pos++;
        }
        if (pos != limit)
        {
            return false;
        }

        // T when present, else E, else none; 0 is none, as the general path reads them
        final long ms = (seen & SEEN_TRADE_TIME) != 0 ? tradeTimeMs :
            (seen & SEEN_EVENT_TIME) != 0 ? eventTimeMs : 0;
        if (ms > MAX_MS)
        {
            return false;
        }
        exchTsNs = ms == 0 ? NULL_TIME : ms * NS_PER_MS;
        members = seen;
        return true;
    }

    /**
     * Reads a frame against the shape of a trade frame {@link #read} took before ({@link TextShape}): a frame that
     * differs from that one only in the digits of its numbers, each of the same length, is the trade {@link #read}
     * would take, with these digits. Its values are then in the accessors, as after {@link #read}.
     *
     * @param cursor wrapped around the frame.
     * @param start  the frame's first byte.
     * @param length its bytes.
     * @return true when the frame has the shape of one of the last trades learnt; false when not: nothing is known.
     */
    boolean readShaped(final JsonCursor cursor, final int start, final int length)
    {
        final Shape shape = shapes[length & 1];
        if (!shape.text.matches(cursor, start, length))
        {
            return false;
        }
        final DirectBuffer frame = cursor.buffer();
        final byte[] array = frame.byteArray();
        final long address = frame.addressOffset() + start;
        final TextShape.Reader priceReader = shape.price;
        final long price = priceReader.mantissa(array, address);
        final TextShape.Reader time = shape.time;
        final long ms = time != null ? time.mantissa(array, address) : 0;
        if (price <= 0 || ms > MAX_MS)
        {
            return false;
        }
        final TextShape.Reader qtyReader = shape.qty;
        aggregate = shape.aggregate;
        tradeId = shape.id.mantissa(array, address);
        exchTsNs = ms == 0 ? NULL_TIME : ms * NS_PER_MS;
        buyerMaker = shape.buyerMaker;
        priceMantissa = price;
        priceExponent = priceReader.exponent();
        qtyMantissa = qtyReader.mantissa(array, address);
        qtyExponent = qtyReader.exponent();
        symbol.set(start + shape.symbolOffset, shape.symbolLength);
        learnBudget = LEARN_BUDGET;
        shapedFrames++;
        return true;
    }

    /**
     * Learns the shape of the frame {@link #read} just took, for {@link #readShaped} to take the next ones of that
     * shape. Learning costs about as much as reading against a shape saves; when frames keep coming in shapes not
     * seen (trades of many symbols on one connection) it slows to one frame in 64.
     *
     * @param cursor wrapped around the frame.
     * @param start  the frame's first byte.
     * @param length its bytes.
     */
    void learn(final JsonCursor cursor, final int start, final int length)
    {
        if (learnBudget == 0 && (++unmatched & SLOW_LEARNING_MASK) != 0)
        {
            return;
        }
        if (learnBudget > 0)
        {
            learnBudget--;
        }
        final Shape shape = shapes[length & 1];
        final TextShape text = shape.text;
        if (!text.learn(cursor, start, length))
        {
            return;
        }
        boolean learnt = text.number(idAt - start, idDigits, 0) == ID &&
            text.number(priceAt - start, priceDigits, priceFraction) == PRICE &&
            text.number(qtyAt - start, qtyDigits, qtyFraction) == QTY;
        final int eventTime = (members & SEEN_EVENT_TIME) == 0 ? -1 :
            text.number(eventTimeAt - start, eventTimeDigits, 0);
        final int tradeTime = (members & SEEN_TRADE_TIME) == 0 ? -1 :
            text.number(tradeTimeAt - start, tradeTimeDigits, 0);
        // T when present, else E, else none, as read() takes them
        shape.time = tradeTime >= 0 ? text.reader(tradeTime) : eventTime >= 0 ? text.reader(eventTime) : null;
        for (int i = 0; i < others; i++)
        {
            learnt &= text.digits(otherAt[i] - start, otherDigits[i]);
        }
        if (!learnt || text.isEmpty())
        {
            text.forget();
            return;
        }
        shape.aggregate = aggregate;
        shape.buyerMaker = buyerMaker;
        shape.symbolOffset = symbol.offset() - start;
        shape.symbolLength = symbol.length();
    }

    /**
     * @return frames taken against a learnt shape, for tests and measurements.
     */
    long shapedFrames()
    {
        return shapedFrames;
    }

    /**
     * Notes digits read but not kept (an order id, an aggregate's first and last trade id), for the shape.
     */
    private int other(final int value, final int end)
    {
        if (end > value && others < otherAt.length)
        {
            otherAt[others] = value;
            otherDigits[others] = end - value;
            others++;
        }
        return end;
    }

    /**
     * The digits before the point of a quoted decimal read from {@code quote} to {@code end} (after its closing
     * quote), with {@code fraction} digits after it.
     */
    private static int integerDigits(final int quote, final int end, final int fraction)
    {
        final int content = end - quote - 2;
        return fraction == 0 ? content : content - fraction - 1;
    }

    /**
     * @param head the 8 bytes at an event's first member, as {@link JsonCursor#wordAt(int)} reads them.
     * @return true when they start the event type of a trade or an aggTrade, the only events {@link #read} takes.
     */
    static boolean isTradeHead(final long head)
    {
        return head == TRADE_HEAD || head == AGG_TRADE_HEAD;
    }

    /**
     * @return true for an {@code aggTrade}, false for a {@code trade}.
     */
    boolean aggregate()
    {
        return aggregate;
    }

    /**
     * @return {@code t} of a trade, {@code a} of an aggTrade.
     */
    long tradeId()
    {
        return tradeId;
    }

    /**
     * @return the trade time {@code T} (else the event time {@code E}) in ns, or the null value.
     */
    long exchTsNs()
    {
        return exchTsNs;
    }

    /**
     * @return {@code m}: the buyer was the maker, so the taker sold.
     */
    boolean buyerMaker()
    {
        return buyerMaker;
    }

    /**
     * @return the price mantissa, positive.
     */
    long priceMantissa()
    {
        return priceMantissa;
    }

    /**
     * @return the price exponent.
     */
    int priceExponent()
    {
        return priceExponent;
    }

    /**
     * @return the quantity mantissa, zero or more.
     */
    long qtyMantissa()
    {
        return qtyMantissa;
    }

    /**
     * @return the quantity exponent.
     */
    int qtyExponent()
    {
        return qtyExponent;
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
     * A learnt trade frame shape and what it fixes: everything but the numbers.
     */
    private static final class Shape
    {
        final TextShape text = new TextShape();
        // the readers of the numbers learnt first, in this order, and of the time kept (or null)
        final TextShape.Reader id = text.reader(ID);
        final TextShape.Reader price = text.reader(PRICE);
        final TextShape.Reader qty = text.reader(QTY);
        TextShape.Reader time;
        boolean aggregate;
        boolean buyerMaker;
        int symbolOffset;
        int symbolLength;
    }
}
