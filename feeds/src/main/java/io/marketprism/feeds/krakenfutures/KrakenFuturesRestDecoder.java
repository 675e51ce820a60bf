/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.krakenfutures;

import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.ContextSymbol;
import io.marketprism.feeds.DecodeFailure;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.LevelArrays;
import io.marketprism.feeds.LevelBuffer;
import io.marketprism.feeds.MessageWriter;
import io.marketprism.feeds.RestUrls;
import io.marketprism.feeds.SymbolBytes;
import io.marketprism.feeds.json.JsonCursor;
import io.marketprism.feeds.json.Rfc3339Time;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decodes Kraken Futures REST response bodies into SBE, without allocating once warm. A body does not say which
 * endpoint it answers, so the caller, who asked, says it with {@link #restEndpoint(String)} or
 * {@link #contextUrl(String)}:
 * <ul>
 *   <li>{@code /derivatives/api/v3/orderbook?symbol=PF_XBTUSD}: {@code orderBook} with {@code bids} and {@code asks}
 *       as {@code [price, qty]}: a book snapshot of the symbol of the request (the body does not name it), without
 *       sequence (the REST book carries none), its venue time {@code serverTime}.</li>
 *   <li>{@code /derivatives/api/v3/tickers}: per ticker, as the WebSocket ticker: a funding message with
 *       {@code markPrice} and {@code indexPrice} when either is given, a bbo when {@code bid}, {@code bidSize},
 *       {@code ask} and {@code askSize} all are, and open interest when {@code openInterest} is (in contracts, no
 *       value); venue time {@code serverTime}. The REST {@code fundingRate} is Kraken's absolute rate (currency per
 *       contract, the WebSocket's {@code funding_rate}), not the relative rate the funding message holds (the
 *       WebSocket's {@code relative_funding_rate}, which REST does not give): it is left out, as is
 *       {@code fundingRatePrediction}. Index entries (only {@code last}) yield nothing.</li>
 *   <li>{@code /api/history/v2/market/{symbol}/executions} (and {@code v3}): per element, an {@code Execution}
 *       event: a trade of the taker's {@code direction}, {@code price}, {@code quantity} and {@code timestamp} (ms),
 *       the symbol the taker order's {@code tradeable}; no trade id (the {@code uid} is a UUID). Elements come
 *       newest first; trades are written oldest first, as the WebSocket trade snapshot's.</li>
 * </ul>
 * A {@code result} other than {@code success}, or an {@code error} member without {@code result}, is a
 * {@code VENUE_ERROR} status. A body is checked whole before anything is written: a bad one yields one
 * {@code malformed} status and no message. Numbers are kept exactly as written; null is an absent value.
 */
public final class KrakenFuturesRestDecoder implements FrameDecoder
{
    /** Longest body accepted; longer ones are reported as {@code FRAME_TOO_LARGE}. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 8 * 1024 * 1024;

    /** Most levels one side of a book may carry (the SBE group count limit). */
    public static final int MAX_LEVELS = 65534;

    private static final int NONE = 0;
    private static final int ORDERBOOK = 1;
    private static final int TICKERS = 2;
    private static final int EXECUTIONS = 3;

    private static final String ORDERBOOK_PATH = "/derivatives/api/v3/orderbook";
    private static final String TICKERS_PATH = "/derivatives/api/v3/tickers";
    private static final String HISTORY_PREFIX = "/api/history/v";
    private static final String MARKET = "/market/";
    private static final String EXECUTIONS_SUFFIX = "/executions";

    private static final int FAILED = -1;
    private static final long NULL_VALUE = MessageWriter.NULL_VALUE;
    private static final long NULL_MANTISSA = MessageWriter.NULL_MANTISSA;
    private static final long NS_PER_MS = 1_000_000L;
    private static final long MAX_MS = Long.MAX_VALUE / NS_PER_MS;

    // members of the body
    private static final int B_RESULT = 0;
    private static final int B_ERROR = 1;
    private static final int B_SERVER_TIME = 2;
    private static final int B_ORDER_BOOK = 3;
    private static final int B_TICKERS = 4;
    private static final int B_ELEMENTS = 5;
    private static final byte[][] BODY_KEYS = ascii(
        "result", "error", "serverTime", "orderBook", "tickers", "elements");

    // members of a ticker
    private static final int T_SYMBOL = 0;
    private static final int T_MARK_PRICE = 1;
    private static final int T_INDEX_PRICE = 2;
    private static final int T_BID = 3;
    private static final int T_BID_SIZE = 4;
    private static final int T_ASK = 5;
    private static final int T_ASK_SIZE = 6;
    private static final int T_OPEN_INTEREST = 7;
    private static final byte[][] TICKER_KEYS = ascii(
        "symbol", "markPrice", "indexPrice", "bid", "bidSize", "ask", "askSize", "openInterest");
    private static final int BBO_KEYS = 1 << T_BID | 1 << T_BID_SIZE | 1 << T_ASK | 1 << T_ASK_SIZE;

    // members of an execution
    private static final int X_TIMESTAMP = 0;
    private static final int X_QUANTITY = 1;
    private static final int X_PRICE = 2;
    private static final int X_TAKER_ORDER = 3;
    private static final byte[][] EXECUTION_KEYS = ascii("timestamp", "quantity", "price", "takerOrder");
    private static final int EXECUTION_REQUIRED = (1 << EXECUTION_KEYS.length) - 1;

    private static final byte[] SUCCESS = ascii("success");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] EXECUTION_EVENT = ascii("Execution");
    private static final byte[] EXECUTION = ascii("execution");
    private static final byte[] TRADEABLE = ascii("tradeable");
    private static final byte[] DIRECTION = ascii("direction");
    private static final byte[] BUY = ascii("Buy");
    private static final byte[] SELL = ascii("Sell");
    private static final byte[] BIDS = ascii("bids");
    private static final byte[] ASKS = ascii("asks");

    private final int maxFrameLength;
    private final JsonCursor cursor = new JsonCursor();
    private final MessageWriter writer;
    private final LevelBuffer bids = new LevelBuffer(256);
    private final LevelBuffer asks = new LevelBuffer(256);
    private final ContextSymbol contextSymbol = new ContextSymbol();
    private int endpoint = NONE;

    private final int[] bodyValues = new int[BODY_KEYS.length];
    private final long[] mantissas = new long[TICKER_KEYS.length];
    private final int[] exponents = new int[TICKER_KEYS.length];
    private int[] elementStarts = new int[64];
    private int elementCount;

    // the execution being read
    private long tradeTimeNs;
    private long tradePriceMantissa;
    private int tradePriceExponent;
    private long tradeQtyMantissa;
    private int tradeQtyExponent;
    private boolean tradeSell;
    private int tradeSymbolOffset;
    private int tradeSymbolLength;

    private DirectBuffer frame;
    private final DecodeFailure failure = new DecodeFailure();
    private int committed;

    /**
     * A decoder with default limits.
     */
    public KrakenFuturesRestDecoder()
    {
        this(DEFAULT_MAX_FRAME_LENGTH, MessageWriter.DEFAULT_SNAPSHOT_HEADROOM);
    }

    /**
     * @param maxFrameLength   longest body accepted.
     * @param snapshotHeadroom bytes reserved after a snapshot for normalize's rewrite.
     */
    public KrakenFuturesRestDecoder(final int maxFrameLength, final int snapshotHeadroom)
    {
        this.maxFrameLength = maxFrameLength;
        this.writer = new MessageWriter(Venue.KRAKEN_FUTURES, snapshotHeadroom);
    }

    /**
     * Names the endpoint whose bodies the next frames are. Cold path.
     *
     * @param path the endpoint path, with its query ({@code symbol=} names the order book's symbol); null for none.
     * @return false (and no change) for a path of no endpoint this decoder knows.
     */
    public boolean restEndpoint(final String path)
    {
        if (path == null)
        {
            endpoint = NONE;
            return true;
        }
        final int query = path.indexOf('?');
        final String route = query >= 0 ? path.substring(0, query) : path;
        if (ORDERBOOK_PATH.equals(route))
        {
            endpoint = ORDERBOOK;
            final String symbol = query >= 0 ? parameter(path.substring(query + 1), "symbol") : null;
            if (symbol != null)
            {
                // the stream and the tickers spell product ids in upper case; the venue takes either. A symbol no
                // message could carry leaves none: the body is then reported, not the request
                contextSymbol(symbol.toUpperCase(Locale.ROOT));
            }
            return true;
        }
        if (TICKERS_PATH.equals(route))
        {
            endpoint = TICKERS;
            return true;
        }
        final int market = route.indexOf(MARKET);
        if (route.startsWith(HISTORY_PREFIX) && market > HISTORY_PREFIX.length() && route.endsWith(EXECUTIONS_SUFFIX) &&
            market + MARKET.length() < route.length() - EXECUTIONS_SUFFIX.length())
        {
            endpoint = EXECUTIONS;
            return true;
        }
        return false;
    }

    /**
     * @return true when an endpoint is named: frames are its bodies.
     */
    public boolean hasEndpoint()
    {
        return endpoint != NONE;
    }

    /**
     * Names the endpoint by the request URL ({@code https://futures.kraken.com/derivatives/api/v3/tickers}), see
     * {@link #restEndpoint(String)}; a URL of no endpoint this decoder knows, or null, names none. Cold path.
     *
     * @param url the request URL, or null.
     */
    @Override
    public void contextUrl(final String url)
    {
        if (url == null || !restEndpoint(RestUrls.path(url)))
        {
            restEndpoint(null);
        }
    }

    /**
     * The symbol of the order book bodies, which do not name it (an orderbook URL's {@code symbol=} sets it too).
     * A symbol no message could carry (too long, a byte outside {@link SymbolBytes}) clears it, as null does: a
     * capture's URL must not stop a replay; the book bodies are then reported as missing their symbol. Cold path.
     *
     * @param venueSymbol the product id, or null to clear.
     */
    @Override
    public void contextSymbol(final String venueSymbol)
    {
        contextSymbol.set(venueSymbol);
    }

    @Override
    public int decode(
        final DirectBuffer frame, final int offset, final int length, final long recvTsNs, final MessageSink sink)
    {
        this.frame = frame;
        failure.clear();
        committed = 0;
        writer.symbol(null, 0, 0);
        if (length > maxFrameLength)
        {
            return writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, length, recvTsNs);
        }
        if (endpoint == NONE)
        {
            return writer.malformed(sink, StatusReason.UNKNOWN_EVENT_TYPE, 0, recvTsNs);
        }
        cursor.wrap(frame, offset, length);
        // checked whole first, then written: a bad element anywhere leaves no message of the body behind
        if (!readBody() || !body(false, recvTsNs, sink) || !body(true, recvTsNs, sink))
        {
            return committed + failure.report(writer, sink, offset, recvTsNs);
        }
        return committed;
    }

    /**
     * Reads the body's members, remembering where the values of interest start.
     */
    private boolean readBody()
    {
        Arrays.fill(bodyValues, -1);
        final int bodyAt = valuePosition();
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return status == JsonCursor.TRUNCATED ? failure.cursor(status, cursor) :
                failure.fail(StatusReason.BAD_VALUE, bodyAt);
        }
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int key = key(BODY_KEYS);
            if (key >= 0)
            {
                if (bodyValues[key] >= 0)
                {
                    return failure.fail(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                bodyValues[key] = valuePosition();
            }
            if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                return failure.cursor(status, cursor);
            }
        }
        if (status != JsonCursor.END)
        {
            return failure.cursor(status, cursor);
        }
        if (!cursor.atEnd())
        {
            return failure.fail(StatusReason.UNEXPECTED_CHARACTER, cursor.position());
        }
        final int resultAt = bodyValues[B_RESULT];
        if (resultAt >= 0)
        {
            cursor.position(resultAt);
            if (cursor.parseString() != JsonCursor.OK)
            {
                return failure.fail(StatusReason.BAD_VALUE, resultAt);
            }
            return cursor.stringEquals(SUCCESS) || failure.fail(StatusReason.VENUE_ERROR, resultAt);
        }
        return bodyValues[B_ERROR] < 0 || failure.fail(StatusReason.VENUE_ERROR, bodyValues[B_ERROR]);
    }

    private boolean body(final boolean write, final long recvTsNs, final MessageSink sink)
    {
        final long exchTsNs = serverTimeNs();
        if (exchTsNs == FAILED)
        {
            return false;
        }
        switch (endpoint)
        {
            case ORDERBOOK:
                return orderBook(write, exchTsNs, recvTsNs, sink);
            case TICKERS:
                return tickers(write, exchTsNs, recvTsNs, sink);
            default:
                return executions(write, recvTsNs, sink);
        }
    }

    /**
     * @return {@code serverTime} in ns, {@link #NULL_VALUE} when absent or null, {@link #FAILED} when bad (recorded).
     */
    private long serverTimeNs()
    {
        final int timeAt = bodyValues[B_SERVER_TIME];
        if (timeAt < 0 || cursor.byteAt(timeAt) == 'n')
        {
            return NULL_VALUE;
        }
        cursor.position(timeAt);
        final long ns = cursor.parseString() != JsonCursor.OK ? Rfc3339Time.BAD_TIME :
            Rfc3339Time.nanos(cursor.buffer(), cursor.stringOffset(), cursor.stringLength());
        if (ns == Rfc3339Time.BAD_TIME)
        {
            failure.fail(StatusReason.BAD_VALUE, timeAt);
            return FAILED;
        }
        return ns;
    }

    // ----------------------------------------------------------------------------------------------------- orderbook

    private boolean orderBook(final boolean write, final long exchTsNs, final long recvTsNs, final MessageSink sink)
    {
        final int bookAt = bodyValues[B_ORDER_BOOK];
        if (bookAt < 0)
        {
            return failure.fail(StatusReason.MISSING_FIELD, cursor.limit());
        }
        if (!contextSymbol.isSet())
        {
            // the body names no symbol: without the request's, the book belongs to nothing
            return failure.fail(StatusReason.MISSING_FIELD, bookAt);
        }
        cursor.position(bookAt);
        if (cursor.enterObject() != JsonCursor.OK)
        {
            return failure.fail(StatusReason.BAD_VALUE, bookAt);
        }
        int seen = 0;
        boolean first = true;
        int status;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final boolean bid = cursor.keyEquals(BIDS);
            if (!bid && !cursor.keyEquals(ASKS))
            {
                if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return failure.cursor(status, cursor);
                }
                continue;
            }
            final int bit = bid ? 1 : 2;
            if ((seen & bit) != 0)
            {
                return failure.fail(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
            }
            seen |= bit;
            final int levelsAt = valuePosition();
            status = LevelArrays.parse(cursor, bid ? bids : asks, MAX_LEVELS);
            if (status != JsonCursor.OK)
            {
                return status == JsonCursor.BAD_VALUE && cursor.errorPosition() < 0 ?
                    failure.fail(StatusReason.BAD_VALUE, levelsAt) : failure.cursor(status, cursor);
            }
        }
        if (status != JsonCursor.END)
        {
            return failure.cursor(status, cursor);
        }
        if (seen != 3)
        {
            return failure.fail(StatusReason.MISSING_FIELD, bookAt);
        }
        if (!write)
        {
            return true;
        }
        contextSymbol.applyTo(writer);
        return written(writer.book(sink, true, exchTsNs, recvTsNs, NULL_VALUE, NULL_VALUE, NULL_VALUE, NULL_VALUE,
            bids, asks));
    }

    // ------------------------------------------------------------------------------------------------------- tickers

    private boolean tickers(final boolean write, final long exchTsNs, final long recvTsNs, final MessageSink sink)
    {
        final int tickersAt = bodyValues[B_TICKERS];
        if (tickersAt < 0)
        {
            return failure.fail(StatusReason.MISSING_FIELD, cursor.limit());
        }
        cursor.position(tickersAt);
        if (cursor.enterArray() != JsonCursor.OK)
        {
            return failure.fail(StatusReason.BAD_VALUE, tickersAt);
        }
        boolean first = true;
        int status;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (!ticker(write, exchTsNs, recvTsNs, sink))
            {
                return false;
            }
        }
        return status == JsonCursor.END || failure.cursor(status, cursor);
    }

    private boolean ticker(final boolean write, final long exchTsNs, final long recvTsNs, final MessageSink sink)
    {
        final int tickerAt = valuePosition();
        if (cursor.enterObject() != JsonCursor.OK)
        {
            return failure.fail(StatusReason.BAD_VALUE, tickerAt);
        }
        int seen = 0;
        int symbolOffset = 0;
        int symbolLength = 0;
        boolean first = true;
        int status;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int key = key(TICKER_KEYS);
            if (key < 0)
            {
                if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return failure.cursor(status, cursor);
                }
                continue;
            }
            if ((seen & (1 << key)) != 0)
            {
                return failure.fail(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
            }
            final int valueAt = valuePosition();
            if (cursor.byteAt(valueAt) == 'n')
            {
                // null: a figure the product does not have
                if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return failure.cursor(status, cursor);
                }
                continue;
            }
            seen |= 1 << key;
            if (key == T_SYMBOL)
            {
                if (cursor.parseString() != JsonCursor.OK)
                {
                    return failure.fail(StatusReason.BAD_VALUE, valueAt);
                }
                symbolOffset = cursor.stringOffset();
                symbolLength = cursor.stringLength();
                continue;
            }
            status = cursor.parseDecimal();
            if (status != JsonCursor.OK)
            {
                return status == JsonCursor.EMPTY ? failure.fail(StatusReason.BAD_NUMBER, valueAt) :
                    failure.cursor(status, cursor);
            }
            final boolean price = key == T_MARK_PRICE || key == T_INDEX_PRICE || key == T_BID || key == T_ASK;
            if (price ? cursor.mantissa() <= 0 : cursor.mantissa() < 0)
            {
                return failure.fail(StatusReason.BAD_VALUE, valueAt);
            }
            mantissas[key] = cursor.mantissa();
            exponents[key] = cursor.exponent();
        }
        if (status != JsonCursor.END)
        {
            return failure.cursor(status, cursor);
        }
        if ((seen & 1 << T_SYMBOL) == 0)
        {
            return failure.fail(StatusReason.MISSING_FIELD, tickerAt);
        }
        if (!failure.checkSymbol(frame, symbolOffset, symbolLength))
        {
            return false;
        }
        if (!write)
        {
            return true;
        }
        writer.symbol(frame, symbolOffset, symbolLength);
        if ((seen & (1 << T_MARK_PRICE | 1 << T_INDEX_PRICE)) != 0 && !written(writer.funding(sink, exchTsNs,
            recvTsNs, NULL_VALUE, mantissa(seen, T_MARK_PRICE), exponents[T_MARK_PRICE],
            mantissa(seen, T_INDEX_PRICE), exponents[T_INDEX_PRICE], NULL_MANTISSA, 0)))
        {
            return false;
        }
        if ((seen & BBO_KEYS) == BBO_KEYS && !written(writer.bbo(sink, exchTsNs, recvTsNs, NULL_VALUE,
            mantissas[T_BID], exponents[T_BID], mantissas[T_BID_SIZE], exponents[T_BID_SIZE],
            mantissas[T_ASK], exponents[T_ASK], mantissas[T_ASK_SIZE], exponents[T_ASK_SIZE])))
        {
            return false;
        }
        return (seen & 1 << T_OPEN_INTEREST) == 0 || written(writer.openInterest(sink, exchTsNs, recvTsNs,
            mantissas[T_OPEN_INTEREST], exponents[T_OPEN_INTEREST], NULL_MANTISSA, 0));
    }

    private long mantissa(final int seen, final int key)
    {
        return (seen & 1 << key) != 0 ? mantissas[key] : NULL_MANTISSA;
    }

    // ---------------------------------------------------------------------------------------------------- executions

    private boolean executions(final boolean write, final long recvTsNs, final MessageSink sink)
    {
        final int elementsAt = bodyValues[B_ELEMENTS];
        if (elementsAt < 0)
        {
            return failure.fail(StatusReason.MISSING_FIELD, cursor.limit());
        }
        if (write)
        {
            // newest first on the wire: written oldest first, so that trade times only go forwards
            for (int i = elementCount - 1; i >= 0; i--)
            {
                cursor.position(elementStarts[i]);
                if (!execution())
                {
                    return false;
                }
                writer.symbol(frame, tradeSymbolOffset, tradeSymbolLength);
                if (!written(writer.trade(sink, tradeSell ? Side.SELL : Side.BUY, tradeTimeNs, recvTsNs, NULL_VALUE,
                    tradePriceMantissa, tradePriceExponent, tradeQtyMantissa, tradeQtyExponent)))
                {
                    return false;
                }
            }
            return true;
        }
        elementCount = 0;
        cursor.position(elementsAt);
        if (cursor.enterArray() != JsonCursor.OK)
        {
            return failure.fail(StatusReason.BAD_VALUE, elementsAt);
        }
        boolean first = true;
        int status;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (elementCount == elementStarts.length)
            {
                elementStarts = Arrays.copyOf(elementStarts, elementCount * 2);
            }
            final int elementAt = valuePosition();
            elementStarts[elementCount++] = elementAt;
            if (!execution())
            {
                return false;
            }
            // the element's members after the event are left unread: past the whole element (checked well-formed)
            cursor.position(elementAt);
            if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                return failure.cursor(status, cursor);
            }
        }
        return status == JsonCursor.END || failure.cursor(status, cursor);
    }

    /**
     * Reads one element {@code {"uid":..,"timestamp":..,"event":{"Execution":{"execution":{..}}}}} into the trade
     * fields.
     */
    private boolean execution()
    {
        final int elementAt = valuePosition();
        if (!enterMember(EVENT, elementAt))
        {
            return false;
        }
        final int eventAt = valuePosition();
        if (cursor.enterObject() != JsonCursor.OK)
        {
            return failure.fail(StatusReason.BAD_VALUE, eventAt);
        }
        int status = cursor.nextField(true);
        if (status != JsonCursor.OK)
        {
            return status == JsonCursor.END ? failure.fail(StatusReason.MISSING_FIELD, eventAt) :
                failure.cursor(status, cursor);
        }
        if (!cursor.keyEquals(EXECUTION_EVENT))
        {
            return failure.fail(StatusReason.UNKNOWN_EVENT_TYPE, cursor.keyOffset());
        }
        final int executionEventAt = valuePosition();
        if (!enterMember(EXECUTION, executionEventAt))
        {
            return false;
        }
        final int executionAt = valuePosition();
        if (cursor.enterObject() != JsonCursor.OK)
        {
            return failure.fail(StatusReason.BAD_VALUE, executionAt);
        }
        int seen = 0;
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int key = key(EXECUTION_KEYS);
            if (key < 0)
            {
                if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return failure.cursor(status, cursor);
                }
                continue;
            }
            if ((seen & (1 << key)) != 0)
            {
                return failure.fail(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
            }
            seen |= 1 << key;
            if (!executionValue(key))
            {
                return false;
            }
        }
        if (status != JsonCursor.END)
        {
            return failure.cursor(status, cursor);
        }
        return seen == EXECUTION_REQUIRED || failure.fail(StatusReason.MISSING_FIELD, executionAt);
    }

    private boolean executionValue(final int key)
    {
        final int valueAt = valuePosition();
        final int status;
        switch (key)
        {
            case X_TIMESTAMP:
                status = cursor.parseLong();
                if (status != JsonCursor.OK)
                {
                    return status == JsonCursor.EMPTY ? failure.fail(StatusReason.BAD_NUMBER, valueAt) :
                        failure.cursor(status, cursor);
                }
                if (cursor.longValue() < 0 || cursor.longValue() > MAX_MS)
                {
                    return failure.fail(StatusReason.BAD_VALUE, valueAt);
                }
                tradeTimeNs = cursor.longValue() * NS_PER_MS;
                return true;
            case X_TAKER_ORDER:
                return takerOrder(valueAt);
            default:
                status = cursor.parseDecimal();
                if (status != JsonCursor.OK)
                {
                    return status == JsonCursor.EMPTY ? failure.fail(StatusReason.BAD_NUMBER, valueAt) :
                        failure.cursor(status, cursor);
                }
                if (key == X_PRICE ? cursor.mantissa() <= 0 : cursor.mantissa() < 0)
                {
                    return failure.fail(StatusReason.BAD_VALUE, valueAt);
                }
                if (key == X_PRICE)
                {
                    tradePriceMantissa = cursor.mantissa();
                    tradePriceExponent = cursor.exponent();
                }
                else
                {
                    tradeQtyMantissa = cursor.mantissa();
                    tradeQtyExponent = cursor.exponent();
                }
                return true;
        }
    }

    /**
     * Reads the taker order's {@code tradeable} and {@code direction}: the trade's symbol and side.
     */
    private boolean takerOrder(final int orderAt)
    {
        if (cursor.enterObject() != JsonCursor.OK)
        {
            return failure.fail(StatusReason.BAD_VALUE, orderAt);
        }
        int seen = 0;
        boolean first = true;
        int status;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final boolean tradeable = cursor.keyEquals(TRADEABLE);
            if (!tradeable && !cursor.keyEquals(DIRECTION))
            {
                if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return failure.cursor(status, cursor);
                }
                continue;
            }
            final int bit = tradeable ? 1 : 2;
            if ((seen & bit) != 0)
            {
                return failure.fail(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
            }
            seen |= bit;
            final int valueAt = valuePosition();
            if (cursor.parseString() != JsonCursor.OK)
            {
                return failure.fail(StatusReason.BAD_VALUE, valueAt);
            }
            if (tradeable)
            {
                if (!failure.checkSymbol(frame, cursor.stringOffset(), cursor.stringLength()))
                {
                    return false;
                }
                tradeSymbolOffset = cursor.stringOffset();
                tradeSymbolLength = cursor.stringLength();
            }
            else if (cursor.stringEquals(BUY) || cursor.stringEquals(SELL))
            {
                tradeSell = cursor.stringEquals(SELL);
            }
            else
            {
                return failure.fail(StatusReason.BAD_VALUE, valueAt);
            }
        }
        if (status != JsonCursor.END)
        {
            return failure.cursor(status, cursor);
        }
        return seen == 3 || failure.fail(StatusReason.MISSING_FIELD, orderAt);
    }

    /**
     * Enters the object at the cursor and moves to the value of its member {@code name}, skipping the others; the
     * members after it are left unread (the caller has what it needs from this object).
     */
    private boolean enterMember(final byte[] name, final int objectAt)
    {
        if (cursor.enterObject() != JsonCursor.OK)
        {
            return failure.fail(StatusReason.BAD_VALUE, objectAt);
        }
        boolean first = true;
        int status;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            if (cursor.keyEquals(name))
            {
                return true;
            }
            if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                return failure.cursor(status, cursor);
            }
        }
        return status == JsonCursor.END ? failure.fail(StatusReason.MISSING_FIELD, objectAt) : failure.cursor(status,
            cursor);
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private int key(final byte[][] keys)
    {
        final int length = cursor.keyLength();
        for (int k = 0; k < keys.length; k++)
        {
            if (keys[k].length == length && cursor.keyEquals(keys[k]))
            {
                return k;
            }
        }
        return -1;
    }

    private int valuePosition()
    {
        cursor.peek();
        return cursor.position();
    }

    private boolean written(final int written)
    {
        if (written < 0)
        {
            return failure.fail(StatusReason.FRAME_TOO_LARGE, cursor.limit());
        }
        committed += written;
        return true;
    }

    /**
     * @return the value of a query parameter, or null.
     */
    private static String parameter(final String query, final String name)
    {
        for (final String pair : query.split("&"))
        {
            if (pair.startsWith(name + "="))
            {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static byte[][] ascii(final String... texts)
    {
        final byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++)
        {
            bytes[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
