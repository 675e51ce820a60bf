/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

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
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes the frames of one Bybit v5 public WebSocket connection (one category: spot, linear, inverse or option)
 * from raw bytes into SBE, without allocating.
 * <pre>
 *   {"topic":"orderbook.50.BTCUSDT","type":"snapshot"|"delta","ts":..,"data":{"s","b","a","u","seq"},"cts":..}
 *                                                  -&gt; BookUpdate: seq = u, exchTs = cts (else ts); size "0" deletes
 *   {"topic":"publicTrade.BTCUSDT","data":[{"T","s","S","v","p","i"},..]}   -&gt; one Trade per element
 *   {"topic":"tickers.BTCUSDT","data":{..}}          -&gt; Funding and/or Bbo, see below
 *   {"topic":"allLiquidation.BTCUSDT","data":[{"T","s","S","v","p"},..]}  -&gt; one Liquidation per element
 *   {"topic":"liquidation.BTCUSDT",..}               -&gt; nothing (deprecated by Bybit for allLiquidation)
 *   {"success":true,"op":..}, {"op":"pong",..}        -&gt; nothing (control)
 *   {"success":false,"ret_msg":..}                     -&gt; Status(MALFORMED, VENUE_ERROR)
 * </pre>
 * The venue symbol of every message is the connection's category, a colon and Bybit's symbol
 * ({@code linear:BTCUSDT}): the frames do not say their category, and the same symbol names a spot pair and a linear
 * perpetual. {@link BybitSymbols} reads the category back for the canonical symbol.
 * <p>
 * <b>Trade ids.</b> The schema's trade id is an int64; Bybit's {@code i} is a decimal string on spot and a UUID on
 * linear and inverse. A decimal id that fits 63 bits is kept as its number. A UUID is kept as its first 16 hex
 * digits (the first three groups) read as a 64-bit number with the top bit cleared, so that it is never negative nor
 * the null value: not Bybit's text, but a stable 63-bit key for de-duplication (two ids collide with probability
 * about 2^-63). Any other text leaves the id absent.
 * <p>
 * <b>Tickers.</b> Bybit sends a full snapshot when the subscription starts and then deltas that carry only the fields
 * that changed. A Funding message is written whenever the frame carries any of {@code markPrice}, {@code indexPrice},
 * {@code fundingRate} and {@code nextFundingTime}, with only those (absent ones null: "unchanged" in a delta). A Bbo
 * message is written only when the frame carries a whole top of book, {@code bid1Price}, {@code bid1Size},
 * {@code ask1Price} and {@code ask1Size} (linear, inverse) or {@code bidPrice}, {@code bidSize}, {@code askPrice} and
 * {@code askSize} (option): a half-filled Bbo would read as a one-sided book. A price of zero there means "no order
 * on that side" and leaves that side null. An OpenInterest message is written whenever the frame carries
 * {@code openInterest} (contracts, or base coin), with {@code openInterestValue} (in the settle currency) when the
 * frame carries it too; a delta carrying only {@code openInterestValue} yields none, as an open interest message
 * without the open interest would say nothing of it. Spot tickers carry none of these fields: they yield nothing.
 * {@code cs} (the cross sequence) is the Bbo's {@code seq}; {@code ts} is the exchange time.
 * <p>
 * The pre-v5 trade shape of the recorded 2021 sessions ({@code trade.BTCUSD}, elements with {@code trade_time_ms},
 * {@code symbol}, {@code side}, {@code size}, {@code price}, {@code trade_id}) decodes as a trade too.
 * <p>
 * <b>Liquidations.</b> {@code allLiquidation}'s {@code S} is the side of the liquidated position; the message
 * carries the side of the liquidation order, the opposite ({@code Buy}, a long liquidated, gives {@code sell}).
 * <p>
 * The same decoder reads REST bodies once told the endpoint, see {@link #restEndpoint(String)}.
 * <p>
 * Fields may come in any order; unknown fields are skipped. Anything else (a malformed or truncated frame, a missing
 * or malformed field this decoder uses, an unknown topic) yields one {@code Status(MALFORMED)} message naming the
 * reason and the byte offset, and nothing else: never an exception, never a partial message. A frame is parsed whole
 * before anything is written.
 */
public final class BybitDecoder implements FrameDecoder
{
    /** Longest frame accepted; longer ones are reported as {@code FRAME_TOO_LARGE}. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 8 * 1024 * 1024;

    /** Bytes reserved after a snapshot so normalize can rewrite it as the maintained book (about 900 levels). */
    public static final int DEFAULT_SNAPSHOT_HEADROOM = 16 * 1024;

    /** Most levels one side of a message may carry (the SBE group count limit). */
    public static final int MAX_LEVELS = 65534;

    /** What a topic says the data is. */
    private static final int TOPIC_NONE = 0;
    private static final int TOPIC_BOOK = 1;
    private static final int TOPIC_TRADE = 2;
    private static final int TOPIC_TICKER = 3;
    private static final int TOPIC_LIQUIDATION = 4;
    private static final int TOPIC_UNKNOWN = 5;
    private static final int TOPIC_LEGACY_LIQUIDATION = 6;

    /** What the REST endpoint set by {@link #restEndpoint(String)} answers. */
    private static final int REST_NONE = 0;
    private static final int REST_BOOK = 1;
    private static final int REST_TRADES = 2;
    private static final int REST_TICKERS = 3;
    private static final int REST_OPEN_INTEREST = 4;
    private static final int REST_FUNDING_HISTORY = 5;
    private static final int REST_UNKNOWN = 6;

    /** Top-level keys, as bits of the keys seen in a frame. */
    private static final int KEY_TOPIC = 1;
    private static final int KEY_TYPE = 1 << 1;
    private static final int KEY_TS = 1 << 2;
    private static final int KEY_CTS = 1 << 3;
    private static final int KEY_CS = 1 << 4;
    private static final int KEY_DATA = 1 << 5;
    private static final int KEY_SUCCESS = 1 << 6;
    private static final int KEY_OP = 1 << 7;
    private static final int KEY_RET_CODE = 1 << 8;
    private static final int KEY_RESULT = 1 << 9;
    private static final int KEY_TIME = 1 << 10;

    /** Keys of an element of a REST history list (open interest, funding rate history). */
    private static final int HISTORY_SYMBOL = 1;
    private static final int HISTORY_VALUE = 1 << 1;
    private static final int HISTORY_TIME = 1 << 2;

    /** Book data keys. */
    private static final int BOOK_S = 1;
    private static final int BOOK_B = 1 << 1;
    private static final int BOOK_A = 1 << 2;
    private static final int BOOK_U = 1 << 3;
    private static final int BOOK_SEQ = 1 << 4;
    private static final int BOOK_TS = 1 << 5;
    private static final int BOOK_CTS = 1 << 6;

    /** Trade element keys (v5 and pre-v5 names share a bit). */
    private static final int TRADE_T = 1;
    private static final int TRADE_S = 1 << 1;
    private static final int TRADE_SIDE = 1 << 2;
    private static final int TRADE_V = 1 << 3;
    private static final int TRADE_P = 1 << 4;
    private static final int TRADE_I = 1 << 5;
    private static final int TRADE_REQUIRED = TRADE_T | TRADE_S | TRADE_SIDE | TRADE_V | TRADE_P;

    /** Ticker fields, by index: a decimal each, but for the symbol and the next funding time. */
    private static final int TK_SYMBOL = 0;
    private static final int TK_MARK = 1;
    private static final int TK_INDEX = 2;
    private static final int TK_RATE = 3;
    private static final int TK_NEXT_FUNDING = 4;
    private static final int TK_BID1_PRICE = 5;
    private static final int TK_BID1_SIZE = 6;
    private static final int TK_ASK1_PRICE = 7;
    private static final int TK_ASK1_SIZE = 8;
    private static final int TK_BID_PRICE = 9;
    private static final int TK_BID_SIZE = 10;
    private static final int TK_ASK_PRICE = 11;
    private static final int TK_ASK_SIZE = 12;
    private static final int TK_OPEN_INTEREST = 13;
    private static final int TK_OPEN_INTEREST_VALUE = 14;
    private static final int TK_COUNT = 15;
    private static final byte[][] TICKER_KEYS = {
        ascii("symbol"), ascii("markPrice"), ascii("indexPrice"), ascii("fundingRate"), ascii("nextFundingTime"),
        ascii("bid1Price"), ascii("bid1Size"), ascii("ask1Price"), ascii("ask1Size"),
        ascii("bidPrice"), ascii("bidSize"), ascii("askPrice"), ascii("askSize"), ascii("openInterest"),
        ascii("openInterestValue") };

    private static final byte[] TOPIC = ascii("topic");
    private static final byte[] TYPE = ascii("type");
    private static final byte[] DATA = ascii("data");
    private static final byte[] SUCCESS = ascii("success");
    private static final byte[] SEQ = ascii("seq");
    private static final byte[] CTS = ascii("cts");
    private static final byte[] SNAPSHOT = ascii("snapshot");
    private static final byte[] DELTA = ascii("delta");
    private static final byte[] BUY = ascii("Buy");
    private static final byte[] SELL = ascii("Sell");
    private static final byte[] ORDERBOOK = ascii("orderbook.");
    private static final byte[] PUBLIC_TRADE = ascii("publicTrade.");
    private static final byte[] TRADE = ascii("trade.");
    private static final byte[] TICKERS = ascii("tickers.");
    private static final byte[] ALL_LIQUIDATION = ascii("allLiquidation.");
    private static final byte[] LIQUIDATION = ascii("liquidation.");
    private static final byte[] LEGACY_TRADE_TIME = ascii("trade_time_ms");
    private static final byte[] LEGACY_SYMBOL = ascii("symbol");
    private static final byte[] LEGACY_SIDE = ascii("side");
    private static final byte[] LEGACY_SIZE = ascii("size");
    private static final byte[] LEGACY_PRICE = ascii("price");
    private static final byte[] LEGACY_TRADE_ID = ascii("trade_id");
    private static final byte[] RET_CODE = ascii("retCode");
    private static final byte[] RESULT = ascii("result");
    private static final byte[] LIST = ascii("list");
    private static final byte[] REST_TIME = ascii("time");
    private static final byte[] REST_EXEC_ID = ascii("execId");
    private static final byte[] CATEGORY = ascii("category");
    private static final byte[] REST_SYMBOL = ascii("symbol");
    private static final byte[] OPEN_INTEREST = ascii("openInterest");
    private static final byte[] TIMESTAMP = ascii("timestamp");
    private static final byte[] FUNDING_RATE = ascii("fundingRate");
    private static final byte[] FUNDING_RATE_TIMESTAMP = ascii("fundingRateTimestamp");

    /** {@link LevelArrays#parse} status for an array with more levels than one message carries. */
    private static final int TOO_MANY_LEVELS_STATUS = -100;

    private static final long NS_PER_MS = 1_000_000L;
    private static final long MAX_MS = Long.MAX_VALUE / NS_PER_MS;
    private static final long NULL = MessageWriter.NULL_VALUE;
    private static final long NULL_MANTISSA = MessageWriter.NULL_MANTISSA;
    private static final long BAD_TIME = Long.MAX_VALUE;

    private final BybitCategory category;
    private final int maxFrameLength;
    private final JsonCursor cursor = new JsonCursor();
    private final MessageWriter writer;
    private final UnsafeBuffer symbol = new UnsafeBuffer(new byte[MarketEvent.MAX_SYMBOL_LENGTH]);
    private final int prefixLength;
    private final byte[] categoryName;
    private final LevelBuffer bids = new LevelBuffer(1024);
    private final LevelBuffer asks = new LevelBuffer(1024);

    private DirectBuffer frame;
    private StatusReason failure;
    private int failurePosition;
    private int restKind = REST_NONE;
    private long retCode;
    private int retCodePosition;
    private long restTimeMs;
    private int resultPosition;
    private int listPosition;
    private int resultSymbolOffset;
    private int resultSymbolLength;
    private int[] elementPositions = new int[64];

    // the element of a REST history list last read
    private int historyKeys;
    private long historyMantissa;
    private int historyExponent;
    private long historyTimeMs;
    private int historySymbolOffset;
    private int historySymbolLength;

    // the frame's top level
    private int keysSeen;
    private int topicKind;
    private int topicOffset;
    private int typeOffset;
    private int typeLength;
    private long tsMs;
    private long ctsMs;
    private long cs;
    private boolean success;
    private int successPosition;
    private int dataPosition;
    private boolean dataParsed;

    // book data
    private int bookKeys;
    private int bookSymbolOffset;
    private int bookSymbolLength;
    private long bookU;

    // trades, held until every element of the array has parsed
    private int tradeCount;
    private long[] tradeTimesMs = new long[16];
    private long[] tradeIds = new long[16];
    private long[] tradePriceMantissas = new long[16];
    private int[] tradePriceExponents = new int[16];
    private long[] tradeQtyMantissas = new long[16];
    private int[] tradeQtyExponents = new int[16];
    private boolean[] tradeBuys = new boolean[16];
    private int[] tradeSymbolOffsets = new int[16];
    private int[] tradeSymbolLengths = new int[16];

    // ticker data
    private final boolean[] tickerPresent = new boolean[TK_COUNT];
    private final long[] tickerMantissas = new long[TK_COUNT];
    private final int[] tickerExponents = new int[TK_COUNT];
    private final int[] tickerPositions = new int[TK_COUNT];
    private int tickerSymbolOffset;
    private int tickerSymbolLength;

    /**
     * A decoder with default limits.
     *
     * @param category the category of the connection whose frames it decodes.
     */
    public BybitDecoder(final BybitCategory category)
    {
        this(category, DEFAULT_MAX_FRAME_LENGTH, DEFAULT_SNAPSHOT_HEADROOM);
    }

    /**
     * @param category         the category of the connection whose frames it decodes.
     * @param maxFrameLength   longest frame accepted.
     * @param snapshotHeadroom bytes reserved after a snapshot for normalize's rewrite.
     */
    public BybitDecoder(final BybitCategory category, final int maxFrameLength, final int snapshotHeadroom)
    {
        if (category == null)
        {
            throw new IllegalArgumentException("category is required");
        }
        this.category = category;
        this.maxFrameLength = maxFrameLength;
        this.writer = new MessageWriter(Venue.BYBIT, snapshotHeadroom);
        final byte[] prefix = category.prefixBytes();
        symbol.putBytes(0, prefix);
        prefixLength = prefix.length;
        categoryName = category.wireName().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @return the category of the connection.
     */
    public BybitCategory category()
    {
        return category;
    }

    /**
     * Makes the following frames REST response bodies ({@code {"retCode":0,"retMsg":"OK","result":{..},"time":..}})
     * of an endpoint, or WebSocket frames again. A body does not say what it answers, so the caller, who asked,
     * says it here. Cold path.
     * <ul>
     *   <li>{@code /v5/market/orderbook}: a book snapshot of {@code result} ({@code s}, {@code b}, {@code a},
     *       {@code u} as seq, exchTs {@code cts}, else {@code ts});</li>
     *   <li>{@code /v5/market/recent-trade}: one trade per element of {@code result.list} ({@code symbol},
     *       {@code side}, {@code size}, {@code price}, {@code time}, {@code execId} as the trade id);</li>
     *   <li>{@code /v5/market/tickers}: each element of {@code result.list} as a WebSocket {@code tickers} snapshot
     *       is decoded (Funding, Bbo from {@code bid1Price}/{@code bid1Size}/{@code ask1Price}/{@code ask1Size},
     *       OpenInterest with its value; a spot ticker gives its Bbo), exchTs the body's {@code time}, no seq;</li>
     *   <li>{@code /v5/market/open-interest}: one OpenInterest per element of {@code result.list}
     *       ({@code openInterest}, exchTs {@code timestamp}) for {@code result.symbol}, oldest first. Bybit's
     *       {@code openInterest} is written as given; its documentation now calls it the sum of both sides and adds
     *       {@code singleOpenInterest}, which is not read;</li>
     *   <li>{@code /v5/market/funding/history}: one Funding per element of {@code result.list} ({@code symbol},
     *       {@code fundingRate}, exchTs {@code fundingRateTimestamp}, when the rate was settled), oldest first.</li>
     * </ul>
     * A {@code result.category} other than the decoder's is a {@code BAD_VALUE} status (the symbols would be
     * qualified with the wrong category). The list bodies are checked whole before anything is written. The
     * instruments list ({@code /v5/market/instruments-info}) is metadata, read by {@link BybitInstruments}.
     * A body whose {@code retCode} is not 0 is a {@code VENUE_ERROR} status. The symbols are qualified with this
     * decoder's category, as on the WebSocket.
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
        if ("/v5/market/orderbook".equals(endpoint))
        {
            restKind = REST_BOOK;
            return true;
        }
        if ("/v5/market/recent-trade".equals(endpoint))
        {
            restKind = REST_TRADES;
            return true;
        }
        if ("/v5/market/tickers".equals(endpoint))
        {
            restKind = REST_TICKERS;
            return true;
        }
        if ("/v5/market/open-interest".equals(endpoint))
        {
            restKind = REST_OPEN_INTEREST;
            return true;
        }
        if ("/v5/market/funding/history".equals(endpoint))
        {
            restKind = REST_FUNDING_HISTORY;
            return true;
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

    /**
     * Bybit frames always name their symbol: a context symbol is not used.
     *
     * @param venueSymbol ignored.
     */
    @Override
    public void contextSymbol(final String venueSymbol)
    {
    }

    @Override
    public int decode(
        final DirectBuffer frame, final int offset, final int length, final long recvTsNs, final MessageSink sink)
    {
        this.frame = frame;
        failure = null;
        failurePosition = offset;
        writer.symbol(null, 0, 0);
        if (length > maxFrameLength)
        {
            return writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, length, recvTsNs);
        }
        cursor.wrap(frame, offset, length);
        if (!scanFrame())
        {
            return writer.malformed(sink, failureOrBadValue(), failurePosition - offset, recvTsNs);
        }
        final int committed = decodeFrame(recvTsNs, sink);
        if (committed < 0)
        {
            return writer.malformed(sink, failureOrBadValue(), failurePosition - offset, recvTsNs);
        }
        return committed;
    }

    private boolean scanFrame()
    {
        keysSeen = 0;
        topicKind = restKind == REST_BOOK ? TOPIC_BOOK : restKind == REST_TRADES ? TOPIC_TRADE : TOPIC_NONE;
        dataPosition = -1;
        dataParsed = false;
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            if (!topLevelField())
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
            return failAt(StatusReason.UNEXPECTED_CHARACTER, cursor.position());
        }
        if (dataPosition >= 0 && !dataParsed && topicKind != TOPIC_NONE)
        {
            // the data came before the topic: read it again, now that its kind is known
            cursor.position(dataPosition);
            return parseData();
        }
        return true;
    }

    private boolean topLevelField()
    {
        final int key = topLevelKey();
        if (key != 0)
        {
            if ((keysSeen & key) != 0)
            {
                return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
            }
            keysSeen |= key;
        }
        switch (key)
        {
            case KEY_TOPIC:
                if (!string())
                {
                    return false;
                }
                topicOffset = cursor.stringOffset();
                topicKind = topicKind(topicOffset, cursor.stringLength());
                return true;
            case KEY_TYPE:
                if (!string())
                {
                    return false;
                }
                typeOffset = cursor.stringOffset();
                typeLength = cursor.stringLength();
                return true;
            case KEY_TS:
                tsMs = parseTime();
                return tsMs != BAD_TIME;
            case KEY_CTS:
                ctsMs = parseTime();
                return ctsMs != BAD_TIME;
            case KEY_CS:
                return parseCrossSequence();
            case KEY_SUCCESS:
                successPosition = cursor.position();
                final int status = cursor.parseBoolean();
                success = cursor.booleanValue();
                return status == JsonCursor.OK || fail(status);
            case KEY_RET_CODE:
                retCodePosition = cursor.position();
                return parseRetCode();
            case KEY_RESULT:
                return restKind == REST_NONE ? skip() : parseResult();
            case KEY_TIME:
                restTimeMs = parseTime();
                return restTimeMs != BAD_TIME;
            case KEY_DATA:
                if (topicKind == TOPIC_NONE)
                {
                    dataPosition = cursor.position();
                    return skip();
                }
                return parseData();
            default:
                return skip();
        }
    }

    private boolean parseRetCode()
    {
        final int status = cursor.parseLong();
        retCode = cursor.longValue();
        return status == JsonCursor.OK || failNumber(status, retCodePosition);
    }

    /**
     * A REST body's {@code result}: the book object, or the object whose {@code list} holds the trades.
     */
    private boolean parseResult()
    {
        dataParsed = true;
        if (restKind == REST_BOOK)
        {
            return parseBookData();
        }
        if (restKind != REST_TRADES)
        {
            // read once the whole body is known to parse: tickers, histories, or a body of no endpoint read here
            resultPosition = cursor.position();
            return skip();
        }
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return failBadValueOr(status);
        }
        boolean list = false;
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            if (cursor.keyEquals(LIST))
            {
                if (list)
                {
                    return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                list = true;
                if (!parseTrades())
                {
                    return false;
                }
            }
            else if (!skip())
            {
                return false;
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        return list || failAt(StatusReason.MISSING_FIELD, cursor.position());
    }

    private boolean parseCrossSequence()
    {
        final int start = cursor.position();
        final int status = cursor.parseLong();
        if (status == JsonCursor.EMPTY)
        {
            keysSeen &= ~KEY_CS;
            return true;
        }
        cs = cursor.longValue();
        return status == JsonCursor.OK || failNumber(status, start);
    }

    private int topLevelKey()
    {
        final int length = cursor.keyLength();
        switch (length)
        {
            case 2:
                if (cursor.keyByte(0) == 't' && cursor.keyByte(1) == 's')
                {
                    return KEY_TS;
                }
                if (cursor.keyByte(0) == 'c' && cursor.keyByte(1) == 's')
                {
                    return KEY_CS;
                }
                return cursor.keyByte(0) == 'o' && cursor.keyByte(1) == 'p' ? KEY_OP : 0;
            case 3:
                return cursor.keyEquals(CTS) ? KEY_CTS : 0;
            case 4:
                if (cursor.keyEquals(DATA))
                {
                    return KEY_DATA;
                }
                if (restKind != REST_NONE && cursor.keyEquals(REST_TIME))
                {
                    return KEY_TIME;
                }
                return cursor.keyEquals(TYPE) ? KEY_TYPE : 0;
            case 5:
                return cursor.keyEquals(TOPIC) ? KEY_TOPIC : 0;
            case 6:
                return cursor.keyEquals(RESULT) ? KEY_RESULT : 0;
            case 7:
                if (cursor.keyEquals(RET_CODE))
                {
                    return KEY_RET_CODE;
                }
                return cursor.keyEquals(SUCCESS) ? KEY_SUCCESS : 0;
            default:
                return 0;
        }
    }

    private int topicKind(final int offset, final int length)
    {
        if (startsWith(offset, length, ORDERBOOK))
        {
            return TOPIC_BOOK;
        }
        if (startsWith(offset, length, PUBLIC_TRADE) || startsWith(offset, length, TRADE))
        {
            return TOPIC_TRADE;
        }
        if (startsWith(offset, length, TICKERS))
        {
            return TOPIC_TICKER;
        }
        if (startsWith(offset, length, ALL_LIQUIDATION))
        {
            return TOPIC_LIQUIDATION;
        }
        if (startsWith(offset, length, LIQUIDATION))
        {
            return TOPIC_LEGACY_LIQUIDATION;
        }
        return TOPIC_UNKNOWN;
    }

    private boolean parseData()
    {
        dataParsed = true;
        switch (topicKind)
        {
            case TOPIC_BOOK:
                return parseBookData();
            case TOPIC_TRADE:
            case TOPIC_LIQUIDATION:
                return parseTrades();
            case TOPIC_TICKER:
                return parseTicker();
            default:
                return skip();
        }
    }

    private int decodeFrame(final long recvTsNs, final MessageSink sink)
    {
        if (restKind != REST_NONE)
        {
            if ((keysSeen & KEY_RET_CODE) != 0 && retCode != 0)
            {
                failAt(StatusReason.VENUE_ERROR, retCodePosition);
                return -1;
            }
            if ((keysSeen & KEY_RESULT) == 0)
            {
                failAt(StatusReason.MISSING_FIELD, cursor.limit());
                return -1;
            }
            switch (restKind)
            {
                case REST_BOOK:
                    return decodeBook(recvTsNs, sink);
                case REST_TRADES:
                    return writeTrades(recvTsNs, sink);
                case REST_TICKERS:
                case REST_OPEN_INTEREST:
                case REST_FUNDING_HISTORY:
                    // checked whole first, then written: a bad element leaves no message of the body behind
                    return walkList(recvTsNs, null) < 0 ? -1 : walkList(recvTsNs, sink);
                default:
                    failAt(StatusReason.UNKNOWN_EVENT_TYPE, cursor.limit());
                    return -1;
            }
        }
        if ((keysSeen & KEY_SUCCESS) != 0)
        {
            if (success)
            {
                return 0;
            }
            failAt(StatusReason.VENUE_ERROR, successPosition);
            return -1;
        }
        if ((keysSeen & KEY_TOPIC) == 0)
        {
            if ((keysSeen & KEY_OP) != 0)
            {
                return 0;
            }
            failAt(StatusReason.MISSING_FIELD, cursor.limit());
            return -1;
        }
        if (topicKind == TOPIC_UNKNOWN)
        {
            failAt(StatusReason.UNKNOWN_EVENT_TYPE, topicOffset);
            return -1;
        }
        if (topicKind == TOPIC_LEGACY_LIQUIDATION)
        {
            return 0;
        }
        if ((keysSeen & KEY_DATA) == 0)
        {
            failAt(StatusReason.MISSING_FIELD, cursor.limit());
            return -1;
        }
        switch (topicKind)
        {
            case TOPIC_BOOK:
                return decodeBook(recvTsNs, sink);
            case TOPIC_TRADE:
                return writeTrades(recvTsNs, sink);
            case TOPIC_LIQUIDATION:
                return writeLiquidations(recvTsNs, sink);
            default:
                return writeTicker(
                    recvTsNs, sink, tsMs, (keysSeen & KEY_TS) != 0, (keysSeen & KEY_CS) != 0 ? cs : NULL);
        }
    }

    // ---------------------------------------------------------------------------------------------------- books

    private boolean parseBookData()
    {
        bookKeys = 0;
        bids.clear();
        asks.clear();
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return failBadValueOr(status);
        }
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int key = bookKey();
            if (key != 0)
            {
                if ((bookKeys & key) != 0)
                {
                    return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                bookKeys |= key;
            }
            final int start = cursor.position();
            switch (key)
            {
                case BOOK_S:
                    if ((status = cursor.parseString()) != JsonCursor.OK)
                    {
                        return fail(status);
                    }
                    bookSymbolOffset = cursor.stringOffset();
                    bookSymbolLength = cursor.stringLength();
                    break;
                case BOOK_B:
                    if ((status = LevelArrays.parsePairs(cursor, bids, MAX_LEVELS)) != JsonCursor.OK)
                    {
                        return failLevels(status, start);
                    }
                    break;
                case BOOK_A:
                    if ((status = LevelArrays.parsePairs(cursor, asks, MAX_LEVELS)) != JsonCursor.OK)
                    {
                        return failLevels(status, start);
                    }
                    break;
                case BOOK_U:
                    if ((status = cursor.parseLong()) != JsonCursor.OK)
                    {
                        return failNumber(status, start);
                    }
                    bookU = cursor.longValue();
                    if (bookU <= 0)
                    {
                        return failAt(StatusReason.BAD_VALUE, start);
                    }
                    break;
                case BOOK_TS:
                    tsMs = parseTime();
                    keysSeen |= KEY_TS;
                    if (tsMs == BAD_TIME)
                    {
                        return false;
                    }
                    break;
                case BOOK_CTS:
                    ctsMs = parseTime();
                    keysSeen |= KEY_CTS;
                    if (ctsMs == BAD_TIME)
                    {
                        return false;
                    }
                    break;
                default:
                    if (!skip())
                    {
                        return false;
                    }
                    break;
            }
        }
        return status == JsonCursor.END || fail(status);
    }

    private int bookKey()
    {
        if (cursor.keyLength() == 1)
        {
            switch (cursor.keyByte(0))
            {
                case 's':
                    return BOOK_S;
                case 'b':
                    return BOOK_B;
                case 'a':
                    return BOOK_A;
                case 'u':
                    return BOOK_U;
                default:
                    return 0;
            }
        }
        if (restKind != REST_NONE)
        {
            // a REST result carries its times inside; a WebSocket frame at the top level
            if (cursor.keyLength() == 2 && cursor.keyByte(0) == 't' && cursor.keyByte(1) == 's')
            {
                return BOOK_TS;
            }
            if (cursor.keyLength() == 3 && cursor.keyEquals(CTS))
            {
                return BOOK_CTS;
            }
        }
        return cursor.keyLength() == 3 && cursor.keyEquals(SEQ) ? BOOK_SEQ : 0;
    }

    private int decodeBook(final long recvTsNs, final MessageSink sink)
    {
        if (((keysSeen & KEY_TYPE) == 0 && restKind != REST_BOOK) ||
            (bookKeys & (BOOK_S | BOOK_B | BOOK_A | BOOK_U)) != (BOOK_S | BOOK_B | BOOK_A | BOOK_U))
        {
            failAt(StatusReason.MISSING_FIELD, cursor.limit());
            return -1;
        }
        final boolean snapshot;
        if (restKind == REST_BOOK)
        {
            snapshot = true;
        }
        else if (equalsAt(typeOffset, typeLength, SNAPSHOT))
        {
            snapshot = true;
        }
        else if (equalsAt(typeOffset, typeLength, DELTA))
        {
            snapshot = false;
        }
        else
        {
            failAt(StatusReason.BAD_VALUE, typeOffset);
            return -1;
        }
        final long exchTsNs = exchangeTime((keysSeen & KEY_CTS) != 0 ? ctsMs : tsMs,
            (keysSeen & (KEY_CTS | KEY_TS)) != 0);
        if (exchTsNs == BAD_TIME || !symbol(bookSymbolOffset, bookSymbolLength))
        {
            return -1;
        }
        return written(writer.book(sink, snapshot, exchTsNs, recvTsNs, bookU, NULL, NULL, NULL, bids, asks));
    }

    // ---------------------------------------------------------------------------------------------------- trades

    private boolean parseTrades()
    {
        tradeCount = 0;
        int status = cursor.enterArray();
        if (status != JsonCursor.OK)
        {
            return failBadValueOr(status);
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (tradeCount == tradeTimesMs.length)
            {
                growTrades();
            }
            if (!parseTrade(tradeCount))
            {
                return false;
            }
            tradeCount++;
        }
        return status == JsonCursor.END || fail(status);
    }

    private boolean parseTrade(final int index)
    {
        final int elementStart = cursor.position();
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return failBadValueOr(status);
        }
        int keys = 0;
        tradeIds[index] = NULL;
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int wsKey = tradeKey();
            final int key = wsKey != 0 ? wsKey : restTradeKey();
            if (key != 0)
            {
                if ((keys & key) != 0)
                {
                    return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                keys |= key;
            }
            final int start = cursor.position();
            switch (key)
            {
                case TRADE_T:
                    if ((status = cursor.parseLong()) != JsonCursor.OK)
                    {
                        return failNumber(status, start);
                    }
                    if (cursor.longValue() < 0 || cursor.longValue() > MAX_MS)
                    {
                        return failAt(StatusReason.BAD_VALUE, start);
                    }
                    tradeTimesMs[index] = cursor.longValue();
                    break;
                case TRADE_S:
                    if ((status = cursor.parseString()) != JsonCursor.OK)
                    {
                        return fail(status);
                    }
                    tradeSymbolOffsets[index] = cursor.stringOffset();
                    tradeSymbolLengths[index] = cursor.stringLength();
                    break;
                case TRADE_SIDE:
                    if ((status = cursor.parseString()) != JsonCursor.OK)
                    {
                        return fail(status);
                    }
                    if (cursor.stringEquals(BUY))
                    {
                        tradeBuys[index] = true;
                    }
                    else if (cursor.stringEquals(SELL))
                    {
                        tradeBuys[index] = false;
                    }
                    else
                    {
                        return failAt(StatusReason.BAD_VALUE, start);
                    }
                    break;
                case TRADE_V:
                    if ((status = cursor.parseDecimal()) != JsonCursor.OK || cursor.mantissa() < 0)
                    {
                        return failNumber(status, start);
                    }
                    tradeQtyMantissas[index] = cursor.mantissa();
                    tradeQtyExponents[index] = cursor.exponent();
                    break;
                case TRADE_P:
                    if ((status = cursor.parseDecimal()) != JsonCursor.OK || cursor.mantissa() <= 0)
                    {
                        return failNumber(status, start);
                    }
                    tradePriceMantissas[index] = cursor.mantissa();
                    tradePriceExponents[index] = cursor.exponent();
                    break;
                case TRADE_I:
                    if (!parseTradeId(index))
                    {
                        return false;
                    }
                    break;
                default:
                    if (!skip())
                    {
                        return false;
                    }
                    break;
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        return (keys & TRADE_REQUIRED) == TRADE_REQUIRED || failAt(StatusReason.MISSING_FIELD, elementStart);
    }

    private int tradeKey()
    {
        final int length = cursor.keyLength();
        if (length == 1)
        {
            switch (cursor.keyByte(0))
            {
                case 'T':
                    return TRADE_T;
                case 's':
                    return TRADE_S;
                case 'S':
                    return TRADE_SIDE;
                case 'v':
                    return TRADE_V;
                case 'p':
                    return TRADE_P;
                case 'i':
                    return TRADE_I;
                default:
                    return 0;
            }
        }
        switch (length)
        {
            case 4:
                if (cursor.keyEquals(LEGACY_SIDE))
                {
                    return TRADE_SIDE;
                }
                return cursor.keyEquals(LEGACY_SIZE) ? TRADE_V : 0;
            case 5:
                return cursor.keyEquals(LEGACY_PRICE) ? TRADE_P : 0;
            case 6:
                return cursor.keyEquals(LEGACY_SYMBOL) ? TRADE_S : 0;
            case 8:
                return cursor.keyEquals(LEGACY_TRADE_ID) ? TRADE_I : 0;
            case 13:
                return cursor.keyEquals(LEGACY_TRADE_TIME) ? TRADE_T : 0;
            default:
                return 0;
        }
    }

    /**
     * The REST trade names that v5 WebSocket and pre-v5 trades do not use: {@code time} and {@code execId}.
     */
    private int restTradeKey()
    {
        if (restKind == REST_NONE)
        {
            return 0;
        }
        if (cursor.keyLength() == 4 && cursor.keyEquals(REST_TIME))
        {
            return TRADE_T;
        }
        return cursor.keyLength() == 6 && cursor.keyEquals(REST_EXEC_ID) ? TRADE_I : 0;
    }

    /**
     * A trade id: a JSON number, or a string holding decimal digits or a UUID (see the class comment).
     */
    private boolean parseTradeId(final int index)
    {
        final int start = cursor.position();
        if (cursor.peek() != '"')
        {
            final int status = cursor.parseLong();
            if (status != JsonCursor.OK)
            {
                return failNumber(status, start);
            }
            tradeIds[index] = cursor.longValue() >= 0 ? cursor.longValue() : NULL;
            return true;
        }
        final int status = cursor.parseString();
        if (status != JsonCursor.OK)
        {
            return fail(status);
        }
        tradeIds[index] = tradeId(cursor.stringOffset(), cursor.stringLength());
        return true;
    }

    private long tradeId(final int offset, final int length)
    {
        if (length == 0)
        {
            return NULL;
        }
        if (length <= 18)
        {
            long value = 0;
            for (int i = 0; i < length; i++)
            {
                final int c = cursor.byteAt(offset + i);
                if (c < '0' || c > '9')
                {
                    return NULL;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
        if (length == 19)
        {
            long value = 0;
            for (int i = 0; i < length; i++)
            {
                final int c = cursor.byteAt(offset + i);
                if (c < '0' || c > '9')
                {
                    return NULL;
                }
                final long next = value * 10 + (c - '0');
                if (next < value)
                {
                    return NULL;
                }
                value = next;
            }
            return value;
        }
        return length == 36 ? uuidId(offset) : NULL;
    }

    /**
     * @return the first 16 hex digits of a UUID {@code 8-4-4-4-12} as 63 bits, or the null value for another shape.
     */
    private long uuidId(final int offset)
    {
        long value = 0;
        for (int i = 0; i < 36; i++)
        {
            final int c = cursor.byteAt(offset + i);
            if (i == 8 || i == 13 || i == 18 || i == 23)
            {
                if (c != '-')
                {
                    return NULL;
                }
                continue;
            }
            final int digit = hexDigit(c);
            if (digit < 0)
            {
                return NULL;
            }
            if (i < 18)
            {
                value = (value << 4) | digit;
            }
        }
        return value & Long.MAX_VALUE;
    }

    private static int hexDigit(final int c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F')
        {
            return c - 'A' + 10;
        }
        return -1;
    }

    private int writeTrades(final long recvTsNs, final MessageSink sink)
    {
        // every element parsed and its symbol checked before the first is written: all or nothing
        for (int i = 0; i < tradeCount; i++)
        {
            if (!checkSymbol(tradeSymbolOffsets[i], tradeSymbolLengths[i]))
            {
                return -1;
            }
        }
        // oldest first, so that trade times only go forwards as normalize's data-quality check expects: the REST
        // recent-trade list comes newest first
        final boolean newestFirst = tradeCount > 1 && tradeTimesMs[0] > tradeTimesMs[tradeCount - 1];
        for (int k = 0; k < tradeCount; k++)
        {
            final int i = newestFirst ? tradeCount - 1 - k : k;
            symbol(tradeSymbolOffsets[i], tradeSymbolLengths[i]);
            final long timeMs = tradeTimesMs[i];
            final int written = writer.trade(sink, tradeBuys[i] ? Side.BUY : Side.SELL,
                timeMs == 0 ? NULL : timeMs * NS_PER_MS, recvTsNs, tradeIds[i], tradePriceMantissas[i],
                tradePriceExponents[i], tradeQtyMantissas[i], tradeQtyExponents[i]);
            if (written < 0)
            {
                return written(written);
            }
        }
        return tradeCount;
    }

    /**
     * Writes {@code allLiquidation} elements, parsed as trades are ({@code T}, {@code s}, {@code S}, {@code v},
     * {@code p}). Bybit's {@code S} is the side of the liquidated position ({@code Buy}: a long was liquidated), so
     * the liquidation order, whose side the message carries, is the opposite: a long is liquidated by a sell.
     */
    private int writeLiquidations(final long recvTsNs, final MessageSink sink)
    {
        for (int i = 0; i < tradeCount; i++)
        {
            if (!checkSymbol(tradeSymbolOffsets[i], tradeSymbolLengths[i]))
            {
                return -1;
            }
        }
        for (int i = 0; i < tradeCount; i++)
        {
            symbol(tradeSymbolOffsets[i], tradeSymbolLengths[i]);
            final long timeMs = tradeTimesMs[i];
            final int written = writer.liquidation(sink, tradeBuys[i] ? Side.SELL : Side.BUY,
                timeMs == 0 ? NULL : timeMs * NS_PER_MS, recvTsNs, tradePriceMantissas[i], tradePriceExponents[i],
                tradeQtyMantissas[i], tradeQtyExponents[i]);
            if (written < 0)
            {
                return written(written);
            }
        }
        return tradeCount;
    }

    private void growTrades()
    {
        final int length = tradeTimesMs.length * 2;
        tradeTimesMs = Arrays.copyOf(tradeTimesMs, length);
        tradeIds = Arrays.copyOf(tradeIds, length);
        tradePriceMantissas = Arrays.copyOf(tradePriceMantissas, length);
        tradePriceExponents = Arrays.copyOf(tradePriceExponents, length);
        tradeQtyMantissas = Arrays.copyOf(tradeQtyMantissas, length);
        tradeQtyExponents = Arrays.copyOf(tradeQtyExponents, length);
        tradeBuys = Arrays.copyOf(tradeBuys, length);
        tradeSymbolOffsets = Arrays.copyOf(tradeSymbolOffsets, length);
        tradeSymbolLengths = Arrays.copyOf(tradeSymbolLengths, length);
    }

    // ---------------------------------------------------------------------------------------------------- tickers

    private boolean parseTicker()
    {
        Arrays.fill(tickerPresent, false);
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return failBadValueOr(status);
        }
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int field = tickerField();
            if (field < 0)
            {
                if (!skip())
                {
                    return false;
                }
                continue;
            }
            if (tickerPresent[field])
            {
                return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
            }
            final int start = cursor.position();
            tickerPositions[field] = start;
            if (field == TK_SYMBOL)
            {
                if ((status = cursor.parseString()) != JsonCursor.OK)
                {
                    return fail(status);
                }
                tickerSymbolOffset = cursor.stringOffset();
                tickerSymbolLength = cursor.stringLength();
                tickerPresent[field] = true;
                continue;
            }
            status = field == TK_NEXT_FUNDING ? cursor.parseLong() : cursor.parseDecimal();
            if (status == JsonCursor.EMPTY)
            {
                continue;
            }
            if (status != JsonCursor.OK)
            {
                return failNumber(status, start);
            }
            tickerPresent[field] = true;
            if (field == TK_NEXT_FUNDING)
            {
                if (cursor.longValue() < 0 || cursor.longValue() > MAX_MS)
                {
                    return failAt(StatusReason.BAD_VALUE, start);
                }
                tickerMantissas[field] = cursor.longValue();
            }
            else
            {
                tickerMantissas[field] = cursor.mantissa();
                tickerExponents[field] = cursor.exponent();
            }
        }
        return status == JsonCursor.END || fail(status);
    }

    private int tickerField()
    {
        final int length = cursor.keyLength();
        for (int field = 0; field < TK_COUNT; field++)
        {
            if (TICKER_KEYS[field].length == length && cursor.keyEquals(TICKER_KEYS[field]))
            {
                return field;
            }
        }
        return -1;
    }

    /**
     * Writes what the ticker last parsed gives; with a null sink, only checks it and counts the messages.
     */
    private int writeTicker(
        final long recvTsNs, final MessageSink sink, final long timeMs, final boolean timePresent, final long seq)
    {
        if (!tickerPresent[TK_SYMBOL])
        {
            failAt(StatusReason.MISSING_FIELD, cursor.limit());
            return -1;
        }
        final boolean funding = tickerPresent[TK_MARK] || tickerPresent[TK_INDEX] || tickerPresent[TK_RATE] ||
            tickerPresent[TK_NEXT_FUNDING];
        final int bboFirst = wholeTop(TK_BID1_PRICE) ? TK_BID1_PRICE : wholeTop(TK_BID_PRICE) ? TK_BID_PRICE : -1;
        final boolean openInterest = tickerPresent[TK_OPEN_INTEREST];
        if (!funding && bboFirst < 0 && !openInterest)
        {
            return 0;
        }
        if (!nonNegative(TK_OPEN_INTEREST) || !nonNegative(TK_OPEN_INTEREST_VALUE))
        {
            return -1;
        }
        if ((funding && !(nonNegative(TK_MARK) && nonNegative(TK_INDEX))) ||
            (bboFirst >= 0 && !(nonNegative(bboFirst) && nonNegative(bboFirst + 1) && nonNegative(bboFirst + 2) &&
            nonNegative(bboFirst + 3))))
        {
            return -1;
        }
        final long exchTsNs = exchangeTime(timeMs, timePresent);
        if (exchTsNs == BAD_TIME || !symbol(tickerSymbolOffset, tickerSymbolLength))
        {
            return -1;
        }
        if (sink == null)
        {
            return (funding ? 1 : 0) + (bboFirst >= 0 ? 1 : 0) + (openInterest ? 1 : 0);
        }

        int committed = 0;
        if (funding)
        {
            final long nextFundingMs = tickerPresent[TK_NEXT_FUNDING] ? tickerMantissas[TK_NEXT_FUNDING] : 0;
            final int written = writer.funding(sink, exchTsNs, recvTsNs,
                nextFundingMs == 0 ? NULL : nextFundingMs * NS_PER_MS,
                optional(TK_MARK), tickerExponents[TK_MARK], optional(TK_INDEX), tickerExponents[TK_INDEX],
                optional(TK_RATE), tickerExponents[TK_RATE]);
            if (written < 0)
            {
                return written(written);
            }
            committed += written;
        }
        if (bboFirst >= 0)
        {
            final int bidPrice = bboFirst;
            final int askPrice = bboFirst + 2;
            final boolean bid = tickerMantissas[bidPrice] > 0;
            final boolean ask = tickerMantissas[askPrice] > 0;
            final int written = writer.bbo(sink, exchTsNs, recvTsNs, seq,
                bid ? tickerMantissas[bidPrice] : NULL_MANTISSA, tickerExponents[bidPrice],
                bid ? tickerMantissas[bidPrice + 1] : NULL_MANTISSA, tickerExponents[bidPrice + 1],
                ask ? tickerMantissas[askPrice] : NULL_MANTISSA, tickerExponents[askPrice],
                ask ? tickerMantissas[askPrice + 1] : NULL_MANTISSA, tickerExponents[askPrice + 1]);
            if (written < 0)
            {
                return written(written);
            }
            committed += written;
        }
        if (openInterest)
        {
            final int written = writer.openInterest(sink, exchTsNs, recvTsNs, tickerMantissas[TK_OPEN_INTEREST],
                tickerExponents[TK_OPEN_INTEREST], optional(TK_OPEN_INTEREST_VALUE),
                tickerExponents[TK_OPEN_INTEREST_VALUE]);
            if (written < 0)
            {
                return written(written);
            }
            committed += written;
        }
        return committed;
    }

    /**
     * @param first the price field of a bid price, bid size, ask price, ask size run.
     */
    private boolean wholeTop(final int first)
    {
        return tickerPresent[first] && tickerPresent[first + 1] && tickerPresent[first + 2] &&
            tickerPresent[first + 3];
    }

    private boolean nonNegative(final int field)
    {
        return !tickerPresent[field] || tickerMantissas[field] >= 0 ||
            failAt(StatusReason.BAD_VALUE, tickerPositions[field]);
    }

    private long optional(final int field)
    {
        return tickerPresent[field] ? tickerMantissas[field] : NULL_MANTISSA;
    }

    // ---------------------------------------------------------------------------------------------------- REST lists

    /**
     * Reads the {@code result} of a tickers, open interest or funding history body: its {@code list}, and its
     * {@code symbol} and {@code category} where given; writes the messages of every element (none when the sink is
     * null: the elements are only checked).
     *
     * @return messages written (or that would be), or -1 on failure (recorded).
     */
    private int walkList(final long recvTsNs, final MessageSink sink)
    {
        if (!scanResult())
        {
            return -1;
        }
        cursor.position(listPosition);
        int status = cursor.enterArray();
        if (status != JsonCursor.OK)
        {
            failBadValueOr(status);
            return -1;
        }
        int count = 0;
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (count == elementPositions.length)
            {
                elementPositions = Arrays.copyOf(elementPositions, count * 2);
            }
            elementPositions[count++] = cursor.position();
            if (!skip())
            {
                return -1;
            }
        }
        if (status != JsonCursor.END)
        {
            fail(status);
            return -1;
        }
        if (restKind == REST_TICKERS)
        {
            int committed = 0;
            for (int i = 0; i < count; i++)
            {
                cursor.position(elementPositions[i]);
                if (!parseTicker())
                {
                    return -1;
                }
                final int written = writeTicker(recvTsNs, sink, restTimeMs, (keysSeen & KEY_TIME) != 0, NULL);
                if (written < 0)
                {
                    return -1;
                }
                committed += written;
            }
            return committed;
        }
        // Bybit lists history newest first: written oldest first, as it happened
        boolean newestFirst = false;
        if (count > 1)
        {
            cursor.position(elementPositions[0]);
            if (!parseHistoryElement())
            {
                return -1;
            }
            final long firstMs = historyTimeMs;
            cursor.position(elementPositions[count - 1]);
            if (!parseHistoryElement())
            {
                return -1;
            }
            newestFirst = firstMs > historyTimeMs;
        }
        for (int i = 0; i < count; i++)
        {
            cursor.position(elementPositions[newestFirst ? count - 1 - i : i]);
            if (!parseHistoryElement() || !writeHistoryElement(recvTsNs, sink))
            {
                return -1;
            }
        }
        return count;
    }

    /**
     * Reads the members of {@code result} this decoder uses: the position of {@code list}, {@code symbol} (open
     * interest) and {@code category}, which must be the decoder's when given.
     */
    private boolean scanResult()
    {
        cursor.position(resultPosition);
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return failBadValueOr(status);
        }
        listPosition = -1;
        resultSymbolLength = -1;
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            if (cursor.keyEquals(LIST))
            {
                if (listPosition >= 0)
                {
                    return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                listPosition = cursor.position();
                if (!skip())
                {
                    return false;
                }
            }
            else if (cursor.keyEquals(REST_SYMBOL))
            {
                if (!string())
                {
                    return false;
                }
                resultSymbolOffset = cursor.stringOffset();
                resultSymbolLength = cursor.stringLength();
            }
            else if (cursor.keyEquals(CATEGORY))
            {
                final int start = cursor.position();
                if (!string())
                {
                    return false;
                }
                final int length = cursor.stringLength();
                if (length > 0 && !equalsAt(cursor.stringOffset(), length, categoryName))
                {
                    return failAt(StatusReason.BAD_VALUE, start);
                }
            }
            else if (!skip())
            {
                return false;
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        if (listPosition < 0 || (restKind == REST_OPEN_INTEREST && resultSymbolLength < 0))
        {
            return failAt(StatusReason.MISSING_FIELD, cursor.position());
        }
        return true;
    }

    /**
     * Reads one element of an open interest list ({@code openInterest}, {@code timestamp}) or of a funding history
     * ({@code symbol}, {@code fundingRate}, {@code fundingRateTimestamp}).
     */
    private boolean parseHistoryElement()
    {
        final int elementStart = cursor.position();
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return failBadValueOr(status);
        }
        final boolean openInterest = restKind == REST_OPEN_INTEREST;
        historyKeys = 0;
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            final int key;
            if (openInterest ? cursor.keyEquals(OPEN_INTEREST) : cursor.keyEquals(FUNDING_RATE))
            {
                key = HISTORY_VALUE;
            }
            else if (openInterest ? cursor.keyEquals(TIMESTAMP) : cursor.keyEquals(FUNDING_RATE_TIMESTAMP))
            {
                key = HISTORY_TIME;
            }
            else
            {
                key = !openInterest && cursor.keyEquals(REST_SYMBOL) ? HISTORY_SYMBOL : 0;
            }
            if (key == 0)
            {
                if (!skip())
                {
                    return false;
                }
                continue;
            }
            if ((historyKeys & key) != 0)
            {
                return failAt(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
            }
            historyKeys |= key;
            final int start = cursor.position();
            if (key == HISTORY_SYMBOL)
            {
                if (!string())
                {
                    return false;
                }
                historySymbolOffset = cursor.stringOffset();
                historySymbolLength = cursor.stringLength();
            }
            else if (key == HISTORY_TIME)
            {
                historyTimeMs = parseTime();
                if (historyTimeMs == BAD_TIME)
                {
                    return false;
                }
            }
            else
            {
                if ((status = cursor.parseDecimal()) != JsonCursor.OK || (openInterest && cursor.mantissa() < 0))
                {
                    return failNumber(status, start);
                }
                historyMantissa = cursor.mantissa();
                historyExponent = cursor.exponent();
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        final int required = (openInterest ? 0 : HISTORY_SYMBOL) | HISTORY_VALUE | HISTORY_TIME;
        return (historyKeys & required) == required || failAt(StatusReason.MISSING_FIELD, elementStart);
    }

    private boolean writeHistoryElement(final long recvTsNs, final MessageSink sink)
    {
        final boolean openInterest = restKind == REST_OPEN_INTEREST;
        if (!(openInterest ? symbol(resultSymbolOffset, resultSymbolLength) :
            symbol(historySymbolOffset, historySymbolLength)))
        {
            return false;
        }
        if (sink == null)
        {
            return true;
        }
        final long exchTsNs = exchangeTime(historyTimeMs, true);
        final int written = openInterest ?
            writer.openInterest(sink, exchTsNs, recvTsNs, historyMantissa, historyExponent, NULL_MANTISSA, 0) :
            writer.funding(sink, exchTsNs, recvTsNs, NULL, NULL_MANTISSA, 0, NULL_MANTISSA, 0, historyMantissa,
                historyExponent);
        return written(written) >= 0;
    }

    // ---------------------------------------------------------------------------------------------------- common

    /**
     * @return ms since epoch; on an error {@link #BAD_TIME} (recorded). An empty string reads as 0 (absent).
     */
    private long parseTime()
    {
        final int start = cursor.position();
        final int status = cursor.parseLong();
        if (status == JsonCursor.EMPTY)
        {
            return 0;
        }
        if (status != JsonCursor.OK)
        {
            failNumber(status, start);
            return BAD_TIME;
        }
        final long ms = cursor.longValue();
        if (ms < 0 || ms > MAX_MS)
        {
            failAt(StatusReason.BAD_VALUE, start);
            return BAD_TIME;
        }
        return ms;
    }

    /**
     * @return ns since epoch, or the null value when absent or zero.
     */
    private static long exchangeTime(final long ms, final boolean present)
    {
        return present && ms != 0 ? ms * NS_PER_MS : NULL;
    }

    /**
     * Checks a symbol of the frame and makes the category-qualified venue symbol of the next messages.
     */
    private boolean symbol(final int offset, final int length)
    {
        if (!checkSymbol(offset, length))
        {
            return false;
        }
        symbol.putBytes(prefixLength, frame, offset, length);
        writer.symbol(symbol, 0, prefixLength + length);
        return true;
    }

    private boolean checkSymbol(final int offset, final int length)
    {
        if (length == 0)
        {
            return failAt(StatusReason.BAD_VALUE, offset);
        }
        if (prefixLength + length > MarketEvent.MAX_SYMBOL_LENGTH)
        {
            return failAt(StatusReason.SYMBOL_TOO_LONG, offset);
        }
        final int invalid = SymbolBytes.firstInvalid(frame, offset, length);
        return invalid < 0 || failAt(StatusReason.BAD_VALUE, invalid);
    }

    private boolean startsWith(final int offset, final int length, final byte[] prefix)
    {
        if (length < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (frame.getByte(offset + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private boolean equalsAt(final int offset, final int length, final byte[] text)
    {
        return length == text.length && startsWith(offset, length, text);
    }

    private boolean string()
    {
        final int status = cursor.parseString();
        return status == JsonCursor.OK || fail(status);
    }

    private boolean skip()
    {
        final int status = cursor.skipValue();
        return status == JsonCursor.OK || fail(status);
    }

    private int written(final int written)
    {
        if (written < 0)
        {
            failAt(StatusReason.FRAME_TOO_LARGE, cursor.limit());
            return -1;
        }
        return written;
    }

    private StatusReason failureOrBadValue()
    {
        return failure != null ? failure : StatusReason.BAD_VALUE;
    }

    /**
     * A container was expected: a value of another type is a bad value, not a syntax error.
     */
    private boolean failBadValueOr(final int status)
    {
        return status == JsonCursor.UNEXPECTED_CHARACTER ? failAt(StatusReason.BAD_VALUE, cursor.position()) :
            fail(status);
    }

    private boolean failNumber(final int status, final int start)
    {
        if (status == JsonCursor.OK || status == JsonCursor.EMPTY)
        {
            // parsed, but out of range (or an empty string where a value is required)
            return failAt(status == JsonCursor.EMPTY ? StatusReason.BAD_NUMBER : StatusReason.BAD_VALUE, start);
        }
        return fail(status);
    }

    private boolean failLevels(final int status, final int start)
    {
        if (status == TOO_MANY_LEVELS_STATUS)
        {
            return failAt(StatusReason.TOO_MANY_LEVELS, start);
        }
        if (status == JsonCursor.BAD_VALUE && cursor.errorPosition() < 0)
        {
            return failAt(StatusReason.BAD_VALUE, cursor.position());
        }
        return fail(status);
    }

    private boolean fail(final int cursorStatus)
    {
        failure = DecodeFailures.reason(cursorStatus);
        failurePosition = cursor.errorPosition() >= 0 ? cursor.errorPosition() : cursor.position();
        return false;
    }

    private boolean failAt(final StatusReason reason, final int position)
    {
        failure = reason;
        failurePosition = position;
        return false;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
