/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.krakenfutures;

import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.DecodeFailure;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.JsonFields;
import io.marketprism.feeds.LevelArrays;
import io.marketprism.feeds.LevelBuffer;
import io.marketprism.feeds.MessageWriter;
import io.marketprism.feeds.TradeBatch;
import io.marketprism.feeds.json.JsonCursor;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

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

    private static final byte[][] KEYS = {
        ascii("feed"), ascii("event"), ascii("product_id"), ascii("side"), ascii("seq"), ascii("price"), ascii("qty"),
        ascii("timestamp"), ascii("time"), ascii("bids"), ascii("asks"), ascii("trades"), ascii("markPrice"),
        ascii("index"), ascii("relative_funding_rate"), ascii("next_funding_rate_time"), ascii("bid"), ascii("ask"),
        ascii("bid_size"), ascii("ask_size"), ascii("openInterest") };

    private static final byte V_STRING = JsonFields.STRING;
    private static final byte V_LONG = JsonFields.LONG;
    private static final byte V_DECIMAL = JsonFields.DECIMAL;
    private static final byte V_LEVELS = JsonFields.CUSTOM;
    private static final byte V_TRADES = JsonFields.CUSTOM;
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

    private final DecodeFailure failure = new DecodeFailure();
    private final JsonFields fields = new JsonFields(KEYS, KINDS, cursor, failure);
    private final TradeBatch trades = new TradeBatch(16, MAX_TRADES);

    private DirectBuffer frame;

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
        failure.clear();
        writer.symbol(null, 0, 0);
        if (length > maxFrameLength)
        {
            return writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, length, recvTsNs);
        }
        cursor.wrap(frame, offset, length);
        final int committed = readFrame() ? encode(recvTsNs, sink) : -1;
        if (committed < 0)
        {
            return failure.report(writer, sink, offset, recvTsNs);
        }
        return committed;
    }

    private boolean readFrame()
    {
        fields.clear();
        trades.clear();
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return failure.cursor(status, cursor);
        }
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int read = fields.read();
            if (read == JsonFields.FAILED)
            {
                return false;
            }
            if (read != JsonFields.READ)
            {
                final int custom = read == K_TRADES ? parseTrades() : parseLevels(read == K_BIDS ? bids : asks);
                if (custom != JsonCursor.OK)
                {
                    return failure.cursor(custom, cursor);
                }
            }
        }
        if (status != JsonCursor.END)
        {
            return failure.cursor(status, cursor);
        }
        return cursor.atEnd() || failure.fail(StatusReason.UNEXPECTED_CHARACTER, cursor.position());
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
                        failure.failed(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
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
                failure.failed(StatusReason.MISSING_FIELD, levelOffset);
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
        trades.clear();
        int status = cursor.enterArray();
        if (status != JsonCursor.OK)
        {
            return status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status;
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (trades.isFull())
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
        long priceMantissa = 0;
        int priceExponent = 0;
        long qtyMantissa = 0;
        int qtyExponent = 0;
        int symbolOffset = 0;
        int symbolLength = 0;
        boolean sell = false;
        long id = 0;
        long timeNs = 0;
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
                    priceMantissa = cursor.mantissa();
                    priceExponent = cursor.exponent();
                }
                else
                {
                    qtyMantissa = cursor.mantissa();
                    qtyExponent = cursor.exponent();
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
                    if (!failure.checkSymbol(frame, cursor.stringOffset(), cursor.stringLength()))
                    {
                        return JsonCursor.BAD_VALUE;
                    }
                    symbolOffset = cursor.stringOffset();
                    symbolLength = cursor.stringLength();
                }
                else if (cursor.stringEquals(BUY) || cursor.stringEquals(SELL))
                {
                    sell = cursor.stringEquals(SELL);
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
                    id = cursor.longValue();
                }
                else
                {
                    timeNs = timeNs(cursor.longValue(), valueOffset);
                    if (timeNs == Long.MAX_VALUE)
                    {
                        return JsonCursor.BAD_VALUE;
                    }
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
                failure.failed(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
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
            failure.failed(StatusReason.MISSING_FIELD, tradeOffset);
            return JsonCursor.BAD_VALUE;
        }
        trades.add(sell ? Side.SELL : Side.BUY, timeNs, id, priceMantissa, priceExponent, qtyMantissa, qtyExponent,
            symbolOffset, symbolLength);
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
            failure.failed(StatusReason.TRUNCATED, cursor.limit());
            return JsonCursor.TRUNCATED;
        }
        return status == JsonCursor.EMPTY ? JsonCursor.BAD_NUMBER : status;
    }

    private int badValueAt(final int position)
    {
        failure.failed(StatusReason.BAD_VALUE, position);
        return JsonCursor.BAD_VALUE;
    }

    private int encode(final long recvTsNs, final MessageSink sink)
    {
        if (fields.has(K_EVENT))
        {
            if (fields.stringEquals(K_EVENT, INFO) || fields.stringEquals(K_EVENT, SUBSCRIBED) ||
                fields.stringEquals(K_EVENT, UNSUBSCRIBED))
            {
                return 0;
            }
            if (fields.stringEquals(K_EVENT, ERROR) || fields.stringEquals(K_EVENT, ALERT) ||
                fields.stringEquals(K_EVENT, SUBSCRIBED_FAILED) ||
                fields.stringEquals(K_EVENT, UNSUBSCRIBED_FAILED))
            {
                return failure.failed(StatusReason.VENUE_ERROR, fields.offset(K_EVENT));
            }
            return failure.failed(StatusReason.UNKNOWN_EVENT_TYPE, fields.offset(K_EVENT));
        }
        if (!fields.has(K_FEED))
        {
            return failure.failed(StatusReason.MISSING_FIELD, cursor.limit());
        }
        if (fields.stringEquals(K_FEED, BOOK))
        {
            return encodeBookUpdate(recvTsNs, sink);
        }
        if (fields.stringEquals(K_FEED, BOOK_SNAPSHOT))
        {
            return encodeBookSnapshot(recvTsNs, sink);
        }
        if (fields.stringEquals(K_FEED, TRADE))
        {
            return encodeTrade(recvTsNs, sink);
        }
        if (fields.stringEquals(K_FEED, TRADE_SNAPSHOT))
        {
            return fields.present(K_TRADES) ? trades.write(writer, sink, frame, recvTsNs, TradeBatch.NEWEST_FIRST) : -1;
        }
        if (fields.stringEquals(K_FEED, TICKER))
        {
            return encodeTicker(recvTsNs, sink);
        }
        if (fields.stringEquals(K_FEED, TICKER_LITE) || fields.stringEquals(K_FEED, HEARTBEAT))
        {
            return 0;
        }
        return failure.failed(StatusReason.UNKNOWN_EVENT_TYPE, fields.offset(K_FEED));
    }

    private int encodeBookUpdate(final long recvTsNs, final MessageSink sink)
    {
        if (!fields.symbol(K_PRODUCT_ID, writer) || !fields.present(K_SIDE) || !fields.present(K_SEQ) ||
            !fields.present(K_PRICE) || !fields.present(K_QTY))
        {
            return -1;
        }
        final boolean bid = fields.stringEquals(K_SIDE, BUY);
        if (!bid && !fields.stringEquals(K_SIDE, SELL))
        {
            return failure.failed(StatusReason.BAD_VALUE, fields.offset(K_SIDE));
        }
        if (fields.mantissa(K_PRICE) <= 0)
        {
            return failure.failed(StatusReason.BAD_VALUE, fields.offset(K_PRICE));
        }
        if (fields.mantissa(K_QTY) < 0)
        {
            return failure.failed(StatusReason.BAD_VALUE, fields.offset(K_QTY));
        }
        final long exchTsNs = fields.optionalTimeNs(K_TIMESTAMP);
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }
        final LevelBuffer level = bid ? bids : asks;
        level.clear();
        level.add(fields.mantissa(K_PRICE), fields.exponent(K_PRICE), fields.mantissa(K_QTY), fields.exponent(K_QTY));
        return written(writer.book(sink, false, exchTsNs, recvTsNs, fields.longValue(K_SEQ), NULL_VALUE, NULL_VALUE,
            NULL_VALUE, bid ? bids : empty, bid ? empty : asks));
    }

    private int encodeBookSnapshot(final long recvTsNs, final MessageSink sink)
    {
        if (!fields.symbol(K_PRODUCT_ID, writer) || !fields.present(K_SEQ) || !fields.present(K_BIDS) ||
            !fields.present(K_ASKS))
        {
            return -1;
        }
        final long exchTsNs = fields.optionalTimeNs(K_TIMESTAMP);
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }
        return written(writer.book(sink, true, exchTsNs, recvTsNs, fields.longValue(K_SEQ), NULL_VALUE, NULL_VALUE,
            NULL_VALUE, bids, asks));
    }

    private int encodeTrade(final long recvTsNs, final MessageSink sink)
    {
        if (!fields.symbol(K_PRODUCT_ID, writer) || !fields.present(K_SIDE) || !fields.present(K_SEQ) ||
            !fields.present(K_PRICE) || !fields.present(K_QTY) ||
            !fields.present(K_TIME))
        {
            return -1;
        }
        final boolean sell = fields.stringEquals(K_SIDE, SELL);
        if (!sell && !fields.stringEquals(K_SIDE, BUY))
        {
            return failure.failed(StatusReason.BAD_VALUE, fields.offset(K_SIDE));
        }
        if (fields.mantissa(K_PRICE) <= 0)
        {
            return failure.failed(StatusReason.BAD_VALUE, fields.offset(K_PRICE));
        }
        if (fields.mantissa(K_QTY) < 0)
        {
            return failure.failed(StatusReason.BAD_VALUE, fields.offset(K_QTY));
        }
        final long exchTsNs = timeNs(fields.longValue(K_TIME), fields.offset(K_TIME));
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }
        return written(writer.trade(sink, sell ? Side.SELL : Side.BUY, exchTsNs, recvTsNs, fields.longValue(K_SEQ),
            fields.mantissa(K_PRICE), fields.exponent(K_PRICE), fields.mantissa(K_QTY), fields.exponent(K_QTY)));
    }

    private int encodeTicker(final long recvTsNs, final MessageSink sink)
    {
        if (!fields.symbol(K_PRODUCT_ID, writer))
        {
            return -1;
        }
        final long exchTsNs = fields.optionalTimeNs(K_TIME);
        final long nextFundingTsNs = fields.optionalTimeNs(K_NEXT_FUNDING_RATE_TIME);
        if (exchTsNs == Long.MAX_VALUE || nextFundingTsNs == Long.MAX_VALUE)
        {
            return -1;
        }
        if (fields.has(K_OPEN_INTEREST) && fields.mantissa(K_OPEN_INTEREST) < 0)
        {
            return failure.failed(StatusReason.BAD_VALUE, fields.offset(K_OPEN_INTEREST));
        }
        final int funding = written(writer.funding(sink, exchTsNs, recvTsNs,
            nextFundingTsNs == 0 ? NULL_VALUE : nextFundingTsNs, fields.mantissa(K_MARK_PRICE),
                fields.exponent(K_MARK_PRICE),
            fields.mantissa(K_INDEX), fields.exponent(K_INDEX), fields.mantissa(K_RELATIVE_FUNDING_RATE),
            fields.exponent(K_RELATIVE_FUNDING_RATE)));
        if (funding < 0)
        {
            return funding;
        }
        int committed = funding;
        if (fields.has(K_BID) && fields.has(K_ASK) && fields.has(K_BID_SIZE) && fields.has(K_ASK_SIZE))
        {
            final int bbo = writer.bbo(sink, exchTsNs, recvTsNs, NULL_VALUE,
                fields.mantissa(K_BID), fields.exponent(K_BID), fields.mantissa(K_BID_SIZE),
                    fields.exponent(K_BID_SIZE),
                fields.mantissa(K_ASK), fields.exponent(K_ASK), fields.mantissa(K_ASK_SIZE),
                    fields.exponent(K_ASK_SIZE));
            if (bbo < 0)
            {
                return committed + writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, cursor.limit(), recvTsNs);
            }
            committed += bbo;
        }
        if (fields.has(K_OPEN_INTEREST))
        {
            final int openInterest = writer.openInterest(sink, exchTsNs, recvTsNs, fields.mantissa(K_OPEN_INTEREST),
                fields.exponent(K_OPEN_INTEREST), NULL_MANTISSA, 0);
            if (openInterest < 0)
            {
                return committed + writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, cursor.limit(), recvTsNs);
            }
            committed += openInterest;
        }
        return committed;
    }

    /**
     * @return ns since epoch of a time in ms; Long.MAX_VALUE when out of range (recorded).
     */
    private long timeNs(final long ms, final int position)
    {
        if (ms < 0 || ms > MAX_MS)
        {
            failure.failed(StatusReason.BAD_VALUE, position);
            return Long.MAX_VALUE;
        }
        return ms * NS_PER_MS;
    }

    private int written(final int written)
    {
        return written < 0 ? failure.failed(StatusReason.FRAME_TOO_LARGE, cursor.limit()) : written;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
