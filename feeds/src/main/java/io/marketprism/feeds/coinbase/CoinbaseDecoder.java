/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import io.marketprism.engine.MarketEvent;
import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.DecodeFailures;
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
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes Coinbase market-data frames from raw bytes into SBE, without allocating. One decoder serves one connection
 * (or one capture of one), because the Advanced Trade sequence belongs to the connection.
 * <p>
 * <b>Advanced Trade</b> (live, {@code wss://advanced-trade-ws.coinbase.com}): the envelope
 * {@code {"channel":..,"timestamp":..,"sequence_num":..,"events":[..]}} with
 * <ul>
 *   <li>{@code l2_data}: each event ({@code type} {@code snapshot} or {@code update}, {@code product_id}) becomes one
 *       book message; its {@code updates} ({@code side} {@code bid}/{@code offer}, {@code price_level},
 *       {@code new_quantity}, {@code event_time}) are split into bids and asks; {@code exchTs} is the latest
 *       {@code event_time} of the event (the envelope time when it has no updates);</li>
 *   <li>{@code market_trades}: every {@code trades[]} entry becomes a trade;</li>
 *   <li>{@code ticker} and {@code ticker_batch}: every {@code tickers[]} entry becomes a bbo from {@code best_bid},
 *       {@code best_bid_quantity}, {@code best_ask}, {@code best_ask_quantity}, with {@code seq} the
 *       {@code sequence_num} and {@code exchTs} the envelope time;</li>
 *   <li>{@code subscriptions} and {@code heartbeats}: nothing.</li>
 * </ul>
 * <b>Sequence rule.</b> {@code sequence_num} counts the messages of the connection over all its channels, not the
 * updates of one book: a missing number means some message was lost, and since it may have been an {@code l2_data}
 * message for any product, every book fed by the connection may be missing an update. A book that has not been
 * updated since the break cannot tell, from its own messages, that anything happened. So the decoder keeps the start
 * of the connection's current unbroken run of sequence numbers and writes it as the {@code firstSeq} of every book
 * update ("the connection's sequence is contiguous from {@code firstSeq} through {@code seq}"); the
 * {@link CoinbaseBookRule} then declares a gap for a book exactly when that run began after the book's last message.
 * Every book on the connection therefore resyncs at its next update after a break, and no book resyncs for a break
 * that happened before its own last message. A frame's number joins the run only when the frame is accounted for: a
 * non-book message read far enough to know its channel, or an {@code l2_data} message decoded completely. An
 * {@code l2_data} frame that could not be decoded counts as lost, so the books resync rather than miss its update.
 * <p>
 * <b>Legacy Exchange feed</b> (Coinbase Pro, the cryptofeed recordings): {@code {"type":..}} messages
 * {@code snapshot} ({@code bids}/{@code asks} as {@code [price,size]}), {@code l2update} ({@code changes} as
 * {@code [side,price,size]}, side {@code buy}/{@code sell}), {@code ticker} (bbo from {@code best_bid},
 * {@code best_ask} and, when present, {@code best_bid_size}, {@code best_ask_size}; {@code seq} is its
 * {@code sequence}), {@code match} and {@code last_match} (trades); {@code subscriptions} and {@code heartbeat}
 * give nothing. The {@code level2} channel carries no sequence at all, so its book messages carry none either and gaps
 * cannot be detected. Zero sizes come in many spellings ({@code 0.0}, {@code 0.00000000}); they are exact decimals
 * with a zero mantissa, which the book treats as a delete whatever the exponent.
 * <p>
 * <b>Trade side.</b> Coinbase documents the legacy {@code match} side as the maker order's side, and the recording
 * confirms it (a {@code ticker}, whose side is the taker's, and the {@code last_match} of the same trade carry
 * opposite sides). The Advanced Trade {@code market_trades} side is taken the same way (NautilusTrader's adapter
 * does so too, after first reading it as the taker's): the taker side written is the opposite of the side sent.
 * <p>
 * <b>REST bodies.</b> Told the endpoint ({@link #restEndpoint(String)}, {@link #contextUrl(String)}), the decoder
 * reads Advanced Trade's {@code product_book} as a book snapshot without a sequence and a product's {@code ticker} as
 * its trades and a bbo; they leave the connection's sequence run alone.
 * <p>
 * A {@code {"type":"error",..}} reply becomes a {@code malformed} status with reason {@code VENUE_ERROR}. Anything else
 * that cannot be decoded becomes a {@code malformed} status naming the reason and the byte offset: never an exception,
 * never a partial book message. Messages of a frame are written as each event is decoded, so a frame whose second
 * event is bad still delivers the first (and then its status).
 */
public final class CoinbaseDecoder implements FrameDecoder
{
    /** Most levels one side of a message may carry (the SBE group count limit). */
    public static final int MAX_LEVELS = 65534;

    private static final long NULL = MessageWriter.NULL_VALUE;
    private static final long NULL_MANTISSA = MessageWriter.NULL_MANTISSA;

    // top-level members
    private static final int T_CHANNEL = 0;
    private static final int T_TYPE = 1;
    private static final int T_SEQUENCE_NUM = 2;
    private static final int T_TIMESTAMP = 3;
    private static final int T_EVENTS = 4;
    private static final int T_PRODUCT_ID = 5;
    private static final int T_SEQUENCE = 6;
    private static final int T_TIME = 7;
    private static final int T_CHANGES = 8;
    private static final int T_BIDS = 9;
    private static final int T_ASKS = 10;
    private static final int T_BEST_BID = 11;
    private static final int T_BEST_ASK = 12;
    private static final int T_BEST_BID_SIZE = 13;
    private static final int T_BEST_ASK_SIZE = 14;
    private static final int T_TRADE_ID = 15;
    private static final int T_PRICE = 16;
    private static final int T_SIZE = 17;
    private static final int T_SIDE = 18;
    private static final int T_PRICEBOOK = 19;
    private static final int T_TRADES = 20;
    private static final int T_ERROR = 21;
    private static final byte[][] TOP_KEYS = keys(
        "channel", "type", "sequence_num", "timestamp", "events", "product_id", "sequence", "time", "changes", "bids",
        "asks", "best_bid", "best_ask", "best_bid_size", "best_ask_size", "trade_id", "price", "size", "side",
        "pricebook", "trades", "error");

    // members of a REST pricebook, and of one of its levels
    private static final int P_PRODUCT_ID = 0;
    private static final int P_BIDS = 1;
    private static final int P_ASKS = 2;
    private static final int P_TIME = 3;
    private static final byte[][] PRICEBOOK_KEYS = keys("product_id", "bids", "asks", "time");
    private static final int L_PRICE = 0;
    private static final int L_SIZE = 1;
    private static final byte[][] LEVEL_KEYS = keys("price", "size");

    /** What the REST endpoint set by {@link #restEndpoint(String)} answers. */
    private static final int REST_NONE = 0;
    private static final int REST_BOOK = 1;
    private static final int REST_TICKER = 2;
    private static final int REST_UNKNOWN = 3;
    private static final String[] BOOK_PATHS = {
        "/api/v3/brokerage/market/product_book", "/api/v3/brokerage/product_book" };
    private static final String[] PRODUCTS_PATHS = {
        "/api/v3/brokerage/market/products/", "/api/v3/brokerage/products/" };
    private static final String TICKER_SUFFIX = "/ticker";

    // members of an Advanced Trade event
    private static final int E_TYPE = 0;
    private static final int E_PRODUCT_ID = 1;
    private static final int E_UPDATES = 2;
    private static final int E_TRADES = 3;
    private static final int E_TICKERS = 4;
    private static final byte[][] EVENT_KEYS = keys("type", "product_id", "updates", "trades", "tickers");

    // members of an entry of an event's updates, trades or tickers
    private static final int I_SIDE = 0;
    private static final int I_EVENT_TIME = 1;
    private static final int I_PRICE_LEVEL = 2;
    private static final int I_NEW_QUANTITY = 3;
    private static final int I_TRADE_ID = 4;
    private static final int I_PRODUCT_ID = 5;
    private static final int I_PRICE = 6;
    private static final int I_SIZE = 7;
    private static final int I_TIME = 8;
    private static final int I_BEST_BID = 9;
    private static final int I_BEST_BID_QUANTITY = 10;
    private static final int I_BEST_ASK = 11;
    private static final int I_BEST_ASK_QUANTITY = 12;
    private static final byte[][] ITEM_KEYS = keys(
        "side", "event_time", "price_level", "new_quantity", "trade_id", "product_id", "price", "size", "time",
        "best_bid", "best_bid_quantity", "best_ask", "best_ask_quantity");

    private static final byte[] L2_DATA = ascii("l2_data");
    private static final byte[] MARKET_TRADES = ascii("market_trades");
    private static final byte[] TICKER = ascii("ticker");
    private static final byte[] TICKER_BATCH = ascii("ticker_batch");
    private static final byte[] SUBSCRIPTIONS = ascii("subscriptions");
    private static final byte[] HEARTBEATS = ascii("heartbeats");
    private static final byte[] HEARTBEAT = ascii("heartbeat");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] SNAPSHOT = ascii("snapshot");
    private static final byte[] UPDATE = ascii("update");
    private static final byte[] L2UPDATE = ascii("l2update");
    private static final byte[] MATCH = ascii("match");
    private static final byte[] LAST_MATCH = ascii("last_match");
    private static final byte[] BID = ascii("bid");
    private static final byte[] OFFER = ascii("offer");
    private static final byte[] BUY_LOWER = ascii("buy");
    private static final byte[] SELL_LOWER = ascii("sell");
    private static final byte[] BUY_UPPER = ascii("BUY");
    private static final byte[] SELL_UPPER = ascii("SELL");

    /** What {@link #timeAt(int)} and {@link #longAt(int)} answer on failure (the reason is recorded). */
    private static final long FAILED = Long.MAX_VALUE;

    private final int maxFrameLength;
    private final JsonCursor cursor = new JsonCursor();
    private final MessageWriter writer;
    private final LevelBuffer bids = new LevelBuffer(1024);
    private final LevelBuffer asks = new LevelBuffer(1024);
    private final int[] top = new int[TOP_KEYS.length];
    private final int[] event = new int[EVENT_KEYS.length];
    private final int[] item = new int[ITEM_KEYS.length];
    private final int[] pricebook = new int[PRICEBOOK_KEYS.length];
    private final int[] level = new int[LEVEL_KEYS.length];
    private final UnsafeBuffer restSymbol = new UnsafeBuffer(new byte[MarketEvent.MAX_SYMBOL_LENGTH]);
    private int restSymbolLength;
    private int restKind = REST_NONE;
    private int[] tradePositions = new int[64];
    private int topSeen;
    private int eventSeen;
    private int itemSeen;

    /** The last Advanced Trade {@code sequence_num} accounted for on this connection, or {@link #NULL}. */
    private long lastSequenceNum = NULL;
    /** The first {@code sequence_num} of the connection's current unbroken run. */
    private long runStart = NULL;

    private DirectBuffer frame;
    private int frameOffset;
    private int committed;
    private StatusReason failure;
    private int failurePosition;

    // the value last read by decimalAt
    private long mantissa;
    private int exponent;

    // the trade last read by readTrade
    private Side tradeTakerSide;
    private long tradeId;
    private long tradeTsNs;
    private long tradePriceMantissa;
    private int tradePriceExponent;

    /**
     * A decoder with default limits.
     *
     * @param venue {@link Venue#COINBASE}.
     */
    public CoinbaseDecoder(final Venue venue)
    {
        this(venue, DEFAULT_MAX_FRAME_LENGTH, MessageWriter.DEFAULT_SNAPSHOT_HEADROOM);
    }

    /**
     * @param venue            {@link Venue#COINBASE}.
     * @param maxFrameLength   longest frame accepted.
     * @param snapshotHeadroom bytes reserved after a snapshot for normalize's rewrite.
     */
    public CoinbaseDecoder(final Venue venue, final int maxFrameLength, final int snapshotHeadroom)
    {
        if (venue != Venue.COINBASE)
        {
            throw new IllegalArgumentException("not Coinbase: " + venue);
        }
        this.maxFrameLength = maxFrameLength;
        this.writer = new MessageWriter(venue, snapshotHeadroom);
    }

    /**
     * Every Coinbase message names its product; there is no context symbol to use.
     */
    @Override
    public void contextSymbol(final String venueSymbol)
    {
    }

    /**
     * Makes the following frames Advanced Trade REST response bodies of an endpoint, or WebSocket frames again. A body
     * does not say what it answers, so the caller, who asked, says it here. Cold path.
     * <ul>
     *   <li>{@code /api/v3/brokerage/market/product_book} (public) and {@code /api/v3/brokerage/product_book}: a book
     *       snapshot of {@code pricebook} ({@code product_id}; {@code bids} and {@code asks} as
     *       {@code {"price","size"}} objects; exchTs {@code time}). Coinbase gives the book no sequence, so the
     *       snapshot has none: {@link CoinbaseBookRule} cannot tie later WebSocket updates to it, and the first
     *       sequenced update on such a book is a gap (the book waits for the stream's own snapshot);</li>
     *   <li>{@code /api/v3/brokerage/market/products/{product_id}/ticker} (public) and
     *       {@code /api/v3/brokerage/products/{product_id}/ticker}: one trade per element of {@code trades}
     *       ({@code trade_id}, {@code product_id}, {@code price}, {@code size}, {@code time}, {@code side} the maker's
     *       as on the stream, so the taker side written is the other one), written oldest first; then a bbo of
     *       {@code best_bid} and {@code best_ask} (no sizes, no time in the body) for the product of the path.</li>
     * </ul>
     * A body with an {@code error} member is a {@code VENUE_ERROR} status. The body is checked whole before anything
     * is written: a bad element leaves only the status. The products list ({@code /api/v3/brokerage/market/products})
     * is instrument metadata, read by {@link CoinbaseInstruments}, not here.
     *
     * @param path the endpoint path, with or without a query; null for WebSocket frames.
     * @return false (and no change) for a path this decoder does not know.
     */
    public boolean restEndpoint(final String path)
    {
        if (path == null)
        {
            restKind = REST_NONE;
            return true;
        }
        final int query = path.indexOf('?');
        final String endpoint = query >= 0 ? path.substring(0, query) : path;
        for (final String bookPath : BOOK_PATHS)
        {
            if (bookPath.equals(endpoint))
            {
                restKind = REST_BOOK;
                return true;
            }
        }
        for (final String productsPath : PRODUCTS_PATHS)
        {
            if (endpoint.startsWith(productsPath) && endpoint.endsWith(TICKER_SUFFIX) &&
                endpoint.length() > productsPath.length() + TICKER_SUFFIX.length())
            {
                final byte[] product = endpoint.substring(productsPath.length(),
                    endpoint.length() - TICKER_SUFFIX.length()).getBytes(StandardCharsets.US_ASCII);
                if (product.length > MarketEvent.MAX_SYMBOL_LENGTH || !SymbolBytes.isValidSymbol(product))
                {
                    return false;
                }
                restSymbol.putBytes(0, product);
                restSymbolLength = product.length;
                restKind = REST_TICKER;
                return true;
            }
        }
        return false;
    }

    /**
     * Names the REST endpoint by the request URL, see {@link #restEndpoint(String)}: scheme and host are dropped. A
     * URL of an endpoint this decoder does not read makes every following body an {@code UNKNOWN_EVENT_TYPE} status
     * until the URL changes; null makes the frames WebSocket frames again.
     *
     * @param url the request URL, or null for stream frames.
     */
    @Override
    public void contextUrl(final String url)
    {
        if (!restEndpoint(RestUrls.path(url)))
        {
            restKind = REST_UNKNOWN;
        }
    }

    @Override
    public int decode(
        final DirectBuffer frame, final int offset, final int length, final long recvTsNs, final MessageSink sink)
    {
        this.frame = frame;
        this.frameOffset = offset;
        committed = 0;
        failure = null;
        failurePosition = offset;
        writer.symbol(null, 0, 0);
        if (length > maxFrameLength)
        {
            return writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, length, recvTsNs);
        }

        cursor.wrap(frame, offset, length);
        topSeen = scanObject(TOP_KEYS, top);
        if (topSeen < 0)
        {
            return failed(recvTsNs, sink);
        }
        if (!cursor.atEnd())
        {
            failAt(StatusReason.UNEXPECTED_CHARACTER, cursor.position());
            return failed(recvTsNs, sink);
        }
        if (!decodeMessage(recvTsNs, sink))
        {
            return failed(recvTsNs, sink);
        }
        return committed;
    }

    private boolean decodeMessage(final long recvTsNs, final MessageSink sink)
    {
        if (restKind != REST_NONE)
        {
            return rest(recvTsNs, sink);
        }
        if (has(topSeen, T_TYPE))
        {
            if (!stringAt(top[T_TYPE]))
            {
                return false;
            }
            if (cursor.stringEquals(ERROR))
            {
                return failAt(StatusReason.VENUE_ERROR, top[T_TYPE]);
            }
        }
        if (has(topSeen, T_CHANNEL))
        {
            return advancedTrade(recvTsNs, sink);
        }
        if (has(topSeen, T_TYPE))
        {
            return legacy(recvTsNs, sink);
        }
        return failAt(StatusReason.MISSING_FIELD, cursor.limit());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Advanced Trade

    private boolean advancedTrade(final long recvTsNs, final MessageSink sink)
    {
        if (!stringAt(top[T_CHANNEL]))
        {
            return false;
        }
        final int channelOffset = cursor.stringOffset();
        final boolean book = cursor.stringEquals(L2_DATA);
        final boolean trades = cursor.stringEquals(MARKET_TRADES);
        final boolean tickers = cursor.stringEquals(TICKER) || cursor.stringEquals(TICKER_BATCH);
        final boolean control = cursor.stringEquals(SUBSCRIPTIONS) || cursor.stringEquals(HEARTBEATS);

        if (!has(topSeen, T_SEQUENCE_NUM))
        {
            return failAt(StatusReason.MISSING_FIELD, cursor.limit());
        }
        final long sequenceNum = longAt(top[T_SEQUENCE_NUM]);
        if (sequenceNum == FAILED)
        {
            return false;
        }
        if (sequenceNum < 0)
        {
            return failAt(StatusReason.BAD_VALUE, top[T_SEQUENCE_NUM]);
        }
        final long frameRunStart =
            lastSequenceNum != NULL && sequenceNum == lastSequenceNum + 1 ? runStart : sequenceNum;
        if (!book)
        {
            // not a book message: whatever follows, no book update was lost with it
            lastSequenceNum = sequenceNum;
            runStart = frameRunStart;
        }
        if (control)
        {
            return true;
        }
        if (!book && !trades && !tickers)
        {
            return failAt(StatusReason.UNKNOWN_EVENT_TYPE, channelOffset);
        }

        long envelopeTsNs = NULL;
        if (has(topSeen, T_TIMESTAMP))
        {
            envelopeTsNs = timeAt(top[T_TIMESTAMP]);
            if (envelopeTsNs == FAILED)
            {
                return false;
            }
        }
        if (!has(topSeen, T_EVENTS))
        {
            return failAt(StatusReason.MISSING_FIELD, cursor.limit());
        }
        cursor.position(top[T_EVENTS]);
        int status = enterArray();
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            eventSeen = scanNestedObject(EVENT_KEYS, event);
            if (eventSeen < 0)
            {
                return false;
            }
            final int next = cursor.position();
            final boolean decoded;
            if (book)
            {
                decoded = bookEvent(recvTsNs, envelopeTsNs, sequenceNum, frameRunStart, sink);
            }
            else if (trades)
            {
                decoded = tradesEvent(recvTsNs, sink);
            }
            else
            {
                decoded = tickersEvent(recvTsNs, envelopeTsNs, sequenceNum, sink);
            }
            if (!decoded)
            {
                return false;
            }
            cursor.position(next);
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        if (book)
        {
            lastSequenceNum = sequenceNum;
            runStart = frameRunStart;
        }
        return true;
    }

    private boolean bookEvent(
        final long recvTsNs,
        final long envelopeTsNs,
        final long sequenceNum,
        final long frameRunStart,
        final MessageSink sink)
    {
        if (!has(eventSeen, E_TYPE) || !has(eventSeen, E_PRODUCT_ID) || !has(eventSeen, E_UPDATES))
        {
            return failAt(StatusReason.MISSING_FIELD, cursor.position());
        }
        if (!stringAt(event[E_TYPE]))
        {
            return false;
        }
        final boolean snapshot = cursor.stringEquals(SNAPSHOT);
        if (!snapshot && !cursor.stringEquals(UPDATE))
        {
            return failAt(StatusReason.UNKNOWN_EVENT_TYPE, cursor.stringOffset());
        }

        bids.clear();
        asks.clear();
        long latestNs = NULL;
        cursor.position(event[E_UPDATES]);
        int status = enterArray();
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            itemSeen = scanNestedObject(ITEM_KEYS, item);
            if (itemSeen < 0)
            {
                return false;
            }
            final int next = cursor.position();
            if (!has(itemSeen, I_SIDE) || !has(itemSeen, I_PRICE_LEVEL) || !has(itemSeen, I_NEW_QUANTITY))
            {
                return failAt(StatusReason.MISSING_FIELD, next);
            }
            if (!stringAt(item[I_SIDE]))
            {
                return false;
            }
            final boolean bid = cursor.stringEquals(BID);
            if (!bid && !cursor.stringEquals(OFFER))
            {
                return failAt(StatusReason.BAD_VALUE, item[I_SIDE]);
            }
            final LevelBuffer levels = bid ? bids : asks;
            if (levels.count() == MAX_LEVELS)
            {
                return failAt(StatusReason.TOO_MANY_LEVELS, item[I_SIDE]);
            }
            if (!positiveDecimalAt(item[I_PRICE_LEVEL]))
            {
                return false;
            }
            final long priceMantissa = mantissa;
            final int priceExponent = exponent;
            if (!nonNegativeDecimalAt(item[I_NEW_QUANTITY]))
            {
                return false;
            }
            levels.add(priceMantissa, priceExponent, mantissa, exponent);
            if (has(itemSeen, I_EVENT_TIME))
            {
                final long eventTimeNs = timeAt(item[I_EVENT_TIME]);
                if (eventTimeNs == FAILED)
                {
                    return false;
                }
                latestNs = Math.max(latestNs, eventTimeNs);
            }
            cursor.position(next);
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        if (!symbolAt(event[E_PRODUCT_ID]))
        {
            return false;
        }
        return written(writer.book(sink, snapshot, latestNs != NULL ? latestNs : envelopeTsNs, recvTsNs,
            sequenceNum, NULL, snapshot ? NULL : frameRunStart, NULL, bids, asks));
    }

    private boolean tradesEvent(final long recvTsNs, final MessageSink sink)
    {
        if (!has(eventSeen, E_TRADES))
        {
            return failAt(StatusReason.MISSING_FIELD, cursor.position());
        }
        cursor.position(event[E_TRADES]);
        int status = enterArray();
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            itemSeen = scanNestedObject(ITEM_KEYS, item);
            if (itemSeen < 0)
            {
                return false;
            }
            final int next = cursor.position();
            if (!has(itemSeen, I_TRADE_ID) || !has(itemSeen, I_PRODUCT_ID) || !has(itemSeen, I_PRICE) ||
                !has(itemSeen, I_SIZE) || !has(itemSeen, I_SIDE) || !has(itemSeen, I_TIME))
            {
                return failAt(StatusReason.MISSING_FIELD, next);
            }
            if (!trade(item[I_TRADE_ID], item[I_PRODUCT_ID], item[I_PRICE], item[I_SIZE], item[I_SIDE], item[I_TIME],
                BUY_UPPER, SELL_UPPER, recvTsNs, sink))
            {
                return false;
            }
            cursor.position(next);
        }
        return status == JsonCursor.END || fail(status);
    }

    private boolean tickersEvent(
        final long recvTsNs, final long envelopeTsNs, final long sequenceNum, final MessageSink sink)
    {
        if (!has(eventSeen, E_TICKERS))
        {
            return failAt(StatusReason.MISSING_FIELD, cursor.position());
        }
        cursor.position(event[E_TICKERS]);
        int status = enterArray();
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            itemSeen = scanNestedObject(ITEM_KEYS, item);
            if (itemSeen < 0)
            {
                return false;
            }
            final int next = cursor.position();
            if (!has(itemSeen, I_PRODUCT_ID))
            {
                return failAt(StatusReason.MISSING_FIELD, next);
            }
            if (!bbo(itemSeen, item, I_BEST_BID, I_BEST_BID_QUANTITY, I_BEST_ASK, I_BEST_ASK_QUANTITY,
                item[I_PRODUCT_ID], envelopeTsNs, sequenceNum, recvTsNs, sink))
            {
                return false;
            }
            cursor.position(next);
        }
        return status == JsonCursor.END || fail(status);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // legacy Exchange feed

    private boolean legacy(final long recvTsNs, final MessageSink sink)
    {
        stringAt(top[T_TYPE]);
        final int typeOffset = cursor.stringOffset();
        if (cursor.stringEquals(L2UPDATE))
        {
            return legacyUpdate(recvTsNs, sink);
        }
        if (cursor.stringEquals(TICKER))
        {
            return legacyTicker(recvTsNs, sink);
        }
        if (cursor.stringEquals(MATCH) || cursor.stringEquals(LAST_MATCH))
        {
            return require(T_TRADE_ID) && require(T_PRODUCT_ID) && require(T_PRICE) && require(T_SIZE) &&
                require(T_SIDE) && require(T_TIME) &&
                trade(top[T_TRADE_ID], top[T_PRODUCT_ID], top[T_PRICE], top[T_SIZE], top[T_SIDE], top[T_TIME],
                    BUY_LOWER, SELL_LOWER, recvTsNs, sink);
        }
        if (cursor.stringEquals(SNAPSHOT))
        {
            return legacySnapshot(recvTsNs, sink);
        }
        if (cursor.stringEquals(SUBSCRIPTIONS) || cursor.stringEquals(HEARTBEAT))
        {
            return true;
        }
        return failAt(StatusReason.UNKNOWN_EVENT_TYPE, typeOffset);
    }

    private boolean legacySnapshot(final long recvTsNs, final MessageSink sink)
    {
        if (!require(T_PRODUCT_ID) || !require(T_BIDS) || !require(T_ASKS))
        {
            return false;
        }
        cursor.position(top[T_BIDS]);
        int status = LevelArrays.parse(cursor, bids, MAX_LEVELS);
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        cursor.position(top[T_ASKS]);
        status = LevelArrays.parse(cursor, asks, MAX_LEVELS);
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        return symbolAt(top[T_PRODUCT_ID]) &&
            written(writer.book(sink, true, NULL, recvTsNs, NULL, NULL, NULL, NULL, bids, asks));
    }

    private boolean legacyUpdate(final long recvTsNs, final MessageSink sink)
    {
        if (!require(T_PRODUCT_ID) || !require(T_CHANGES))
        {
            return false;
        }
        long exchTsNs = NULL;
        if (has(topSeen, T_TIME))
        {
            exchTsNs = timeAt(top[T_TIME]);
            if (exchTsNs == FAILED)
            {
                return false;
            }
        }
        bids.clear();
        asks.clear();
        cursor.position(top[T_CHANGES]);
        int status = enterArray();
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (!change())
            {
                return false;
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        return symbolAt(top[T_PRODUCT_ID]) &&
            written(writer.book(sink, false, exchTsNs, recvTsNs, NULL, NULL, NULL, NULL, bids, asks));
    }

    /**
     * Reads one {@code ["buy"|"sell", price, size]} change into the bids or the asks; further elements are skipped.
     */
    private boolean change()
    {
        final int start = cursor.position();
        int status = enterArray();
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        if ((status = cursor.nextElement(true)) != JsonCursor.OK)
        {
            return status == JsonCursor.END ? failAt(StatusReason.BAD_VALUE, start) : fail(status);
        }
        final int sidePosition = cursor.position();
        if ((status = cursor.parseString()) != JsonCursor.OK)
        {
            return fail(status);
        }
        final boolean bid = cursor.stringEquals(BUY_LOWER);
        if (!bid && !cursor.stringEquals(SELL_LOWER))
        {
            return failAt(StatusReason.BAD_VALUE, sidePosition);
        }
        final LevelBuffer levels = bid ? bids : asks;
        if (levels.count() == MAX_LEVELS)
        {
            return failAt(StatusReason.TOO_MANY_LEVELS, sidePosition);
        }
        if ((status = cursor.nextElement(false)) != JsonCursor.OK)
        {
            return status == JsonCursor.END ? failAt(StatusReason.BAD_VALUE, start) : fail(status);
        }
        if (!positiveDecimalAt(cursor.position()))
        {
            return false;
        }
        final long priceMantissa = mantissa;
        final int priceExponent = exponent;
        if ((status = cursor.nextElement(false)) != JsonCursor.OK)
        {
            return status == JsonCursor.END ? failAt(StatusReason.BAD_VALUE, start) : fail(status);
        }
        if (!nonNegativeDecimalAt(cursor.position()))
        {
            return false;
        }
        levels.add(priceMantissa, priceExponent, mantissa, exponent);
        while ((status = cursor.nextElement(false)) == JsonCursor.OK)
        {
            if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                return fail(status);
            }
        }
        return status == JsonCursor.END || fail(status);
    }

    private boolean legacyTicker(final long recvTsNs, final MessageSink sink)
    {
        if (!require(T_PRODUCT_ID) || !require(T_SEQUENCE))
        {
            return false;
        }
        final long sequence = longAt(top[T_SEQUENCE]);
        if (sequence == FAILED)
        {
            return false;
        }
        long exchTsNs = NULL;
        if (has(topSeen, T_TIME))
        {
            exchTsNs = timeAt(top[T_TIME]);
            if (exchTsNs == FAILED)
            {
                return false;
            }
        }
        return bbo(topSeen, top, T_BEST_BID, T_BEST_BID_SIZE, T_BEST_ASK, T_BEST_ASK_SIZE, top[T_PRODUCT_ID],
            exchTsNs, sequence, recvTsNs, sink);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Advanced Trade REST bodies

    private boolean rest(final long recvTsNs, final MessageSink sink)
    {
        if (has(topSeen, T_ERROR))
        {
            return failAt(StatusReason.VENUE_ERROR, top[T_ERROR]);
        }
        if (restKind == REST_BOOK)
        {
            return restBook(recvTsNs, sink);
        }
        if (restKind == REST_TICKER)
        {
            return restTicker(recvTsNs, sink);
        }
        return failAt(StatusReason.UNKNOWN_EVENT_TYPE, frameOffset);
    }

    private boolean restBook(final long recvTsNs, final MessageSink sink)
    {
        if (!require(T_PRICEBOOK))
        {
            return false;
        }
        cursor.position(top[T_PRICEBOOK]);
        final int seen = scanNestedObject(PRICEBOOK_KEYS, pricebook);
        if (seen < 0)
        {
            return false;
        }
        if (!has(seen, P_PRODUCT_ID) || !has(seen, P_BIDS) || !has(seen, P_ASKS))
        {
            return failAt(StatusReason.MISSING_FIELD, cursor.position());
        }
        long exchTsNs = NULL;
        if (has(seen, P_TIME))
        {
            exchTsNs = timeAt(pricebook[P_TIME]);
            if (exchTsNs == FAILED)
            {
                return false;
            }
        }
        return restLevels(pricebook[P_BIDS], bids) && restLevels(pricebook[P_ASKS], asks) &&
            symbolAt(pricebook[P_PRODUCT_ID]) &&
            written(writer.book(sink, true, exchTsNs, recvTsNs, NULL, NULL, NULL, NULL, bids, asks));
    }

    /**
     * Reads {@code [{"price":..,"size":..},..]}: prices above zero, sizes zero or more.
     */
    private boolean restLevels(final int position, final LevelBuffer levels)
    {
        levels.clear();
        cursor.position(position);
        int status = enterArray();
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            final int start = cursor.position();
            final int seen = scanNestedObject(LEVEL_KEYS, level);
            if (seen < 0)
            {
                return false;
            }
            final int next = cursor.position();
            if (!has(seen, L_PRICE) || !has(seen, L_SIZE))
            {
                return failAt(StatusReason.MISSING_FIELD, start);
            }
            if (levels.count() == MAX_LEVELS)
            {
                return failAt(StatusReason.TOO_MANY_LEVELS, start);
            }
            if (!positiveDecimalAt(level[L_PRICE]))
            {
                return false;
            }
            final long priceMantissa = mantissa;
            final int priceExponent = exponent;
            if (!nonNegativeDecimalAt(level[L_SIZE]))
            {
                return false;
            }
            levels.add(priceMantissa, priceExponent, mantissa, exponent);
            cursor.position(next);
        }
        return status == JsonCursor.END || fail(status);
    }

    private boolean restTicker(final long recvTsNs, final MessageSink sink)
    {
        if (!require(T_TRADES))
        {
            return false;
        }
        // first every trade read and checked, their positions kept; nothing written yet
        cursor.position(top[T_TRADES]);
        int status = enterArray();
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        int count = 0;
        long firstTsNs = NULL;
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (count == tradePositions.length)
            {
                tradePositions = Arrays.copyOf(tradePositions, count * 2);
            }
            tradePositions[count] = cursor.position();
            if (!tickerTrade(false, recvTsNs, sink))
            {
                return false;
            }
            firstTsNs = count == 0 ? tradeTsNs : firstTsNs;
            count++;
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        final long lastTsNs = tradeTsNs;
        if (!optionalDecimal(topSeen, top, T_BEST_BID, true))
        {
            return false;
        }
        final long bidMantissa = mantissa;
        final int bidExponent = exponent;
        if (!optionalDecimal(topSeen, top, T_BEST_ASK, true))
        {
            return false;
        }
        final long askMantissa = mantissa;
        final int askExponent = exponent;

        // then written, oldest first (Coinbase lists the newest first)
        final boolean newestFirst = count > 1 && firstTsNs > lastTsNs;
        for (int i = 0; i < count; i++)
        {
            cursor.position(tradePositions[newestFirst ? count - 1 - i : i]);
            if (!tickerTrade(true, recvTsNs, sink))
            {
                return false;
            }
        }
        if (bidMantissa == NULL_MANTISSA && askMantissa == NULL_MANTISSA)
        {
            return true;
        }
        writer.symbol(restSymbol, 0, restSymbolLength);
        return written(writer.bbo(sink, NULL, recvTsNs, NULL, bidMantissa, bidExponent, NULL_MANTISSA, 0,
            askMantissa, askExponent, NULL_MANTISSA, 0));
    }

    /**
     * Reads the trade object at the cursor, leaving the cursor after it; writes it when asked to.
     */
    private boolean tickerTrade(final boolean write, final long recvTsNs, final MessageSink sink)
    {
        itemSeen = scanNestedObject(ITEM_KEYS, item);
        if (itemSeen < 0)
        {
            return false;
        }
        final int next = cursor.position();
        if (!has(itemSeen, I_TRADE_ID) || !has(itemSeen, I_PRODUCT_ID) || !has(itemSeen, I_PRICE) ||
            !has(itemSeen, I_SIZE) || !has(itemSeen, I_SIDE) || !has(itemSeen, I_TIME))
        {
            return failAt(StatusReason.MISSING_FIELD, next);
        }
        final boolean read = write ?
            trade(item[I_TRADE_ID], item[I_PRODUCT_ID], item[I_PRICE], item[I_SIZE], item[I_SIDE], item[I_TIME],
                BUY_UPPER, SELL_UPPER, recvTsNs, sink) :
            readTrade(item[I_TRADE_ID], item[I_PRODUCT_ID], item[I_PRICE], item[I_SIZE], item[I_SIDE], item[I_TIME],
                BUY_UPPER, SELL_UPPER);
        cursor.position(next);
        return read;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // shared by both feeds

    /**
     * Writes a trade whose side is the maker's: the taker side written is the other one.
     */
    private boolean trade(
        final int tradeIdAt,
        final int productIdAt,
        final int priceAt,
        final int sizeAt,
        final int sideAt,
        final int timeAt,
        final byte[] buy,
        final byte[] sell,
        final long recvTsNs,
        final MessageSink sink)
    {
        return readTrade(tradeIdAt, productIdAt, priceAt, sizeAt, sideAt, timeAt, buy, sell) &&
            written(writer.trade(sink, tradeTakerSide, tradeTsNs, recvTsNs, tradeId, tradePriceMantissa,
            tradePriceExponent, mantissa, exponent));
    }

    /**
     * Reads and checks a trade whose side is the maker's into the trade fields (the quantity into
     * {@link #mantissa} and {@link #exponent}), and makes its product the symbol of the next message.
     */
    private boolean readTrade(
        final int tradeIdAt,
        final int productIdAt,
        final int priceAt,
        final int sizeAt,
        final int sideAt,
        final int timeAt,
        final byte[] buy,
        final byte[] sell)
    {
        if (!stringAt(sideAt))
        {
            return false;
        }
        if (cursor.stringEquals(buy))
        {
            tradeTakerSide = Side.SELL;
        }
        else if (cursor.stringEquals(sell))
        {
            tradeTakerSide = Side.BUY;
        }
        else
        {
            return failAt(StatusReason.BAD_VALUE, sideAt);
        }
        tradeId = longAt(tradeIdAt);
        if (tradeId == FAILED)
        {
            return false;
        }
        tradeTsNs = timeAt(timeAt);
        if (tradeTsNs == FAILED || !positiveDecimalAt(priceAt))
        {
            return false;
        }
        tradePriceMantissa = mantissa;
        tradePriceExponent = exponent;
        return nonNegativeDecimalAt(sizeAt) && symbolAt(productIdAt);
    }

    /**
     * Writes a bbo from the optional best bid and ask fields of an object whose members were scanned into
     * {@code positions}; an absent or empty field is written as absent.
     */
    private boolean bbo(
        final int seen,
        final int[] positions,
        final int bidField,
        final int bidQtyField,
        final int askField,
        final int askQtyField,
        final int productIdAt,
        final long exchTsNs,
        final long seq,
        final long recvTsNs,
        final MessageSink sink)
    {
        if (!optionalDecimal(seen, positions, bidField, true))
        {
            return false;
        }
        final long bidMantissa = mantissa;
        final int bidExponent = exponent;
        if (!optionalDecimal(seen, positions, bidQtyField, false))
        {
            return false;
        }
        final long bidQtyMantissa = mantissa;
        final int bidQtyExponent = exponent;
        if (!optionalDecimal(seen, positions, askField, true))
        {
            return false;
        }
        final long askMantissa = mantissa;
        final int askExponent = exponent;
        if (!optionalDecimal(seen, positions, askQtyField, false) || !symbolAt(productIdAt))
        {
            return false;
        }
        return written(writer.bbo(sink, exchTsNs, recvTsNs, seq, bidMantissa, bidExponent, bidQtyMantissa,
            bidQtyExponent, askMantissa, askExponent, mantissa, exponent));
    }

    /**
     * Scans the object at the cursor, recording where the value of each known member starts.
     *
     * @return the bit set of the members seen, or -1 on failure (recorded).
     */
    private int scanObject(final byte[][] keys, final int[] positions)
    {
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            fail(status);
            return -1;
        }
        int seen = 0;
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int field = fieldId(keys);
            if (field >= 0)
            {
                if (has(seen, field))
                {
                    failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                    return -1;
                }
                seen |= 1 << field;
                positions[field] = cursor.position();
            }
            if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                fail(status);
                return -1;
            }
        }
        if (status != JsonCursor.END)
        {
            fail(status);
            return -1;
        }
        return seen;
    }

    /**
     * {@link #scanObject(byte[][], int[])} for an array element, which must be an object.
     */
    private int scanNestedObject(final byte[][] keys, final int[] positions)
    {
        if (cursor.peek() != '{')
        {
            failAt(cursor.peek() < 0 ? StatusReason.TRUNCATED : StatusReason.BAD_VALUE, cursor.position());
            return -1;
        }
        return scanObject(keys, positions);
    }

    private int fieldId(final byte[][] keys)
    {
        final int length = cursor.keyLength();
        for (int i = 0; i < keys.length; i++)
        {
            if (keys[i].length == length && cursor.keyEquals(keys[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private int enterArray()
    {
        final int status = cursor.enterArray();
        return status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status;
    }

    private boolean require(final int topField)
    {
        return has(topSeen, topField) || failAt(StatusReason.MISSING_FIELD, cursor.limit());
    }

    private static boolean has(final int seen, final int field)
    {
        return (seen & (1 << field)) != 0;
    }

    private boolean stringAt(final int position)
    {
        cursor.position(position);
        final int status = cursor.parseString();
        return status == JsonCursor.OK || fail(status);
    }

    /**
     * @return the integer (from a number or a string holding one), or {@link #FAILED}.
     */
    private long longAt(final int position)
    {
        cursor.position(position);
        final int status = cursor.parseLong();
        if (status != JsonCursor.OK)
        {
            fail(status);
            return FAILED;
        }
        if (cursor.longValue() == FAILED)
        {
            failAt(StatusReason.NUMBER_OVERFLOW, position);
        }
        return cursor.longValue();
    }

    /**
     * @return the time in ns, or {@link #FAILED}.
     */
    private long timeAt(final int position)
    {
        if (!stringAt(position))
        {
            return FAILED;
        }
        final long ns = Rfc3339Time.nanos(frame, cursor.stringOffset(), cursor.stringLength());
        if (ns == Rfc3339Time.BAD_TIME)
        {
            failAt(StatusReason.BAD_VALUE, position);
            return FAILED;
        }
        return ns;
    }

    private boolean decimalAt(final int position)
    {
        cursor.position(position);
        final int status = cursor.parseDecimal();
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        mantissa = cursor.mantissa();
        exponent = cursor.exponent();
        return true;
    }

    private boolean positiveDecimalAt(final int position)
    {
        return decimalAt(position) && (mantissa > 0 || failAt(StatusReason.BAD_VALUE, position));
    }

    private boolean nonNegativeDecimalAt(final int position)
    {
        return decimalAt(position) && (mantissa >= 0 || failAt(StatusReason.BAD_VALUE, position));
    }

    /**
     * Reads an optional price (above zero) or quantity (zero or more): absent or {@code ""} leaves the null mantissa.
     */
    private boolean optionalDecimal(final int seen, final int[] positions, final int field, final boolean price)
    {
        mantissa = NULL_MANTISSA;
        exponent = 0;
        if (!has(seen, field))
        {
            return true;
        }
        cursor.position(positions[field]);
        final int status = cursor.parseDecimal();
        if (status == JsonCursor.EMPTY)
        {
            return true;
        }
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        if (price ? cursor.mantissa() <= 0 : cursor.mantissa() < 0)
        {
            return failAt(StatusReason.BAD_VALUE, positions[field]);
        }
        mantissa = cursor.mantissa();
        exponent = cursor.exponent();
        return true;
    }

    private boolean symbolAt(final int position)
    {
        if (!stringAt(position))
        {
            return false;
        }
        final int offset = cursor.stringOffset();
        final int length = cursor.stringLength();
        if (length > MarketEvent.MAX_SYMBOL_LENGTH)
        {
            return failAt(StatusReason.SYMBOL_TOO_LONG, offset);
        }
        if (length == 0)
        {
            return failAt(StatusReason.BAD_VALUE, offset);
        }
        final int invalid = SymbolBytes.firstInvalid(frame, offset, length);
        if (invalid >= 0)
        {
            return failAt(StatusReason.BAD_VALUE, invalid);
        }
        writer.symbol(frame, offset, length);
        return true;
    }

    private boolean written(final int written)
    {
        if (written < 0)
        {
            return failAt(StatusReason.FRAME_TOO_LARGE, cursor.limit());
        }
        committed += written;
        return true;
    }

    private int failed(final long recvTsNs, final MessageSink sink)
    {
        final StatusReason reason = failure != null ? failure : StatusReason.BAD_VALUE;
        return committed + writer.malformed(sink, reason, failurePosition - frameOffset, recvTsNs);
    }

    private boolean fail(final int cursorStatus)
    {
        failure = DecodeFailures.reason(cursorStatus);
        failurePosition = Math.max(cursor.errorPosition(), frameOffset);
        return false;
    }

    private boolean failAt(final StatusReason reason, final int position)
    {
        failure = reason;
        failurePosition = position;
        return false;
    }

    private static byte[][] keys(final String... names)
    {
        final byte[][] keys = new byte[names.length][];
        for (int i = 0; i < names.length; i++)
        {
            keys[i] = ascii(names[i]);
        }
        return keys;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
