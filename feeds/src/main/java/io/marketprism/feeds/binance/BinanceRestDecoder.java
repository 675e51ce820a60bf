/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.engine.MessageSink;
import io.marketprism.feeds.ContextSymbol;
import io.marketprism.feeds.DecodeFailure;
import io.marketprism.feeds.DecodeFailures;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.MessageWriter;
import io.marketprism.feeds.json.JsonCursor;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Decodes the bodies of Binance futures REST responses for the polled data types into SBE, without allocating:
 * <pre>
 *   PREMIUM_INDEX         {symbol, markPrice, indexPrice, lastFundingRate, nextFundingTime, time}  -&gt; Funding
 *   FUNDING_RATE          [{symbol, fundingRate, fundingTime, markPrice?}]                         -&gt; Funding
 *   OPEN_INTEREST         {symbol, openInterest, time}                                           -&gt; OpenInterest
 *   OPEN_INTEREST_HIST    [{symbol | pair, sumOpenInterest, sumOpenInterestValue, timestamp}]
 *                                                                                              -&gt; OpenInterest
 *   the three long/short  [{symbol | pair, longShortRatio, longAccount | longPosition,
 *   ratio endpoints         shortAccount | shortPosition, timestamp}]                  -&gt; Ratio of their kind
 *   TAKER_LONG_SHORT_RATIO [{buySellRatio, buyVol, sellVol, timestamp}]                                -&gt; Ratio
 *                          (TAKER_BUY_SELL_VOLUME: ratio = buySellRatio, long = buyVol, short = sellVol)
 * </pre>
 * A body is one object or an array of them, each one message. The body does not say which endpoint it answers: the
 * caller, which made the request, says so with {@link #expect(BinanceRestEndpoint)} or {@link #contextUrl(String)};
 * with no endpoint set, every body is reported as {@code UNKNOWN_EVENT_TYPE}. The symbol is the element's
 * {@code symbol}, else its {@code pair} (COIN-M pair-level statistics), else the context symbol (the taker ratio
 * carries none: the caller knows which symbol it asked for).
 * <p>
 * A response is all or nothing, like a book update: it is checked whole before anything is written, so a bad element
 * anywhere gives one {@code Status(MALFORMED)} naming the reason and byte offset, and no message. Binance's error
 * reply {@code {"code":-1121,"msg":".."}} gives {@code VENUE_ERROR} with the venue's code as the detail. An empty
 * array is a valid answer with nothing in it: no message, no status. Fields may come in any order, unknown fields are
 * skipped, an empty string or {@code null} is an absent value. Times are milliseconds, numbers or strings; a zero
 * time (COIN-M delivery contracts' {@code nextFundingTime}) is absent.
 */
public final class BinanceRestDecoder implements FrameDecoder
{
    private static final int F_SYMBOL = 0;
    private static final int F_PAIR = 1;
    private static final int F_MARK_PRICE = 2;
    private static final int F_INDEX_PRICE = 3;
    private static final int F_LAST_FUNDING_RATE = 4;
    private static final int F_NEXT_FUNDING_TIME = 5;
    private static final int F_TIME = 6;
    private static final int F_FUNDING_RATE = 7;
    private static final int F_FUNDING_TIME = 8;
    private static final int F_OPEN_INTEREST = 9;
    private static final int F_SUM_OPEN_INTEREST = 10;
    private static final int F_SUM_OPEN_INTEREST_VALUE = 11;
    private static final int F_TIMESTAMP = 12;
    private static final int F_LONG_SHORT_RATIO = 13;
    private static final int F_LONG_ACCOUNT = 14;
    private static final int F_SHORT_ACCOUNT = 15;
    private static final int F_LONG_POSITION = 16;
    private static final int F_SHORT_POSITION = 17;
    private static final int F_BUY_SELL_RATIO = 18;
    private static final int F_BUY_VOL = 19;
    private static final int F_SELL_VOL = 20;
    private static final int F_CODE = 21;
    private static final int F_MSG = 22;
    private static final int FIELD_COUNT = 23;
    private static final int F_UNKNOWN = -1;

    private static final byte K_LONG = 1;
    private static final byte K_DECIMAL = 2;
    private static final byte K_STRING = 3;

    /** Keys by field id. */
    private static final byte[][] KEYS = {
        ascii("symbol"), ascii("pair"), ascii("markPrice"), ascii("indexPrice"), ascii("lastFundingRate"),
        ascii("nextFundingTime"), ascii("time"), ascii("fundingRate"), ascii("fundingTime"), ascii("openInterest"),
        ascii("sumOpenInterest"), ascii("sumOpenInterestValue"), ascii("timestamp"), ascii("longShortRatio"),
        ascii("longAccount"), ascii("shortAccount"), ascii("longPosition"), ascii("shortPosition"),
        ascii("buySellRatio"), ascii("buyVol"), ascii("sellVol"), ascii("code"), ascii("msg") };

    /** How each field is parsed, by field id. */
    private static final byte[] KINDS = {
        K_STRING, K_STRING, K_DECIMAL, K_DECIMAL, K_DECIMAL, K_LONG, K_LONG, K_DECIMAL, K_LONG, K_DECIMAL,
        K_DECIMAL, K_DECIMAL, K_LONG, K_DECIMAL, K_DECIMAL, K_DECIMAL, K_DECIMAL, K_DECIMAL, K_DECIMAL, K_DECIMAL,
        K_DECIMAL, K_LONG, K_STRING };

    /** What a field's value was parsed as. */
    private static final byte V_LONG = 1;
    private static final byte V_DECIMAL = 2;
    private static final byte V_STRING = 3;
    private static final byte V_ABSENT = 4;
    private static final byte V_INVALID = 5;

    private static final long NS_PER_MS = 1_000_000L;
    private static final long MAX_MS = Long.MAX_VALUE / NS_PER_MS;
    private static final long NULL = MessageWriter.NULL_VALUE;
    private static final long NULL_MANTISSA = MessageWriter.NULL_MANTISSA;
    /** What {@link #time(int)} returns when the time is bad (the failure is recorded). */
    private static final long BAD_TIME = Long.MAX_VALUE;

    static
    {
        if (KEYS.length != FIELD_COUNT || KINDS.length != FIELD_COUNT)
        {
            throw new IllegalStateException("one key and one kind per field");
        }
    }

    private final int maxFrameLength;
    private final MessageWriter writer;
    private final JsonCursor cursor = new JsonCursor();
    private final ContextSymbol contextSymbol = new ContextSymbol();
    private BinanceRestEndpoint endpoint;

    /** The element generation in which each field was last seen: a long, so that it never wraps in practice. */
    private final long[] seenIn = new long[FIELD_COUNT];
    private final byte[] valueKind = new byte[FIELD_COUNT];
    private final int[] valuePosition = new int[FIELD_COUNT];
    private final int[] errorStatus = new int[FIELD_COUNT];
    private final int[] errorPosition = new int[FIELD_COUNT];
    private final long[] longs = new long[FIELD_COUNT];
    private final long[] mantissas = new long[FIELD_COUNT];
    private final int[] exponents = new int[FIELD_COUNT];
    private final int[] stringOffsets = new int[FIELD_COUNT];
    private final int[] stringLengths = new int[FIELD_COUNT];
    private long generation;

    private DirectBuffer frame;
    private final DecodeFailure failure = new DecodeFailure();
    private long venueErrorCode;
    private int written;

    /**
     * A decoder with the default frame length limit.
     *
     * @param venue {@link Venue#BINANCE_USDM} or {@link Venue#BINANCE_COINM} (spot has none of these endpoints, but
     *              is accepted for symmetry with {@link BinanceDecoder}).
     */
    public BinanceRestDecoder(final Venue venue)
    {
        this(venue, DEFAULT_MAX_FRAME_LENGTH);
    }

    /**
     * @param venue          {@link Venue#BINANCE_USDM}, {@link Venue#BINANCE_COINM} or {@link Venue#BINANCE_SPOT}.
     * @param maxFrameLength longest body accepted; longer ones are reported as {@code FRAME_TOO_LARGE}.
     */
    public BinanceRestDecoder(final Venue venue, final int maxFrameLength)
    {
        if (venue != Venue.BINANCE_SPOT && venue != Venue.BINANCE_USDM && venue != Venue.BINANCE_COINM)
        {
            throw new IllegalArgumentException("not a Binance venue: " + venue);
        }
        this.maxFrameLength = maxFrameLength;
        this.writer = new MessageWriter(venue, 0);
    }

    /**
     * Names the endpoint the next bodies answer. Cold path.
     *
     * @param endpoint the endpoint, or null for none (every body is then {@code UNKNOWN_EVENT_TYPE}).
     */
    public void expect(final BinanceRestEndpoint endpoint)
    {
        this.endpoint = endpoint;
    }

    /**
     * @return the endpoint the next bodies answer, or null.
     */
    public BinanceRestEndpoint expected()
    {
        return endpoint;
    }

    /**
     * Names the endpoint by the request's URL, see {@link BinanceRestEndpoint#ofUrl(String)}. Cold path.
     *
     * @param url the request URL, or null for none.
     */
    @Override
    public void contextUrl(final String url)
    {
        expect(BinanceRestEndpoint.ofUrl(url));
    }

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
        written = 0;
        writer.symbol(null, 0, 0);
        if (length > maxFrameLength)
        {
            return writer.malformed(sink, StatusReason.FRAME_TOO_LARGE, length, recvTsNs);
        }
        if (endpoint == null)
        {
            return writer.malformed(sink, StatusReason.UNKNOWN_EVENT_TYPE, 0, recvTsNs);
        }
        // checked whole first, then written: a bad element anywhere leaves no message of the response behind
        if (!walk(offset, length, recvTsNs, null) || !walk(offset, length, recvTsNs, sink))
        {
            final long detail =
                failure.reason() == StatusReason.VENUE_ERROR ? venueErrorCode : failure.position() - offset;
            return written + writer.malformed(sink, failure.reason(), detail, recvTsNs);
        }
        return written;
    }

    /**
     * One pass over the body.
     *
     * @param sink null to check only, else where the messages go.
     * @return false on a failure (recorded).
     */
    private boolean walk(final int offset, final int length, final long recvTsNs, final MessageSink sink)
    {
        cursor.wrap(frame, offset, length);
        final int first = cursor.peek();
        if (first == '{')
        {
            if (!element(recvTsNs, sink))
            {
                return false;
            }
        }
        else if (first == '[')
        {
            cursor.enterArray();
            int status;
            boolean firstElement = true;
            while ((status = cursor.nextElement(firstElement)) == JsonCursor.OK)
            {
                firstElement = false;
                if (cursor.peek() != '{')
                {
                    return cursor.peek() < 0 ? failure.fail(StatusReason.TRUNCATED, cursor.position()) :
                        failure.fail(StatusReason.BAD_VALUE, cursor.position());
                }
                if (!element(recvTsNs, sink))
                {
                    return false;
                }
            }
            if (status != JsonCursor.END)
            {
                return fail(status);
            }
        }
        else
        {
            return failure.fail(first < 0 ? StatusReason.TRUNCATED : StatusReason.BAD_VALUE, cursor.position());
        }
        return cursor.atEnd() || failure.fail(StatusReason.UNEXPECTED_CHARACTER, cursor.position());
    }

    private boolean element(final long recvTsNs, final MessageSink sink)
    {
        if (++generation == 0)
        {
            generation = 1;
        }
        final int start = cursor.position();
        cursor.enterObject();
        boolean first = true;
        int status;
        while ((status = cursor.nextField(first)) == JsonCursor.OK)
        {
            first = false;
            if (!field(fieldId()))
            {
                return false;
            }
        }
        if (status != JsonCursor.END)
        {
            return fail(status);
        }
        if (present(F_CODE) && present(F_MSG))
        {
            venueErrorCode = valueKind[F_CODE] == V_LONG ? longs[F_CODE] : NULL;
            return failure.fail(StatusReason.VENUE_ERROR, start);
        }

        final int end = cursor.position();
        final int messages = encode(recvTsNs, sink, end);
        if (messages < 0)
        {
            return false;
        }
        written += messages;
        return true;
    }

    /**
     * Checks the element's fields for the endpoint and, when there is a sink, writes its message.
     *
     * @return messages written (0 when only checking), or -1 on a failure (recorded).
     */
    private int encode(final long recvTsNs, final MessageSink sink, final int end)
    {
        switch (endpoint)
        {
            case PREMIUM_INDEX:
            {
                if (!symbol(end) || !positive(F_MARK_PRICE, end) || !optionalPositive(F_INDEX_PRICE) ||
                    !optionalDecimal(F_LAST_FUNDING_RATE))
                {
                    return -1;
                }
                final long exchTsNs = requiredTime(F_TIME, end);
                final long nextFundingTsNs = time(F_NEXT_FUNDING_TIME);
                if (exchTsNs == BAD_TIME || nextFundingTsNs == BAD_TIME)
                {
                    return -1;
                }
                return sink == null ? 0 : committed(writer.funding(sink, exchTsNs, recvTsNs, nextFundingTsNs,
                    mantissas[F_MARK_PRICE], exponents[F_MARK_PRICE], optional(F_INDEX_PRICE),
                    exponents[F_INDEX_PRICE], optional(F_LAST_FUNDING_RATE), exponents[F_LAST_FUNDING_RATE]), end);
            }
            case FUNDING_RATE:
            {
                if (!symbol(end) || !decimal(F_FUNDING_RATE, end) || !optionalPositive(F_MARK_PRICE))
                {
                    return -1;
                }
                final long exchTsNs = requiredTime(F_FUNDING_TIME, end);
                if (exchTsNs == BAD_TIME)
                {
                    return -1;
                }
                return sink == null ? 0 : committed(writer.funding(sink, exchTsNs, recvTsNs, NULL,
                    optional(F_MARK_PRICE), exponents[F_MARK_PRICE], NULL_MANTISSA, 0,
                    mantissas[F_FUNDING_RATE], exponents[F_FUNDING_RATE]), end);
            }
            case OPEN_INTEREST:
            {
                if (!symbol(end) || !nonNegative(F_OPEN_INTEREST, end))
                {
                    return -1;
                }
                final long exchTsNs = requiredTime(F_TIME, end);
                if (exchTsNs == BAD_TIME)
                {
                    return -1;
                }
                return sink == null ? 0 : committed(writer.openInterest(sink, exchTsNs, recvTsNs,
                    mantissas[F_OPEN_INTEREST], exponents[F_OPEN_INTEREST], NULL_MANTISSA, 0), end);
            }
            case OPEN_INTEREST_HIST:
            {
                if (!symbol(end) || !nonNegative(F_SUM_OPEN_INTEREST, end) ||
                    !optionalNonNegative(F_SUM_OPEN_INTEREST_VALUE))
                {
                    return -1;
                }
                final long exchTsNs = requiredTime(F_TIMESTAMP, end);
                if (exchTsNs == BAD_TIME)
                {
                    return -1;
                }
                return sink == null ? 0 : committed(writer.openInterest(sink, exchTsNs, recvTsNs,
                    mantissas[F_SUM_OPEN_INTEREST], exponents[F_SUM_OPEN_INTEREST],
                    optional(F_SUM_OPEN_INTEREST_VALUE), exponents[F_SUM_OPEN_INTEREST_VALUE]), end);
            }
            case TAKER_LONG_SHORT_RATIO:
                return ratio(F_BUY_SELL_RATIO, F_BUY_VOL, F_SELL_VOL, recvTsNs, sink, end);
            default:
                // the three long/short ratios; COIN-M's top position ratio says longPosition / shortPosition
                return ratio(F_LONG_SHORT_RATIO, present(F_LONG_POSITION) ? F_LONG_POSITION : F_LONG_ACCOUNT,
                    present(F_SHORT_POSITION) ? F_SHORT_POSITION : F_SHORT_ACCOUNT, recvTsNs, sink, end);
        }
    }

    private int ratio(
        final int ratioField,
        final int longField,
        final int shortField,
        final long recvTsNs,
        final MessageSink sink,
        final int end)
    {
        if (!symbol(end) || !nonNegative(ratioField, end) || !optionalNonNegative(longField) ||
            !optionalNonNegative(shortField))
        {
            return -1;
        }
        final long exchTsNs = requiredTime(F_TIMESTAMP, end);
        if (exchTsNs == BAD_TIME)
        {
            return -1;
        }
        return sink == null ? 0 : committed(writer.ratio(sink, endpoint.ratioKind(), exchTsNs, recvTsNs,
            mantissas[ratioField], exponents[ratioField], optional(longField), exponents[longField],
            optional(shortField), exponents[shortField]), end);
    }

    private int fieldId()
    {
        final int length = cursor.keyLength();
        for (int field = 0; field < FIELD_COUNT; field++)
        {
            if (KEYS[field].length == length && cursor.keyEquals(KEYS[field]))
            {
                return field;
            }
        }
        return F_UNKNOWN;
    }

    /**
     * Parses one member's value by the kind its key implies; a value that does not parse is remembered, not fatal.
     *
     * @return false on a structural error that ends the walk, or a duplicate field.
     */
    private boolean field(final int field)
    {
        if (field == F_UNKNOWN)
        {
            final int status = cursor.skipValue();
            return status == JsonCursor.OK || fail(status);
        }
        if (seenIn[field] == generation)
        {
            return failure.fail(StatusReason.DUPLICATE_FIELD, cursor.keyOffset());
        }
        seenIn[field] = generation;
        final int start = cursor.position();
        valuePosition[field] = start;
        if (cursor.peek() == 'n')
        {
            // null: absent, as Binance's "" is
            final int status = cursor.skipValue();
            valueKind[field] = V_ABSENT;
            return status == JsonCursor.OK || fail(status);
        }
        int status;
        switch (KINDS[field])
        {
            case K_LONG:
                status = cursor.parseLong();
                if (status == JsonCursor.OK)
                {
                    valueKind[field] = V_LONG;
                    longs[field] = cursor.longValue();
                }
                break;
            case K_DECIMAL:
                status = cursor.parseDecimal();
                if (status == JsonCursor.OK)
                {
                    valueKind[field] = V_DECIMAL;
                    mantissas[field] = cursor.mantissa();
                    exponents[field] = cursor.exponent();
                }
                break;
            default:
                status = cursor.parseString();
                if (status == JsonCursor.OK)
                {
                    valueKind[field] = V_STRING;
                    stringOffsets[field] = cursor.stringOffset();
                    stringLengths[field] = cursor.stringLength();
                }
                break;
        }
        if (status == JsonCursor.OK)
        {
            return true;
        }
        if (status == JsonCursor.EMPTY)
        {
            valueKind[field] = V_ABSENT;
            return true;
        }
        valueKind[field] = V_INVALID;
        errorStatus[field] = status;
        errorPosition[field] = cursor.errorPosition() >= 0 ? cursor.errorPosition() : start;
        cursor.position(start);
        status = cursor.skipValue();
        return status == JsonCursor.OK || fail(status);
    }

    private boolean present(final int field)
    {
        return seenIn[field] == generation;
    }

    /**
     * @return true when the field is present with a value of the kind; otherwise records why not ({@code end}: the
     * element's end, reported for a missing field).
     */
    private boolean is(final int field, final byte kind, final int end)
    {
        if (!present(field))
        {
            return failure.fail(StatusReason.MISSING_FIELD, end);
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
        return failure.fail(actual == V_ABSENT ? StatusReason.MISSING_FIELD : StatusReason.BAD_VALUE,
            valuePosition[field]);
    }

    private boolean given(final int field)
    {
        return present(field) && valueKind[field] != V_ABSENT;
    }

    private boolean decimal(final int field, final int end)
    {
        return is(field, V_DECIMAL, end);
    }

    private boolean positive(final int field, final int end)
    {
        return is(field, V_DECIMAL, end) &&
            (mantissas[field] > 0 || failure.fail(StatusReason.BAD_VALUE, valuePosition[field]));
    }

    private boolean nonNegative(final int field, final int end)
    {
        return is(field, V_DECIMAL, end) &&
            (mantissas[field] >= 0 || failure.fail(StatusReason.BAD_VALUE, valuePosition[field]));
    }

    private boolean optionalDecimal(final int field)
    {
        return !given(field) || is(field, V_DECIMAL, 0);
    }

    private boolean optionalPositive(final int field)
    {
        return !given(field) || positive(field, 0);
    }

    private boolean optionalNonNegative(final int field)
    {
        return !given(field) || nonNegative(field, 0);
    }

    private long optional(final int field)
    {
        return given(field) && valueKind[field] == V_DECIMAL ? mantissas[field] : NULL_MANTISSA;
    }

    private long requiredTime(final int field, final int end)
    {
        if (!given(field))
        {
            failure.fail(StatusReason.MISSING_FIELD, present(field) ? valuePosition[field] : end);
            return BAD_TIME;
        }
        return time(field);
    }

    /**
     * @return ns since epoch; {@link MessageWriter#NULL_VALUE} when absent or zero; {@link #BAD_TIME} on an error
     * (recorded).
     */
    private long time(final int field)
    {
        if (!given(field))
        {
            return NULL;
        }
        if (!is(field, V_LONG, 0))
        {
            return BAD_TIME;
        }
        final long ms = longs[field];
        if (ms < 0 || ms > MAX_MS)
        {
            failure.fail(StatusReason.BAD_VALUE, valuePosition[field]);
            return BAD_TIME;
        }
        return ms == 0 ? NULL : ms * NS_PER_MS;
    }

    /**
     * Sets the writer's symbol: the element's {@code symbol}, else its {@code pair}, else the context symbol.
     */
    private boolean symbol(final int end)
    {
        final int field = present(F_SYMBOL) ? F_SYMBOL : present(F_PAIR) ? F_PAIR : F_UNKNOWN;
        if (field == F_UNKNOWN)
        {
            if (!contextSymbol.isSet())
            {
                return failure.fail(StatusReason.MISSING_FIELD, end);
            }
            contextSymbol.applyTo(writer);
            return true;
        }
        if (!is(field, V_STRING, end))
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

    private int committed(final int result, final int end)
    {
        if (result < 0)
        {
            failure.fail(StatusReason.FRAME_TOO_LARGE, end);
            return -1;
        }
        return result;
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
