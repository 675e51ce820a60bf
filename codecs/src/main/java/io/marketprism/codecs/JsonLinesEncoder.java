/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.codecs;

import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.Decimal64Decoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.LiquidationDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.RatioDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.VolatilityIndexDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Prints normalized SBE messages as JSON lines, the public form described in {@code JSONL.md}: one object per line,
 * decimals as exact strings, timestamps as integer nanoseconds, absent fields omitted.
 * <p>
 * Instrument definitions met on the way are remembered in the {@link InstrumentCatalog}, which names the messages
 * that follow them. Steady-state encoding does not allocate; the output buffer grows for the largest book seen.
 * Not thread safe.
 */
public final class JsonLinesEncoder
{
    private static final byte[] TYPE_TRADE = ascii("{\"type\":\"trade\"");
    private static final byte[] TYPE_BOOK = ascii("{\"type\":\"book\"");
    private static final byte[] TYPE_BBO = ascii("{\"type\":\"bbo\"");
    private static final byte[] TYPE_FUNDING = ascii("{\"type\":\"funding\"");
    private static final byte[] TYPE_STATUS = ascii("{\"type\":\"status\"");
    private static final byte[] TYPE_INSTRUMENT = ascii("{\"type\":\"instrument\"");
    private static final byte[] TYPE_OPEN_INTEREST = ascii("{\"type\":\"open_interest\"");
    private static final byte[] TYPE_LIQUIDATION = ascii("{\"type\":\"liquidation\"");
    private static final byte[] TYPE_RATIO = ascii("{\"type\":\"ratio\"");
    private static final byte[] TYPE_VOLATILITY_INDEX = ascii("{\"type\":\"volatility_index\"");
    private static final byte[] KEY_OPEN_INTEREST = ascii(",\"openInterest\":\"");
    private static final byte[] KEY_OPEN_INTEREST_VALUE = ascii(",\"openInterestValue\":\"");
    private static final byte[] KEY_LONG_SHORT_RATIO = ascii(",\"longShortRatio\":\"");
    private static final byte[] KEY_LONG_ACCOUNT = ascii(",\"longAccount\":\"");
    private static final byte[] KEY_SHORT_ACCOUNT = ascii(",\"shortAccount\":\"");
    private static final byte[] KEY_VALUE = ascii(",\"value\":\"");
    private static final byte[] KEY_OPEN = ascii(",\"open\":\"");
    private static final byte[] KEY_HIGH = ascii(",\"high\":\"");
    private static final byte[] KEY_LOW = ascii(",\"low\":\"");
    private static final byte[] KEY_CLOSE = ascii(",\"close\":\"");

