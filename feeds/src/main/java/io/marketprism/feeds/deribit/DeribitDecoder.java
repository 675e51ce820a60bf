/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.deribit;

import io.marketprism.engine.MarketEvent;
import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.ContextSymbol;
import io.marketprism.feeds.DecodeFailure;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.JsonFields;
import io.marketprism.feeds.LevelArrays;
import io.marketprism.feeds.LevelBuffer;
import io.marketprism.feeds.MessageWriter;
import io.marketprism.feeds.RestUrls;
import io.marketprism.feeds.SymbolBytes;
import io.marketprism.feeds.TradeBatch;
import io.marketprism.feeds.json.JsonCursor;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes Deribit API v2 WebSocket frames (JSON-RPC 2.0) from raw bytes into SBE, without allocating.
 * <p>
 * Notifications {@code {"jsonrpc":"2.0","method":"subscription","params":{"channel":..,"data":..}}}, by the channel's
 * first word:
 * <ul>
 *     <li>{@code book.{instrument}.raw} / {@code .100ms}: a {@code snapshot} (no {@code prev_change_id}, or null)
 *     or a {@code change}; levels {@code ["new"|"change"|"delete", price, amount]}, a delete written with
 *     quantity 0; {@code seq} = {@code change_id}, {@code prevSeq} = {@code prev_change_id}.</li>
 *     <li>{@code book.{instrument}.{group}.{depth}.{interval}}: levels {@code [price, amount]}; every message is a
 *     full snapshot of that depth.</li>
 *     <li>{@code trades.*}: an array of trades, one trade message each. {@code tradeId} is the number in Deribit's
 *     {@code trade_id} ({@code "403691824"}, or {@code "ETH-123"} whose currency prefix the symbol already says):
 *     the venue's own id of the trade, unique per currency, where {@code trade_seq} is only a per-instrument
 *     counter. The quantity is {@code amount} (USD for inverse futures, base currency for options), as the
 *     book's amounts.</li>
 *     <li>{@code ticker.*}: a funding message with {@code mark_price}, {@code index_price} and, for perpetuals,
 *     {@code funding_8h} as the funding rate (the rate over 8 hours, comparable with other venues' per-period
 *     rates; the instantaneous {@code current_funding} is not carried). Deribit funds continuously, so there is no
 *     next funding time. A ticker with {@code open_interest} also yields an open interest message (the amount in
 *     Deribit's units: USD for inverse futures and perpetuals, the base coin for options and linear futures; no
 *     value). The ticker's best bid and ask are not written as a bbo: the {@code quote} channel is
 *     Deribit's best bid/offer channel, and a subscriber to both would get each bbo twice from two sources.</li>
 *     <li>{@code quote.*}: a bbo; a side Deribit sends as price or amount 0 (or null) is empty and written
 *     absent.</li>
 *     <li>{@code deribit_volatility_index.{index}}: a volatility index value ({@code volatility}), the symbol being
 *     the index name upper-cased with {@code -DVOL} appended ({@code BTC_USD-DVOL}, canonical
 *     {@code BTC-USD-DVOL}).</li>
 *     <li>{@code platform_state}: system status: 0 messages.</li>
 * </ul>
 * Responses ({@code "result"}: subscription acknowledgements, {@code public/test}) and heartbeats
 * ({@code "method":"heartbeat"}, {@code test_request}) yield 0 messages; an {@code "error"} reply yields a status
 * with {@link StatusReason#VENUE_ERROR} at the error's byte offset. Fields may come in any order, unknown fields are
 * skipped; any other channel or method, or a malformed value in a field the message needs, yields one
 * {@code Status(MALFORMED)} naming the reason and the byte offset: never an exception, never a partial message.
 * Prices and amounts are JSON numbers, kept exactly as written. The same decoder reads REST responses once told
 * the method, see {@link #restEndpoint(String)}.
 */
public final class DeribitDecoder implements FrameDecoder
{
    /** Longest frame accepted; longer ones are reported as {@code FRAME_TOO_LARGE}. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 8 * 1024 * 1024;

    /** Bytes reserved after a snapshot so normalize can rewrite it as the maintained book. */
    public static final int DEFAULT_SNAPSHOT_HEADROOM = 16 * 1024;

    /** Most levels one side of a message may carry (the SBE group count limit). */
    public static final int MAX_LEVELS = 65534;

    /** Most trades one frame may carry. */
    public static final int MAX_TRADES = 65536;

    private static final int CHANNEL_UNKNOWN = 0;
    private static final int CHANNEL_BOOK = 1;
    private static final int CHANNEL_GROUPED_BOOK = 2;
    private static final int CHANNEL_TRADES = 3;
    private static final int CHANNEL_TICKER = 4;
    private static final int CHANNEL_QUOTE = 5;
    private static final int CHANNEL_VOLATILITY_INDEX = 6;
    private static final int CHANNEL_PLATFORM_STATE = 7;
    /** REST results only: {@code {"trades":[..]}}, {@code {"data":[[bar],..]}}, {@code [{summary},..]}. */
    private static final int REST_TRADES = 8;
    private static final int REST_VOLATILITY_BARS = 9;
    private static final int REST_BOOK_SUMMARIES = 10;
    private static final int REST_NONE = -1;

    private static final int K_TYPE = 0;
    private static final int K_TIMESTAMP = 1;
    private static final int K_INSTRUMENT = 2;
    private static final int K_CHANGE_ID = 3;
    private static final int K_PREV_CHANGE_ID = 4;
    private static final int K_BIDS = 5;
    private static final int K_ASKS = 6;
    private static final int K_PRICE = 7;
    private static final int K_AMOUNT = 8;
    private static final int K_DIRECTION = 9;
    private static final int K_TRADE_ID = 10;
    private static final int K_MARK_PRICE = 11;
    private static final int K_INDEX_PRICE = 12;
    private static final int K_FUNDING_8H = 13;
    private static final int K_BEST_BID_PRICE = 14;
    private static final int K_BEST_BID_AMOUNT = 15;
    private static final int K_BEST_ASK_PRICE = 16;
    private static final int K_BEST_ASK_AMOUNT = 17;
    private static final int K_OPEN_INTEREST = 18;
    private static final int K_VOLATILITY = 19;
    private static final int K_INDEX_NAME = 20;
    private static final int K_CREATION_TIMESTAMP = 21;

    /** The keys of data objects this decoder reads, by field id. */
    private static final byte[][] KEYS = {
        ascii("type"), ascii("timestamp"), ascii("instrument_name"), ascii("change_id"), ascii("prev_change_id"),
        ascii("bids"), ascii("asks"), ascii("price"), ascii("amount"), ascii("direction"), ascii("trade_id"),
        ascii("mark_price"), ascii("index_price"), ascii("funding_8h"), ascii("best_bid_price"),
        ascii("best_bid_amount"), ascii("best_ask_price"), ascii("best_ask_amount"), ascii("open_interest"),
        ascii("volatility"), ascii("index_name"), ascii("creation_timestamp") };

    private static final byte V_STRING = JsonFields.STRING;
    private static final byte V_LONG = JsonFields.LONG;
    private static final byte V_DECIMAL = JsonFields.DECIMAL;
    private static final byte V_LEVELS = JsonFields.CUSTOM;
    private static final byte[] KINDS = {
        V_STRING, V_LONG, V_STRING, V_LONG, V_LONG, V_LEVELS, V_LEVELS, V_DECIMAL, V_DECIMAL, V_STRING, V_STRING,
        V_DECIMAL, V_DECIMAL, V_DECIMAL, V_DECIMAL, V_DECIMAL, V_DECIMAL, V_DECIMAL, V_DECIMAL, V_DECIMAL, V_STRING,
        V_LONG };

    // REST methods (below /api/v2/) and how their result reads
    private static final String[] REST_METHODS = {
        "public/get_order_book", "public/ticker", "public/get_last_trades_by_instrument",
        "public/get_last_trades_by_instrument_and_time", "public/get_last_trades_by_currency",
        "public/get_last_trades_by_currency_and_time", "public/get_volatility_index_data",
        "public/get_book_summary_by_currency", "public/get_book_summary_by_instrument" };
    private static final int[] REST_KINDS = {
        CHANNEL_GROUPED_BOOK, CHANNEL_TICKER, REST_TRADES, REST_TRADES, REST_TRADES, REST_TRADES,
        REST_VOLATILITY_BARS, REST_BOOK_SUMMARIES, REST_BOOK_SUMMARIES };

    /** Values of a volatility bar: close (the value), open, high, low, close. */
    private static final int BAR_VALUES = 5;
    private static final byte[] DVOL_SUFFIX = ascii("-DVOL");

    /** {@link #parseLevels(LevelBuffer)} status for an array with more levels than one message carries. */
    private static final int TOO_MANY_LEVELS_STATUS = LevelArrays.TOO_MANY_LEVELS;

    private static final long NS_PER_MS = 1_000_000L;
    private static final long MAX_MS = Long.MAX_VALUE / NS_PER_MS;
    private static final long NULL_VALUE = MessageWriter.NULL_VALUE;
    private static final long NULL_MANTISSA = MessageWriter.NULL_MANTISSA;

    private static final byte[] METHOD = ascii("method");
    private static final byte[] PARAMS = ascii("params");
    private static final byte[] RESULT = ascii("result");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] CHANNEL = ascii("channel");
    private static final byte[] DATA = ascii("data");
    private static final byte[] SUBSCRIPTION = ascii("subscription");
    private static final byte[] HEARTBEAT = ascii("heartbeat");
    private static final byte[] SNAPSHOT = ascii("snapshot");
    private static final byte[] CHANGE = ascii("change");
    private static final byte[] NEW = ascii("new");
    private static final byte[] DELETE = ascii("delete");
    private static final byte[] BUY = ascii("buy");
    private static final byte[] SELL = ascii("sell");
    private static final byte[] BOOK = ascii("book");
    private static final byte[] TRADES = ascii("trades");
    private static final byte[] TICKER = ascii("ticker");
    private static final byte[] QUOTE = ascii("quote");
    private static final byte[] VOLATILITY_INDEX = ascii("deribit_volatility_index");
    private static final byte[] PLATFORM_STATE = ascii("platform_state");

    private final int maxFrameLength;
    private final JsonCursor cursor = new JsonCursor();
    private final MessageWriter writer;
    private final LevelBuffer bids = new LevelBuffer(256);
    private final LevelBuffer asks = new LevelBuffer(256);

    private final DecodeFailure failure = new DecodeFailure();
    /** The values of the data object being read, by field id. */
    private final JsonFields fields = new JsonFields(KEYS, KINDS, cursor, failure);
    /** The trades of a frame; for REST book summaries, their open interest as the quantity. */
    private final TradeBatch trades = new TradeBatch(16, MAX_TRADES);

    private int barCount;
    private long[] barTimesNs = new long[16];
    private long[] barMantissas = new long[16 * BAR_VALUES];
    private int[] barExponents = new int[16 * BAR_VALUES];
    private final long[] barValues = new long[BAR_VALUES];
    private final int[] barValueExponents = new int[BAR_VALUES];

    private final UnsafeBuffer indexSymbol = new UnsafeBuffer(new byte[MarketEvent.MAX_SYMBOL_LENGTH]);
    private final ContextSymbol context = new ContextSymbol();
    private int restKind = REST_NONE;
    /** A {@link #contextUrl(String)} of an endpoint this decoder does not read. */
    private boolean unknownEndpoint;

    private DirectBuffer frame;

    /**
     * A decoder with default limits.
     */
    public DeribitDecoder()
    {
        this(DEFAULT_MAX_FRAME_LENGTH, DEFAULT_SNAPSHOT_HEADROOM);
    }

    /**
     * For the venue table: Deribit has one venue.
     *
     * @param venue {@link Venue#DERIBIT}.
     */
    public DeribitDecoder(final Venue venue)
    {
        this();
        if (venue != Venue.DERIBIT)
        {
            throw new IllegalArgumentException("not Deribit: " + venue);
        }
    }

    /**
     * @param maxFrameLength   longest frame accepted.
     * @param snapshotHeadroom bytes reserved after a snapshot for normalize's rewrite.
     */
    public DeribitDecoder(final int maxFrameLength, final int snapshotHeadroom)
    {
        this.maxFrameLength = maxFrameLength;
        this.writer = new MessageWriter(Venue.DERIBIT, snapshotHeadroom);
    }

    /**
     * The symbol of REST results that name none: the volatility index bars of
     * {@code public/get_volatility_index_data} (pass the index's symbol as the WebSocket messages name it, e.g.
     * {@code BTC_USD-DVOL} for {@code currency=BTC}). Everything else Deribit sends names its instrument. Cold path.
     *
     * @param venueSymbol the symbol, or null to clear (as does one no message can carry).
     */
    @Override
    public void contextSymbol(final String venueSymbol)
    {
        context.set(venueSymbol);
    }

    /**
     * Makes the following frames the JSON-RPC responses of a REST (or WebSocket request) method, whose
     * {@code result} is then decoded; or subscription notifications again. A response does not say which method it
     * answers, so the caller, who asked, says it here. Cold path.
     * <ul>
     *   <li>{@code public/get_order_book}: a book snapshot, {@code seq} = {@code change_id};</li>
     *   <li>{@code public/ticker}: as the {@code ticker} channel (funding, open interest);</li>
     *   <li>{@code public/get_last_trades_by_instrument}, {@code _by_currency} (and {@code _and_time}): one trade
     *       per element of {@code trades}, combos as one trade of the combo (their {@code legs} are the legs' own
     *       trades, which the legs' instruments report);</li>
     *   <li>{@code public/get_volatility_index_data}: one volatility index bar per element of {@code data}
     *       ({@code [timestamp, open, high, low, close]}), value = close, symbol from
     *       {@link #contextSymbol(String)};</li>
     *   <li>{@code public/get_book_summary_by_currency}, {@code _by_instrument}: one open interest message per
     *       summary that has {@code open_interest}, at its {@code creation_timestamp}.</li>
     * </ul>
     * An {@code error} response is a {@code VENUE_ERROR} status. {@code public/get_index_price} and
     * {@code public/get_funding_rate_value} are not decoded: their results carry no time (the latter is a bare
     * number), so a message of them would claim an exchange time the venue did not give.
     *
     * @param method the method, with or without {@code /api/v2/}; null for subscription notifications.
     * @return false (and no change) for a method this decoder does not know.
     */
    public boolean restEndpoint(final String method)
    {
        if (method == null)
        {
            restKind = REST_NONE;
            unknownEndpoint = false;
            return true;
        }
        String name = method.startsWith("/") ? method.substring(1) : method;
        name = name.startsWith("api/v2/") ? name.substring("api/v2/".length()) : name;
        final int query = name.indexOf('?');
        name = query >= 0 ? name.substring(0, query) : name;
        for (int i = 0; i < REST_METHODS.length; i++)
        {
            if (REST_METHODS[i].equals(name))
            {
                restKind = REST_KINDS[i];
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
        failure.clear();
        writer.symbol(null, 0, 0);
        if (length > maxFrameLength)
        {
            return writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, length, recvTsNs);
        }
        cursor.wrap(frame, offset, length);
        final int committed = decodeFrame(recvTsNs, sink);
        if (committed < 0)
        {
            return failure.report(writer, sink, offset, recvTsNs);
        }
        return committed;
    }

    /**
     * @return messages committed, or -1 with the failure recorded.
     */
    private int decodeFrame(final long recvTsNs, final MessageSink sink)
    {
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return failure.cursorFailed(status, cursor);
        }
        int methodOffset = -1;
        int methodLength = 0;
        int channelOffset = -1;
        int channelLength = 0;
        int channel = CHANNEL_UNKNOWN;
        int dataPosition = -1;
        boolean dataRead = false;
        boolean params = false;
        boolean result = false;
        int errorPosition = -1;
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            if (cursor.keyEquals(PARAMS) && cursor.peek() == '{')
            {
                if (params)
                {
                    return failure.failed(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                params = true;
                cursor.enterObject();
                boolean firstParam = true;
                while ((status = cursor.nextField(firstParam)) == JsonCursor.OK)
                {
                    firstParam = false;
                    if (cursor.keyEquals(CHANNEL))
                    {
                        if (channelOffset >= 0)
                        {
                            return failure.failed(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                        }
                        if ((status = cursor.parseString()) != JsonCursor.OK)
                        {
                            return failure.cursorFailed(status, cursor);
                        }
                        channelOffset = cursor.stringOffset();
                        channelLength = cursor.stringLength();
                        channel = channel(channelOffset, channelLength);
                    }
                    else if (cursor.keyEquals(DATA))
                    {
                        if (dataPosition >= 0)
                        {
                            return failure.failed(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                        }
                        dataPosition = cursor.position();
                        if (channelOffset >= 0)
                        {
                            // the usual order: the channel says how to read the data, so read it in this pass
                            if (!readData(channel))
                            {
                                return -1;
                            }
                            dataRead = true;
                        }
                        else if ((status = cursor.skipValue()) != JsonCursor.OK)
                        {
                            return failure.cursorFailed(status, cursor);
                        }
                    }
                    else if ((status = cursor.skipValue()) != JsonCursor.OK)
                    {
                        return failure.cursorFailed(status, cursor);
                    }
                }
                if (status != JsonCursor.END)
                {
                    return failure.cursorFailed(status, cursor);
                }
                continue;
            }
            if (cursor.keyEquals(METHOD))
            {
                if (methodOffset >= 0)
                {
                    return failure.failed(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                if ((status = cursor.parseString()) != JsonCursor.OK)
                {
                    return failure.cursorFailed(status, cursor);
                }
                methodOffset = cursor.stringOffset();
                methodLength = cursor.stringLength();
                continue;
            }
            if (cursor.keyEquals(RESULT))
            {
                if (result)
                {
                    return failure.failed(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                result = true;
                if (restKind != REST_NONE)
                {
                    if (!readResult())
                    {
                        return -1;
                    }
                    continue;
                }
            }
            else if (cursor.keyEquals(ERROR))
            {
                errorPosition = cursor.position();
            }
            if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                return failure.cursorFailed(status, cursor);
            }
        }
        if (status != JsonCursor.END)
        {
            return failure.cursorFailed(status, cursor);
        }
        if (!cursor.atEnd())
        {
            return failure.failed(StatusReason.UNEXPECTED_CHARACTER, cursor.position());
        }

        if (errorPosition >= 0)
        {
            return failure.failed(StatusReason.VENUE_ERROR, errorPosition);
        }
        if (restKind != REST_NONE)
        {
            return result ? encode(restKind, recvTsNs, sink) :
                failure.failed(StatusReason.MISSING_FIELD, cursor.limit());
        }
        if (methodOffset >= 0 && JsonFields.bytesEqual(cursor, methodOffset, methodLength, SUBSCRIPTION))
        {
            if (channelOffset < 0 || dataPosition < 0)
            {
                return failure.failed(StatusReason.MISSING_FIELD, cursor.limit());
            }
            if (channel == CHANNEL_UNKNOWN)
            {
                return failure.failed(StatusReason.UNKNOWN_EVENT_TYPE, channelOffset);
            }
            if (!dataRead)
            {
                cursor.position(dataPosition);
                if (!readData(channel))
                {
                    return -1;
                }
            }
            return encode(channel, recvTsNs, sink);
        }
        if (methodOffset >= 0 && JsonFields.bytesEqual(cursor, methodOffset, methodLength, HEARTBEAT))
        {
            return 0;
        }
        if (methodOffset < 0 && result)
        {
            // a response to a request of ours: a subscription acknowledgement, public/test, set_heartbeat
            return 0;
        }
        return failure.failed(StatusReason.UNKNOWN_EVENT_TYPE, methodOffset >= 0 ? methodOffset : cursor.limit());
    }

    private int channel(final int offset, final int length)
    {
        int dot = 0;
        while (dot < length && cursor.byteAt(offset + dot) != '.')
        {
            dot++;
        }
        if (JsonFields.bytesEqual(cursor, offset, dot, BOOK))
        {
            int dots = 0;
            for (int i = dot; i < length; i++)
            {
                dots += cursor.byteAt(offset + i) == '.' ? 1 : 0;
            }
            return dots == 2 ? CHANNEL_BOOK : dots == 4 ? CHANNEL_GROUPED_BOOK : CHANNEL_UNKNOWN;
        }
        if (JsonFields.bytesEqual(cursor, offset, dot, TRADES))
        {
            return CHANNEL_TRADES;
        }
        if (JsonFields.bytesEqual(cursor, offset, dot, TICKER))
        {
            return CHANNEL_TICKER;
        }
        if (JsonFields.bytesEqual(cursor, offset, dot, QUOTE))
        {
            return CHANNEL_QUOTE;
        }
        if (JsonFields.bytesEqual(cursor, offset, dot, VOLATILITY_INDEX))
        {
            return CHANNEL_VOLATILITY_INDEX;
        }
        return JsonFields.bytesEqual(cursor, offset, dot, PLATFORM_STATE) ? CHANNEL_PLATFORM_STATE : CHANNEL_UNKNOWN;
    }

    /**
     * Reads the {@code data} value at the cursor as the channel implies.
     *
     * @return false with the failure recorded.
     */
    private boolean readData(final int channel)
    {
        switch (channel)
        {
            case CHANNEL_BOOK:
            case CHANNEL_GROUPED_BOOK:
            case CHANNEL_TICKER:
            case CHANNEL_QUOTE:
            case CHANNEL_VOLATILITY_INDEX:
                return readObject();

            case CHANNEL_TRADES:
                return readTrades();

            default:
                final int status = cursor.skipValue();
                return status == JsonCursor.OK || failure.cursor(status, cursor);
        }
    }

    /**
     * Reads one data object's members into the field slots.
     */
    private boolean readObject()
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
            if (read != JsonFields.READ && (status = parseLevels(read == K_BIDS ? bids : asks)) != JsonCursor.OK)
            {
                return failure.cursor(status, cursor);
            }
        }
        return status == JsonCursor.END || failure.cursor(status, cursor);
    }

    /**
     * Parses {@code [["new", price, amount], ...]} (a delete written as quantity 0) or {@code [[price, amount], ...]}:
     * prices above zero, amounts zero or more.
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
                return TOO_MANY_LEVELS_STATUS;
            }
            status = cursor.enterArray();
            if (status != JsonCursor.OK)
            {
                return status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status;
            }
            if ((status = cursor.nextElement(true)) != JsonCursor.OK)
            {
                return status == JsonCursor.END ? JsonCursor.BAD_VALUE : status;
            }
            boolean delete = false;
            if (cursor.peek() == '"')
            {
                final int actionOffset = cursor.position();
                if ((status = cursor.parseString()) != JsonCursor.OK)
                {
                    return status;
                }
                delete = cursor.stringEquals(DELETE);
                if (!delete && !cursor.stringEquals(NEW) && !cursor.stringEquals(CHANGE))
                {
                    return badValueAt(actionOffset);
                }
                if ((status = cursor.nextElement(false)) != JsonCursor.OK)
                {
                    return status == JsonCursor.END ? JsonCursor.BAD_VALUE : status;
                }
            }
            final int priceOffset = cursor.position();
            if ((status = number()) != JsonCursor.OK)
            {
                return status;
            }
            final long priceMantissa = cursor.mantissa();
            final int priceExponent = cursor.exponent();
            if (priceMantissa <= 0)
            {
                return badValueAt(priceOffset);
            }
            if ((status = cursor.nextElement(false)) != JsonCursor.OK)
            {
                return status == JsonCursor.END ? JsonCursor.BAD_VALUE : status;
            }
            final int amountOffset = cursor.position();
            if ((status = number()) != JsonCursor.OK)
            {
                return status;
            }
            if (cursor.mantissa() < 0)
            {
                return badValueAt(amountOffset);
            }
            buffer.add(priceMantissa, priceExponent, delete ? 0 : cursor.mantissa(), cursor.exponent());
            if ((status = cursor.nextElement(false)) != JsonCursor.END)
            {
                return status == JsonCursor.OK ? badValueAt(cursor.position()) : status;
            }
        }
        return status == JsonCursor.END ? JsonCursor.OK : status;
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

    /**
     * Reads {@code [{trade}, ...]} into the trade arrays.
     */
    private boolean readTrades()
    {
        trades.clear();
        int status = cursor.enterArray();
        if (status != JsonCursor.OK)
        {
            return failure.cursor(status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status, cursor);
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (trades.isFull())
            {
                return failure.fail(StatusReason.TOO_MANY_LEVELS, cursor.position());
            }
            if (!readObject() || !trade())
            {
                return false;
            }
        }
        return status == JsonCursor.END || failure.cursor(status, cursor);
    }

    /**
     * Checks the trade just read and appends it.
     */
    private boolean trade()
    {
        if (!fields.symbol(K_INSTRUMENT, writer) || !fields.positive(K_PRICE) || !fields.nonNegative(K_AMOUNT) ||
            !fields.present(K_DIRECTION) ||
            !fields.present(K_TRADE_ID))
        {
            return false;
        }
        final boolean sell;
        if (fields.stringEquals(K_DIRECTION, SELL))
        {
            sell = true;
        }
        else if (fields.stringEquals(K_DIRECTION, BUY))
        {
            sell = false;
        }
        else
        {
            return failure.fail(StatusReason.BAD_VALUE, fields.offset(K_DIRECTION));
        }
        final long tradeId = tradeId(fields.offset(K_TRADE_ID), fields.length(K_TRADE_ID));
        final long timeNs = fields.timeNs(K_TIMESTAMP);
        if (tradeId < 0 || timeNs == Long.MAX_VALUE)
        {
            return false;
        }
        trades.add(sell ? Side.SELL : Side.BUY, timeNs, tradeId, fields.mantissa(K_PRICE), fields.exponent(K_PRICE),
            fields.mantissa(K_AMOUNT), fields.exponent(K_AMOUNT), fields.offset(K_INSTRUMENT),
            fields.length(K_INSTRUMENT));
        return true;
    }

    /**
     * @return the number ending {@code trade_id} ({@code "403691824"}, {@code "ETH-123"}), or -1 (recorded).
     */
    private long tradeId(final int offset, final int length)
    {
        int start = length;
        while (start > 0 && cursor.byteAt(offset + start - 1) != '-')
        {
            start--;
        }
        final int digits = length - start;
        if (digits == 0 || digits > 18)
        {
            failure.failed(StatusReason.BAD_VALUE, offset);
            return -1;
        }
        long id = 0;
        for (int i = start; i < length; i++)
        {
            final int c = cursor.byteAt(offset + i);
            if (c < '0' || c > '9')
            {
                failure.failed(StatusReason.BAD_VALUE, offset + i);
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    private int encode(final int channel, final long recvTsNs, final MessageSink sink)
    {
        switch (channel)
        {
            case CHANNEL_BOOK:
            case CHANNEL_GROUPED_BOOK:
                return encodeBook(channel == CHANNEL_GROUPED_BOOK, recvTsNs, sink);
            case CHANNEL_TRADES:
                return trades.write(writer, sink, frame, recvTsNs, 0);
            case CHANNEL_TICKER:
                return encodeTicker(recvTsNs, sink);
            case CHANNEL_QUOTE:
                return encodeBbo(recvTsNs, sink);
            case CHANNEL_VOLATILITY_INDEX:
                return encodeVolatilityIndex(recvTsNs, sink);
            case REST_TRADES:
                return trades.write(writer, sink, frame, recvTsNs, 0);
            case REST_VOLATILITY_BARS:
                return encodeVolatilityBars(recvTsNs, sink);
            case REST_BOOK_SUMMARIES:
                return trades.write(writer, sink, frame, recvTsNs, TradeBatch.OPEN_INTEREST);
            default:
                // the platform state
                return 0;
        }
    }

    private int encodeBook(final boolean grouped, final long recvTsNs, final MessageSink sink)
    {
        if (!fields.symbol(K_INSTRUMENT, writer) || !fields.present(K_CHANGE_ID) || !fields.present(K_BIDS) ||
            !fields.present(K_ASKS))
        {
            return -1;
        }
        final boolean snapshot;
        if (fields.present(K_TYPE))
        {
            if (fields.stringEquals(K_TYPE, SNAPSHOT))
            {
                snapshot = true;
            }
            else if (fields.stringEquals(K_TYPE, CHANGE))
            {
                snapshot = false;
            }
            else
            {
                return failure.failed(StatusReason.BAD_VALUE, fields.offset(K_TYPE));
            }
        }
        else if (grouped)
        {
            snapshot = true;
        }
        else
        {
            return failure.failed(StatusReason.MISSING_FIELD, cursor.limit());
        }
        if (!snapshot && !fields.present(K_PREV_CHANGE_ID))
        {
            return -1;
        }
        final long exchTsNs = fields.timeNs(K_TIMESTAMP);
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }
        return written(writer.book(sink, snapshot, exchTsNs, recvTsNs, fields.longValue(K_CHANGE_ID),
            snapshot ? NULL_VALUE : fields.longValue(K_PREV_CHANGE_ID), NULL_VALUE, NULL_VALUE, bids, asks));
    }

    /**
     * A ticker: a funding message, then open interest when the ticker has {@code open_interest} (USD for inverse
     * futures and perpetuals, the base coin for options and linear futures, as Deribit's amounts).
     */
    private int encodeTicker(final long recvTsNs, final MessageSink sink)
    {
        final long exchTsNs = fields.symbol(K_INSTRUMENT, writer) ? fields.timeNs(K_TIMESTAMP) : Long.MAX_VALUE;
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }
        final long openInterest = fields.mantissa(K_OPEN_INTEREST);
        if (openInterest != NULL_MANTISSA && openInterest < 0)
        {
            return failure.failed(StatusReason.BAD_VALUE, fields.offset(K_OPEN_INTEREST));
        }
        final int funding = written(writer.funding(sink, exchTsNs, recvTsNs, NULL_VALUE,
            fields.mantissa(K_MARK_PRICE), fields.exponent(K_MARK_PRICE), fields.mantissa(K_INDEX_PRICE),
            fields.exponent(K_INDEX_PRICE),
            fields.mantissa(K_FUNDING_8H), fields.exponent(K_FUNDING_8H)));
        if (funding < 0 || openInterest == NULL_MANTISSA)
        {
            return funding;
        }
        final int written = writer.openInterest(sink, exchTsNs, recvTsNs, openInterest,
            fields.exponent(K_OPEN_INTEREST),
            NULL_MANTISSA, 0);
        return written < 0 ? funding + writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, 1, recvTsNs) :
            funding + written;
    }

    /**
     * The volatility index push: its symbol is the index name upper-cased with {@code -DVOL} appended
     * ({@code btc_usd} gives {@code BTC_USD-DVOL}, which {@link DeribitSymbols} makes {@code BTC-USD-DVOL}).
     */
    private int encodeVolatilityIndex(final long recvTsNs, final MessageSink sink)
    {
        if (!fields.present(K_INDEX_NAME) || !fields.positive(K_VOLATILITY))
        {
            return -1;
        }
        final int offset = fields.offset(K_INDEX_NAME);
        final int length = fields.length(K_INDEX_NAME);
        if (length + DVOL_SUFFIX.length > MarketEvent.MAX_SYMBOL_LENGTH)
        {
            return failure.failed(StatusReason.SYMBOL_TOO_LONG, offset);
        }
        if (length == 0)
        {
            return failure.failed(StatusReason.BAD_VALUE, offset);
        }
        for (int i = 0; i < length; i++)
        {
            final byte b = (byte)cursor.byteAt(offset + i);
            if (!SymbolBytes.isSymbolByte(b) || b == '-')
            {
                return failure.failed(StatusReason.BAD_VALUE, offset + i);
            }
            indexSymbol.putByte(i, b >= 'a' && b <= 'z' ? (byte)(b - 'a' + 'A') : b);
        }
        indexSymbol.putBytes(length, DVOL_SUFFIX);
        final long exchTsNs = fields.timeNs(K_TIMESTAMP);
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }
        writer.symbol(indexSymbol, 0, length + DVOL_SUFFIX.length);
        barValues[0] = fields.mantissa(K_VOLATILITY);
        barValueExponents[0] = fields.exponent(K_VOLATILITY);
        for (int v = 1; v < BAR_VALUES; v++)
        {
            barValues[v] = NULL_MANTISSA;
            barValueExponents[v] = 0;
        }
        return written(writer.volatilityIndex(sink, exchTsNs, recvTsNs, barValues, barValueExponents));
    }

    private int encodeVolatilityBars(final long recvTsNs, final MessageSink sink)
    {
        if (!context.isSet() && barCount > 0)
        {
            return failure.failed(StatusReason.MISSING_FIELD, cursor.limit());
        }
        context.applyTo(writer);
        int committed = 0;
        for (int b = 0; b < barCount; b++)
        {
            // value = close, then open, high, low, close as Deribit orders them
            barValues[0] = barMantissas[b * BAR_VALUES + 4];
            barValueExponents[0] = barExponents[b * BAR_VALUES + 4];
            for (int v = 1; v < BAR_VALUES; v++)
            {
                barValues[v] = barMantissas[b * BAR_VALUES + v];
                barValueExponents[v] = barExponents[b * BAR_VALUES + v];
            }
            final int written = writer.volatilityIndex(sink, barTimesNs[b], recvTsNs, barValues, barValueExponents);
            if (written < 0)
            {
                return committed + writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, b, recvTsNs);
            }
            committed += written;
        }
        return committed;
    }

    /**
     * Reads a REST {@code result} as the method set by {@link #restEndpoint(String)} implies.
     */
    private boolean readResult()
    {
        switch (restKind)
        {
            case REST_TRADES:
                return readMember(TRADES, REST_TRADES);
            case REST_VOLATILITY_BARS:
                return readMember(DATA, REST_VOLATILITY_BARS);
            case REST_BOOK_SUMMARIES:
                return readSummaries();
            default:
                return readObject();
        }
    }

    /**
     * Reads an object's member (trades or bars), skipping the others ({@code has_more}, {@code continuation}).
     */
    private boolean readMember(final byte[] key, final int kind)
    {
        trades.clear();
        barCount = 0;
        int status = cursor.enterObject();
        if (status != JsonCursor.OK)
        {
            return failure.cursor(status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status, cursor);
        }
        boolean found = false;
        boolean first = true;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            if (cursor.keyEquals(key))
            {
                if (found)
                {
                    return failure.fail(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
                }
                found = true;
                if (!(kind == REST_TRADES ? readTrades() : readBars()))
                {
                    return false;
                }
            }
            else if ((status = cursor.skipValue()) != JsonCursor.OK)
            {
                return failure.cursor(status, cursor);
            }
        }
        if (status != JsonCursor.END)
        {
            return failure.cursor(status, cursor);
        }
        return found || failure.fail(StatusReason.MISSING_FIELD, cursor.position());
    }

    /**
     * Reads {@code [[timestamp, open, high, low, close], ...]} into the bar arrays.
     */
    private boolean readBars()
    {
        int status = cursor.enterArray();
        if (status != JsonCursor.OK)
        {
            return failure.cursor(status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status, cursor);
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (barCount == MAX_TRADES)
            {
                return failure.fail(StatusReason.TOO_MANY_LEVELS, cursor.position());
            }
            if (barCount == barTimesNs.length)
            {
                growBars();
            }
            final int start = cursor.position();
            if ((status = cursor.enterArray()) != JsonCursor.OK)
            {
                return failure.cursor(
                    status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status, cursor);
            }
            for (int v = 0; v < BAR_VALUES; v++)
            {
                if ((status = cursor.nextElement(v == 0)) != JsonCursor.OK)
                {
                    return status == JsonCursor.END ? failure.fail(StatusReason.BAD_VALUE, start) :
                        failure.cursor(status, cursor);
                }
                final int valueOffset = cursor.position();
                if (v == 0)
                {
                    if ((status = cursor.parseLong()) != JsonCursor.OK)
                    {
                        return failure.cursor(status == JsonCursor.EMPTY ? JsonCursor.BAD_NUMBER : status, cursor);
                    }
                    final long ms = cursor.longValue();
                    if (ms < 0 || ms > MAX_MS)
                    {
                        return failure.fail(StatusReason.BAD_VALUE, valueOffset);
                    }
                    barTimesNs[barCount] = ms * NS_PER_MS;
                    continue;
                }
                if ((status = number()) != JsonCursor.OK)
                {
                    return failure.cursor(status, cursor);
                }
                if (cursor.mantissa() < 0)
                {
                    return failure.fail(StatusReason.BAD_VALUE, valueOffset);
                }
                barMantissas[barCount * BAR_VALUES + v] = cursor.mantissa();
                barExponents[barCount * BAR_VALUES + v] = cursor.exponent();
            }
            if ((status = cursor.nextElement(false)) != JsonCursor.END)
            {
                return status == JsonCursor.OK ? failure.fail(StatusReason.BAD_VALUE, cursor.position()) :
                    failure.cursor(status, cursor);
            }
            barCount++;
        }
        return status == JsonCursor.END || failure.cursor(status, cursor);
    }

    /**
     * Reads {@code [{summary}, ...]}: each summary's instrument, {@code creation_timestamp} and
     * {@code open_interest}, into the trade arrays; a summary without open interest (spot) is skipped.
     */
    private boolean readSummaries()
    {
        trades.clear();
        int status = cursor.enterArray();
        if (status != JsonCursor.OK)
        {
            return failure.cursor(status == JsonCursor.UNEXPECTED_CHARACTER ? JsonCursor.BAD_VALUE : status, cursor);
        }
        boolean first = true;
        while ((status = cursor.nextElement(first)) == JsonCursor.OK)
        {
            first = false;
            if (trades.isFull())
            {
                return failure.fail(StatusReason.TOO_MANY_LEVELS, cursor.position());
            }
            if (!readObject() || !fields.symbol(K_INSTRUMENT, writer) || !fields.present(K_CREATION_TIMESTAMP))
            {
                return false;
            }
            if (fields.mantissa(K_OPEN_INTEREST) == NULL_MANTISSA)
            {
                continue;
            }
            final long ms = fields.longValue(K_CREATION_TIMESTAMP);
            if (ms < 0 || ms > MAX_MS)
            {
                return failure.fail(StatusReason.BAD_VALUE, fields.offset(K_CREATION_TIMESTAMP));
            }
            if (!fields.nonNegative(K_OPEN_INTEREST))
            {
                return false;
            }
            trades.add(null, ms * NS_PER_MS, NULL_VALUE, NULL_MANTISSA, 0, fields.mantissa(K_OPEN_INTEREST),
                fields.exponent(K_OPEN_INTEREST), fields.offset(K_INSTRUMENT), fields.length(K_INSTRUMENT));
        }
        return status == JsonCursor.END || failure.cursor(status, cursor);
    }

    private void growBars()
    {
        final int capacity = barTimesNs.length * 2;
        barTimesNs = Arrays.copyOf(barTimesNs, capacity);
        barMantissas = Arrays.copyOf(barMantissas, capacity * BAR_VALUES);
        barExponents = Arrays.copyOf(barExponents, capacity * BAR_VALUES);
    }

    private int encodeBbo(final long recvTsNs, final MessageSink sink)
    {
        final long exchTsNs = fields.symbol(K_INSTRUMENT, writer) ? fields.timeNs(K_TIMESTAMP) : Long.MAX_VALUE;
        if (exchTsNs == Long.MAX_VALUE)
        {
            return -1;
        }
        final boolean bid = side(K_BEST_BID_PRICE, K_BEST_BID_AMOUNT);
        final boolean ask = side(K_BEST_ASK_PRICE, K_BEST_ASK_AMOUNT);
        return written(writer.bbo(sink, exchTsNs, recvTsNs, NULL_VALUE,
            bid ? fields.mantissa(K_BEST_BID_PRICE) : NULL_MANTISSA, fields.exponent(K_BEST_BID_PRICE),
            bid ? fields.mantissa(K_BEST_BID_AMOUNT) : NULL_MANTISSA, fields.exponent(K_BEST_BID_AMOUNT),
            ask ? fields.mantissa(K_BEST_ASK_PRICE) : NULL_MANTISSA, fields.exponent(K_BEST_ASK_PRICE),
            ask ? fields.mantissa(K_BEST_ASK_AMOUNT) : NULL_MANTISSA, fields.exponent(K_BEST_ASK_AMOUNT)));
    }

    /**
     * @return true when a quote side is there: price and amount both given and above zero.
     */
    private boolean side(final int price, final int amount)
    {
        return fields.mantissa(price) > 0 && fields.mantissa(amount) > 0;
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
