/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.krakenfutures;

import io.marketprism.engine.MarketEvent;
import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.DecodeFailures;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.LevelArrays;
import io.marketprism.feeds.LevelBuffer;
import io.marketprism.feeds.MessageWriter;
import io.marketprism.feeds.SymbolBytes;
import io.marketprism.feeds.json.JsonCursor;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes Kraken Futures WebSocket v1 frames from raw bytes into SBE, without allocating.
 * <p>
 * By {@code feed}:
 * <ul>
 *     <li>{@code book_snapshot}: {@code bids} and {@code asks} as {@code [{"price":..,"qty":..}, ...]}, with the
 *     product's {@code seq}: a book snapshot.</li>
 *     <li>{@code book}: one level, {@code side} {@code buy} (bid) or {@code sell} (ask), {@code price}, {@code qty}
 *     (0 deletes) and the product's {@code seq}: a book update with {@code seq} and no previous id (the rule is
 *     {@link KrakenFuturesBookRule}).</li>
 *     <li>{@code trade}, and each of the {@code trades} of a {@code trade_snapshot} (sent newest first, written
 *     oldest first so that trade times only go forwards, as normalize's data-quality check expects): a trade,
 *     {@code side} being the taker's, {@code seq} (the product's trade counter) as the trade id;
 *     the {@code uid} is a UUID, which the trade id cannot hold.</li>
 *     <li>{@code ticker}: a funding message with {@code markPrice}, {@code index}, {@code relative_funding_rate}
 *     as the funding rate (the rate as a fraction, comparable with other venues'; {@code funding_rate} is in
 *     currency per contract) and {@code next_funding_rate_time}; and a bbo when {@code bid}, {@code ask},
 *     {@code bid_size} and {@code ask_size} are all given; and open interest when {@code openInterest} is given
 *     (in contracts; Kraken gives no value).</li>
 *     <li>{@code ticker_lite} (prices without sizes, no mark or funding: nothing a message type holds) and
 *     {@code heartbeat}: 0 messages.</li>
 * </ul>
 * By {@code event}: {@code info}, {@code subscribed}, {@code unsubscribed} yield 0 messages; {@code error},
 * {@code alert}, {@code subscribed_failed} and {@code unsubscribed_failed} a status with
 * {@link StatusReason#VENUE_ERROR}. Fields may come in any order, unknown fields are skipped, null is an absent
 * value; anything else yields one {@code Status(MALFORMED)} naming the reason and the byte offset: never an
 * exception, never a partial message. Prices and quantities are JSON numbers, kept exactly as written.
 * <p>
 * Told a REST endpoint ({@link #restEndpoint(String)}, {@link #contextUrl(String)}), it decodes that endpoint's
 * response bodies instead, with a {@link KrakenFuturesRestDecoder}.
 */
public final class KrakenFuturesDecoder implements FrameDecoder
{
    /** Longest frame accepted; longer ones are reported as {@code FRAME_TOO_LARGE}. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 8 * 1024 * 1024;

    /** Bytes reserved after a snapshot so normalize can rewrite it as the maintained book. */
    public static final int DEFAULT_SNAPSHOT_HEADROOM = 16 * 1024;

    /** Most levels one side of a message may carry (the SBE group count limit). */
    public static final int MAX_LEVELS = 65534;

    /** Most trades one frame may carry. */
    public static final int MAX_TRADES = 65536;

    private static final int K_FEED = 0;
    private static final int K_EVENT = 1;
    private static final int K_PRODUCT_ID = 2;
    private static final int K_SIDE = 3;
    private static final int K_SEQ = 4;
    private static final int K_PRICE = 5;
    private static final int K_QTY = 6;
    private static final int K_TIMESTAMP = 7;
    private static final int K_TIME = 8;
    private static final int K_BIDS = 9;
    private static final int K_ASKS = 10;
    private static final int K_TRADES = 11;
    private static final int K_MARK_PRICE = 12;
    private static final int K_INDEX = 13;
    private static final int K_RELATIVE_FUNDING_RATE = 14;
    private static final int K_NEXT_FUNDING_RATE_TIME = 15;
    private static final int K_BID = 16;
    private static final int K_ASK = 17;
    private static final int K_BID_SIZE = 18;
    private static final int K_ASK_SIZE = 19;
    private static final int K_OPEN_INTEREST = 20;
    private static final int KEY_COUNT = 21;
    private static final int K_UNKNOWN = -1;

    private static final byte[][] KEYS = {
        ascii("feed"), ascii("event"), ascii("product_id"), ascii("side"), ascii("seq"), ascii("price"), ascii("qty"),
        ascii("timestamp"), ascii("time"), ascii("bids"), ascii("asks"), ascii("trades"), ascii("markPrice"),
        ascii("index"), ascii("relative_funding_rate"), ascii("next_funding_rate_time"), ascii("bid"), ascii("ask"),
        ascii("bid_size"), ascii("ask_size"), ascii("openInterest") };

    private static final byte V_STRING = 1;
    private static final byte V_LONG = 2;
    private static final byte V_DECIMAL = 3;
    private static final byte V_LEVELS = 4;
    private static final byte V_TRADES = 5;
    private static final byte[] KINDS = {
        V_STRING, V_STRING, V_STRING, V_STRING, V_LONG, V_DECIMAL, V_DECIMAL, V_LONG, V_LONG, V_LEVELS, V_LEVELS,
        V_TRADES, V_DECIMAL, V_DECIMAL, V_DECIMAL, V_LONG, V_DECIMAL, V_DECIMAL, V_DECIMAL, V_DECIMAL, V_DECIMAL };

    private static final int TOO_MANY_STATUS = LevelArrays.TOO_MANY_LEVELS;

    private static final long NS_PER_MS = 1_000_000L;
    private static final long MAX_MS = Long.MAX_VALUE / NS_PER_MS;
    private static final long NULL_VALUE = MessageWriter.NULL_VALUE;
    private static final long NULL_MANTISSA = MessageWriter.NULL_MANTISSA;

    private static final byte[] BOOK = ascii("book");
    private static final byte[] BOOK_SNAPSHOT = ascii("book_snapshot");
    private static final byte[] TRADE = ascii("trade");
    private static final byte[] TRADE_SNAPSHOT = ascii("trade_snapshot");
    private static final byte[] TICKER = ascii("ticker");
    private static final byte[] TICKER_LITE = ascii("ticker_lite");
    private static final byte[] HEARTBEAT = ascii("heartbeat");
    private static final byte[] INFO = ascii("info");
    private static final byte[] SUBSCRIBED = ascii("subscribed");
    private static final byte[] UNSUBSCRIBED = ascii("unsubscribed");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] ALERT = ascii("alert");
    private static final byte[] SUBSCRIBED_FAILED = ascii("subscribed_failed");
    private static final byte[] UNSUBSCRIBED_FAILED = ascii("unsubscribed_failed");
    private static final byte[] BUY = ascii("buy");
    private static final byte[] SELL = ascii("sell");
    private static final byte[] PRICE = ascii("price");
    private static final byte[] QTY = ascii("qty");
    private static final byte[] PRODUCT_ID = ascii("product_id");
    private static final byte[] SIDE = ascii("side");
    private static final byte[] SEQ = ascii("seq");
    private static final byte[] TIME = ascii("time");

    private final int maxFrameLength;
    private final JsonCursor cursor = new JsonCursor();
    private final MessageWriter writer;
    private final LevelBuffer bids = new LevelBuffer(256);
    private final LevelBuffer asks = new LevelBuffer(256);
    private final LevelBuffer empty = new LevelBuffer(1);
    private final KrakenFuturesRestDecoder rest;

    private int seen;
    private int nulls;
    private final long[] longs = new long[KEY_COUNT];
    private final long[] mantissas = new long[KEY_COUNT];
    private final int[] exponents = new int[KEY_COUNT];
    private final int[] offsets = new int[KEY_COUNT];
    private final int[] lengths = new int[KEY_COUNT];

    private int tradeCount;
    private long[] tradePriceMantissas = new long[16];
    private int[] tradePriceExponents = new int[16];
    private long[] tradeQtyMantissas = new long[16];
    private int[] tradeQtyExponents = new int[16];
    private long[] tradeTimesNs = new long[16];
    private long[] tradeIds = new long[16];
    private boolean[] tradeSells = new boolean[16];
    private int[] tradeSymbolOffsets = new int[16];
    private int[] tradeSymbolLengths = new int[16];

    private DirectBuffer frame;
    private StatusReason failure;
    private int failurePosition;

    /**
     * A decoder with default limits.
     */
    public KrakenFuturesDecoder()
    {
        this(DEFAULT_MAX_FRAME_LENGTH, DEFAULT_SNAPSHOT_HEADROOM);
    }

    /**
     * For the venue table: Kraken Futures has one venue.
     *
     * @param venue {@link Venue#KRAKEN_FUTURES}.
     */
    public KrakenFuturesDecoder(final Venue venue)
    {
        this();
        if (venue != Venue.KRAKEN_FUTURES)
        {
            throw new IllegalArgumentException("not Kraken Futures: " + venue);
        }
    }

    /**
     * @param maxFrameLength   longest frame accepted.
     * @param snapshotHeadroom bytes reserved after a snapshot for normalize's rewrite.
     */
    public KrakenFuturesDecoder(final int maxFrameLength, final int snapshotHeadroom)
    {
        this.maxFrameLength = maxFrameLength;
        this.writer = new MessageWriter(Venue.KRAKEN_FUTURES, snapshotHeadroom);
        this.rest = new KrakenFuturesRestDecoder(maxFrameLength, snapshotHeadroom);
    }

    /**
     * WebSocket frames always name their product; a REST order book body does not: this is its symbol, see
     * {@link KrakenFuturesRestDecoder#contextSymbol(String)}.
     *
     * @param venueSymbol the product id, or null to clear.
     */
    @Override
    public void contextSymbol(final String venueSymbol)
    {
        rest.contextSymbol(venueSymbol);
    }

    /**
     * Makes the following frames REST response bodies of an endpoint ({@code /derivatives/api/v3/orderbook},
     * {@code /derivatives/api/v3/tickers}, {@code /api/history/v2/market/{symbol}/executions}), decoded as
     * {@link KrakenFuturesRestDecoder} says, or WebSocket frames again. Cold path.
     *
     * @param path the endpoint path, with its query; null for WebSocket frames.
     * @return false (and no change) for a path this decoder does not know.
     */
    public boolean restEndpoint(final String path)
    {
        return rest.restEndpoint(path);
    }

    /**
     * Names the REST endpoint by the request URL, see {@link #restEndpoint(String)}; a URL of no endpoint this
     * decoder knows, or null, makes frames WebSocket frames again. Cold path.
     *
     * @param url the request URL, or null for stream frames.
     */
    @Override
    public void contextUrl(final String url)
    {
        rest.contextUrl(url);
    }

    @Override
    public int decode(
        final DirectBuffer frame, final int offset, final int length, final long recvTsNs, final MessageSink sink)
    {
        if (rest.hasEndpoint())
        {
            return rest.decode(frame, offset, length, recvTsNs, sink);
        }
        this.frame = frame;
        failure = null;
        writer.symbol(null, 0, 0);
        if (length > maxFrameLength)
        {
            return writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, length, recvTsNs);
        }
        cursor.wrap(frame, offset, length);
        final int committed = readFrame() ? encode(recvTsNs, sink) : -1;
        if (committed < 0)
        {
            return writer.malformed(sink, failure != null ? failure : StatusReason.BAD_VALUE,
                failurePosition - offset, recvTsNs);
        }
        return committed;
    }

    private boolean readFrame()
    {
        seen = 0;
        nulls = 0;
        tradeCount = 0;
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return fail(status) >= 0;
        }
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            if (!member(key()))
            {
                return false;
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status) >= 0;
        }
        return cursor.atEnd() || failAt(StatusReason.UNEXPECTED_CHARACTER, cursor.position()) >= 0;
    }

    private int key()
    {
        final int length = cursor.keyLength();
        for (int k = 0; k < KEY_COUNT; k++)
        {
            if (KEYS[k].length == length && cursor.keyEquals(KEYS[k]))
            {
                return k;
            }
        }
        return K_UNKNOWN;
    }

    private boolean member(final int key)
    {
        int status;
        if (key == K_UNKNOWN)
        {
            status = cursor.skipValue();
            return status == JsonCursor.OK || fail(status) >= 0;
        }
        final int bit = 1 << key;
        if ((seen & bit) != 0)
        {
            return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset()) >= 0;
        }
        seen |= bit;
        if (cursor.peek() == 'n')
        {
            // null: an absent value (the snapshot's tickSize, a ticker field the product does not have)
            nulls |= bit;
            status = cursor.skipValue();
            return status == JsonCursor.OK || fail(status) >= 0;
        }
        offsets[key] = cursor.position();
        switch (KINDS[key])
        {
            case V_STRING:
                status = cursor.parseString();
                if (status == JsonCursor.OK)
                {
                    offsets[key] = cursor.stringOffset();
                    lengths[key] = cursor.stringLength();
                }
                break;
            case V_LONG:
                status = cursor.parseLong();
                longs[key] = cursor.longValue();
                break;
            case V_DECIMAL:
                status = cursor.parseDecimal();
                mantissas[key] = cursor.mantissa();
                exponents[key] = cursor.exponent();
                break;
            case V_LEVELS:
                status = parseLevels(key == K_BIDS ? bids : asks);
                break;
            default:
                status = parseTrades();
                break;
        }
        if (status == JsonCursor.EMPTY)
        {
            return failAt(StatusReason.BAD_NUMBER, offsets[key]) >= 0;
        }
        return status == JsonCursor.OK || fail(status) >= 0;
    }

    /**
     * Parses {@code [{"price":..,"qty":..}, ...]}: prices above zero, quantities zero or more, other members
     * skipped.
     */
    private int parseLevels(final LevelBuffer buffer)
    {
        buffer.clear();
        int status = cursor.enterArray();
        if (status != JsonCursor.OK)
        {
            return status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status;
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (buffer.count() == MAX_LEVELS)
            {
                return TOO_MANY_STATUS;
            }
            if ((status = cursor.enterObject()) != JsonCursor.OK)
            {
                return status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status;
            }
            final int levelOffset = cursor.position();
            long priceMantissa = NULL_MANTISSA;
            int priceExponent = 0;
            long qtyMantissa = NULL_MANTISSA;
            int qtyExponent = 0;
            boolean firstMember = true;
            while ((status = cursor.nextField(firstMember)) == JsonCursor.OK)
            {
                firstMember = false;
                final boolean price = cursor.keyEquals(PRICE);
                if (price || cursor.keyEquals(QTY))
                {
                    if ((price ? priceMantissa : qtyMantissa) != NULL_MANTISSA)
                    {
                        failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                        return JsonCursor.BAD_VALUE;
                    }
                    final int valueOffset = cursor.position();
                    if ((status = number()) != JsonCursor.OK)
                    {
                        return status;
                    }
                    if (price ? cursor.mantissa() <= 0 : cursor.mantissa() < 0)
                    {
                        return badValueAt(valueOffset);
                    }
                    if (price)
                    {
                        priceMantissa = cursor.mantissa();
                        priceExponent = cursor.exponent();
                    }
                    else
                    {
                        qtyMantissa = cursor.mantissa();
                        qtyExponent = cursor.exponent();
                    }
                }
                else if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return status;
                }
            }
            if (status != JsonCursor.END)
            {
                return status;
            }
            if (priceMantissa == NULL_MANTISSA || qtyMantissa == NULL_MANTISSA)
            {
                failAt(StatusReason.MISSING_FIELD, levelOffset);
                return JsonCursor.BAD_VALUE;
            }
            buffer.add(priceMantissa, priceExponent, qtyMantissa, qtyExponent);
        }
        return status == JsonCursor.END ? JsonCursor.OK : status;
    }

    /**
     * Parses the {@code trades} of a {@code trade_snapshot} into the trade arrays.
     */
    private int parseTrades()
    {
        tradeCount = 0;
        int status = cursor.enterArray();
        if (status != JsonCursor.OK)
        {
            return status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status;
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (tradeCount == MAX_TRADES)
            {
                return TOO_MANY_STATUS;
            }
            if ((status = parseTrade()) != JsonCursor.OK)
            {
                return status;
            }
        }
        return status == JsonCursor.END ? JsonCursor.OK : status;
    }

    private int parseTrade()
    {
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status;
        }
        final int tradeOffset = cursor.position();
        if (tradeCount == tradeIds.length)
        {
            growTrades();
        }
        final int t = tradeCount;
        int found = 0;
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int bit;
            final int valueOffset = cursor.position();
            if (cursor.keyEquals(PRICE) || cursor.keyEquals(QTY))
            {
                final boolean price = cursor.keyLength() == PRICE.length;
                bit = price ? 1 : 2;
                if ((status = number()) != JsonCursor.OK)
                {
                    return status;
                }
                if (price ? cursor.mantissa() <= 0 : cursor.mantissa() < 0)
                {
                    return badValueAt(valueOffset);
                }
                if (price)
                {
                    tradePriceMantissas[t] = cursor.mantissa();
                    tradePriceExponents[t] = cursor.exponent();
                }
                else
                {
                    tradeQtyMantissas[t] = cursor.mantissa();
                    tradeQtyExponents[t] = cursor.exponent();
                }
            }
            else if (cursor.keyEquals(PRODUCT_ID) || cursor.keyEquals(SIDE))
            {
                final boolean product = cursor.keyLength() == PRODUCT_ID.length;
                bit = product ? 4 : 8;
                if ((status = cursor.parseString()) != JsonCursor.OK)
                {
                    return status;
                }
                if (product)
                {
                    if (!symbolAt(cursor.stringOffset(), cursor.stringLength()))
                    {
                        return JsonCursor.BAD_VALUE;
                    }
                    tradeSymbolOffsets[t] = cursor.stringOffset();
                    tradeSymbolLengths[t] = cursor.stringLength();
                }
                else if (cursor.stringEquals(BUY) || cursor.stringEquals(SELL))
                {
                    tradeSells[t] = cursor.stringEquals(SELL);
                }
                else
                {
                    return badValueAt(cursor.stringOffset());
                }
            }
            else if (cursor.keyEquals(SEQ) || cursor.keyEquals(TIME))
            {
                final boolean seq = cursor.keyLength() == SEQ.length;
                bit = seq ? 16 : 32;
                if ((status = cursor.parseLong()) != JsonCursor.OK)
                {
                    return status == JsonCursor.EMPTY ? JsonCursor.BAD_NUMBER : status;
                }
                if (seq)
                {
                    tradeIds[t] = cursor.longValue();
                }
                else
                {
                    final long timeNs = timeNs(cursor.longValue(), valueOffset);
                    if (timeNs == Long.MAX_VALUE)
                    {
                        return JsonCursor.BAD_VALUE;
                    }
                    tradeTimesNs[t] = timeNs;
                }
            }
            else
            {
                if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return status;
                }
                continue;
            }
            if ((found & bit) != 0)
            {
                failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                return JsonCursor.BAD_VALUE;
            }
            found |= bit;
        }
        if (status != JsonCursor.END)
        {
            return status;
        }
        if (found != 63)
        {
            failAt(StatusReason.MISSING_FIELD, tradeOffset);
            return JsonCursor.BAD_VALUE;
        }
        tradeCount++;
        return JsonCursor.OK;
    }

    /**
     * A price or quantity checked as soon as it is read: a JSON number (an empty string is a bad number). One that
     * ends the document was cut: {@code 0.001} cut to {@code 0} would otherwise read as a bad price.
     */
    private int number()
    {
        final int status = cursor.parseDecimal();
        if (status == JsonCursor.OK && cursor.position() >= cursor.limit())
        {
            failAt(StatusReason.TRUNCATED, cursor.limit());
            return JsonCursor.TRUNCATED;
        }
        return status == JsonCursor.EMPTY ? JsonCursor.BAD_NUMBER : status;
    }

    private int badValueAt(final int position)
    {
        failAt(StatusReason.BAD_VALUE, position);
        return JsonCursor.BAD_VALUE;
    }

    private void growTrades()
    {
        final int capacity = tradeIds.length * 2;
        tradePriceMantissas = Arrays.copyOf(tradePriceMantissas, capacity);
        tradePriceExponents = Arrays.copyOf(tradePriceExponents, capacity);
        tradeQtyMantissas = Arrays.copyOf(tradeQtyMantissas, capacity);
        tradeQtyExponents = Arrays.copyOf(tradeQtyExponents, capacity);
        tradeTimesNs = Arrays.copyOf(tradeTimesNs, capacity);
        tradeIds = Arrays.copyOf(tradeIds, capacity);
        tradeSells = Arrays.copyOf(tradeSells, capacity);
        tradeSymbolOffsets = Arrays.copyOf(tradeSymbolOffsets, capacity);
        tradeSymbolLengths = Arrays.copyOf(tradeSymbolLengths, capacity);
    }

    private int encode(final long recvTsNs, final MessageSink sink)
    {
        if (has(K_EVENT))
        {
            if (is(K_EVENT, INFO) || is(K_EVENT, SUBSCRIBED) || is(K_EVENT, UNSUBSCRIBED))
            {
                return 0;
            }
            if (is(K_EVENT, ERROR) || is(K_EVENT, ALERT) || is(K_EVENT, SUBSCRIBED_FAILED) ||
                is(K_EVENT, UNSUBSCRIBED_FAILED))
            {
                return failAt(StatusReason.VENUE_ERROR, offsets[K_EVENT]);
            }
            return failAt(StatusReason.UNKNOWN_EVENT_TYPE, offsets[K_EVENT]);
        }
        if (!has(K_FEED))
        {
            return failAt(StatusReason.MISSING_FIELD, cursor.limit());
        }
        if (is(K_FEED, BOOK))
        {
            return encodeBookUpdate(recvTsNs, sink);
        }
        if (is(K_FEED, BOOK_SNAPSHOT))
        {
            return encodeBookSnapshot(recvTsNs, sink);
        }
        if (is(K_FEED, TRADE))
        {
            return encodeTrade(recvTsNs, sink);
        }
        if (is(K_FEED, TRADE_SNAPSHOT))
        {
            return present(K_TRADES) ? encodeTrades(recvTsNs, sink) : -1;
        }
        if (is(K_FEED, TICKER))
        {
            return encodeTicker(recvTsNs, sink);
        }
        if (is(K_FEED, TICKER_LITE) || is(K_FEED, HEARTBEAT))
        {
            return 0;
        }
        return failAt(StatusReason.UNKNOWN_EVENT_TYPE, offsets[K_FEED]);
    }

    private int encodeBookUpdate(final long recvTsNs, final MessageSink sink)
    {
        if (!symbol() || !present(K_SIDE) || !present(K_SEQ) || !present(K_PRICE) || !present(K_QTY))
        {
            return -1;
        }
        final boolean bid = is(K_SIDE, BUY);
        if (!bid && !is(K_SIDE, SELL))
        {
            return failAt(StatusReason.BAD_VALUE, offsets[K_SIDE]);
        }
        if (mantissas[K_PRICE] <= 0)
        {
            return failAt(StatusReason.BAD_VALUE, offsets[K_PRICE]);
        }
        if (mantissas[K_QTY] < 0)
        {
            return failAt(StatusReason.BAD_VALUE, offsets[K_QTY]);
        }
        final long exchTsNs = optionalTimeNs(K_TIMESTAMP);
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }
        final LevelBuffer level = bid ? bids : asks;
        level.clear();
        level.add(mantissas[K_PRICE], exponents[K_PRICE], mantissas[K_QTY], exponents[K_QTY]);
        return written(writer.book(sink, false, exchTsNs, recvTsNs, longs[K_SEQ], NULL_VALUE, NULL_VALUE,
            NULL_VALUE, bid ? bids : empty, bid ? empty : asks));
    }

    private int encodeBookSnapshot(final long recvTsNs, final MessageSink sink)
    {
        if (!symbol() || !present(K_SEQ) || !present(K_BIDS) || !present(K_ASKS))
        {
            return -1;
        }
        final long exchTsNs = optionalTimeNs(K_TIMESTAMP);
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }
        return written(writer.book(sink, true, exchTsNs, recvTsNs, longs[K_SEQ], NULL_VALUE, NULL_VALUE,
            NULL_VALUE, bids, asks));
    }

    private int encodeTrade(final long recvTsNs, final MessageSink sink)
    {
        if (!symbol() || !present(K_SIDE) || !present(K_SEQ) || !present(K_PRICE) || !present(K_QTY) ||
            !present(K_TIME))
        {
            return -1;
        }
        final boolean sell = is(K_SIDE, SELL);
        if (!sell && !is(K_SIDE, BUY))
        {
            return failAt(StatusReason.BAD_VALUE, offsets[K_SIDE]);
        }
        if (mantissas[K_PRICE] <= 0)
        {
            return failAt(StatusReason.BAD_VALUE, offsets[K_PRICE]);
        }
        if (mantissas[K_QTY] < 0)
        {
            return failAt(StatusReason.BAD_VALUE, offsets[K_QTY]);
        }
        final long exchTsNs = timeNs(longs[K_TIME], offsets[K_TIME]);
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }
        return written(writer.trade(sink, sell ? Side.SELL : Side.BUY, exchTsNs, recvTsNs, longs[K_SEQ],
            mantissas[K_PRICE], exponents[K_PRICE], mantissas[K_QTY], exponents[K_QTY]));
    }

    private int encodeTrades(final long recvTsNs, final MessageSink sink)
    {
        int committed = 0;
        for (int t = tradeCount - 1; t >= 0; t--)
        {
            writer.symbol(frame, tradeSymbolOffsets[t], tradeSymbolLengths[t]);
            final int written = writer.trade(sink, tradeSells[t] ? Side.SELL : Side.BUY, tradeTimesNs[t], recvTsNs,
                tradeIds[t], tradePriceMantissas[t], tradePriceExponents[t], tradeQtyMantissas[t],
                tradeQtyExponents[t]);
            if (written < 0)
            {
                // a trade never outgrows a sink that held the ones before: report it after what was written
                return committed + writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, t, recvTsNs);
            }
            committed += written;
        }
        return committed;
    }

    private int encodeTicker(final long recvTsNs, final MessageSink sink)
    {
        if (!symbol())
        {
            return -1;
        }
        final long exchTsNs = optionalTimeNs(K_TIME);
        final long nextFundingTsNs = optionalTimeNs(K_NEXT_FUNDING_RATE_TIME);
        if (exchTsNs == Long.MAX_VALUE || nextFundingTsNs == Long.MAX_VALUE)
        {
            return -1;
        }
        if (has(K_OPEN_INTEREST) && mantissas[K_OPEN_INTEREST] < 0)
        {
            return failAt(StatusReason.BAD_VALUE, offsets[K_OPEN_INTEREST]);
        }
        final int funding = written(writer.funding(sink, exchTsNs, recvTsNs,
            nextFundingTsNs == 0 ? NULL_VALUE : nextFundingTsNs, mantissa(K_MARK_PRICE), exponents[K_MARK_PRICE],
            mantissa(K_INDEX), exponents[K_INDEX], mantissa(K_RELATIVE_FUNDING_RATE),
            exponents[K_RELATIVE_FUNDING_RATE]));
        if (funding < 0)
        {
            return funding;
        }
        int committed = funding;
        if (has(K_BID) && has(K_ASK) && has(K_BID_SIZE) && has(K_ASK_SIZE))
        {
            final int bbo = writer.bbo(sink, exchTsNs, recvTsNs, NULL_VALUE,
                mantissas[K_BID], exponents[K_BID], mantissas[K_BID_SIZE], exponents[K_BID_SIZE],
                mantissas[K_ASK], exponents[K_ASK], mantissas[K_ASK_SIZE], exponents[K_ASK_SIZE]);
            if (bbo < 0)
            {
                return committed + writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, cursor.limit(), recvTsNs);
            }
            committed += bbo;
        }
        if (has(K_OPEN_INTEREST))
        {
            final int openInterest = writer.openInterest(sink, exchTsNs, recvTsNs, mantissas[K_OPEN_INTEREST],
                exponents[K_OPEN_INTEREST], NULL_MANTISSA, 0);
            if (openInterest < 0)
            {
                return committed + writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, cursor.limit(), recvTsNs);
            }
            committed += openInterest;
        }
        return committed;
    }

    private boolean symbol()
    {
        if (!present(K_PRODUCT_ID) || !symbolAt(offsets[K_PRODUCT_ID], lengths[K_PRODUCT_ID]))
        {
            return false;
        }
        writer.symbol(frame, offsets[K_PRODUCT_ID], lengths[K_PRODUCT_ID]);
        return true;
    }

    private boolean symbolAt(final int offset, final int length)
    {
        if (length > MarketEvent.MAX_SYMBOL_LENGTH)
        {
            return failAt(StatusReason.SYMBOL_TOO_LONG, offset) >= 0;
        }
        if (length == 0)
        {
            return failAt(StatusReason.BAD_VALUE, offset) >= 0;
        }
        for (int i = 0; i < length; i++)
        {
            if (!SymbolBytes.isSymbolByte((byte)cursor.byteAt(offset + i)))
            {
                return failAt(StatusReason.BAD_VALUE, offset + i) >= 0;
            }
        }
        return true;
    }

    /**
     * @return true when the field is present and not null.
     */
    private boolean has(final int key)
    {
        final int bit = 1 << key;
        return (seen & bit) != 0 && (nulls & bit) == 0;
    }

    /**
     * @return true when the field is present and not null; otherwise records a missing field.
     */
    private boolean present(final int key)
    {
        return has(key) || failAt(StatusReason.MISSING_FIELD, cursor.limit()) >= 0;
    }

    private long mantissa(final int key)
    {
        return has(key) ? mantissas[key] : NULL_MANTISSA;
    }

    private boolean is(final int key, final byte[] ascii)
    {
        final int length = lengths[key];
        if (length != ascii.length)
        {
            return false;
        }
        final int offset = offsets[key];
        for (int i = 0; i < length; i++)
        {
            if ((byte)cursor.byteAt(offset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the time in ns; the null value when absent or 0; Long.MAX_VALUE when out of range (recorded).
     */
    private long optionalTimeNs(final int key)
    {
        if (!has(key) || longs[key] == 0)
        {
            return NULL_VALUE;
        }
        return timeNs(longs[key], offsets[key]);
    }

    /**
     * @return ns since epoch of a time in ms; Long.MAX_VALUE when out of range (recorded).
     */
    private long timeNs(final long ms, final int position)
    {
        if (ms < 0 || ms > MAX_MS)
        {
            failAt(StatusReason.BAD_VALUE, position);
            return Long.MAX_VALUE;
        }
        return ms * NS_PER_MS;
    }

    private int written(final int written)
    {
        return written < 0 ? failAt(StatusReason.FRAME_TOO_LARGE, cursor.limit()) : written;
    }

    /**
     * Records a cursor error, unless a more precise failure was recorded for it.
     *
     * @return -1.
     */
    private int fail(final int cursorStatus)
    {
        if (failure == null)
        {
            failure = DecodeFailures.reason(cursorStatus);
            // a status of the decoder's own (a level of the wrong arity) has no cursor error position: where it stands
            failurePosition = cursor.errorPosition() >= 0 ? cursor.errorPosition() : cursor.position();
        }
        return -1;
    }

    /**
     * @return -1.
     */
    private int failAt(final StatusReason reason, final int position)
    {
        failure = reason;
        failurePosition = position;
        return -1;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
