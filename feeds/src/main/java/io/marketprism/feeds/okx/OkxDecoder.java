/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.okx;

import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.ContextSymbol;
import io.marketprism.feeds.DecodeFailure;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.JsonFields;
import io.marketprism.feeds.LevelArrays;
import io.marketprism.feeds.LevelBuffer;
import io.marketprism.feeds.MessageWriter;
import io.marketprism.feeds.RestUrls;
import io.marketprism.feeds.json.JsonCursor;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Decodes OKX v5 public WebSocket frames from raw bytes into SBE, without allocating.
 * <p>
 * A push is {@code {"arg":{"channel":..,"instId":..},"action":..,"data":[{..},..]}}; members may come in any order
 * (the data is read after the frame when it comes before the members that say what it is). Each element of
 * {@code data} becomes one message:
 * <ul>
 *   <li>{@code books}, {@code books-l2-tbt}, {@code books50-l2-tbt}: a book snapshot or update, by {@code action},
 *       with {@code seqId}/{@code prevSeqId} as seq/prevSeq and the {@code checksum} (0, which OKX sends for "none",
 *       is written as absent);</li>
 *   <li>{@code books5}: a snapshot of the top 5 levels every time;</li>
 *   <li>{@code bbo-tbt} and {@code tickers}: a bbo (from the first level of each side, or {@code bidPx}...);</li>
 *   <li>{@code trades}: a trade; {@code funding-rate}, {@code mark-price} and {@code index-tickers}: a funding
 *       message with what each gives (the rate and its settlement time {@code fundingTime}, {@code markPx}, or
 *       {@code idxPx} as the index price of the index named by instId, e.g. {@code BTC-USDT});</li>
 *   <li>{@code open-interest}: open interest, {@code oi} (contracts) with {@code oiUsd} as its value where
 *       sent ({@code oiCcy}, the same in base currency, is not a value in the quote currency: not carried);</li>
 *   <li>{@code liquidation-orders}: one liquidation per element of each element's {@code details}, the instrument
 *       being the element's {@code instId} (the push's {@code arg} names only the instrument type).</li>
 * </ul>
 * The same decoder reads REST response bodies once told the endpoint, see {@link #restEndpoint(String)}.
 * Event frames ({@code subscribe}, {@code unsubscribe}, {@code notice},
 * {@code channel-conn-count}...) yield nothing, except errors ({@code error}, {@code channel-conn-count-error}):
 * a {@code VENUE_ERROR} status whose detail is OKX's numeric {@code code} (absent when it sent none). Anything
 * else that cannot be decoded yields a {@code malformed} status naming the reason and byte offset; the messages
 * of elements decoded before it stay.
 */
public final class OkxDecoder implements FrameDecoder
{
    /** Most levels one side of a message may carry (the SBE group count limit). */
    public static final int MAX_LEVELS = 65534;

    private static final int CH_NONE = 0;
    private static final int CH_UNKNOWN = 1;
    private static final int CH_BOOKS = 2;
    private static final int CH_BOOKS5 = 3;
    private static final int CH_BBO_TBT = 4;
    private static final int CH_TRADES = 5;
    private static final int CH_TICKERS = 6;
    private static final int CH_FUNDING_RATE = 7;
    private static final int CH_MARK_PRICE = 8;
    private static final int CH_INDEX_TICKERS = 9;
    private static final int CH_OPEN_INTEREST = 10;
    private static final int CH_LIQUIDATION = 11;
    private static final int CH_FUNDING_HISTORY = 12;

    private static final int ACTION_NONE = 0;
    private static final int ACTION_SNAPSHOT = 1;
    private static final int ACTION_UPDATE = 2;

    // the members of a data element this decoder reads, as bits (to spot duplicates) and value slots
    private static final int F_ASKS = 0;
    private static final int F_BIDS = 1;
    private static final int F_TS = 2;
    private static final int F_CHECKSUM = 3;
    private static final int F_SEQ_ID = 4;
    private static final int F_PREV_SEQ_ID = 5;
    private static final int F_TRADE_ID = 6;
    private static final int F_PX = 7;
    private static final int F_SZ = 8;
    private static final int F_SIDE = 9;
    private static final int F_ASK_PX = 10;
    private static final int F_ASK_SZ = 11;
    private static final int F_BID_PX = 12;
    private static final int F_BID_SZ = 13;
    private static final int F_FUNDING_RATE = 14;
    private static final int F_FUNDING_TIME = 15;
    private static final int F_MARK_PX = 16;
    private static final int F_IDX_PX = 17;
    private static final int F_OI = 18;
    private static final int F_OI_USD = 19;
    private static final int F_BK_PX = 20;
    private static final int F_REALIZED_RATE = 21;
    private static final int F_INST_ID = 22;
    private static final int F_DETAILS = 23;
    private static final int FIELD_COUNT = 24;
    private static final int F_UNKNOWN = -1;

    private static final long NS_PER_MS = 1_000_000L;
    private static final long MAX_MS = Long.MAX_VALUE / NS_PER_MS;
    private static final long NULL = MessageWriter.NULL_VALUE;
    /** {@link #writeBook} result when the element is not a valid book message (failure recorded). */
    private static final int BOOK_INVALID = -2;

    private static final byte[] ARG = ascii("arg");
    private static final byte[] ACTION = ascii("action");
    private static final byte[] DATA = ascii("data");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] CODE = ascii("code");
    private static final byte[] CHANNEL = ascii("channel");
    private static final byte[] INST_ID = ascii("instId");
    private static final byte[] SNAPSHOT = ascii("snapshot");
    private static final byte[] UPDATE = ascii("update");
    private static final byte[] ERROR_SUFFIX = ascii("error");
    private static final byte[] BUY = ascii("buy");
    private static final byte[] SELL = ascii("sell");

    private static final byte[][] CHANNEL_NAMES = {
        ascii("books"), ascii("books-l2-tbt"), ascii("books50-l2-tbt"), ascii("books5"), ascii("bbo-tbt"),
        ascii("trades"), ascii("tickers"), ascii("funding-rate"), ascii("mark-price"), ascii("index-tickers"),
        ascii("open-interest"), ascii("liquidation-orders") };
    private static final int[] CHANNEL_IDS = {
        CH_BOOKS, CH_BOOKS, CH_BOOKS, CH_BOOKS5, CH_BBO_TBT, CH_TRADES, CH_TICKERS, CH_FUNDING_RATE, CH_MARK_PRICE,
        CH_INDEX_TICKERS, CH_OPEN_INTEREST, CH_LIQUIDATION };

    // REST paths (below /api/v5) and the channel whose data elements their "data" holds
    private static final String[] REST_PATHS = {
        "/market/books", "/market/books-full", "/market/trades", "/market/history-trades", "/public/mark-price",
        "/market/index-tickers", "/public/funding-rate", "/public/funding-rate-history", "/public/open-interest",
        "/public/liquidation-orders" };
    private static final int[] REST_CHANNELS = {
        CH_BOOKS, CH_BOOKS, CH_TRADES, CH_TRADES, CH_MARK_PRICE, CH_INDEX_TICKERS, CH_FUNDING_RATE, CH_FUNDING_HISTORY,
        CH_OPEN_INTEREST, CH_LIQUIDATION };

    private static final byte[][] FIELD_NAMES = new byte[FIELD_COUNT][];
    private static final byte[] FIELD_KINDS = new byte[FIELD_COUNT];

    static
    {
        FIELD_NAMES[F_ASKS] = ascii("asks");
        FIELD_NAMES[F_BIDS] = ascii("bids");
        FIELD_NAMES[F_TS] = ascii("ts");
        FIELD_NAMES[F_CHECKSUM] = ascii("checksum");
        FIELD_NAMES[F_SEQ_ID] = ascii("seqId");
        FIELD_NAMES[F_PREV_SEQ_ID] = ascii("prevSeqId");
        FIELD_NAMES[F_TRADE_ID] = ascii("tradeId");
        FIELD_NAMES[F_PX] = ascii("px");
        FIELD_NAMES[F_SZ] = ascii("sz");
        FIELD_NAMES[F_SIDE] = ascii("side");
        FIELD_NAMES[F_ASK_PX] = ascii("askPx");
        FIELD_NAMES[F_ASK_SZ] = ascii("askSz");
        FIELD_NAMES[F_BID_PX] = ascii("bidPx");
        FIELD_NAMES[F_BID_SZ] = ascii("bidSz");
        FIELD_NAMES[F_FUNDING_RATE] = ascii("fundingRate");
        FIELD_NAMES[F_FUNDING_TIME] = ascii("fundingTime");
        FIELD_NAMES[F_MARK_PX] = ascii("markPx");
        FIELD_NAMES[F_IDX_PX] = ascii("idxPx");
        FIELD_NAMES[F_OI] = ascii("oi");
        FIELD_NAMES[F_OI_USD] = ascii("oiUsd");
        FIELD_NAMES[F_BK_PX] = ascii("bkPx");
        FIELD_NAMES[F_REALIZED_RATE] = ascii("realizedRate");
        FIELD_NAMES[F_INST_ID] = ascii("instId");
        FIELD_NAMES[F_DETAILS] = ascii("details");
        java.util.Arrays.fill(FIELD_KINDS, JsonFields.DECIMAL);
        for (final int field : new int[]{ F_TS, F_CHECKSUM, F_SEQ_ID, F_PREV_SEQ_ID, F_TRADE_ID, F_FUNDING_TIME })
        {
            FIELD_KINDS[field] = JsonFields.LONG;
        }
        FIELD_KINDS[F_SIDE] = JsonFields.STRING;
        FIELD_KINDS[F_INST_ID] = JsonFields.STRING;
        FIELD_KINDS[F_ASKS] = JsonFields.CUSTOM;
        FIELD_KINDS[F_BIDS] = JsonFields.CUSTOM;
        FIELD_KINDS[F_DETAILS] = JsonFields.CUSTOM;
    }

    private final int maxFrameLength;
    private final JsonCursor cursor = new JsonCursor();
    private final MessageWriter writer;
    private final LevelBuffer bids = new LevelBuffer(512);
    private final LevelBuffer asks = new LevelBuffer(512);
    private final ContextSymbol context = new ContextSymbol();
    private int restChannel = CH_NONE;
    /** A {@link #contextUrl(String)} of an endpoint this decoder does not read. */
    private boolean unknownEndpoint;

    private final DecodeFailure failure = new DecodeFailure();
    /** The current data element's values. */
    private final JsonFields fields = new JsonFields(FIELD_NAMES, FIELD_KINDS, cursor, failure).emptyIsNull();

    // the current frame
    private DirectBuffer frame;
    private int frameOffset;
    private int channel;
    private int channelPosition;
    private int argSymbolOffset;
    private int argSymbolLength;
    private int action;
    private int eventOffset;
    private int eventLength;
    private long code;
    private int committed;

    /**
     * A decoder with default limits.
     */
    public OkxDecoder()
    {
        this(DEFAULT_MAX_FRAME_LENGTH, MessageWriter.DEFAULT_SNAPSHOT_HEADROOM);
    }

    /**
     * @param maxFrameLength   longest frame accepted.
     * @param snapshotHeadroom bytes reserved after a snapshot for normalize's rewrite.
     */
    public OkxDecoder(final int maxFrameLength, final int snapshotHeadroom)
    {
        this.maxFrameLength = maxFrameLength;
        this.writer = new MessageWriter(Venue.OKX, snapshotHeadroom);
    }

    /**
     * The instrument of REST bodies that name none (an order book): every WebSocket push names its instrument in
     * {@code arg}, and REST elements that carry {@code instId} use theirs. Cold path.
     *
     * @param venueSymbol OKX's instId, or null to clear (as does one no message can carry).
     */
    @Override
    public void contextSymbol(final String venueSymbol)
    {
        context.set(venueSymbol);
    }

    /**
     * Makes the following frames REST response bodies of an endpoint ({@code {"code":"0","msg":"","data":[..]}}),
     * or WebSocket pushes again. A REST body does not say what it answers, so the caller, who asked, says it here.
     * Each element of {@code data} decodes as the push of the matching channel does:
     * <ul>
     *   <li>{@code /market/books}, {@code /market/books-full}: a book snapshot (its symbol from
     *       {@link #contextSymbol(String)});</li>
     *   <li>{@code /market/trades}, {@code /market/history-trades}: trades;</li>
     *   <li>{@code /public/mark-price}, {@code /market/index-tickers}, {@code /public/funding-rate}: funding messages
     *       with the mark price, the index price, or the rate and its settlement time;</li>
     *   <li>{@code /public/funding-rate-history}: one funding message per settlement, exchTs = {@code fundingTime},
     *       the rate {@code realizedRate} (the rate actually charged; {@code fundingRate} when absent);</li>
     *   <li>{@code /public/open-interest}: open interest; {@code /public/liquidation-orders}: liquidations.</li>
     * </ul>
     * A body whose {@code code} is not 0 is a {@code VENUE_ERROR} status whose detail is the code. Cold path.
     *
     * @param path the endpoint path, with or without {@code /api/v5} and a query; null for WebSocket pushes.
     * @return false (and no change) for a path this decoder does not know.
     */
    public boolean restEndpoint(final String path)
    {
        if (path == null)
        {
            restChannel = CH_NONE;
            unknownEndpoint = false;
            return true;
        }
        String endpoint = path.startsWith("/api/v5") ? path.substring("/api/v5".length()) : path;
        final int query = endpoint.indexOf('?');
        endpoint = query >= 0 ? endpoint.substring(0, query) : endpoint;
        for (int i = 0; i < REST_PATHS.length; i++)
        {
            if (REST_PATHS[i].equals(endpoint))
            {
                restChannel = REST_CHANNELS[i];
                unknownEndpoint = false;
                return true;
            }
        }
        return false;
    }

    /**
     * Names the REST endpoint by the request URL (scheme and host dropped), see {@link #restEndpoint(String)}. A URL of
     * an endpoint this decoder does not read makes every following body an {@code UNKNOWN_EVENT_TYPE} status until
     * the URL changes; null makes the frames WebSocket frames again. Cold path.
     *
     * @param url the request URL, or null for stream frames.
     */
    @Override
    public void contextUrl(final String url)
    {
        unknownEndpoint = url != null && !restEndpoint(RestUrls.path(url));
        if (url == null)
        {
            restEndpoint(null);
        }
    }

    @Override
    public int decode(
        final DirectBuffer frame, final int offset, final int length, final long recvTsNs, final MessageSink sink)
    {
        if (unknownEndpoint)
        {
            return writer.malformed(sink, StatusReason.UNKNOWN_EVENT_TYPE, 0, recvTsNs);
        }
        this.frame = frame;
        frameOffset = offset;
        writer.symbol(null, 0, 0);
        argSymbolLength = 0;
        channel = restChannel;
        action = restChannel == CH_BOOKS ? ACTION_SNAPSHOT : ACTION_NONE;
        eventLength = -1;
        code = NULL;
        committed = 0;
        failure.clear();
        if (length > maxFrameLength)
        {
            return writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, length, recvTsNs);
        }

        cursor.wrap(frame, offset, length);
        if (!decodeFrame(recvTsNs, sink))
        {
            final long detail = failure.reason() == StatusReason.VENUE_ERROR ? code : failure.position() - offset;
            return committed + writer.malformed(sink, failure.reason(), detail, recvTsNs);
        }
        return committed;
    }

    private boolean decodeFrame(final long recvTsNs, final MessageSink sink)
    {
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return failure.cursor(status, cursor);
        }
        int dataPosition = -1;
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            if (cursor.keyEquals(DATA))
            {
                if (channel != CH_NONE && (channel != CH_BOOKS || action != ACTION_NONE))
                {
                    if (!decodeData(recvTsNs, sink))
                    {
                        return false;
                    }
                    dataPosition = Integer.MAX_VALUE;
                    continue;
                }
                dataPosition = cursor.position();
            }
            else if (cursor.keyEquals(ARG))
            {
                if (!parseArg())
                {
                    return false;
                }
                continue;
            }
            else if (cursor.keyEquals(ACTION))
            {
                if ((status = cursor.parseString()) != JsonCursor.OK)
                {
                    return failure.cursor(status, cursor);
                }
                action = cursor.stringEquals(SNAPSHOT) ? ACTION_SNAPSHOT :
                    cursor.stringEquals(UPDATE) ? ACTION_UPDATE : ACTION_NONE;
                if (action == ACTION_NONE)
                {
                    return failure.fail(StatusReason.BAD_VALUE, cursor.stringOffset());
                }
                continue;
            }
            else if (cursor.keyEquals(EVENT))
            {
                if ((status = cursor.parseString()) != JsonCursor.OK)
                {
                    return failure.cursor(status, cursor);
                }
                eventOffset = cursor.stringOffset();
                eventLength = cursor.stringLength();
                continue;
            }
            else if (cursor.keyEquals(CODE))
            {
                final int start = cursor.position();
                if (cursor.parseLong() == JsonCursor.OK)
                {
                    code = cursor.longValue();
                    continue;
                }
                cursor.position(start);
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

        if (eventLength >= 0)
        {
            return !isErrorEvent() || failure.fail(StatusReason.VENUE_ERROR, eventOffset);
        }
        if (restChannel != CH_NONE && code != NULL && code != 0)
        {
            return failure.fail(StatusReason.VENUE_ERROR, frameOffset);
        }
        if (dataPosition == Integer.MAX_VALUE)
        {
            return true;
        }
        if (dataPosition < 0 || channel == CH_NONE)
        {
            return failure.fail(StatusReason.MISSING_FIELD, cursor.limit());
        }
        cursor.position(dataPosition);
        return decodeData(recvTsNs, sink);
    }

    private boolean parseArg()
    {
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return failure.cursor(status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status, cursor);
        }
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            if (cursor.keyEquals(CHANNEL))
            {
                if ((status = cursor.parseString()) != JsonCursor.OK)
                {
                    return failure.cursor(status, cursor);
                }
                channelPosition = cursor.stringOffset();
                channel = channelOf();
            }
            else if (cursor.keyEquals(INST_ID))
            {
                if ((status = cursor.parseString()) != JsonCursor.OK)
                {
                    return failure.cursor(status, cursor);
                }
                final int offset = cursor.stringOffset();
                final int length = cursor.stringLength();
                if (!failure.checkSymbol(frame, offset, length))
                {
                    return false;
                }
                writer.symbol(frame, offset, length);
                argSymbolOffset = offset;
                argSymbolLength = length;
            }
            else if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                return failure.cursor(status, cursor);
            }
        }
        return status == JsonCursor.END || failure.cursor(status, cursor);
    }

    private int channelOf()
    {
        for (int i = 0; i < CHANNEL_NAMES.length; i++)
        {
            if (cursor.stringEquals(CHANNEL_NAMES[i]))
            {
                return CHANNEL_IDS[i];
            }
        }
        return CH_UNKNOWN;
    }

    private boolean isErrorEvent()
    {
        final int suffix = ERROR_SUFFIX.length;
        if (eventLength < suffix)
        {
            return false;
        }
        for (int i = 0; i < suffix; i++)
        {
            if (frame.getByte(eventOffset + eventLength - suffix + i) != ERROR_SUFFIX[i])
            {
                return false;
            }
        }
        return true;
    }

    private boolean decodeData(final long recvTsNs, final MessageSink sink)
    {
        if (channel == CH_UNKNOWN)
        {
            return failure.fail(StatusReason.UNKNOWN_EVENT_TYPE, channelPosition);
        }
        if (channel == CH_BOOKS && action == ACTION_NONE)
        {
            return failure.fail(StatusReason.MISSING_FIELD, cursor.position());
        }
        int status = cursor.enterArray();
        if (status != JsonCursor.OK)
        {
            return failure.cursor(status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status, cursor);
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (!parseElement() || !elementSymbol() || !writeElement(recvTsNs, sink))
            {
                return false;
            }
        }
        return status == JsonCursor.END || failure.cursor(status, cursor);
    }

    private boolean parseElement()
    {
        bids.clear();
        asks.clear();
        return parseObject();
    }

    /**
     * The symbol of an element: the push's {@code arg.instId}; else the element's own {@code instId} (liquidation
     * pushes and REST bodies); else the context symbol.
     */
    private boolean elementSymbol()
    {
        if (argSymbolLength > 0)
        {
            return true;
        }
        if (!fields.has(F_INST_ID))
        {
            if (!context.isSet())
            {
                // every message needs its instrument: an element nothing attributes is not decoded (found by fuzzing)
                return failure.fail(StatusReason.MISSING_FIELD, cursor.position());
            }
            context.applyTo(writer);
            return true;
        }
        return fields.symbol(F_INST_ID, writer);
    }

    private boolean parseObject()
    {
        fields.clear();
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return failure.cursor(status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status, cursor);
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
                status = read == F_ASKS ? LevelArrays.parse(cursor, asks, MAX_LEVELS) :
                    read == F_BIDS ? LevelArrays.parse(cursor, bids, MAX_LEVELS) : cursor.skipValue();
                if (status != JsonCursor.OK)
                {
                    return failure.cursor(status, cursor);
                }
            }
        }
        return status == JsonCursor.END || failure.cursor(status, cursor);
    }

    /**
     * @return the element's {@code side}, or null (recorded) when it is neither {@code buy} nor {@code sell}.
     */
    private Side side()
    {
        if (fields.stringEquals(F_SIDE, BUY))
        {
            return Side.BUY;
        }
        if (fields.stringEquals(F_SIDE, SELL))
        {
            return Side.SELL;
        }
        failure.fail(StatusReason.BAD_VALUE, fields.offset(F_SIDE));
        return null;
    }

    private boolean writeElement(final long recvTsNs, final MessageSink sink)
    {
        final long exchTsNs = fields.optionalTimeNs(F_TS);
        if (exchTsNs == Long.MAX_VALUE)
        {
            return false;
        }
        final int written;
        switch (channel)
        {
            case CH_BOOKS:
            case CH_BOOKS5:
                written = writeBook(exchTsNs, recvTsNs, sink);
                break;
            case CH_BBO_TBT:
                if (!fields.present(F_ASKS) || !fields.present(F_BIDS))
                {
                    return false;
                }
                written = writer.bbo(sink, exchTsNs, recvTsNs, fields.optionalLong(F_SEQ_ID),
                    bids.count() > 0 ? bids.priceMantissa(0) : MessageWriter.NULL_MANTISSA,
                    bids.count() > 0 ? bids.priceExponent(0) : 0,
                    bids.count() > 0 ? bids.qtyMantissa(0) : MessageWriter.NULL_MANTISSA,
                    bids.count() > 0 ? bids.qtyExponent(0) : 0,
                    asks.count() > 0 ? asks.priceMantissa(0) : MessageWriter.NULL_MANTISSA,
                    asks.count() > 0 ? asks.priceExponent(0) : 0,
                    asks.count() > 0 ? asks.qtyMantissa(0) : MessageWriter.NULL_MANTISSA,
                    asks.count() > 0 ? asks.qtyExponent(0) : 0);
                break;
            case CH_TICKERS:
                if (!fields.optionalPositive(F_BID_PX) || !fields.optionalNonNegative(F_BID_SZ) ||
                    !fields.optionalPositive(F_ASK_PX) || !fields.optionalNonNegative(F_ASK_SZ))
                {
                    return false;
                }
                written = writer.bbo(sink, exchTsNs, recvTsNs, NULL,
                    fields.mantissa(F_BID_PX), fields.exponent(F_BID_PX), fields.mantissa(F_BID_SZ),
                    fields.exponent(F_BID_SZ), fields.mantissa(F_ASK_PX), fields.exponent(F_ASK_PX),
                    fields.mantissa(F_ASK_SZ), fields.exponent(F_ASK_SZ));
                break;
            case CH_TRADES:
                final Side side = fields.present(F_SIDE) ? side() : null;
                if (side == null || !fields.positive(F_PX) || !fields.nonNegative(F_SZ))
                {
                    return false;
                }
                written = writer.trade(sink, side, exchTsNs, recvTsNs, fields.optionalLong(F_TRADE_ID),
                    fields.mantissa(F_PX), fields.exponent(F_PX), fields.mantissa(F_SZ), fields.exponent(F_SZ));
                break;
            case CH_FUNDING_RATE:
            {
                final long fundingTsNs = fields.optionalTimeNs(F_FUNDING_TIME);
                if (!fields.present(F_FUNDING_RATE) || fundingTsNs == Long.MAX_VALUE)
                {
                    return false;
                }
                written = writer.funding(sink, exchTsNs, recvTsNs, fundingTsNs,
                    MessageWriter.NULL_MANTISSA, 0, MessageWriter.NULL_MANTISSA, 0,
                    fields.mantissa(F_FUNDING_RATE), fields.exponent(F_FUNDING_RATE));
                break;
            }
            case CH_INDEX_TICKERS:
                if (!fields.present(F_IDX_PX) || !fields.positive(F_IDX_PX))
                {
                    return false;
                }
                written = writer.funding(sink, exchTsNs, recvTsNs, NULL, MessageWriter.NULL_MANTISSA, 0,
                    fields.mantissa(F_IDX_PX), fields.exponent(F_IDX_PX), MessageWriter.NULL_MANTISSA, 0);
                break;
            case CH_OPEN_INTEREST:
                if (!fields.present(F_OI) || !fields.nonNegative(F_OI) || !fields.optionalNonNegative(F_OI_USD))
                {
                    return false;
                }
                written = writer.openInterest(sink, exchTsNs, recvTsNs, fields.mantissa(F_OI), fields.exponent(F_OI),
                    fields.mantissa(F_OI_USD), fields.exponent(F_OI_USD));
                break;
            case CH_FUNDING_HISTORY:
            {
                final long fundingTsNs = fields.optionalTimeNs(F_FUNDING_TIME);
                final int rate = fields.has(F_REALIZED_RATE) ? F_REALIZED_RATE : F_FUNDING_RATE;
                if (!fields.present(F_FUNDING_TIME) || fundingTsNs == Long.MAX_VALUE || !fields.present(rate))
                {
                    return false;
                }
                written = writer.funding(sink, fundingTsNs, recvTsNs, NULL, MessageWriter.NULL_MANTISSA, 0,
                    MessageWriter.NULL_MANTISSA, 0, fields.mantissa(rate), fields.exponent(rate));
                break;
            }
            case CH_LIQUIDATION:
                return writeLiquidations(recvTsNs, sink);
            default:
                if (!fields.present(F_MARK_PX) || !fields.positive(F_MARK_PX))
                {
                    return false;
                }
                written = writer.funding(sink, exchTsNs, recvTsNs, NULL,
                    fields.mantissa(F_MARK_PX), fields.exponent(F_MARK_PX), MessageWriter.NULL_MANTISSA, 0,
                    MessageWriter.NULL_MANTISSA, 0);
                break;
        }
        if (written == BOOK_INVALID)
        {
            return false;
        }
        if (written < 0)
        {
            return failure.fail(StatusReason.FRAME_TOO_LARGE, cursor.limit());
        }
        committed += written;
        return true;
    }

    /**
     * Writes one liquidation per element of the current element's {@code details}: {@code side} is the side of the
     * liquidation order (OKX's order side; {@code posSide} is the position's), {@code sz} its size, {@code bkPx} the
     * bankruptcy price at which it was taken over, {@code ts} its time.
     */
    private boolean writeLiquidations(final long recvTsNs, final MessageSink sink)
    {
        if (!fields.present(F_DETAILS))
        {
            return false;
        }
        final int end = cursor.position();
        cursor.position(fields.offset(F_DETAILS));
        int status = cursor.enterArray();
        if (status != JsonCursor.OK)
        {
            return failure.cursor(status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status, cursor);
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (!parseObject())
            {
                return false;
            }
            final long exchTsNs = fields.optionalTimeNs(F_TS);
            final Side side = exchTsNs == Long.MAX_VALUE || !fields.present(F_SIDE) ? null : side();
            if (side == null || !fields.positive(F_BK_PX) || !fields.nonNegative(F_SZ))
            {
                return false;
            }
            final int written = writer.liquidation(sink, side, exchTsNs, recvTsNs, fields.mantissa(F_BK_PX),
                fields.exponent(F_BK_PX), fields.mantissa(F_SZ), fields.exponent(F_SZ));
            if (written < 0)
            {
                return failure.fail(StatusReason.FRAME_TOO_LARGE, cursor.limit());
            }
            committed += written;
        }
        if (status != JsonCursor.END)
        {
            return failure.cursor(status, cursor);
        }
        cursor.position(end);
        return true;
    }

    private int writeBook(final long exchTsNs, final long recvTsNs, final MessageSink sink)
    {
        if (!fields.present(F_ASKS) || !fields.present(F_BIDS))
        {
            return BOOK_INVALID;
        }
        long checksum = fields.optionalLong(F_CHECKSUM);
        if (checksum != NULL && (checksum < Integer.MIN_VALUE || checksum > Integer.MAX_VALUE))
        {
            failure.fail(StatusReason.BAD_VALUE, fields.offset(F_CHECKSUM));
            return BOOK_INVALID;
        }
        if (checksum == 0)
        {
            checksum = NULL;
        }
        final boolean snapshot = channel == CH_BOOKS5 || action == ACTION_SNAPSHOT;
        return writer.book(sink, snapshot, exchTsNs, recvTsNs, fields.optionalLong(F_SEQ_ID),
            snapshot ? NULL : fields.optionalLong(F_PREV_SEQ_ID), NULL, checksum, bids, asks);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
