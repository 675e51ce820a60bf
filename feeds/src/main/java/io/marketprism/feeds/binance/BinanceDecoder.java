/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.ContextSymbol;
import io.marketprism.feeds.DecodeFailure;
import io.marketprism.feeds.DecodeFailures;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.LevelArrays;
import io.marketprism.feeds.LevelBuffer;
import io.marketprism.feeds.MessageWriter;
import io.marketprism.feeds.json.JsonCursor;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Decodes Binance market-data frames (spot, USD-M, COIN-M) from raw bytes into SBE, without allocating.
 * <p>
 * Accepted frames: the combined-stream envelope {@code {"stream":..,"data":{..}}} or the bare event; events
 * {@code trade}, {@code aggTrade}, {@code depthUpdate}, {@code bookTicker} (with or without {@code "e"}),
 * {@code markPriceUpdate}, {@code forceOrder} (a liquidation); and the REST depth snapshot
 * {@code {"lastUpdateId":..,"bids":..,"asks":..}}. The reply to a WebSocket request, {@code {"result":..,"id":..}}
 * (a subscription acknowledgement), is a control frame: 0 messages, no status. An error reply, {@code {"error":{"code":
 * ..,"msg":..},"id":..}} or the older {@code {"code":..,"msg":..}}, is a {@code VENUE_ERROR} status at the byte
 * offset of {@code error} (or {@code code}). The bodies of the polled REST endpoints (premium index, open
 * interest, long/short ratios) do not say what they are: once the caller names the endpoint
 * ({@link #expect(BinanceRestEndpoint)}, {@link #contextUrl(String)}), frames go to a {@link BinanceRestDecoder}.
 * Fields may come in any order and unknown fields are skipped. Anything else, or a malformed value in a field the
 * event needs, yields a {@code Status(MALFORMED)} message naming the reason and the byte offset: never an exception,
 * never a partial message. A book update is all or nothing, so a dropped one shows up downstream as a sequence gap.
 * <p>
 * One pass over the frame: every field this decoder knows is parsed as it is met, by the kind Binance uses for it
 * (book level arrays into a {@link LevelBuffer}, already laid out as SBE group entries), because the field saying
 * what the event is may come last. A known field whose value does not parse is remembered, not fatal: it only
 * matters if the event type turns out to need it. Then the message is encoded straight into the space claimed on
 * the sink.
 * <p>
 * Times: {@code exchTs} is the matching-engine time {@code T} when the event has one, else the event time
 * {@code E} (for {@code markPriceUpdate}, whose {@code T} is the next funding time, always {@code E}; for
 * {@code forceOrder}, the order's trade time {@code T} inside {@code o}).
 */
public final class BinanceDecoder implements FrameDecoder
{
    /** Longest frame accepted; longer ones are reported as {@code FRAME_TOO_LARGE}. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = FrameDecoder.DEFAULT_MAX_FRAME_LENGTH;

    /** Bytes reserved after a snapshot so normalize can rewrite it as the maintained book (about 900 levels). */
    public static final int DEFAULT_SNAPSHOT_HEADROOM = MessageWriter.DEFAULT_SNAPSHOT_HEADROOM;

    /** Most levels one side of a message may carry (the SBE group count limit). */
    public static final int MAX_LEVELS = 65534;

    private static final int F_E_LOWER = 0;
    private static final int F_E_UPPER = 1;
    private static final int F_T_UPPER = 2;
    private static final int F_S_LOWER = 3;
    private static final int F_U_UPPER = 4;
    private static final int F_U_LOWER = 5;
    private static final int F_PU = 6;
    private static final int F_B_LOWER = 7;
    private static final int F_A_LOWER = 8;
    private static final int F_B_UPPER = 9;
    private static final int F_A_UPPER = 10;
    private static final int F_P_LOWER = 11;
    private static final int F_Q_LOWER = 12;
    private static final int F_T_LOWER = 13;
    private static final int F_M_LOWER = 14;
    private static final int F_I_LOWER = 15;
    private static final int F_R_LOWER = 16;
    private static final int F_LAST_UPDATE_ID = 17;
    private static final int F_BIDS = 18;
    private static final int F_ASKS = 19;
    private static final int F_SYMBOL = 20;
    /** {@code o}: the order object of {@code forceOrder}; its members are the {@code F_ORDER_*} fields. */
    private static final int F_O_LOWER = 21;
    private static final int F_ORDER_SYMBOL = 22;
    private static final int F_ORDER_SIDE = 23;
    private static final int F_ORDER_QTY = 24;
    private static final int F_ORDER_PRICE = 25;
    private static final int F_ORDER_AVG_PRICE = 26;
    private static final int F_ORDER_FILLED_QTY = 27;
    private static final int F_ORDER_TRADE_TIME = 28;
    /** Members of the replies to our WebSocket requests: {@code {"result":..,"id":..}}, an error. */
    private static final int F_RESULT = 29;
    private static final int F_ID = 30;
    private static final int F_ERROR = 31;
    private static final int F_CODE = 32;
    private static final int F_MSG = 33;
    private static final int FIELD_COUNT = 34;
    private static final int F_UNKNOWN = -1;

    /** Field id by the byte of a one-character key (unsigned), as {@link #fieldId()} maps them. */
    private static final int[] SHORT_KEY_FIELDS = new int[256];

    static
    {
        java.util.Arrays.fill(SHORT_KEY_FIELDS, F_UNKNOWN);
        SHORT_KEY_FIELDS['e'] = F_E_LOWER;
        SHORT_KEY_FIELDS['E'] = F_E_UPPER;
        SHORT_KEY_FIELDS['T'] = F_T_UPPER;
        SHORT_KEY_FIELDS['s'] = F_S_LOWER;
        SHORT_KEY_FIELDS['U'] = F_U_UPPER;
        SHORT_KEY_FIELDS['u'] = F_U_LOWER;
        SHORT_KEY_FIELDS['b'] = F_B_LOWER;
        SHORT_KEY_FIELDS['a'] = F_A_LOWER;
        SHORT_KEY_FIELDS['B'] = F_B_UPPER;
        SHORT_KEY_FIELDS['A'] = F_A_UPPER;
        SHORT_KEY_FIELDS['p'] = F_P_LOWER;
        SHORT_KEY_FIELDS['q'] = F_Q_LOWER;
        SHORT_KEY_FIELDS['t'] = F_T_LOWER;
        SHORT_KEY_FIELDS['m'] = F_M_LOWER;
        SHORT_KEY_FIELDS['i'] = F_I_LOWER;
        SHORT_KEY_FIELDS['r'] = F_R_LOWER;
        SHORT_KEY_FIELDS['o'] = F_O_LOWER;
    }

    /** What a field's value was parsed as. */
    private static final byte V_LONG = 1;
    private static final byte V_DECIMAL = 2;
    private static final byte V_STRING = 3;
    private static final byte V_BOOLEAN = 4;
    private static final byte V_LEVELS = 5;
    private static final byte V_EMPTY = 6;
    private static final byte V_INVALID = 7;
    private static final byte V_OBJECT = 8;
    /** A value of a kind the field does not take, skipped (only {@code o} records it). */
    private static final byte V_OTHER = 9;

    /** How a field is parsed, by field id. */
    private static final byte K_LONG = 1;
    private static final byte K_DECIMAL = 2;
    private static final byte K_STRING = 3;
    private static final byte K_BOOLEAN = 4;
    private static final byte K_LEVELS = 5;
    private static final byte K_LEVELS_DECIMAL_OR_LONG = 6;
    /** An object whose members are read as fields of their own ({@code forceOrder}'s {@code o}); else skipped. */
    private static final byte K_ORDER = 7;
    /** Any value, skipped: only its presence and position matter (the members of a request's reply). */
    private static final byte K_ANY = 8;
    private static final byte[] FIELD_KINDS = {
        K_STRING, K_LONG, K_LONG, K_STRING, K_LONG, K_LONG, K_LONG, K_LEVELS_DECIMAL_OR_LONG,
        K_LEVELS_DECIMAL_OR_LONG, K_DECIMAL, K_DECIMAL, K_DECIMAL, K_DECIMAL, K_LONG, K_BOOLEAN, K_DECIMAL,
        K_DECIMAL, K_LONG, K_LEVELS, K_LEVELS, K_STRING, K_ORDER, K_STRING, K_STRING, K_DECIMAL, K_DECIMAL,
        K_DECIMAL, K_DECIMAL, K_LONG, K_ANY, K_ANY, K_ANY, K_ANY, K_ANY };

    private static final long NS_PER_MS = 1_000_000L;
    private static final long MAX_MS = Long.MAX_VALUE / NS_PER_MS;
    /** What {@link #shapedDepth} answers for a frame it does not take: no count or status is negative this far. */
    private static final int NOT_TAKEN = Integer.MIN_VALUE;
    private static final long NULL_TIME = MessageWriter.NULL_VALUE;

    private static final byte[] DATA = ascii("data");
    private static final byte[] TRADE = ascii("trade");
    private static final byte[] AGG_TRADE = ascii("aggTrade");
    private static final byte[] DEPTH_UPDATE = ascii("depthUpdate");
    private static final byte[] BOOK_TICKER = ascii("bookTicker");
    private static final byte[] MARK_PRICE_UPDATE = ascii("markPriceUpdate");
    private static final byte[] FORCE_ORDER = ascii("forceOrder");
    private static final byte[] BUY = ascii("BUY");
    private static final byte[] SELL = ascii("SELL");

    private final Venue venue;
    private final boolean futures;
    private final int maxFrameLength;
    private final JsonCursor cursor;

    /** The frame generation in which each field was last seen: a long, so that it never wraps in practice. */
    private final long[] seenInFrame = new long[FIELD_COUNT];
    private final byte[] valueKind = new byte[FIELD_COUNT];
    private final int[] valuePosition = new int[FIELD_COUNT];
    private final int[] valueEnd = new int[FIELD_COUNT];
    private final int[] errorStatus = new int[FIELD_COUNT];
    private final int[] errorPosition = new int[FIELD_COUNT];
    private final long[] longs = new long[FIELD_COUNT];
    private final long[] mantissas = new long[FIELD_COUNT];
    private final int[] exponents = new int[FIELD_COUNT];
    private final int[] stringOffsets = new int[FIELD_COUNT];
    private final int[] stringLengths = new int[FIELD_COUNT];
    private final boolean[] booleans = new boolean[FIELD_COUNT];
    private final LevelBuffer[] levels = new LevelBuffer[FIELD_COUNT];
    private long frameNumber;

    private final MessageWriter writer;
    private final ContextSymbol contextSymbol = new ContextSymbol();
    /** Binance's own shape of {@code trade} and {@code aggTrade} read in one pass; only with a fast cursor. */
    private final BinanceTradeFastPath trades = new BinanceTradeFastPath();
    private final BinanceDepthShape depthShape = new BinanceDepthShape();
    private boolean depthDecoded;
    private long shapedDepthFrames;
    /** The same for {@code bookTicker}, the commonest frame. */
    private final BinanceBookTickerFastPath bookTickers = new BinanceBookTickerFastPath();
    private final boolean fastPaths;
    private long fastTradeFrames;
    private long fastBookTickerFrames;

    private final BinanceRestDecoder rest;
    private BinanceRestEndpoint restEndpoint;

    private DirectBuffer frame;
    private final DecodeFailure failure = new DecodeFailure();

    /**
     * A decoder with default limits.
     *
     * @param venue {@link Venue#BINANCE_SPOT}, {@link Venue#BINANCE_USDM} or {@link Venue#BINANCE_COINM}.
     */
    public BinanceDecoder(final Venue venue)
    {
        this(venue, DEFAULT_MAX_FRAME_LENGTH, DEFAULT_SNAPSHOT_HEADROOM);
    }

    /**
     * @param venue            {@link Venue#BINANCE_SPOT}, {@link Venue#BINANCE_USDM} or {@link Venue#BINANCE_COINM}.
     * @param maxFrameLength   longest frame accepted.
     * @param snapshotHeadroom bytes reserved after a snapshot for normalize's rewrite.
     */
    public BinanceDecoder(final Venue venue, final int maxFrameLength, final int snapshotHeadroom)
    {
        this(venue, maxFrameLength, snapshotHeadroom, new JsonCursor());
    }

    /**
     * @param venue            {@link Venue#BINANCE_SPOT}, {@link Venue#BINANCE_USDM} or {@link Venue#BINANCE_COINM}.
     * @param maxFrameLength   longest frame accepted.
     * @param snapshotHeadroom bytes reserved after a snapshot for normalize's rewrite.
     * @param cursor           the JSON cursor to read frames with: one without fast paths makes this decoder take
     *                         only the general paths, the reference its fast paths are tested against.
     */
    BinanceDecoder(
        final Venue venue, final int maxFrameLength, final int snapshotHeadroom, final JsonCursor cursor)
    {
        if (venue != Venue.BINANCE_SPOT && venue != Venue.BINANCE_USDM && venue != Venue.BINANCE_COINM)
        {
            throw new IllegalArgumentException("not a Binance venue: " + venue);
        }
        this.venue = venue;
        this.futures = venue != Venue.BINANCE_SPOT;
        this.maxFrameLength = maxFrameLength;
        this.cursor = cursor;
        this.fastPaths = cursor.hasFastPaths();
        this.writer = new MessageWriter(venue, snapshotHeadroom);
        levels[F_B_LOWER] = new LevelBuffer(1024);
        levels[F_A_LOWER] = new LevelBuffer(1024);
        levels[F_BIDS] = new LevelBuffer(1024);
        levels[F_ASKS] = new LevelBuffer(1024);
        this.rest = new BinanceRestDecoder(venue, maxFrameLength);
    }

    /**
     * Names the REST endpoint whose responses the next frames are, for the bodies {@link BinanceRestDecoder} decodes:
     * until it is set back to null, every frame goes to it. Null (the default) for stream frames and depth snapshots.
     * Cold path.
     *
     * @param endpoint the endpoint, or null.
     */
    public void expect(final BinanceRestEndpoint endpoint)
    {
        restEndpoint = endpoint;
        rest.expect(endpoint);
    }

    /**
     * Names the REST endpoint by the request URL ({@link BinanceRestEndpoint#ofUrl(String)}): a URL of no endpoint
     * {@link BinanceRestDecoder} knows, such as a depth snapshot's, or null, leaves frames to this decoder.
     *
     * @param url the request URL, or null for stream frames.
     */
    @Override
    public void contextUrl(final String url)
    {
        expect(BinanceRestEndpoint.ofUrl(url));
    }

    @Override
    public void contextSymbol(final String venueSymbol)
    {
        rest.contextSymbol(venueSymbol);
        contextSymbol.set(venueSymbol);
    }

    @Override
    public int decode(
        final DirectBuffer frame, final int offset, final int length, final long recvTsNs, final MessageSink sink)
    {
        if (restEndpoint != null)
        {
            return rest.decode(frame, offset, length, recvTsNs, sink);
        }
        if (this.frame != frame)
        {
            this.frame = frame;
        }
        failure.clear();
        if (length > maxFrameLength)
        {
            writer.symbol(null, 0, 0);
            return malformed(StatusReason.FRAME_TOO_LARGE, length, recvTsNs, sink);
        }

        cursor.wrap(frame, offset, length);
        if (fastPaths)
        {
            // a trade frame of the shape of one taken before is read against that shape, without a parse; a depth
            // update's head likewise, then its levels
            if (trades.readShaped(cursor, offset, length))
            {
                fastTradeFrames++;
                return trade(recvTsNs, sink, offset);
            }
            if (depthShape.matches(cursor, offset, length))
            {
                final int committed = shapedDepth(recvTsNs, sink, offset, length);
                if (committed != NOT_TAKEN)
                {
                    return committed;
                }
                cursor.wrap(frame, offset, length);
            }
            // the envelope's head is read once; the event's first member names the one fast path that may take it
            final boolean envelope = cursor.tryEnterStreamData();
            if (envelope || cursor.byteAt(offset) == '{')
            {
                final int body = envelope ? cursor.position() : offset + 1;
                if (BinanceTradeFastPath.isTradeHead(cursor.wordAt(body)))
                {
                    if (trades.read(cursor, body, envelope))
                    {
                        trades.learn(cursor, offset, length);
                        fastTradeFrames++;
                        return trade(recvTsNs, sink, offset);
                    }
                }
                else if (bookTickers.read(cursor, body, envelope))
                {
                    fastBookTickerFrames++;
                    return bookTicker(recvTsNs, sink, offset);
                }
            }
            cursor.wrap(frame, offset, length);
        }
        writer.symbol(null, 0, 0);
        nextGeneration();
        depthDecoded = false;
        if (!scanFrame())
        {
            return failure.report(writer, sink, offset, recvTsNs);
        }
        final int committed = decodeEvent(recvTsNs, sink);
        if (committed < 0)
        {
            return failure.report(writer, sink, offset, recvTsNs);
        }
        if (depthDecoded && fastPaths)
        {
            learnDepth(offset, length);
        }
        return committed;
    }

    /**
     * Decodes a depth update whose head has the shape of one decoded before ({@link BinanceDepthShape}): its levels
     * are parsed, then what must follow them checked; the book update is the one the general path writes.
     *
     * @return as {@link #decode}, or {@link #NOT_TAKEN} when the frame is not of that shape after all (the general
     * path then decodes it).
     */
    private int shapedDepth(final long recvTsNs, final MessageSink sink, final int offset, final int length)
    {
        final BinanceDepthShape shape = depthShape;
        final long ms = shape.exchangeMs(cursor, offset);
        if (ms < 0)
        {
            return NOT_TAKEN;
        }
        final LevelBuffer bids = levels[F_B_LOWER];
        final LevelBuffer asks = levels[F_A_LOWER];
        cursor.position(shape.bids(offset));
        if (LevelArrays.parse(cursor, bids, MAX_LEVELS) != JsonCursor.OK)
        {
            return NOT_TAKEN;
        }
        final int asksAt = shape.asks(cursor, cursor.position());
        if (asksAt < 0)
        {
            return NOT_TAKEN;
        }
        cursor.position(asksAt);
        if (LevelArrays.parse(cursor, asks, MAX_LEVELS) != JsonCursor.OK ||
            !shape.endsAt(cursor, cursor.position(), offset + length))
        {
            return NOT_TAKEN;
        }
        shapedDepthFrames++;
        writer.symbol(frame, shape.symbolOffset(offset), shape.symbolLength());
        final int committed = written(writer.book(sink, false, ms == 0 ? NULL_TIME : ms * NS_PER_MS, recvTsNs,
            shape.lastId(cursor, offset), shape.hasPreviousId() ? shape.previousId(cursor, offset) :
            MessageWriter.NULL_VALUE, shape.firstId(cursor, offset), MessageWriter.NULL_VALUE, bids, asks));
        return committed < 0 ? failure.report(writer, sink, offset, recvTsNs) : committed;
    }

    /**
     * Learns the shape of the depth update just decoded the general way, for {@link #shapedDepth} to read the next
     * ones of that shape.
     */
    private void learnDepth(final int offset, final int length)
    {
        final BinanceDepthShape shape = depthShape;
        if (!shape.learn(cursor, offset, length, valuePosition[F_B_LOWER], valueEnd[F_B_LOWER],
            valuePosition[F_A_LOWER], valueEnd[F_A_LOWER], stringOffsets[F_S_LOWER], stringLengths[F_S_LOWER]))
        {
            return;
        }
        final int eventTime = present(F_E_UPPER) ? shapeNumber(offset, F_E_UPPER) : -1;
        final int transactionTime = present(F_T_UPPER) ? shapeNumber(offset, F_T_UPPER) : -1;
        final int firstId = shapeNumber(offset, F_U_UPPER);
        final int lastId = shapeNumber(offset, F_U_LOWER);
        final int previousId = present(F_PU) ? shapeNumber(offset, F_PU) : -1;
        if ((present(F_E_UPPER) && eventTime < 0) || (present(F_T_UPPER) && transactionTime < 0) ||
            (present(F_PU) && previousId < 0))
        {
            shape.numbers(-1, -1, -1, -1, -1);
            return;
        }
        shape.numbers(eventTime, transactionTime, firstId, lastId, previousId);
    }

    private int shapeNumber(final int offset, final int field)
    {
        return is(field, V_LONG) ? depthShape.number(cursor, offset, valuePosition[field], valueEnd[field]) : -1;
    }

    /**
     * Writes the trade {@link #trades} read: as {@link #decodeTrade(boolean, long, MessageSink)} writes the same
     * values.
     */
    private int trade(final long recvTsNs, final MessageSink sink, final int offset)
    {
        writer.symbol(frame, trades.symbolOffset(), trades.symbolLength());
        final int committed = written(writer.trade(sink, trades.buyerMaker() ? Side.SELL : Side.BUY,
            trades.exchTsNs(), recvTsNs, trades.tradeId(), trades.priceMantissa(), trades.priceExponent(),
            trades.qtyMantissa(), trades.qtyExponent()));
        return committed < 0 ? failure.report(writer, sink, offset, recvTsNs) : committed;
    }

    /**
     * Writes the best bid and offer {@link #bookTickers} read: as {@link #decodeBbo(long, MessageSink)} writes the
     * same values.
     */
    private int bookTicker(final long recvTsNs, final MessageSink sink, final int offset)
    {
        final BinanceBookTickerFastPath b = bookTickers;
        writer.symbol(frame, b.symbolOffset(), b.symbolLength());
        final int committed = written(writer.bbo(sink, b.exchTsNs(), recvTsNs, b.updateId(),
            b.bidPriceMantissa(), b.bidPriceExponent(), b.bidQtyMantissa(), b.bidQtyExponent(),
            b.askPriceMantissa(), b.askPriceExponent(), b.askQtyMantissa(), b.askQtyExponent()));
        return committed < 0 ? failure.report(writer, sink, offset, recvTsNs) : committed;
    }

    /**
     * @return how many frames the bookTicker fast path ({@link BinanceBookTickerFastPath}) decoded, for tests that
     * check it is taken.
     */
    long fastBookTickerFrames()
    {
        return fastBookTickerFrames;
    }

    /**
     * @return how many frames the trade fast path ({@link BinanceTradeFastPath}) decoded, for tests that check it
     * is taken.
     */
    long fastTradeFrames()
    {
        return fastTradeFrames;
    }

    /**
     * @return how many depth updates it decoded with their head read against the shape of one decoded before.
     */
    long shapedDepthFrames()
    {
        return shapedDepthFrames;
    }

    /**
     * @return how many of those it read against the shape of a trade frame taken before, without a parse.
     */
    long shapedTradeFrames()
    {
        return trades.shapedFrames();
    }

    private boolean scanFrame()
    {
        int status;
        boolean envelope = false;
        boolean first = true;
        if (cursor.tryEnterStreamData())
        {
            // the combined-stream head read in one go: now inside "data", as the general way below gets there
            envelope = true;
            first = false;
            nextGeneration();
            if (!scanFields())
            {
                return false;
            }
        }
        else if ((status = cursor.enterObject()) != JsonCursor.OK)
        {
            return fail(status);
        }
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            if (!envelope && cursor.keyLength() == 4 && cursor.keyEquals(DATA) && cursor.peek() == '{')
            {
                envelope = true;
                nextGeneration();
                cursor.enterObject();
                if (!scanFields())
                {
                    return false;
                }
            }
            else if (envelope)
            {
                if ((status = cursor.skipValue()) != JsonCursor.OK)
                {
                    return fail(status);
                }
            }
            else if (!field(fieldId()))
            {
                return false;
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        if (!cursor.atEnd())
        {
            return failure.fail(StatusReason.UNEXPECTED_CHARACTER, cursor.position());
        }
        return true;
    }

    private boolean scanFields()
    {
        boolean first = true;
        int status;
        while (true)
        {
            // most of Binance's keys are one character: read those without the general member parse
            final int key = cursor.tryNextShortKey(first);
            if (key >= 0)
            {
                first = false;
                if (!field(SHORT_KEY_FIELDS[key]))
                {
                    return false;
                }
                continue;
            }
            if ((status = cursor.nextField(first)) != JsonCursor.OK)
            {
                break;
            }
            first = false;
            if (!field(fieldId()))
            {
                return false;
            }
        }
        return status == JsonCursor.END || fail(status);
    }

    /**
     * Parses one member's value by the kind its key implies.
     *
     * @param field the key's field id, {@link #F_UNKNOWN} for a key this decoder does not use.
     * @return false on a structural error that ends the scan (the value could not even be skipped).
     */
    private boolean field(final int field)
    {
        if (field == F_UNKNOWN)
        {
            final int status = cursor.skipValue();
            return status == JsonCursor.OK || fail(status);
        }
        if (seenInFrame[field] == frameNumber)
        {
            return failure.fail(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
        }
        seenInFrame[field] = frameNumber;

        final int first = cursor.peek();
        final int start = cursor.position();
        valuePosition[field] = start;
        if (FIELD_KINDS[field] == K_ORDER)
        {
            return orderObject(field, first);
        }
        if (FIELD_KINDS[field] == K_ANY)
        {
            valueKind[field] = V_OTHER;
            final int status = cursor.skipValue();
            return status == JsonCursor.OK || fail(status);
        }
        int status;
        switch (FIELD_KINDS[field])
        {
            case K_LONG:
                status = parseLong(field);
                break;
            case K_DECIMAL:
                status = parseDecimal(field);
                break;
            case K_STRING:
                status = cursor.parseString();
                if (status == JsonCursor.OK)
                {
                    valueKind[field] = V_STRING;
                    stringOffsets[field] = cursor.stringOffset();
                    stringLengths[field] = cursor.stringLength();
                }
                break;
            case K_BOOLEAN:
                status = cursor.parseBoolean();
                if (status == JsonCursor.OK)
                {
                    valueKind[field] = V_BOOLEAN;
                    booleans[field] = cursor.booleanValue();
                }
                break;
            case K_LEVELS:
                status = parseLevels(field);
                break;
            default:
                if (first == '[')
                {
                    status = parseLevels(field);
                }
                else if (first == '"')
                {
                    status = parseDecimal(field);
                }
                else
                {
                    status = parseLong(field);
                }
                break;
        }
        if (status == JsonCursor.OK || status == JsonCursor.EMPTY)
        {
            valueEnd[field] = cursor.position();
            return true;
        }

        valueKind[field] = V_INVALID;
        errorStatus[field] = status;
        errorPosition[field] = cursor.errorPosition() >= 0 ? cursor.errorPosition() : start;
        cursor.position(start);
        status = cursor.skipValue();
        return status == JsonCursor.OK || fail(status);
    }

    /**
     * Reads {@code forceOrder}'s order object: its members become the {@code F_ORDER_*} fields. Any other value of
     * {@code o} (the 24-hour ticker's open price) is skipped.
     */
    private boolean orderObject(final int field, final int first)
    {
        int status;
        if (first != '{')
        {
            valueKind[field] = V_OTHER;
            status = cursor.skipValue();
            return status == JsonCursor.OK || fail(status);
        }
        cursor.enterObject();
        boolean firstMember = true;
        while ((status = cursor.nextField(firstMember)) == JsonCursor.OK)
        {
            firstMember = false;
            if (!field(orderFieldId()))
            {
                return false;
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        valueKind[field] = V_OBJECT;
        return true;
    }

    private int orderFieldId()
    {
        if (cursor.keyLength() == 2)
        {
            return cursor.keyByte(0) == 'a' && cursor.keyByte(1) == 'p' ? F_ORDER_AVG_PRICE : F_UNKNOWN;
        }
        if (cursor.keyLength() != 1)
        {
            return F_UNKNOWN;
        }
        switch (cursor.keyByte(0))
        {
            case 's':
                return F_ORDER_SYMBOL;
            case 'S':
                return F_ORDER_SIDE;
            case 'q':
                return F_ORDER_QTY;
            case 'p':
                return F_ORDER_PRICE;
            case 'z':
                return F_ORDER_FILLED_QTY;
            case 'T':
                return F_ORDER_TRADE_TIME;
            default:
                return F_UNKNOWN;
        }
    }

    private int parseLong(final int field)
    {
        final int status = cursor.parseLong();
        if (status == JsonCursor.OK)
        {
            valueKind[field] = V_LONG;
            longs[field] = cursor.longValue();
        }
        else if (status == JsonCursor.EMPTY)
        {
            valueKind[field] = V_EMPTY;
        }
        return status;
    }

    private int parseDecimal(final int field)
    {
        final int status = cursor.parseDecimal();
        if (status == JsonCursor.OK)
        {
            valueKind[field] = V_DECIMAL;
            mantissas[field] = cursor.mantissa();
            exponents[field] = cursor.exponent();
        }
        else if (status == JsonCursor.EMPTY)
        {
            valueKind[field] = V_EMPTY;
        }
        return status;
    }

    private int parseLevels(final int field)
    {
        final int status = LevelArrays.parse(cursor, levels[field], MAX_LEVELS);
        if (status == JsonCursor.OK)
        {
            valueKind[field] = V_LEVELS;
        }
        return status;
    }

    private int fieldId()
    {
        switch (cursor.keyLength())
        {
            case 1:
                switch (cursor.keyByte(0))
                {
                    case 'e':
                        return F_E_LOWER;
                    case 'E':
                        return F_E_UPPER;
                    case 'T':
                        return F_T_UPPER;
                    case 's':
                        return F_S_LOWER;
                    case 'U':
                        return F_U_UPPER;
                    case 'u':
                        return F_U_LOWER;
                    case 'b':
                        return F_B_LOWER;
                    case 'a':
                        return F_A_LOWER;
                    case 'B':
                        return F_B_UPPER;
                    case 'A':
                        return F_A_UPPER;
                    case 'p':
                        return F_P_LOWER;
                    case 'q':
                        return F_Q_LOWER;
                    case 't':
                        return F_T_LOWER;
                    case 'm':
                        return F_M_LOWER;
                    case 'i':
                        return F_I_LOWER;
                    case 'r':
                        return F_R_LOWER;
                    case 'o':
                        return F_O_LOWER;
                    default:
                        return F_UNKNOWN;
                }
            case 2:
                if (cursor.keyByte(0) == 'p' && cursor.keyByte(1) == 'u')
                {
                    return F_PU;
                }
                return cursor.keyByte(0) == 'i' && cursor.keyByte(1) == 'd' ? F_ID : F_UNKNOWN;
            case 3:
                return cursor.keyEquals(BinanceKeys.MSG) ? F_MSG : F_UNKNOWN;
            case 4:
                if (cursor.keyEquals(BinanceKeys.BIDS))
                {
                    return F_BIDS;
                }
                if (cursor.keyEquals(BinanceKeys.ASKS))
                {
                    return F_ASKS;
                }
                return cursor.keyEquals(BinanceKeys.CODE) ? F_CODE : F_UNKNOWN;
            case 5:
                return cursor.keyEquals(BinanceKeys.ERROR) ? F_ERROR : F_UNKNOWN;
            case 6:
                if (cursor.keyEquals(BinanceKeys.SYMBOL))
                {
                    return F_SYMBOL;
                }
                return cursor.keyEquals(BinanceKeys.RESULT) ? F_RESULT : F_UNKNOWN;
            case 12:
                return cursor.keyEquals(BinanceKeys.LAST_UPDATE_ID) ? F_LAST_UPDATE_ID : F_UNKNOWN;
            default:
                return F_UNKNOWN;
        }
    }

    private int decodeEvent(final long recvTsNs, final MessageSink sink)
    {
        if (present(F_E_LOWER))
        {
            if (!is(F_E_LOWER, V_STRING))
            {
                return -1;
            }
            if (stringEquals(F_E_LOWER, DEPTH_UPDATE))
            {
                return decodeBook(false, recvTsNs, sink);
            }
            if (stringEquals(F_E_LOWER, BOOK_TICKER))
            {
                return decodeBbo(recvTsNs, sink);
            }
            if (stringEquals(F_E_LOWER, TRADE))
            {
                return decodeTrade(false, recvTsNs, sink);
            }
            if (stringEquals(F_E_LOWER, AGG_TRADE))
            {
                return decodeTrade(true, recvTsNs, sink);
            }
            if (stringEquals(F_E_LOWER, MARK_PRICE_UPDATE))
            {
                return decodeFunding(recvTsNs, sink);
            }
            if (stringEquals(F_E_LOWER, FORCE_ORDER))
            {
                return decodeLiquidation(recvTsNs, sink);
            }
            failure.fail(StatusReason.UNKNOWN_EVENT_TYPE, stringOffsets[F_E_LOWER]);
            return -1;
        }
        if (present(F_ERROR))
        {
            failure.fail(StatusReason.VENUE_ERROR, valuePosition[F_ERROR]);
            return -1;
        }
        if (present(F_CODE) && present(F_MSG))
        {
            failure.fail(StatusReason.VENUE_ERROR, valuePosition[F_CODE]);
            return -1;
        }
        if (present(F_RESULT) && present(F_ID))
        {
            // the reply to a SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS or property request: a control frame
            return 0;
        }
        if (present(F_LAST_UPDATE_ID))
        {
            return decodeBook(true, recvTsNs, sink);
        }
        if (present(F_U_LOWER) && present(F_B_LOWER) && present(F_B_UPPER) && present(F_A_LOWER) &&
            present(F_A_UPPER))
        {
            return decodeBbo(recvTsNs, sink);
        }
        failure.fail(StatusReason.UNKNOWN_EVENT_TYPE, cursor.limit());
        return -1;
    }

    private int decodeTrade(final boolean aggregate, final long recvTsNs, final MessageSink sink)
    {
        final int idField = aggregate ? F_A_LOWER : F_T_LOWER;
        if (!symbol() || !positiveDecimal(F_P_LOWER) || !nonNegativeDecimal(F_Q_LOWER) ||
            !is(F_M_LOWER, V_BOOLEAN) || !is(idField, V_LONG))
        {
            return -1;
        }
        final long exchTsNs = exchangeTime(F_T_UPPER, F_E_UPPER);
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }

        return written(writer.trade(sink, booleans[F_M_LOWER] ? Side.SELL : Side.BUY, exchTsNs, recvTsNs,
            longs[idField], mantissas[F_P_LOWER], exponents[F_P_LOWER], mantissas[F_Q_LOWER], exponents[F_Q_LOWER]));
    }

    private int decodeBbo(final long recvTsNs, final MessageSink sink)
    {
        if (!symbol() || !is(F_U_LOWER, V_LONG) || !positiveDecimal(F_B_LOWER) || !nonNegativeDecimal(F_B_UPPER) ||
            !positiveDecimal(F_A_LOWER) || !nonNegativeDecimal(F_A_UPPER))
        {
            return -1;
        }
        final long exchTsNs = exchangeTime(F_T_UPPER, F_E_UPPER);
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }

        return written(writer.bbo(sink, exchTsNs, recvTsNs, longs[F_U_LOWER],
            mantissas[F_B_LOWER], exponents[F_B_LOWER], mantissas[F_B_UPPER], exponents[F_B_UPPER],
            mantissas[F_A_LOWER], exponents[F_A_LOWER], mantissas[F_A_UPPER], exponents[F_A_UPPER]));
    }

    private int decodeFunding(final long recvTsNs, final MessageSink sink)
    {
        if (!symbol() || !positiveDecimal(F_P_LOWER) || !optionalDecimal(F_I_LOWER) || !optionalDecimal(F_R_LOWER))
        {
            return -1;
        }
        final long exchTsNs = exchangeTime(F_E_UPPER, F_E_UPPER);
        final long nextFundingTsNs = exchangeTime(F_T_UPPER, F_T_UPPER);
        if (exchTsNs == Long.MAX_VALUE || nextFundingTsNs == Long.MAX_VALUE)
        {
            return -1;
        }

        return written(writer.funding(sink, exchTsNs, recvTsNs, nextFundingTsNs,
            mantissas[F_P_LOWER], exponents[F_P_LOWER], optionalMantissa(F_I_LOWER), exponents[F_I_LOWER],
            optionalMantissa(F_R_LOWER), exponents[F_R_LOWER]));
    }

    /**
     * A liquidation: side {@code S} of the liquidated order; price and quantity are what was executed when anything
     * was ({@code z} &gt; 0: average price {@code ap}, accumulated filled quantity {@code z}), else the order's price
     * {@code p} and original quantity {@code q}; time {@code T}, the order's trade time (else {@code E}).
     */
    private int decodeLiquidation(final long recvTsNs, final MessageSink sink)
    {
        if (!is(F_O_LOWER, V_OBJECT) || !symbolAt(F_ORDER_SYMBOL) || !is(F_ORDER_SIDE, V_STRING) ||
            !positiveDecimal(F_ORDER_QTY) || !nonNegativeDecimal(F_ORDER_PRICE) ||
            !optionalNonNegativeDecimal(F_ORDER_AVG_PRICE) || !optionalNonNegativeDecimal(F_ORDER_FILLED_QTY))
        {
            return -1;
        }
        final Side side;
        if (stringEquals(F_ORDER_SIDE, SELL))
        {
            side = Side.SELL;
        }
        else if (stringEquals(F_ORDER_SIDE, BUY))
        {
            side = Side.BUY;
        }
        else
        {
            failure.fail(StatusReason.BAD_VALUE, stringOffsets[F_ORDER_SIDE]);
            return -1;
        }
        final boolean filled = optionalMantissa(F_ORDER_FILLED_QTY) > 0;
        final int priceField = filled && optionalMantissa(F_ORDER_AVG_PRICE) > 0 ? F_ORDER_AVG_PRICE : F_ORDER_PRICE;
        final int qtyField = filled ? F_ORDER_FILLED_QTY : F_ORDER_QTY;
        if (mantissas[priceField] <= 0)
        {
            failure.fail(StatusReason.BAD_VALUE, valuePosition[priceField]);
            return -1;
        }
        final long exchTsNs = exchangeTime(F_ORDER_TRADE_TIME, F_E_UPPER);
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }

        return written(writer.liquidation(sink, side, exchTsNs, recvTsNs, mantissas[priceField],
            exponents[priceField], mantissas[qtyField], exponents[qtyField]));
    }

    private int decodeBook(final boolean snapshot, final long recvTsNs, final MessageSink sink)
    {
        final int bidsField = snapshot ? F_BIDS : F_B_LOWER;
        final int asksField = snapshot ? F_ASKS : F_A_LOWER;
        final int seqField = snapshot ? F_LAST_UPDATE_ID : F_U_LOWER;
        if (snapshot)
        {
            if (present(F_SYMBOL) ? !symbolAt(F_SYMBOL) : !contextSymbolPresent())
            {
                return -1;
            }
        }
        else if (!symbol() || !is(F_U_UPPER, V_LONG) || (futures && !is(F_PU, V_LONG)) ||
            (present(F_PU) && !is(F_PU, V_LONG)))
        {
            return -1;
        }
        if (!is(seqField, V_LONG) || !is(bidsField, V_LEVELS) || !is(asksField, V_LEVELS))
        {
            return -1;
        }
        final long exchTsNs = exchangeTime(F_T_UPPER, F_E_UPPER);
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }

        depthDecoded = !snapshot;
        return written(writer.book(sink, snapshot, exchTsNs, recvTsNs, longs[seqField],
            snapshot || !present(F_PU) ? MessageWriter.NULL_VALUE : longs[F_PU],
            snapshot ? MessageWriter.NULL_VALUE : longs[F_U_UPPER], MessageWriter.NULL_VALUE,
            levels[bidsField], levels[asksField]));
    }

    private boolean symbol()
    {
        return symbolAt(F_S_LOWER);
    }

    private boolean symbolAt(final int field)
    {
        if (!is(field, V_STRING))
        {
            return false;
        }
        final int offset = stringOffsets[field];
        final int length = stringLengths[field];
        if (!failure.checkSymbol(cursor, offset, length))
        {
            return false;
        }
        writer.symbol(frame, offset, length);
        return true;
    }

    private boolean contextSymbolPresent()
    {
        if (!contextSymbol.isSet())
        {
            return failure.fail(StatusReason.MISSING_FIELD, cursor.limit());
        }
        contextSymbol.applyTo(writer);
        return true;
    }

    /**
     * Starts a new field generation: fields seen before are no longer present. Zero is never a generation, since an
     * untouched slot holds zero.
     */
    private void nextGeneration()
    {
        if (++frameNumber == 0)
        {
            frameNumber = 1;
        }
    }

    private boolean present(final int field)
    {
        return seenInFrame[field] == frameNumber;
    }

    /**
     * @return true when the field is present and was parsed as the expected kind; otherwise records why not.
     */
    private boolean is(final int field, final byte kind)
    {
        if (!present(field))
        {
            return failure.fail(StatusReason.MISSING_FIELD, cursor.limit());
        }
        final byte actual = valueKind[field];
        if (actual == kind)
        {
            return true;
        }
        if (actual == V_INVALID)
        {
            failure.fail(DecodeFailures.reason(errorStatus[field]), errorPosition[field]);
            return false;
        }
        return failure.fail(actual == V_EMPTY ? StatusReason.BAD_NUMBER : StatusReason.BAD_VALUE, valuePosition[field]);
    }

    private boolean positiveDecimal(final int field)
    {
        return is(field, V_DECIMAL) &&
            (mantissas[field] > 0 || failure.fail(StatusReason.BAD_VALUE, valuePosition[field]));
    }

    private boolean nonNegativeDecimal(final int field)
    {
        return is(field, V_DECIMAL) &&
            (mantissas[field] >= 0 || failure.fail(StatusReason.BAD_VALUE, valuePosition[field]));
    }

    private boolean optionalDecimal(final int field)
    {
        return !present(field) || valueKind[field] == V_EMPTY || is(field, V_DECIMAL);
    }

    private boolean optionalNonNegativeDecimal(final int field)
    {
        return optionalDecimal(field) && (optionalMantissa(field) == MessageWriter.NULL_MANTISSA ||
            mantissas[field] >= 0 || failure.fail(StatusReason.BAD_VALUE, valuePosition[field]));
    }

    private long optionalMantissa(final int field)
    {
        return present(field) && valueKind[field] == V_DECIMAL ? mantissas[field] : MessageWriter.NULL_MANTISSA;
    }

    /**
     * @return ns since epoch; the null value when absent, empty or zero; Long.MAX_VALUE on error (recorded).
     */
    private long exchangeTime(final int preferred, final int fallback)
    {
        final int field = present(preferred) ? preferred : fallback;
        if (!present(field) || valueKind[field] == V_EMPTY)
        {
            return NULL_TIME;
        }
        if (!is(field, V_LONG))
        {
            return Long.MAX_VALUE;
        }
        final long ms = longs[field];
        if (ms < 0 || ms > MAX_MS)
        {
            failure.fail(StatusReason.BAD_VALUE, valuePosition[field]);
            return Long.MAX_VALUE;
        }
        return ms == 0 ? NULL_TIME : ms * NS_PER_MS;
    }

    private boolean stringEquals(final int field, final byte[] ascii)
    {
        final int length = stringLengths[field];
        if (length != ascii.length)
        {
            return false;
        }
        final int offset = stringOffsets[field];
        for (int i = 0; i < length; i++)
        {
            if ((byte)cursor.byteAt(offset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    private int malformed(final StatusReason reason, final long detail, final long recvTsNs, final MessageSink sink)
    {
        return writer.malformed(sink, reason, detail, recvTsNs);
    }

    private int written(final int written)
    {
        if (written < 0)
        {
            failure.fail(StatusReason.FRAME_TOO_LARGE, cursor.limit());
            return -1;
        }
        return written;
    }

    private boolean fail(final int cursorStatus)
    {
        return failure.fail(DecodeFailures.reason(cursorStatus), Math.max(cursor.errorPosition(), 0));
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
