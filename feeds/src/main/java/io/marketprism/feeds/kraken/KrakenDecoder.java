/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import io.marketprism.codecs.Decimals;
import io.marketprism.engine.MarketEvent;
import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.DecodeFailures;
import io.marketprism.feeds.FrameDecoder;
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
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Decodes Kraken spot market-data frames, WebSocket v1 and v2, from raw bytes into SBE, without allocating.
 * <p>
 * <b>v1</b> (the recorded captures): data come as arrays {@code [channelID, payload, (payload,) channelName, pair]}.
 * <ul>
 *   <li>{@code book-N}: a snapshot {@code {"as":[..],"bs":[..]}} or an update with {@code "a"} and/or {@code "b"},
 *       possibly in two objects, the checksum {@code "c"} (unsigned CRC32 as a decimal string) in the last. A level is
 *       {@code [price, volume, time]} plus, on a republished level, {@code "r"}; volume 0 deletes.</li>
 *   <li>{@code trade}: an array of trades {@code [price, volume, time, "b"|"s", orderType, misc]}: one trade message
 *       each, without trade id.</li>
 *   <li>{@code ticker}: best ask {@code "a"} and bid {@code "b"} as {@code [price, wholeLotVolume, lotVolume]}: a bbo
 *       with the lot volumes as quantities.</li>
 * </ul>
 * Control objects {@code {"event":..}} ({@code heartbeat}, {@code pong}, {@code systemStatus}, a
 * {@code subscriptionStatus} that is not an error) yield nothing; a {@code subscriptionStatus} with status
 * {@code error}, or {@code event: error}, yields a {@code VENUE_ERROR} status.
 * <p>
 * <b>v2</b>: objects {@code {"channel":..,"type":..,"data":[..]}}: {@code book} ({@code snapshot}/{@code update}, each
 * entry {@code symbol, bids/asks: [{price, qty}], checksum, timestamp}), {@code trade} ({@code side, price, qty,
 * trade_id, timestamp}), {@code ticker} ({@code bid, bid_qty, ask, ask_qty}, optional {@code timestamp}), one message
 * per entry; {@code heartbeat} and {@code status} yield nothing, and so does a method reply ({@code {"method":..}})
 * unless its {@code success} is false ({@code VENUE_ERROR}). v2 numbers are JSON numbers, v1's strings: both are
 * kept exactly as written (mantissa and exponent).
 * <p>
 * Kraken's book messages carry no sequence id: {@code seq} is null, the checksum goes into the message's checksum
 * field for normalize to verify ({@link KrakenBookChecksum}). The venue time of a v1 book message is the latest time
 * of its levels; v2 gives {@code timestamp} (RFC 3339, UTC).
 * <p>
 * A frame is all or nothing: it is checked whole before anything is written (v1 structure first, then values; v2
 * entries are validated in one pass and written in a second), so a bad frame yields one {@code malformed} status and
 * no message. Fields may come in any order within an object; unknown fields are skipped.
 * <p>
 * <b>REST</b>: told an endpoint ({@link #restEndpoint(String)}, {@link #contextUrl(String)}), it decodes the
 * {@code Depth}, {@code Trades} and {@code Ticker} response bodies instead, their pairs named as the stream names
 * them ({@link KrakenRestPairs}).
 */
public final class KrakenDecoder implements FrameDecoder
{
    /** Longest frame accepted; longer ones are reported as {@code FRAME_TOO_LARGE}. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 8 * 1024 * 1024;

    /** Bytes reserved after a snapshot so normalize can rewrite it as the maintained book (about 900 levels). */
    public static final int DEFAULT_SNAPSHOT_HEADROOM = 16 * 1024;

    /** Most levels one side of a message may carry (the SBE group count limit). */
    public static final int MAX_LEVELS = 65534;

    /** Largest checksum: an unsigned 32-bit CRC. */
    private static final long MAX_CHECKSUM = 0xFFFF_FFFFL;

    /** Most elements of a v1 array: channel id, two side objects, channel name and pair. */
    private static final int MAX_ELEMENTS = 5;

    private static final int FAILED = -1;
    private static final long NULL = MessageWriter.NULL_VALUE;
    private static final long NULL_MANTISSA = MessageWriter.NULL_MANTISSA;
    private static final long BAD_TIME = -1;
    private static final int NS_EXPONENT = -9;

    // v1 book side keys, as bits
    private static final int SIDE_AS = 1;
    private static final int SIDE_BS = 2;
    private static final int SIDE_A = 4;
    private static final int SIDE_B = 8;
    private static final int SIDE_C = 16;

    // keys of a top-level object
    private static final int O_EVENT = 0;
    private static final int O_STATUS = 1;
    private static final int O_CHANNEL = 2;
    private static final int O_TYPE = 3;
    private static final int O_DATA = 4;
    private static final int O_METHOD = 5;
    private static final int O_SUCCESS = 6;
    private static final int OBJECT_KEYS = 7;

    // keys of a v2 data entry
    private static final int E_SYMBOL = 0;
    private static final int E_BIDS = 1;
    private static final int E_ASKS = 2;
    private static final int E_CHECKSUM = 3;
    private static final int E_TIMESTAMP = 4;
    private static final int E_SIDE = 5;
    private static final int E_PRICE = 6;
    private static final int E_QTY = 7;
    private static final int E_TRADE_ID = 8;
    private static final int E_BID = 9;
    private static final int E_BID_QTY = 10;
    private static final int E_ASK = 11;
    private static final int E_ASK_QTY = 12;
    private static final int ENTRY_KEYS = 13;
    private static final int BOOK_KEYS = bits(E_SYMBOL, E_BIDS, E_ASKS, E_CHECKSUM, E_TIMESTAMP);
    private static final int TRADE_KEYS = bits(E_SYMBOL, E_SIDE, E_PRICE, E_QTY, E_TRADE_ID, E_TIMESTAMP);
    private static final int TICKER_KEYS = bits(E_SYMBOL, E_BID, E_BID_QTY, E_ASK, E_ASK_QTY, E_TIMESTAMP);
    private static final int BOOK_SIDES = bits(E_BIDS, E_ASKS);
    private static final int TRADE_REQUIRED = bits(E_SIDE, E_PRICE, E_QTY);
    private static final int TICKER_REQUIRED = bits(E_BID, E_BID_QTY, E_ASK, E_ASK_QTY);

    // v2 channels
    private static final int CHANNEL_BOOK = 1;
    private static final int CHANNEL_TRADE = 2;
    private static final int CHANNEL_TICKER = 3;

    private static final byte[] BOOK_PREFIX = ascii("book-");
    private static final byte[] TRADE = ascii("trade");
    private static final byte[] TICKER = ascii("ticker");
    private static final byte[] BOOK = ascii("book");
    private static final byte[] HEARTBEAT = ascii("heartbeat");
    private static final byte[] STATUS = ascii("status");
    private static final byte[] PONG = ascii("pong");
    private static final byte[] SYSTEM_STATUS = ascii("systemStatus");
    private static final byte[] SUBSCRIPTION_STATUS = ascii("subscriptionStatus");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] SNAPSHOT = ascii("snapshot");
    private static final byte[] UPDATE = ascii("update");
    private static final byte[] BUY = ascii("buy");
    private static final byte[] SELL = ascii("sell");

    private static final byte[] EVENT = ascii("event");
    private static final byte[] CHANNEL = ascii("channel");
    private static final byte[] TYPE = ascii("type");
    private static final byte[] DATA = ascii("data");
    private static final byte[] METHOD = ascii("method");
    private static final byte[] SUCCESS = ascii("success");
    private static final byte[] SYMBOL = ascii("symbol");
    private static final byte[] BIDS = ascii("bids");
    private static final byte[] ASKS = ascii("asks");
    private static final byte[] CHECKSUM = ascii("checksum");
    private static final byte[] TIMESTAMP = ascii("timestamp");
    private static final byte[] SIDE = ascii("side");
    private static final byte[] PRICE = ascii("price");
    private static final byte[] QTY = ascii("qty");
    private static final byte[] TRADE_ID = ascii("trade_id");
    private static final byte[] BID = ascii("bid");
    private static final byte[] BID_QTY = ascii("bid_qty");
    private static final byte[] ASK = ascii("ask");
    private static final byte[] ASK_QTY = ascii("ask_qty");
    private static final byte[] RESULT = ascii("result");
    private static final byte[] LAST = ascii("last");

    // REST endpoints whose bodies the next frames are
    private static final int REST_NONE = 0;
    private static final int REST_DEPTH = 1;
    private static final int REST_TRADES = 2;
    private static final int REST_TICKER = 3;
    private static final String[] REST_PATHS = { "/0/public/Depth", "/0/public/Trades", "/0/public/Ticker" };
    private static final int[] REST_ENDPOINTS = { REST_DEPTH, REST_TRADES, REST_TICKER };

    private final int maxFrameLength;
    private final MessageWriter writer;
    private final JsonCursor cursor = new JsonCursor();
    private final LevelBuffer bids = new LevelBuffer(1024);
    private final LevelBuffer asks = new LevelBuffer(1024);
    private final int[] elementStarts = new int[MAX_ELEMENTS];
    private final int[] objectValues = new int[OBJECT_KEYS];
    private final UnsafeBuffer pairName = new UnsafeBuffer(new byte[KrakenRestPairs.MAX_LENGTH]);

    // values of the v2 entry (or v1 payload) being decoded, by entry key
    private final long[] mantissas = new long[ENTRY_KEYS];
    private final int[] exponents = new int[ENTRY_KEYS];
    private final long[] longs = new long[ENTRY_KEYS];
    private final int[] stringOffsets = new int[ENTRY_KEYS];
    private final int[] stringLengths = new int[ENTRY_KEYS];

    private DirectBuffer frame;
    private int frameOffset;
    // the last priceVolumeTime(): [price, volume, time, ..]
    private long tuplePriceMantissa;
    private int tuplePriceExponent;
    private long tupleVolumeMantissa;
    private int tupleVolumeExponent;
    private long tupleTimeNs;
    private StatusReason failure;
    private int failurePosition;
    private int committedBeforeFailure;
    private long levelsTimeNs;
    private int restEndpoint = REST_NONE;

    /**
     * A decoder with default limits.
     */
    public KrakenDecoder()
    {
        this(DEFAULT_MAX_FRAME_LENGTH, DEFAULT_SNAPSHOT_HEADROOM);
    }

    /**
     * A decoder for the venue table: {@link Venue#KRAKEN} only.
     *
     * @param venue {@link Venue#KRAKEN}.
     */
    public KrakenDecoder(final Venue venue)
    {
        this(DEFAULT_MAX_FRAME_LENGTH, DEFAULT_SNAPSHOT_HEADROOM);
        if (venue != Venue.KRAKEN)
        {
            throw new IllegalArgumentException("not Kraken spot: " + venue);
        }
    }

    /**
     * @param maxFrameLength   longest frame accepted.
     * @param snapshotHeadroom bytes reserved after a snapshot for normalize's rewrite.
     */
    public KrakenDecoder(final int maxFrameLength, final int snapshotHeadroom)
    {
        this.maxFrameLength = maxFrameLength;
        this.writer = new MessageWriter(Venue.KRAKEN, snapshotHeadroom);
    }

    /**
     * Kraken names the pair in every data frame, so there is nothing to attribute: ignored.
     * <p>
     * {@inheritDoc}
     */
    @Override
    public void contextSymbol(final String venueSymbol)
    {
    }

    /**
     * Makes the following frames REST response bodies of an endpoint, or WebSocket frames again. A body
     * {@code {"error":[..],"result":{..}}} names its pairs by their REST keys ({@code XXBTZUSD}, {@code XBTUSDT}):
     * each becomes the venue symbol the stream uses ({@code XBT/USD}, see {@link KrakenRestPairs}), so the REST
     * data and the stream's land on one instrument; a key of no known form is kept as it is.
     * <ul>
     *   <li>{@code /0/public/Depth}: per pair, a book snapshot of {@code asks} and {@code bids}
     *       ({@code [price, volume, time]}), without sequence (Kraken gives none) or checksum, its venue time the
     *       latest level time;</li>
     *   <li>{@code /0/public/Trades}: per pair, one trade per element {@code [price, volume, time, side, orderType,
     *       misc, tradeId]} (older responses end after {@code misc}: no trade id); {@code last} is the cursor to
     *       ask the next trades from, not a trade;</li>
     *   <li>{@code /0/public/Ticker}: per pair, a bbo from {@code a} and {@code b} ({@code [price, wholeLotVolume,
     *       lotVolume]}, the lot volume as quantity), without venue time; the 24-hour figures have no message
     *       type.</li>
     * </ul>
     * A non-empty {@code error} array is a {@code VENUE_ERROR} status. Cold path.
     *
     * @param path the endpoint path, a query allowed; null for WebSocket frames.
     * @return false (and no change) for a path this decoder does not know.
     */
    public boolean restEndpoint(final String path)
    {
        if (path == null)
        {
            restEndpoint = REST_NONE;
            return true;
        }
        final int query = path.indexOf('?');
        final String endpoint = query >= 0 ? path.substring(0, query) : path;
        for (int i = 0; i < REST_PATHS.length; i++)
        {
            if (REST_PATHS[i].equals(endpoint))
            {
                restEndpoint = REST_ENDPOINTS[i];
                return true;
            }
        }
        return false;
    }

    /**
     * Names the REST endpoint by the request URL ({@code https://api.kraken.com/0/public/Depth?pair=XBTUSDT}), see
     * {@link #restEndpoint(String)}; a URL of no endpoint this decoder knows, or null, makes frames WebSocket frames
     * again. Cold path.
     *
     * @param url the request URL, or null for stream frames.
     */
    @Override
    public void contextUrl(final String url)
    {
        if (url == null || !restEndpoint(RestUrls.path(url)))
        {
            restEndpoint(null);
        }
    }

    @Override
    public int decode(
        final DirectBuffer frame, final int offset, final int length, final long recvTsNs, final MessageSink sink)
    {
        this.frame = frame;
        this.frameOffset = offset;
        failure = null;
        committedBeforeFailure = 0;
        writer.symbol(null, 0, 0);
        if (length > maxFrameLength)
        {
            return writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, length, recvTsNs);
        }

        cursor.wrap(frame, offset, length);
        final int first = cursor.peek();
        final int committed;
        if (restEndpoint != REST_NONE)
        {
            committed = first < 0 ? failAt(StatusReason.TRUNCATED, cursor.position()) : decodeRest(recvTsNs, sink);
        }
        else if (first == '[')
        {
            committed = decodeArray(recvTsNs, sink);
        }
        else if (first == '{')
        {
            committed = decodeObject(recvTsNs, sink);
        }
        else
        {
            committed = first < 0 ?
                failAt(StatusReason.TRUNCATED, cursor.position()) :
                failAt(StatusReason.UNEXPECTED_CHARACTER, cursor.position());
        }
        if (committed < 0)
        {
            final StatusReason reason = failure != null ? failure : StatusReason.BAD_VALUE;
            return committedBeforeFailure + writer.malformed(sink, reason, failurePosition - offset, recvTsNs);
        }
        return committed;
    }

    // ---------------------------------------------------------------------------------------------------- v1 arrays

    private int decodeArray(final long recvTsNs, final MessageSink sink)
    {
        // structure first: where each element starts, the whole frame well-formed
        cursor.enterArray();
        int count = 0;
        boolean first = true;
        int status;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            cursor.peek();
            if (count == MAX_ELEMENTS)
            {
                return failAt(StatusReason.BAD_VALUE, cursor.position());
            }
            elementStarts[count++] = cursor.position();
            if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                return fail(status);
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        if (!cursor.atEnd())
        {
            return failAt(StatusReason.UNEXPECTED_CHARACTER, cursor.position());
        }
        if (count < 4)
        {
            return failAt(StatusReason.MISSING_FIELD, cursor.limit());
        }

        cursor.position(elementStarts[0]);
        if (cursor.peek() == '"' || cursor.parseLong() != JsonCursor.OK)
        {
            return failAt(StatusReason.BAD_VALUE, elementStarts[0]);
        }
        final int nameAt = elementStarts[count - 2];
        cursor.position(nameAt);
        if (cursor.parseString() != JsonCursor.OK)
        {
            return failAt(StatusReason.BAD_VALUE, nameAt);
        }
        final int nameOffset = cursor.stringOffset();
        final int nameLength = cursor.stringLength();
        final int pairAt = elementStarts[count - 1];
        cursor.position(pairAt);
        if (cursor.parseString() != JsonCursor.OK)
        {
            return failAt(StatusReason.BAD_VALUE, pairAt);
        }
        final int pairOffset = cursor.stringOffset();
        final int pairLength = cursor.stringLength();
        final int payloads = count - 3;

        final int channel;
        if (startsWith(nameOffset, nameLength, BOOK_PREFIX))
        {
            channel = CHANNEL_BOOK;
        }
        else if (equals(nameOffset, nameLength, TRADE))
        {
            channel = CHANNEL_TRADE;
        }
        else if (equals(nameOffset, nameLength, TICKER))
        {
            channel = CHANNEL_TICKER;
        }
        else
        {
            return failAt(StatusReason.UNKNOWN_EVENT_TYPE, nameOffset);
        }
        if (channel != CHANNEL_BOOK && payloads != 1)
        {
            return failAt(StatusReason.BAD_VALUE, elementStarts[2]);
        }
        if (!validSymbol(pairOffset, pairLength))
        {
            return FAILED;
        }
        writer.symbol(frame, pairOffset, pairLength);

        switch (channel)
        {
            case CHANNEL_BOOK:
                return decodeV1Book(payloads, recvTsNs, sink);
            case CHANNEL_TRADE:
                return decodeV1Trades(recvTsNs, sink);
            default:
                return decodeV1Ticker(recvTsNs, sink);
        }
    }

    private int decodeV1Book(final int payloads, final long recvTsNs, final MessageSink sink)
    {
        bids.clear();
        asks.clear();
        levelsTimeNs = NULL;
        long checksum = NULL;
        int seen = 0;
        for (int p = 1; p <= payloads; p++)
        {
            final int payloadAt = elementStarts[p];
            cursor.position(payloadAt);
            if (cursor.enterObject() != JsonCursor.OK)
            {
                return failAt(StatusReason.BAD_VALUE, payloadAt);
            }
            boolean first = true;
            int status;
            while ((status = cursor.nextField(first)) == JsonCursor.OK)
            {
                first = false;
                final int side = v1BookKey();
                if (side == 0)
                {
                    if ((status = cursor.skipValue()) != JsonCursor.OK)
                    {
                        return fail(status);
                    }
                    continue;
                }
                if ((seen & side) != 0)
                {
                    return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                seen |= side;
                if (side == SIDE_C)
                {
                    checksum = checksumValue();
                    if (checksum == FAILED)
                    {
                        return FAILED;
                    }
                }
                else if (!v1Levels(side == SIDE_BS || side == SIDE_B ? bids : asks))
                {
                    return FAILED;
                }
            }
            if (status != JsonCursor.END)
            {
                return fail(status);
            }
        }
        final boolean snapshot = (seen & (SIDE_AS | SIDE_BS)) != 0;
        final boolean update = (seen & (SIDE_A | SIDE_B)) != 0;
        if (snapshot && update)
        {
            return failAt(StatusReason.BAD_VALUE, elementStarts[1]);
        }
        if (!snapshot && !update)
        {
            return failAt(StatusReason.MISSING_FIELD, elementStarts[1]);
        }
        return written(writer.book(sink, snapshot, levelsTimeNs, recvTsNs, NULL, NULL, NULL, checksum, bids, asks));
    }

    /**
     * @return the v1 book key's side bit, {@link #SIDE_C} for the checksum, 0 for another key.
     */
    private int v1BookKey()
    {
        final int length = cursor.keyLength();
        if (length == 1)
        {
            switch (cursor.keyByte(0))
            {
                case 'a':
                    return SIDE_A;
                case 'b':
                    return SIDE_B;
                case 'c':
                    return SIDE_C;
                default:
                    return 0;
            }
        }
        if (length == 2 && cursor.keyByte(1) == 's')
        {
            final byte side = cursor.keyByte(0);
            return side == 'a' ? SIDE_AS : side == 'b' ? SIDE_BS : 0;
        }
        return 0;
    }

    /**
     * Reads a v1 level array {@code [[price, volume, time(, flag)], ..]} into a buffer, keeping the latest time.
     */
    private boolean v1Levels(final LevelBuffer levels)
    {
        final int arrayAt = valuePosition();
        if (cursor.enterArray() != JsonCursor.OK)
        {
            return failBoolean(StatusReason.BAD_VALUE, arrayAt);
        }
        boolean first = true;
        int status;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            final int levelAt = valuePosition();
            if (levels.count() == MAX_LEVELS)
            {
                return failBoolean(StatusReason.TOO_MANY_LEVELS, levelAt);
            }
            if (!priceVolumeTime(levelAt))
            {
                return false;
            }
            levelsTimeNs = Math.max(levelsTimeNs, tupleTimeNs);
            // the republish flag "r" (or any later element) changes nothing in how the level applies
            if (!skipRest())
            {
                return false;
            }
            levels.add(tuplePriceMantissa, tuplePriceExponent, tupleVolumeMantissa, tupleVolumeExponent);
        }
        return status == JsonCursor.END || failBoolean(DecodeFailures.reason(status), cursor.errorPosition());
    }

    private int decodeV1Trades(final long recvTsNs, final MessageSink sink)
    {
        // validate every trade, then write them: a frame is all or nothing
        int committed = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            final int written = tradeArray(elementStarts[1], false, pass == 1, committed, recvTsNs, sink);
            if (written < 0)
            {
                return FAILED;
            }
            committed += written;
        }
        return committed;
    }

    /**
     * Reads (and on the write pass writes) an array of trades {@code [price, volume, time, "b"|"s", orderType, misc
     * (, tradeId)]}, the v1 stream's and the REST {@code Trades} response's.
     *
     * @param arrayAt    where the array starts.
     * @param tradeIds   true when a seventh element, when present, is the trade id (REST); ignored otherwise.
     * @param write      false to check only.
     * @param committed  messages the frame committed before this array.
     * @return messages written, or {@link #FAILED} (recorded, with what was committed before it).
     */
    private int tradeArray(
        final int arrayAt,
        final boolean tradeIds,
        final boolean write,
        final int committed,
        final long recvTsNs,
        final MessageSink sink)
    {
        cursor.position(arrayAt);
        if (cursor.enterArray() != JsonCursor.OK)
        {
            return failAt(StatusReason.BAD_VALUE, arrayAt);
        }
        int written = 0;
        boolean first = true;
        int status;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            final int tradeAt = valuePosition();
            if (!priceVolumeTime(tradeAt))
            {
                return FAILED;
            }
            final long priceMantissa = tuplePriceMantissa;
            final int priceExponent = tuplePriceExponent;
            final long qtyMantissa = tupleVolumeMantissa;
            final int qtyExponent = tupleVolumeExponent;
            final long timeNs = tupleTimeNs;
            if ((status = cursor.nextElement(false)) != JsonCursor.OK)
            {
                return status == JsonCursor.END ? failAt(StatusReason.MISSING_FIELD, tradeAt) : fail(status);
            }
            final int sideAt = valuePosition();
            if (cursor.parseString() != JsonCursor.OK || cursor.stringLength() != 1)
            {
                return failAt(StatusReason.BAD_VALUE, sideAt);
            }
            final int sideByte = cursor.byteAt(cursor.stringOffset());
            if (sideByte != 'b' && sideByte != 's')
            {
                return failAt(StatusReason.BAD_VALUE, sideAt);
            }
            final long tradeId = tradeIds ? restTradeId(tradeAt) : NULL;
            if (tradeId == FAILED || !skipRest())
            {
                return FAILED;
            }
            if (write)
            {
                final int one = writer.trade(sink, sideByte == 'b' ? Side.BUY : Side.SELL, timeNs, recvTsNs,
                    tradeId, priceMantissa, priceExponent, qtyMantissa, qtyExponent);
                if (one < 0)
                {
                    committedBeforeFailure = committed + written;
                    return failAt(StatusReason.FRAME_TOO_LARGE, cursor.limit());
                }
                written += one;
            }
        }
        return status == JsonCursor.END ? written : fail(status);
    }

    /**
     * After a REST trade's side: skips the order type and the misc string and reads the trade id that newer
     * responses put seventh (older ones end after misc).
     *
     * @return the trade id, {@link #NULL} when the trade has none, or {@link #FAILED} (recorded).
     */
    private long restTradeId(final int tradeAt)
    {
        int status;
        for (int skipped = 0; skipped < 2; skipped++)
        {
            if ((status = cursor.nextElement(false)) != JsonCursor.OK)
            {
                return status == JsonCursor.END ? failAt(StatusReason.MISSING_FIELD, tradeAt) : fail(status);
            }
            if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                return fail(status);
            }
        }
        if ((status = cursor.nextElement(false)) == JsonCursor.END)
        {
            // the trade's closing bracket is consumed: step back onto it for skipRest
            cursor.position(cursor.position() - 1);
            return NULL;
        }
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        final int idAt = valuePosition();
        status = cursor.parseLong();
        if (status != JsonCursor.OK)
        {
            return status == JsonCursor.EMPTY ? failAt(StatusReason.BAD_NUMBER, idAt) : fail(status);
        }
        return cursor.longValue() < 0 ? failAt(StatusReason.BAD_VALUE, idAt) : cursor.longValue();
    }

    private int decodeV1Ticker(final long recvTsNs, final MessageSink sink)
    {
        if (!tickerObject(elementStarts[1]))
        {
            return FAILED;
        }
        return written(writer.bbo(sink, NULL, recvTsNs, NULL,
            mantissas[E_BID], exponents[E_BID], mantissas[E_BID_QTY], exponents[E_BID_QTY],
            mantissas[E_ASK], exponents[E_ASK], mantissas[E_ASK_QTY], exponents[E_ASK_QTY]));
    }

    /**
     * Reads a ticker object's best ask {@code "a"} and bid {@code "b"} (the v1 stream's and the REST {@code Ticker}
     * response's) into the bid and ask price and quantity; other members are skipped.
     */
    private boolean tickerObject(final int objectAt)
    {
        cursor.position(objectAt);
        if (cursor.enterObject() != JsonCursor.OK)
        {
            return failBoolean(StatusReason.BAD_VALUE, objectAt);
        }
        int seen = 0;
        boolean first = true;
        int status;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int key = cursor.keyLength() != 1 ? -1 :
                cursor.keyByte(0) == 'a' ? E_ASK : cursor.keyByte(0) == 'b' ? E_BID : -1;
            if (key < 0)
            {
                if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return failBoolean(DecodeFailures.reason(status), errorPosition());
                }
                continue;
            }
            if ((seen & (1 << key)) != 0)
            {
                return failBoolean(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
            }
            seen |= 1 << key;
            if (!v1TickerSide(key))
            {
                return false;
            }
        }
        if (status != JsonCursor.END)
        {
            return failBoolean(DecodeFailures.reason(status), errorPosition());
        }
        return seen == (1 << E_ASK | 1 << E_BID) || failBoolean(StatusReason.MISSING_FIELD, objectAt);
    }

    /**
     * Reads {@code [price, wholeLotVolume, lotVolume]} into the price and quantity of the side.
     */
    private boolean v1TickerSide(final int priceKey)
    {
        final int sideAt = valuePosition();
        if (cursor.enterArray() != JsonCursor.OK)
        {
            return failBoolean(StatusReason.BAD_VALUE, sideAt);
        }
        if (!nextDecimal(true, sideAt))
        {
            return false;
        }
        final long priceMantissa = cursor.mantissa();
        final int priceExponent = cursor.exponent();
        int status = cursor.nextElement(false);
        if (status != JsonCursor.OK)
        {
            return status == JsonCursor.END ?
                failBoolean(StatusReason.MISSING_FIELD, sideAt) :
                failBoolean(DecodeFailures.reason(status), errorPosition());
        }
        if ((status = cursor.skipValue()) != JsonCursor.OK)
        {
            return failBoolean(DecodeFailures.reason(status), errorPosition());
        }
        if (!nextDecimal(false, sideAt))
        {
            return false;
        }
        if (priceMantissa <= 0 || cursor.mantissa() < 0)
        {
            return failBoolean(StatusReason.BAD_VALUE, sideAt);
        }
        final int qtyKey = priceKey == E_BID ? E_BID_QTY : E_ASK_QTY;
        mantissas[priceKey] = priceMantissa;
        exponents[priceKey] = priceExponent;
        mantissas[qtyKey] = cursor.mantissa();
        exponents[qtyKey] = cursor.exponent();
        return skipRest();
    }

    // -------------------------------------------------------------------------------------- objects: v1 control, v2

    private int decodeObject(final long recvTsNs, final MessageSink sink)
    {
        cursor.enterObject();
        int seen = 0;
        boolean first = true;
        int status;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int key = objectKey();
            if (key >= 0)
            {
                if ((seen & (1 << key)) != 0)
                {
                    return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                seen |= 1 << key;
                objectValues[key] = valuePosition();
            }
            if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                return fail(status);
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        if (!cursor.atEnd())
        {
            return failAt(StatusReason.UNEXPECTED_CHARACTER, cursor.position());
        }

        if ((seen & (1 << O_EVENT)) != 0)
        {
            return v1Event(seen);
        }
        if ((seen & (1 << O_METHOD)) != 0)
        {
            return v2MethodReply(seen);
        }
        if ((seen & (1 << O_CHANNEL)) != 0)
        {
            return v2Channel(seen, recvTsNs, sink);
        }
        return failAt(StatusReason.UNKNOWN_EVENT_TYPE, cursor.limit());
    }

    private int objectKey()
    {
        switch (cursor.keyLength())
        {
            case 4:
                return cursor.keyEquals(TYPE) ? O_TYPE : cursor.keyEquals(DATA) ? O_DATA : -1;
            case 5:
                return cursor.keyEquals(EVENT) ? O_EVENT : -1;
            case 6:
                return cursor.keyEquals(STATUS) ? O_STATUS : cursor.keyEquals(METHOD) ? O_METHOD : -1;
            case 7:
                return cursor.keyEquals(CHANNEL) ? O_CHANNEL : cursor.keyEquals(SUCCESS) ? O_SUCCESS : -1;
            default:
                return -1;
        }
    }

    private int v1Event(final int seen)
    {
        if (!objectString(O_EVENT))
        {
            return FAILED;
        }
        if (cursor.stringEquals(HEARTBEAT) || cursor.stringEquals(PONG) || cursor.stringEquals(SYSTEM_STATUS))
        {
            return 0;
        }
        if (cursor.stringEquals(ERROR))
        {
            return failAt(StatusReason.VENUE_ERROR, objectValues[O_EVENT]);
        }
        if (!cursor.stringEquals(SUBSCRIPTION_STATUS))
        {
            return failAt(StatusReason.UNKNOWN_EVENT_TYPE, objectValues[O_EVENT]);
        }
        if ((seen & (1 << O_STATUS)) == 0)
        {
            return failAt(StatusReason.MISSING_FIELD, cursor.limit());
        }
        if (!objectString(O_STATUS))
        {
            return FAILED;
        }
        return cursor.stringEquals(ERROR) ? failAt(StatusReason.VENUE_ERROR, objectValues[O_STATUS]) : 0;
    }

    private int v2MethodReply(final int seen)
    {
        if (!objectString(O_METHOD))
        {
            return FAILED;
        }
        if ((seen & (1 << O_SUCCESS)) == 0)
        {
            return 0;
        }
        cursor.position(objectValues[O_SUCCESS]);
        if (cursor.parseBoolean() != JsonCursor.OK)
        {
            return failAt(StatusReason.BAD_VALUE, objectValues[O_SUCCESS]);
        }
        return cursor.booleanValue() ? 0 : failAt(StatusReason.VENUE_ERROR, objectValues[O_SUCCESS]);
    }

    private int v2Channel(final int seen, final long recvTsNs, final MessageSink sink)
    {
        if (!objectString(O_CHANNEL))
        {
            return FAILED;
        }
        final int channel;
        if (cursor.stringEquals(BOOK))
        {
            channel = CHANNEL_BOOK;
        }
        else if (cursor.stringEquals(TRADE))
        {
            channel = CHANNEL_TRADE;
        }
        else if (cursor.stringEquals(TICKER))
        {
            channel = CHANNEL_TICKER;
        }
        else if (cursor.stringEquals(HEARTBEAT) || cursor.stringEquals(STATUS))
        {
            return 0;
        }
        else
        {
            return failAt(StatusReason.UNKNOWN_EVENT_TYPE, objectValues[O_CHANNEL]);
        }
        if ((seen & (1 << O_DATA)) == 0)
        {
            return failAt(StatusReason.MISSING_FIELD, cursor.limit());
        }
        boolean snapshot = false;
        if (channel == CHANNEL_BOOK)
        {
            if ((seen & (1 << O_TYPE)) == 0)
            {
                return failAt(StatusReason.MISSING_FIELD, cursor.limit());
            }
            if (!objectString(O_TYPE))
            {
                return FAILED;
            }
            snapshot = cursor.stringEquals(SNAPSHOT);
            if (!snapshot && !cursor.stringEquals(UPDATE))
            {
                return failAt(StatusReason.UNKNOWN_EVENT_TYPE, objectValues[O_TYPE]);
            }
        }
        return v2Data(channel, snapshot, recvTsNs, sink);
    }

    private int v2Data(final int channel, final boolean snapshot, final long recvTsNs, final MessageSink sink)
    {
        // validate every entry, then write them: a frame is all or nothing
        int committed = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            final boolean write = pass == 1;
            final int dataAt = objectValues[O_DATA];
            cursor.position(dataAt);
            if (cursor.enterArray() != JsonCursor.OK)
            {
                return failAt(StatusReason.BAD_VALUE, dataAt);
            }
            boolean first = true;
            int status;
            while ((status = cursor.nextElement(first)) == JsonCursor.OK)
            {
                first = false;
                final int written = v2Entry(channel, snapshot, write, recvTsNs, sink);
                if (written < 0)
                {
                    committedBeforeFailure = committed;
                    return FAILED;
                }
                committed += written;
            }
            if (status != JsonCursor.END)
            {
                return fail(status);
            }
        }
        return committed;
    }

    private int v2Entry(
        final int channel, final boolean snapshot, final boolean write, final long recvTsNs, final MessageSink sink)
    {
        final int entryAt = valuePosition();
        if (cursor.enterObject() != JsonCursor.OK)
        {
            return failAt(StatusReason.BAD_VALUE, entryAt);
        }
        final int wanted = channel == CHANNEL_BOOK ? BOOK_KEYS : channel == CHANNEL_TRADE ? TRADE_KEYS : TICKER_KEYS;
        bids.clear();
        asks.clear();
        int seen = 0;
        boolean first = true;
        int status;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int key = entryKey();
            if (key < 0 || (wanted & (1 << key)) == 0)
            {
                if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return fail(status);
                }
                continue;
            }
            if ((seen & (1 << key)) != 0)
            {
                return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
            }
            seen |= 1 << key;
            if (!entryValue(key))
            {
                return FAILED;
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        if ((seen & (1 << E_SYMBOL)) == 0)
        {
            return failAt(StatusReason.MISSING_FIELD, entryAt);
        }
        if (!validSymbol(stringOffsets[E_SYMBOL], stringLengths[E_SYMBOL]))
        {
            return FAILED;
        }
        final long exchTsNs = (seen & (1 << E_TIMESTAMP)) == 0 ? NULL : longs[E_TIMESTAMP];
        switch (channel)
        {
            case CHANNEL_BOOK:
                return v2Book(seen, entryAt, snapshot, write, exchTsNs, recvTsNs, sink);
            case CHANNEL_TRADE:
                return v2Trade(seen, entryAt, write, exchTsNs, recvTsNs, sink);
            default:
                return v2Ticker(seen, entryAt, write, exchTsNs, recvTsNs, sink);
        }
    }

    private int v2Book(
        final int seen,
        final int entryAt,
        final boolean snapshot,
        final boolean write,
        final long exchTsNs,
        final long recvTsNs,
        final MessageSink sink)
    {
        if ((seen & BOOK_SIDES) == 0)
        {
            return failAt(StatusReason.MISSING_FIELD, entryAt);
        }
        if (!write)
        {
            return 0;
        }
        writer.symbol(frame, stringOffsets[E_SYMBOL], stringLengths[E_SYMBOL]);
        final long checksum = (seen & (1 << E_CHECKSUM)) == 0 ? NULL : longs[E_CHECKSUM];
        return written(writer.book(sink, snapshot, exchTsNs, recvTsNs, NULL, NULL, NULL, checksum, bids, asks));
    }

    private int v2Trade(
        final int seen,
        final int entryAt,
        final boolean write,
        final long exchTsNs,
        final long recvTsNs,
        final MessageSink sink)
    {
        if ((seen & TRADE_REQUIRED) != TRADE_REQUIRED)
        {
            return failAt(StatusReason.MISSING_FIELD, entryAt);
        }
        if (mantissas[E_PRICE] <= 0 || mantissas[E_QTY] < 0)
        {
            return failAt(StatusReason.BAD_VALUE, entryAt);
        }
        final int sideOffset = stringOffsets[E_SIDE];
        final int sideLength = stringLengths[E_SIDE];
        final boolean buy = equals(sideOffset, sideLength, BUY);
        if (!buy && !equals(sideOffset, sideLength, SELL))
        {
            return failAt(StatusReason.BAD_VALUE, sideOffset);
        }
        if (!write)
        {
            return 0;
        }
        writer.symbol(frame, stringOffsets[E_SYMBOL], stringLengths[E_SYMBOL]);
        final long tradeId = (seen & (1 << E_TRADE_ID)) == 0 ? NULL : longs[E_TRADE_ID];
        return written(writer.trade(sink, buy ? Side.BUY : Side.SELL, exchTsNs, recvTsNs, tradeId,
            mantissas[E_PRICE], exponents[E_PRICE], mantissas[E_QTY], exponents[E_QTY]));
    }

    private int v2Ticker(
        final int seen,
        final int entryAt,
        final boolean write,
        final long exchTsNs,
        final long recvTsNs,
        final MessageSink sink)
    {
        if ((seen & TICKER_REQUIRED) != TICKER_REQUIRED)
        {
            return failAt(StatusReason.MISSING_FIELD, entryAt);
        }
        if (mantissas[E_BID] <= 0 || mantissas[E_ASK] <= 0 || mantissas[E_BID_QTY] < 0 || mantissas[E_ASK_QTY] < 0)
        {
            return failAt(StatusReason.BAD_VALUE, entryAt);
        }
        if (!write)
        {
            return 0;
        }
        writer.symbol(frame, stringOffsets[E_SYMBOL], stringLengths[E_SYMBOL]);
        return written(writer.bbo(sink, exchTsNs, recvTsNs, NULL,
            mantissas[E_BID], exponents[E_BID], mantissas[E_BID_QTY], exponents[E_BID_QTY],
            mantissas[E_ASK], exponents[E_ASK], mantissas[E_ASK_QTY], exponents[E_ASK_QTY]));
    }

    private int entryKey()
    {
        switch (cursor.keyLength())
        {
            case 3:
                return cursor.keyEquals(QTY) ? E_QTY : cursor.keyEquals(BID) ? E_BID :
                    cursor.keyEquals(ASK) ? E_ASK : -1;
            case 4:
                return cursor.keyEquals(BIDS) ? E_BIDS : cursor.keyEquals(ASKS) ? E_ASKS :
                    cursor.keyEquals(SIDE) ? E_SIDE : -1;
            case 5:
                return cursor.keyEquals(PRICE) ? E_PRICE : -1;
            case 6:
                return cursor.keyEquals(SYMBOL) ? E_SYMBOL : -1;
            case 7:
                return cursor.keyEquals(BID_QTY) ? E_BID_QTY : cursor.keyEquals(ASK_QTY) ? E_ASK_QTY : -1;
            case 8:
                return cursor.keyEquals(CHECKSUM) ? E_CHECKSUM : cursor.keyEquals(TRADE_ID) ? E_TRADE_ID : -1;
            case 9:
                return cursor.keyEquals(TIMESTAMP) ? E_TIMESTAMP : -1;
            default:
                return -1;
        }
    }

    /**
     * Parses a v2 entry's value by its key.
     */
    private boolean entryValue(final int key)
    {
        final int valueAt = valuePosition();
        switch (key)
        {
            case E_SYMBOL:
            case E_SIDE:
                if (cursor.parseString() != JsonCursor.OK)
                {
                    return failBoolean(StatusReason.BAD_VALUE, valueAt);
                }
                stringOffsets[key] = cursor.stringOffset();
                stringLengths[key] = cursor.stringLength();
                return true;
            case E_TIMESTAMP:
                if (cursor.parseString() != JsonCursor.OK)
                {
                    return failBoolean(StatusReason.BAD_VALUE, valueAt);
                }
                longs[key] = Rfc3339Time.nanos(cursor.buffer(), cursor.stringOffset(), cursor.stringLength());
                return longs[key] != BAD_TIME || failBoolean(StatusReason.BAD_VALUE, valueAt);
            case E_CHECKSUM:
                longs[key] = checksumValue();
                return longs[key] != FAILED;
            case E_TRADE_ID:
            {
                final int status = cursor.parseLong();
                if (status != JsonCursor.OK)
                {
                    return failBoolean(
                        status == JsonCursor.EMPTY ? StatusReason.BAD_NUMBER : DecodeFailures.reason(status),
                        status == JsonCursor.EMPTY ? valueAt : errorPosition());
                }
                longs[key] = cursor.longValue();
                return true;
            }
            case E_BIDS:
                return v2Levels(bids);
            case E_ASKS:
                return v2Levels(asks);
            default:
                if (!decimalValue(valueAt))
                {
                    return false;
                }
                mantissas[key] = cursor.mantissa();
                exponents[key] = cursor.exponent();
                return true;
        }
    }

    /**
     * Reads a v2 level array {@code [{"price":..,"qty":..}, ..]} into a buffer.
     */
    private boolean v2Levels(final LevelBuffer levels)
    {
        final int arrayAt = valuePosition();
        if (cursor.enterArray() != JsonCursor.OK)
        {
            return failBoolean(StatusReason.BAD_VALUE, arrayAt);
        }
        boolean first = true;
        int status;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            final int levelAt = valuePosition();
            if (levels.count() == MAX_LEVELS)
            {
                return failBoolean(StatusReason.TOO_MANY_LEVELS, levelAt);
            }
            if (cursor.enterObject() != JsonCursor.OK)
            {
                return failBoolean(StatusReason.BAD_VALUE, levelAt);
            }
            long priceMantissa = NULL_MANTISSA;
            int priceExponent = 0;
            long qtyMantissa = NULL_MANTISSA;
            int qtyExponent = 0;
            boolean firstField = true;
            while ((status = cursor.nextField(firstField)) == JsonCursor.OK)
            {
                firstField = false;
                final int key = entryKey();
                if (key != E_PRICE && key != E_QTY)
                {
                    if ((status = cursor.skipValue()) != JsonCursor.OK)
                    {
                        return failBoolean(DecodeFailures.reason(status), errorPosition());
                    }
                    continue;
                }
                if ((key == E_PRICE ? priceMantissa : qtyMantissa) != NULL_MANTISSA)
                {
                    return failBoolean(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                if (!decimalValue(valuePosition()))
                {
                    return false;
                }
                if (key == E_PRICE)
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
            if (status != JsonCursor.END)
            {
                return failBoolean(DecodeFailures.reason(status), errorPosition());
            }
            if (priceMantissa == NULL_MANTISSA || qtyMantissa == NULL_MANTISSA)
            {
                return failBoolean(StatusReason.MISSING_FIELD, levelAt);
            }
            if (priceMantissa <= 0 || qtyMantissa < 0)
            {
                return failBoolean(StatusReason.BAD_VALUE, levelAt);
            }
            levels.add(priceMantissa, priceExponent, qtyMantissa, qtyExponent);
        }
        return status == JsonCursor.END || failBoolean(DecodeFailures.reason(status), errorPosition());
    }

    // ------------------------------------------------------------------------------------------------- REST bodies

    private int decodeRest(final long recvTsNs, final MessageSink sink)
    {
        final int bodyAt = valuePosition();
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return status == JsonCursor.TRUNCATED ? fail(status) : failAt(StatusReason.BAD_VALUE, bodyAt);
        }
        int errorAt = -1;
        int resultAt = -1;
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final boolean error = cursor.keyEquals(ERROR);
            if (error || cursor.keyEquals(RESULT))
            {
                if ((error ? errorAt : resultAt) >= 0)
                {
                    return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                if (error)
                {
                    errorAt = valuePosition();
                }
                else
                {
                    resultAt = valuePosition();
                }
            }
            if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                return fail(status);
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        if (!cursor.atEnd())
        {
            return failAt(StatusReason.UNEXPECTED_CHARACTER, cursor.position());
        }
        if (errorAt >= 0)
        {
            // ["EQuery:Unknown asset pair"]: any message at all is the venue refusing the request
            cursor.position(errorAt);
            if (cursor.enterArray() != JsonCursor.OK)
            {
                return failAt(StatusReason.BAD_VALUE, errorAt);
            }
            status = cursor.nextElement(true);
            if (status == JsonCursor.OK)
            {
                return failAt(StatusReason.VENUE_ERROR, errorAt);
            }
        }
        if (resultAt < 0)
        {
            return failAt(StatusReason.MISSING_FIELD, cursor.limit());
        }
        // validate every pair, then write them: a body is all or nothing
        int committed = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            final int written = restResult(resultAt, pass == 1, committed, recvTsNs, sink);
            if (written < 0)
            {
                return FAILED;
            }
            committed += written;
        }
        return committed;
    }

    /**
     * Reads (and on the write pass writes) the {@code result} object: one member per pair, named by its REST key,
     * and, in a {@code Trades} response, the cursor {@code last} (the id to ask the next trades from: no trade).
     */
    private int restResult(
        final int resultAt, final boolean write, final int committed, final long recvTsNs, final MessageSink sink)
    {
        cursor.position(resultAt);
        if (cursor.enterObject() != JsonCursor.OK)
        {
            return failAt(StatusReason.BAD_VALUE, resultAt);
        }
        int written = 0;
        boolean first = true;
        int status;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            if (restEndpoint == REST_TRADES && cursor.keyEquals(LAST))
            {
                if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return fail(status);
                }
                continue;
            }
            final int keyOffset = cursor.keyOffset();
            final int keyLength = cursor.keyLength();
            if (!validSymbol(keyOffset, keyLength))
            {
                return FAILED;
            }
            final int wsNameLength = KrakenRestPairs.wsName(frame, keyOffset, keyLength, pairName);
            if (wsNameLength > 0)
            {
                writer.symbol(pairName, 0, wsNameLength);
            }
            else
            {
                writer.symbol(frame, keyOffset, keyLength);
            }
            final int valueAt = valuePosition();
            final int pair;
            switch (restEndpoint)
            {
                case REST_DEPTH:
                    pair = restBook(valueAt, write, recvTsNs, sink);
                    break;
                case REST_TRADES:
                    pair = tradeArray(valueAt, true, write, committed + written, recvTsNs, sink);
                    break;
                default:
                    pair = !tickerObject(valueAt) ? FAILED : !write ? 0 :
                        written(writer.bbo(sink, NULL, recvTsNs, NULL,
                        mantissas[E_BID], exponents[E_BID], mantissas[E_BID_QTY], exponents[E_BID_QTY],
                        mantissas[E_ASK], exponents[E_ASK], mantissas[E_ASK_QTY], exponents[E_ASK_QTY]));
                    break;
            }
            if (pair < 0)
            {
                if (committedBeforeFailure == 0)
                {
                    committedBeforeFailure = committed + written;
                }
                return FAILED;
            }
            written += pair;
        }
        return status == JsonCursor.END ? written : fail(status);
    }

    /**
     * A {@code Depth} pair: {@code {"asks":[[price, volume, time], ..], "bids":[..]}}, a snapshot without sequence
     * (Kraken gives none) whose venue time is the latest time of its levels.
     */
    private int restBook(final int bookAt, final boolean write, final long recvTsNs, final MessageSink sink)
    {
        cursor.position(bookAt);
        if (cursor.enterObject() != JsonCursor.OK)
        {
            return failAt(StatusReason.BAD_VALUE, bookAt);
        }
        bids.clear();
        asks.clear();
        levelsTimeNs = NULL;
        int seen = 0;
        boolean first = true;
        int status;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int key = cursor.keyLength() == BIDS.length ? entryKey() : -1;
            if (key != E_BIDS && key != E_ASKS)
            {
                if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return fail(status);
                }
                continue;
            }
            if ((seen & (1 << key)) != 0)
            {
                return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
            }
            seen |= 1 << key;
            if (!v1Levels(key == E_BIDS ? bids : asks))
            {
                return FAILED;
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        if (seen != BOOK_SIDES)
        {
            return failAt(StatusReason.MISSING_FIELD, bookAt);
        }
        return write ? written(writer.book(sink, true, levelsTimeNs, recvTsNs, NULL, NULL, NULL, NULL, bids, asks)) : 0;
    }

    // ------------------------------------------------------------------------------------------------------ values

    /**
     * @return the position of the value the cursor is at, whitespace skipped.
     */
    private int valuePosition()
    {
        cursor.peek();
        return cursor.position();
    }

    /**
     * Reads a checksum, a number or a string holding one, 0 to 2^32 - 1.
     *
     * @return the checksum, or {@link #FAILED} (recorded).
     */
    private long checksumValue()
    {
        final int valueAt = valuePosition();
        final int status = cursor.parseLong();
        if (status == JsonCursor.EMPTY)
        {
            return failAt(StatusReason.BAD_NUMBER, valueAt);
        }
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        final long value = cursor.longValue();
        return value < 0 || value > MAX_CHECKSUM ? failAt(StatusReason.BAD_VALUE, valueAt) : value;
    }

    /**
     * Moves to the next element of the current array and reads it as a decimal.
     */
    private boolean nextDecimal(final boolean first, final int containerAt)
    {
        final int status = cursor.nextElement(first);
        if (status == JsonCursor.END)
        {
            return failBoolean(StatusReason.MISSING_FIELD, containerAt);
        }
        if (status != JsonCursor.OK)
        {
            return failBoolean(DecodeFailures.reason(status), errorPosition());
        }
        return decimalValue(valuePosition());
    }

    private boolean decimalValue(final int valueAt)
    {
        final int status = cursor.parseDecimal();
        if (status == JsonCursor.OK)
        {
            return true;
        }
        if (status == JsonCursor.EMPTY)
        {
            return failBoolean(StatusReason.BAD_NUMBER, valueAt);
        }
        return failBoolean(DecodeFailures.reason(status), status == JsonCursor.BAD_VALUE ? valueAt : errorPosition());
    }

    /**
     * Skips the remaining elements of the current array and its closing bracket.
     */
    /**
     * Enters an array and reads its first three elements, {@code [price, volume, time, ..]} as v1 levels and trades
     * (and the REST bodies) write them: price above zero, volume zero or more, time in seconds with a fraction. The
     * values go to the {@code tuple} fields; the cursor stays inside the array, after the time.
     *
     * @param elementAt where the array starts.
     * @return false with the failure recorded.
     */
    private boolean priceVolumeTime(final int elementAt)
    {
        if (cursor.enterArray() != JsonCursor.OK)
        {
            return failBoolean(StatusReason.BAD_VALUE, elementAt);
        }
        if (!nextDecimal(true, elementAt))
        {
            return false;
        }
        tuplePriceMantissa = cursor.mantissa();
        tuplePriceExponent = cursor.exponent();
        if (!nextDecimal(false, elementAt))
        {
            return false;
        }
        tupleVolumeMantissa = cursor.mantissa();
        tupleVolumeExponent = cursor.exponent();
        if (tuplePriceMantissa <= 0 || tupleVolumeMantissa < 0)
        {
            return failBoolean(StatusReason.BAD_VALUE, elementAt);
        }
        final int timeAt = valuePosition();
        if (!nextDecimal(false, elementAt))
        {
            return false;
        }
        tupleTimeNs = secondsToNs(cursor.mantissa(), cursor.exponent());
        return tupleTimeNs != BAD_TIME || failBoolean(StatusReason.BAD_VALUE, timeAt);
    }

    private boolean skipRest()
    {
        int status;
        while ((status = cursor.nextElement(false)) == JsonCursor.OK)
        {
            if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                return failBoolean(DecodeFailures.reason(status), errorPosition());
            }
        }
        return status == JsonCursor.END || failBoolean(DecodeFailures.reason(status), errorPosition());
    }

    private boolean objectString(final int key)
    {
        cursor.position(objectValues[key]);
        return cursor.parseString() == JsonCursor.OK || failBoolean(StatusReason.BAD_VALUE, objectValues[key]);
    }

    private boolean validSymbol(final int offset, final int length)
    {
        if (length > MarketEvent.MAX_SYMBOL_LENGTH)
        {
            return failBoolean(StatusReason.SYMBOL_TOO_LONG, offset);
        }
        if (length == 0)
        {
            return failBoolean(StatusReason.BAD_VALUE, offset);
        }
        for (int i = 0; i < length; i++)
        {
            if (!SymbolBytes.isSymbolByte((byte)cursor.byteAt(offset + i)))
            {
                return failBoolean(StatusReason.BAD_VALUE, offset + i);
            }
        }
        return true;
    }

    /**
     * A time in seconds since the epoch, as Kraken v1 writes it ({@code "1618678123.481570"}), in ns; digits beyond
     * the ns are dropped.
     *
     * @return ns since the epoch, or {@link #BAD_TIME}.
     */
    static long secondsToNs(final long mantissa, final int exponent)
    {
        if (mantissa < 0)
        {
            return BAD_TIME;
        }
        if (exponent < NS_EXPONENT)
        {
            final int drop = NS_EXPONENT - exponent;
            return drop > 18 ? 0 : mantissa / Decimals.powerOfTen(drop);
        }
        final long ns = Decimals.rescale(mantissa, exponent, NS_EXPONENT);
        return ns == Decimals.NOT_REPRESENTABLE ? BAD_TIME : ns;
    }

    private int byteAt(final int position)
    {
        return cursor.byteAt(position);
    }

    private boolean startsWith(final int offset, final int length, final byte[] prefix)
    {
        if (length <= prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (byteAt(offset + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private boolean equals(final int offset, final int length, final byte[] ascii)
    {
        if (length != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < ascii.length; i++)
        {
            if (byteAt(offset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------------ failures

    private int written(final int written)
    {
        return written < 0 ? failAt(StatusReason.FRAME_TOO_LARGE, cursor.limit()) : written;
    }

    private int errorPosition()
    {
        return Math.max(cursor.errorPosition(), frameOffset);
    }

    private int fail(final int cursorStatus)
    {
        return failAt(DecodeFailures.reason(cursorStatus), errorPosition());
    }

    private int failAt(final StatusReason reason, final int position)
    {
        failure = reason;
        failurePosition = position;
        return FAILED;
    }

    private boolean failBoolean(final StatusReason reason, final int position)
    {
        failAt(reason, position);
        return false;
    }

    private static int bits(final int... keys)
    {
        int bits = 0;
        for (final int key : keys)
        {
            bits |= 1 << key;
        }
        return bits;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