    private static final byte[] KEY_VENUE = ascii(",\"venue\":\"");
    private static final byte[] KEY_SYMBOL = ascii(",\"symbol\":\"");
    private static final byte[] KEY_VENUE_SYMBOL = ascii(",\"venueSymbol\":\"");
    private static final byte[] KEY_EXCH_TS = ascii(",\"exchTs\":");
    private static final byte[] KEY_RECV_TS = ascii(",\"recvTs\":");
    private static final byte[] KEY_PRICE = ascii(",\"price\":\"");
    private static final byte[] KEY_QTY = ascii(",\"qty\":\"");
    private static final byte[] KEY_SIDE = ascii(",\"side\":\"");
    private static final byte[] KEY_TRADE_ID = ascii(",\"tradeId\":\"");
    private static final byte[] KEY_SNAPSHOT = ascii(",\"snapshot\":");
    private static final byte[] KEY_SEQ = ascii(",\"seq\":");
    private static final byte[] KEY_PREV_SEQ = ascii(",\"prevSeq\":");
    private static final byte[] KEY_FIRST_SEQ = ascii(",\"firstSeq\":");
    private static final byte[] KEY_HEALTH = ascii(",\"health\":\"");
    private static final byte[] KEY_BID_PRICE = ascii(",\"bidPrice\":\"");
    private static final byte[] KEY_BID_QTY = ascii(",\"bidQty\":\"");
    private static final byte[] KEY_ASK_PRICE = ascii(",\"askPrice\":\"");
    private static final byte[] KEY_ASK_QTY = ascii(",\"askQty\":\"");
    private static final byte[] KEY_BIDS = ascii(",\"bids\":[");
    private static final byte[] KEY_ASKS = ascii(",\"asks\":[");
    private static final byte[] KEY_MARK_PRICE = ascii(",\"markPrice\":\"");
    private static final byte[] KEY_INDEX_PRICE = ascii(",\"indexPrice\":\"");
    private static final byte[] KEY_FUNDING_RATE = ascii(",\"fundingRate\":\"");
    private static final byte[] KEY_NEXT_FUNDING_TS = ascii(",\"nextFundingTs\":");
    private static final byte[] KEY_EVENT = ascii(",\"event\":\"");
    private static final byte[] KEY_REASON = ascii(",\"reason\":\"");
    private static final byte[] KEY_BASE = ascii(",\"base\":\"");
    private static final byte[] KEY_QUOTE = ascii(",\"quote\":\"");
    private static final byte[] KEY_KIND = ascii(",\"kind\":\"");
    private static final byte[] KEY_TICK_SIZE = ascii(",\"tickSize\":\"");
    private static final byte[] KEY_LOT_SIZE = ascii(",\"lotSize\":\"");
    private static final byte[] KEY_CONTRACT_SIZE = ascii(",\"contractSize\":\"");
    private static final byte[] KEY_EXPIRY_TS = ascii(",\"expiryTs\":");
    private static final byte[] KEY_STRIKE = ascii(",\"strike\":\"");
    private static final byte[] KEY_OPTION_TYPE = ascii(",\"optionType\":\"");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] END = ascii("}\n");

    private static final byte[][] SIDE_NAMES = { null, ascii("buy"), ascii("sell") };
    private static final byte[][] HEALTH_NAMES = {
        ascii("unknown"), ascii("valid"), ascii("resyncing"), ascii("stale"), ascii("crossed") };
    private static final byte[][] EVENT_NAMES = {
        null, ascii("connected"), ascii("disconnected"), ascii("subscribed"), ascii("gap"), ascii("resync"),
        ascii("stale"), ascii("recovered"), ascii("malformed"), ascii("skipped"), ascii("invalid"),
        ascii("data_quality") };
    private static final byte[][] KIND_NAMES = {
        null, ascii("spot"), ascii("perpetual"), ascii("future"), ascii("option") };
    private static final byte[][] OPTION_TYPE_NAMES = { null, ascii("call"), ascii("put") };
    private static final byte[][] RATIO_KIND_NAMES = {
        null, ascii("global_accounts"), ascii("top_trader_accounts"), ascii("top_trader_positions"),
        ascii("taker_buy_sell_volume") };

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final BboDecoder bbo = new BboDecoder();
    private final FundingDecoder funding = new FundingDecoder();
    private final StatusDecoder status = new StatusDecoder();
    private final InstrumentDecoder instrument = new InstrumentDecoder();
    private final OpenInterestDecoder openInterest = new OpenInterestDecoder();
    private final LiquidationDecoder liquidation = new LiquidationDecoder();
    private final RatioDecoder ratio = new RatioDecoder();
    private final VolatilityIndexDecoder volatilityIndex = new VolatilityIndexDecoder();
    private final InstrumentCatalog catalog;
    private final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64 * 1024);
    private final byte[] scratch = new byte[64 * 1024];
    private int pos;
    private int maxLevels = Integer.MAX_VALUE;

    /**
     * @param catalog where instrument definitions are kept; share it with other readers of the same stream.
     */
    public JsonLinesEncoder(final InstrumentCatalog catalog)
    {
        this.catalog = catalog;
    }

    /**
     * A new encoder with its own catalog.
     */
    public JsonLinesEncoder()
    {
        this(new InstrumentCatalog());
    }

    /**
     * @return the catalog of instruments this encoder has seen defined.
     */
    public InstrumentCatalog catalog()
    {
        return catalog;
    }

    /**
     * @return the buffer holding the last encoded line, from index 0.
     */
    public MutableDirectBuffer buffer()
    {
        return out;
    }

    /**
     * Writes the line last encoded to a stream.
     *
     * @param out    where to write.
     * @param length the length {@link #encode(DirectBuffer, int)} returned.
     * @throws IOException when the stream fails.
     */
    public void writeTo(final OutputStream out, final int length) throws IOException
    {
        for (int written = 0; written < length; written += scratch.length)
        {
            final int chunk = Math.min(scratch.length, length - written);
            this.out.getBytes(written, scratch, 0, chunk);
            out.write(scratch, 0, chunk);
        }
    }

    /**
     * Encodes one SBE message.
     *
     * @param buffer holding the message, header first.
     * @param offset of the message header.
     * @return length of the line written at the start of {@link #buffer()}, newline included; 0 when the message is
     * not one of this schema's printable templates.
     */
    public int encode(final DirectBuffer buffer, final int offset)
    {
        return encode(buffer, offset, Integer.MAX_VALUE);
    }

    /**
     * Encodes one SBE message, a book's levels cut to the first ones of each side (a snapshot's best).
     *
     * @param buffer    holding the message, header first.
     * @param offset    of the message header.
     * @param maxLevels levels per side printed for a {@code book} message, at least 0; other messages are whole.
     * @return length of the line written at the start of {@link #buffer()}, newline included; 0 when the message is
     * not one of this schema's printable templates.
     */
    public int encode(final DirectBuffer buffer, final int offset, final int maxLevels)
    {
        if (maxLevels < 0)
        {
            throw new IllegalArgumentException("maxLevels must be >= 0: " + maxLevels);
        }
        this.maxLevels = maxLevels;
        header.wrap(buffer, offset);
        if (header.schemaId() != TradeDecoder.SCHEMA_ID)
        {
            return 0;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        pos = 0;
        switch (header.templateId())
        {
            case TradeDecoder.TEMPLATE_ID:
                trade.wrap(buffer, bodyOffset, blockLength, version);
                encodeTrade();
                break;

            case BookUpdateDecoder.TEMPLATE_ID:
                book.wrap(buffer, bodyOffset, blockLength, version);
                encodeBook();
                break;

            case BboDecoder.TEMPLATE_ID:
                bbo.wrap(buffer, bodyOffset, blockLength, version);
                encodeBbo();
                break;

            case FundingDecoder.TEMPLATE_ID:
                funding.wrap(buffer, bodyOffset, blockLength, version);
                encodeFunding();
                break;

            case StatusDecoder.TEMPLATE_ID:
                status.wrap(buffer, bodyOffset, blockLength, version);
                encodeStatus();
                break;

            case InstrumentDecoder.TEMPLATE_ID:
                instrument.wrap(buffer, bodyOffset, blockLength, version);
                encodeInstrument();
                break;

            case OpenInterestDecoder.TEMPLATE_ID:
                openInterest.wrap(buffer, bodyOffset, blockLength, version);
                common(TYPE_OPEN_INTEREST, openInterest.instrumentId(), openInterest.venueRaw(),
                    openInterest.exchTsNs(), openInterest.recvTsNs());
                decimal(KEY_OPEN_INTEREST, openInterest.openInterest());
                decimal(KEY_OPEN_INTEREST_VALUE, openInterest.openInterestValue());
                break;

            case LiquidationDecoder.TEMPLATE_ID:
                liquidation.wrap(buffer, bodyOffset, blockLength, version);
                encodeLiquidation();
                break;

            case RatioDecoder.TEMPLATE_ID:
                ratio.wrap(buffer, bodyOffset, blockLength, version);
                encodeRatio();
                break;

            case VolatilityIndexDecoder.TEMPLATE_ID:
                volatilityIndex.wrap(buffer, bodyOffset, blockLength, version);
                common(TYPE_VOLATILITY_INDEX, volatilityIndex.instrumentId(), volatilityIndex.venueRaw(),
                    volatilityIndex.exchTsNs(), volatilityIndex.recvTsNs());
                decimal(KEY_VALUE, volatilityIndex.value());
                decimal(KEY_OPEN, volatilityIndex.openValue());
                decimal(KEY_HIGH, volatilityIndex.highValue());
                decimal(KEY_LOW, volatilityIndex.lowValue());
                decimal(KEY_CLOSE, volatilityIndex.closeValue());
                break;

            default:
                return 0;
        }
        put(END);
        return pos;
    }

    private void encodeTrade()
    {
        common(TYPE_TRADE, trade.instrumentId(), trade.venueRaw(), trade.exchTsNs(), trade.recvTsNs());
        decimal(KEY_PRICE, trade.price());
        decimal(KEY_QTY, trade.qty());
        final short side = trade.sideRaw();
        if (side == 1 || side == 2)
        {
            put(KEY_SIDE);
            put(SIDE_NAMES[side]);
            quote();
        }
        if (trade.tradeId() != TradeDecoder.tradeIdNullValue())
        {
            put(KEY_TRADE_ID);
            pos += Decimals.appendLong(out, pos, trade.tradeId());
            quote();
        }
    }

    private void encodeLiquidation()
    {
        common(TYPE_LIQUIDATION, liquidation.instrumentId(), liquidation.venueRaw(), liquidation.exchTsNs(),
            liquidation.recvTsNs());
        decimal(KEY_PRICE, liquidation.price());
        decimal(KEY_QTY, liquidation.qty());
        final short side = liquidation.sideRaw();
        if (side == 1 || side == 2)
        {
            put(KEY_SIDE);
            put(SIDE_NAMES[side]);
            quote();
        }
    }

    private void encodeRatio()
    {
        common(TYPE_RATIO, ratio.instrumentId(), ratio.venueRaw(), ratio.exchTsNs(), ratio.recvTsNs());
        final short kind = ratio.kindRaw();
        if (kind > 0 && kind < RATIO_KIND_NAMES.length)
        {
            put(KEY_KIND);
            put(RATIO_KIND_NAMES[kind]);
            quote();
        }
        decimal(KEY_LONG_SHORT_RATIO, ratio.longShortRatio());
        decimal(KEY_LONG_ACCOUNT, ratio.longAccount());
        decimal(KEY_SHORT_ACCOUNT, ratio.shortAccount());
    }

    private void encodeBook()
    {
        common(TYPE_BOOK, book.instrumentId(), book.venueRaw(), book.exchTsNs(), book.recvTsNs());
        put(KEY_SNAPSHOT);
        put(book.snapshotRaw() == 1 ? TRUE : FALSE);
        integer(KEY_SEQ, book.seq(), BookUpdateDecoder.seqNullValue());
        integer(KEY_PREV_SEQ, book.prevSeq(), BookUpdateDecoder.prevSeqNullValue());
        integer(KEY_FIRST_SEQ, book.firstSeq(), BookUpdateDecoder.firstSeqNullValue());
        final short health = book.healthRaw();
        put(KEY_HEALTH);
        put(health < HEALTH_NAMES.length ? HEALTH_NAMES[health] : HEALTH_NAMES[0]);
        quote();
        if (health == BookHealth.VALID.value())
        {
            decimal(KEY_BID_PRICE, book.bidPrice());
            decimal(KEY_BID_QTY, book.bidQty());
            decimal(KEY_ASK_PRICE, book.askPrice());
            decimal(KEY_ASK_QTY, book.askQty());
        }

        // every bid is stepped over, printed or not: the asks group follows the last one
        put(KEY_BIDS);
        int printed = 0;
        for (final BookUpdateDecoder.BidsDecoder level : book.bids())
        {
            if (printed < maxLevels)
            {
                level(printed++ == 0, level.price(), level.qty());
            }
        }
        putByte(']');
        put(KEY_ASKS);
        printed = 0;
        for (final BookUpdateDecoder.AsksDecoder level : book.asks())
        {
            if (printed < maxLevels)
            {
                level(printed++ == 0, level.price(), level.qty());
            }
        }
        putByte(']');
    }

    private void level(final boolean first, final Decimal64Decoder price, final Decimal64Decoder qty)
    {
        if (!first)
        {
            putByte(',');
        }
        putByte('[');
        putByte('"');
        pos += Decimals.appendAscii(out, pos, price.mantissa(), price.exponent());
        putByte('"');
        putByte(',');
        putByte('"');
        pos += Decimals.appendAscii(out, pos, qty.mantissa(), qty.exponent());
        putByte('"');
        putByte(']');
    }

    private void encodeBbo()
    {
        common(TYPE_BBO, bbo.instrumentId(), bbo.venueRaw(), bbo.exchTsNs(), bbo.recvTsNs());
        integer(KEY_SEQ, bbo.seq(), BboDecoder.seqNullValue());
        decimal(KEY_BID_PRICE, bbo.bidPrice());
        decimal(KEY_BID_QTY, bbo.bidQty());
        decimal(KEY_ASK_PRICE, bbo.askPrice());
        decimal(KEY_ASK_QTY, bbo.askQty());
    }

    private void encodeFunding()
    {
        common(TYPE_FUNDING, funding.instrumentId(), funding.venueRaw(), funding.exchTsNs(), funding.recvTsNs());
        decimal(KEY_MARK_PRICE, funding.markPrice());
        decimal(KEY_INDEX_PRICE, funding.indexPrice());
        decimal(KEY_FUNDING_RATE, funding.fundingRate());
        integer(KEY_NEXT_FUNDING_TS, funding.nextFundingTsNs(), FundingDecoder.nextFundingTsNsNullValue());
    }

    private void encodeStatus()
    {
        common(TYPE_STATUS, status.instrumentId(), status.venueRaw(), status.exchTsNs(), status.recvTsNs());
        final short event = status.eventTypeRaw();
        put(KEY_EVENT);
        if (event > 0 && event < EVENT_NAMES.length)
        {
            put(EVENT_NAMES[event]);
        }
        else
        {
            pos += out.putStringWithoutLengthAscii(pos, "unknown");
        }
        quote();
        put(KEY_REASON);
        pos += StatusReasons.describe(
            out, pos, status.reasonRaw(), status.expectedSeq(), status.receivedSeq(), status.detail());
        quote();
    }

    private void encodeInstrument()
    {
        final int id = instrument.instrumentId();
        final short venue = instrument.venueRaw();
        final short kind = instrument.kindRaw();
        final short optionType = instrument.optionTypeRaw();
        final long recvTs = instrument.recvTsNs();
        final long expiryTs = instrument.expiryTsNs();
        final long strikeMantissa = instrument.strike().mantissa();
        final byte strikeExponent = instrument.strike().exponent();
        final long tickMantissa = instrument.tickSize().mantissa();
        final byte tickExponent = instrument.tickSize().exponent();
        final long lotMantissa = instrument.lotSize().mantissa();
        final byte lotExponent = instrument.lotSize().exponent();
        final long contractMantissa = instrument.contractSize().mantissa();
        final byte contractExponent = instrument.contractSize().exponent();
        final String symbol = instrument.symbol();
        final String venueSymbol = instrument.venueSymbol();
        final String base = instrument.baseAsset();
        final String quoteAsset = instrument.quoteAsset();
        catalog.define(id, symbol, venueSymbol);

        common(TYPE_INSTRUMENT, id, venue, InstrumentDecoder.recvTsNsNullValue(), recvTs);
        text(KEY_BASE, base);
        text(KEY_QUOTE, quoteAsset);
        if (kind > 0 && kind < KIND_NAMES.length)
        {
            put(KEY_KIND);
            put(KIND_NAMES[kind]);
            quote();
        }
        decimal(KEY_TICK_SIZE, tickMantissa, tickExponent);
        decimal(KEY_LOT_SIZE, lotMantissa, lotExponent);
        decimal(KEY_CONTRACT_SIZE, contractMantissa, contractExponent);
        integer(KEY_EXPIRY_TS, expiryTs, InstrumentDecoder.expiryTsNsNullValue());
        decimal(KEY_STRIKE, strikeMantissa, strikeExponent);
        if (optionType == 1 || optionType == 2)
        {
            put(KEY_OPTION_TYPE);
            put(OPTION_TYPE_NAMES[optionType]);
            quote();
        }
    }

    private void common(
        final byte[] type, final int instrumentId, final short venue, final long exchTs, final long recvTs)
    {
        put(type);
        final byte[] venueName = VenueNames.nameBytes(venue);
        if (venueName != null)
        {
            put(KEY_VENUE);
            put(venueName);
            quote();
        }
        if (catalog.isKnown(instrumentId))
        {
            put(KEY_SYMBOL);
            put(catalog.symbol(instrumentId));
            quote();
            put(KEY_VENUE_SYMBOL);
            put(catalog.venueSymbol(instrumentId));
            quote();
        }
        integer(KEY_EXCH_TS, exchTs, Long.MIN_VALUE);
        integer(KEY_RECV_TS, recvTs, Long.MIN_VALUE);
    }

    private void decimal(final byte[] key, final Decimal64Decoder value)
    {
        decimal(key, value.mantissa(), value.exponent());
    }

    private void decimal(final byte[] key, final long mantissa, final int exponent)
    {
        if (mantissa != Decimal64Decoder.mantissaNullValue())
        {
            put(key);
            pos += Decimals.appendAscii(out, pos, mantissa, exponent);
            quote();
        }
    }

    private void integer(final byte[] key, final long value, final long nullValue)
    {
        if (value != nullValue)
        {
            put(key);
            pos += Decimals.appendLong(out, pos, value);
        }
    }

    private void text(final byte[] key, final String value)
    {
        if (!value.isEmpty())
        {
            put(key);
            pos += out.putStringWithoutLengthAscii(pos, value);
            quote();
        }
    }

    private void quote()
    {
        putByte('"');
    }

    private void putByte(final char c)
    {
        out.putByte(pos++, (byte)c);
    }

    private void put(final byte[] bytes)
    {
        out.putBytes(pos, bytes);
        pos += bytes.length;
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
