/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.engine.MessageSink;
import io.marketprism.sbe.BboEncoder;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateEncoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.Decimal64Encoder;
import io.marketprism.sbe.FundingEncoder;
import io.marketprism.sbe.GroupSizeEncodingEncoder;
import io.marketprism.sbe.LiquidationEncoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.OpenInterestEncoder;
import io.marketprism.sbe.RatioEncoder;
import io.marketprism.sbe.RatioKind;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusEncoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeEncoder;
import io.marketprism.sbe.Venue;
import io.marketprism.sbe.VolatilityIndexEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Encodes the SBE messages a venue decoder makes of a frame straight into space claimed on a {@link MessageSink}:
 * one writer per decoder, for one venue. Every decoder parses its venue's text its own way and hands the values
 * here, so the wire form of a trade or a book update is written in one place.
 * <p>
 * Values are passed as they were parsed; a decimal whose mantissa is {@link #NULL_MANTISSA} is absent (its exponent
 * is then written as 0, whatever is passed). The symbol of
 * the messages is set with {@link #symbol(DirectBuffer, int, int)} before they are written. Each write returns 1 for
 * the message committed, or {@link MessageSink#TOO_LARGE} when the sink can never hold it (nothing is committed).
 * Single-threaded; does not allocate.
 */
public final class MessageWriter
{
    /** Bytes reserved after a snapshot by default, so normalize can rewrite it as the maintained book (~900 levels). */
    public static final int DEFAULT_SNAPSHOT_HEADROOM = 16 * 1024;

    /** The null mantissa of an absent decimal. */
    public static final long NULL_MANTISSA = Long.MIN_VALUE;

    /** The null value of optional sequence ids, times, checksums and details. */
    public static final long NULL_VALUE = Long.MIN_VALUE;

    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int TRADE_LENGTH = HEADER_LENGTH + TradeEncoder.BLOCK_LENGTH;
    private static final int BBO_LENGTH = HEADER_LENGTH + BboEncoder.BLOCK_LENGTH;
    private static final int FUNDING_LENGTH = HEADER_LENGTH + FundingEncoder.BLOCK_LENGTH;
    private static final int STATUS_LENGTH = HEADER_LENGTH + StatusEncoder.BLOCK_LENGTH;
    private static final int OPEN_INTEREST_LENGTH = HEADER_LENGTH + OpenInterestEncoder.BLOCK_LENGTH;
    private static final int LIQUIDATION_LENGTH = HEADER_LENGTH + LiquidationEncoder.BLOCK_LENGTH;
    private static final int RATIO_LENGTH = HEADER_LENGTH + RatioEncoder.BLOCK_LENGTH;
    private static final int VOLATILITY_INDEX_LENGTH = HEADER_LENGTH + VolatilityIndexEncoder.BLOCK_LENGTH;
    /** A trade's message header as one little-endian word ({@link #headerWord}). */
    private static final long TRADE_HEADER = headerWord(TradeEncoder.BLOCK_LENGTH, TradeEncoder.TEMPLATE_ID,
        TradeEncoder.SCHEMA_ID, TradeEncoder.SCHEMA_VERSION);
    private static final int TRADE_PRICE_MANTISSA =
        TradeEncoder.priceEncodingOffset() + Decimal64Encoder.mantissaEncodingOffset();
    private static final int TRADE_PRICE_EXPONENT =
        TradeEncoder.priceEncodingOffset() + Decimal64Encoder.exponentEncodingOffset();
    private static final int TRADE_QTY_MANTISSA =
        TradeEncoder.qtyEncodingOffset() + Decimal64Encoder.mantissaEncodingOffset();
    private static final int TRADE_QTY_EXPONENT =
        TradeEncoder.qtyEncodingOffset() + Decimal64Encoder.exponentEncodingOffset();
    /** A trade's fields are put straight into memory where that gives the encoder's bytes: little-endian both. */
    private static final boolean DIRECT_TRADE_WRITE =
        ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN && TradeEncoder.BYTE_ORDER == ByteOrder.LITTLE_ENDIAN;
    private static final int BOOK_FIXED_LENGTH =
        HEADER_LENGTH + BookUpdateEncoder.BLOCK_LENGTH + 2 * GroupSizeEncodingEncoder.ENCODED_LENGTH;

    static
    {
        if (TradeEncoder.exchTsNsNullValue() != NULL_VALUE || BookUpdateEncoder.seqNullValue() != NULL_VALUE ||
            BookUpdateEncoder.checksumNullValue() != NULL_VALUE || StatusEncoder.detailNullValue() != NULL_VALUE)
        {
            throw new IllegalStateException("schema changed the null value of optional int64 fields");
        }
    }

    private final Venue venue;
    private final int snapshotHeadroom;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final BookUpdateEncoder book = new BookUpdateEncoder();
    private final BboEncoder bbo = new BboEncoder();
    private final FundingEncoder funding = new FundingEncoder();
    private final StatusEncoder status = new StatusEncoder();
    private final OpenInterestEncoder openInterest = new OpenInterestEncoder();
    private final LiquidationEncoder liquidation = new LiquidationEncoder();
    private final RatioEncoder ratio = new RatioEncoder();
    private final VolatilityIndexEncoder volatilityIndex = new VolatilityIndexEncoder();

    private DirectBuffer symbolBuffer;
    private int symbolOffset;
    private int symbolLength;

    /**
     * @param venue            the venue stamped on every message.
     * @param snapshotHeadroom bytes reserved after a book snapshot so normalize can rewrite it as the maintained
     *                         book.
     */
    public MessageWriter(final Venue venue, final int snapshotHeadroom)
    {
        if (snapshotHeadroom < 0)
        {
            throw new IllegalArgumentException("snapshotHeadroom must be >= 0: " + snapshotHeadroom);
        }
        this.venue = venue;
        this.snapshotHeadroom = snapshotHeadroom;
    }

    /**
     * @return the venue stamped on every message.
     */
    public Venue venue()
    {
        return venue;
    }

    /**
     * Sets the venue symbol committed with the next messages; it must stay unchanged until they are written.
     *
     * @param buffer holding the symbol (ASCII), or null for none.
     * @param offset its offset.
     * @param length its length; 0 for none.
     */
    public void symbol(final DirectBuffer buffer, final int offset, final int length)
    {
        if (symbolBuffer != buffer)
        {
            // stored only when it changes: a reference store costs the collector's write barriers
            symbolBuffer = buffer;
        }
        symbolOffset = offset;
        symbolLength = length;
    }

    /**
     * Writes a trade.
     *
     * @param sink          where it goes.
     * @param side          taker side.
     * @param exchTsNs      venue time, or {@link #NULL_VALUE}.
     * @param recvTsNs      receive time.
     * @param tradeId       venue trade id, or {@link #NULL_VALUE}.
     * @param priceMantissa price mantissa.
     * @param priceExponent price exponent.
     * @param qtyMantissa   quantity mantissa.
     * @param qtyExponent   quantity exponent.
     * @return 1, or {@link MessageSink#TOO_LARGE}.
     */
    public int trade(
        final MessageSink sink,
        final Side side,
        final long exchTsNs,
        final long recvTsNs,
        final long tradeId,
        final long priceMantissa,
        final int priceExponent,
        final long qtyMantissa,
        final int qtyExponent)
    {
        final int offset = sink.claim(TRADE_LENGTH);
        if (offset < 0)
        {
            return MessageSink.TOO_LARGE;
        }
        final MutableDirectBuffer buffer = sink.buffer();
        if (DIRECT_TRADE_WRITE)
        {
            // one bounds check for the whole message, then each field where the generated encoder puts it (its
            // offsets), little-endian as it writes them: the same bytes without a check per field
            buffer.boundsCheck(offset, TRADE_LENGTH);
            final byte[] array = buffer.byteArray();
            final long header = buffer.addressOffset() + offset;
            final long body = header + HEADER_LENGTH;
            UnsafeApi.putLong(array, header, TRADE_HEADER);
            UnsafeApi.putInt(array, body + TradeEncoder.instrumentIdEncodingOffset(), 0);
            UnsafeApi.putByte(array, body + TradeEncoder.venueEncodingOffset(), (byte)venue.value());
            UnsafeApi.putByte(array, body + TradeEncoder.sideEncodingOffset(), (byte)side.value());
            UnsafeApi.putLong(array, body + TradeEncoder.exchTsNsEncodingOffset(), exchTsNs);
            UnsafeApi.putLong(array, body + TradeEncoder.recvTsNsEncodingOffset(), recvTsNs);
            UnsafeApi.putLong(array, body + TRADE_PRICE_MANTISSA, priceMantissa);
            UnsafeApi.putByte(array, body + TRADE_PRICE_EXPONENT, (byte)priceExponent);
            UnsafeApi.putLong(array, body + TRADE_QTY_MANTISSA, qtyMantissa);
            UnsafeApi.putByte(array, body + TRADE_QTY_EXPONENT, (byte)qtyExponent);
            UnsafeApi.putLong(array, body + TradeEncoder.tradeIdEncodingOffset(), tradeId);
        }
        else
        {
            buffer.putLong(offset, TRADE_HEADER, ByteOrder.LITTLE_ENDIAN);
            trade.wrap(buffer, offset + HEADER_LENGTH)
                .instrumentId(0)
                .venue(venue)
                .side(side)
                .exchTsNs(exchTsNs)
                .recvTsNs(recvTsNs)
                .tradeId(tradeId);
            trade.price().mantissa(priceMantissa).exponent((byte)priceExponent);
            trade.qty().mantissa(qtyMantissa).exponent((byte)qtyExponent);
        }
        sink.commit(TRADE_LENGTH, symbolBuffer, symbolOffset, symbolLength);
        return 1;
    }

    /**
     * Writes a best bid and offer.
     *
     * @param sink             where it goes.
     * @param exchTsNs         venue time, or {@link #NULL_VALUE}.
     * @param recvTsNs         receive time.
     * @param seq              venue sequence id, or {@link #NULL_VALUE}.
     * @param bidPriceMantissa best bid price mantissa, or {@link #NULL_MANTISSA}.
     * @param bidPriceExponent its exponent.
     * @param bidQtyMantissa   best bid quantity mantissa, or {@link #NULL_MANTISSA}.
     * @param bidQtyExponent   its exponent.
     * @param askPriceMantissa best ask price mantissa, or {@link #NULL_MANTISSA}.
     * @param askPriceExponent its exponent.
     * @param askQtyMantissa   best ask quantity mantissa, or {@link #NULL_MANTISSA}.
     * @param askQtyExponent   its exponent.
     * @return 1, or {@link MessageSink#TOO_LARGE}.
     */
    public int bbo(
        final MessageSink sink,
        final long exchTsNs,
        final long recvTsNs,
        final long seq,
        final long bidPriceMantissa,
        final int bidPriceExponent,
        final long bidQtyMantissa,
        final int bidQtyExponent,
        final long askPriceMantissa,
        final int askPriceExponent,
        final long askQtyMantissa,
        final int askQtyExponent)
    {
        final int offset = sink.claim(BBO_LENGTH);
        if (offset < 0)
        {
            return MessageSink.TOO_LARGE;
        }
        bbo.wrapAndApplyHeader(sink.buffer(), offset, header)
            .instrumentId(0)
            .venue(venue)
            .exchTsNs(exchTsNs)
            .recvTsNs(recvTsNs)
            .seq(seq);
        bbo.bidPrice().mantissa(bidPriceMantissa).exponent(exponent(bidPriceMantissa, bidPriceExponent));
        bbo.bidQty().mantissa(bidQtyMantissa).exponent(exponent(bidQtyMantissa, bidQtyExponent));
        bbo.askPrice().mantissa(askPriceMantissa).exponent(exponent(askPriceMantissa, askPriceExponent));
        bbo.askQty().mantissa(askQtyMantissa).exponent(exponent(askQtyMantissa, askQtyExponent));
        sink.commit(BBO_LENGTH, symbolBuffer, symbolOffset, symbolLength);
        return 1;
    }

    /**
     * Writes funding and mark data.
     *
     * @param sink                where it goes.
     * @param exchTsNs            venue time, or {@link #NULL_VALUE}.
     * @param recvTsNs            receive time.
     * @param nextFundingTsNs     next funding time, or {@link #NULL_VALUE}.
     * @param markPriceMantissa   mark price mantissa, or {@link #NULL_MANTISSA}.
     * @param markPriceExponent   its exponent.
     * @param indexPriceMantissa  index price mantissa, or {@link #NULL_MANTISSA}.
     * @param indexPriceExponent  its exponent.
     * @param fundingRateMantissa funding rate mantissa, or {@link #NULL_MANTISSA}.
     * @param fundingRateExponent its exponent.
     * @return 1, or {@link MessageSink#TOO_LARGE}.
     */
    public int funding(
        final MessageSink sink,
        final long exchTsNs,
        final long recvTsNs,
        final long nextFundingTsNs,
        final long markPriceMantissa,
        final int markPriceExponent,
        final long indexPriceMantissa,
        final int indexPriceExponent,
        final long fundingRateMantissa,
        final int fundingRateExponent)
    {
        final int offset = sink.claim(FUNDING_LENGTH);
        if (offset < 0)
        {
            return MessageSink.TOO_LARGE;
        }
        funding.wrapAndApplyHeader(sink.buffer(), offset, header)
            .instrumentId(0)
            .venue(venue)
            .exchTsNs(exchTsNs)
            .recvTsNs(recvTsNs)
            .nextFundingTsNs(nextFundingTsNs);
        funding.markPrice().mantissa(markPriceMantissa).exponent(exponent(markPriceMantissa, markPriceExponent));
        funding.indexPrice().mantissa(indexPriceMantissa)
            .exponent(exponent(indexPriceMantissa, indexPriceExponent));
        funding.fundingRate().mantissa(fundingRateMantissa)
            .exponent(exponent(fundingRateMantissa, fundingRateExponent));
        sink.commit(FUNDING_LENGTH, symbolBuffer, symbolOffset, symbolLength);
        return 1;
    }

    /**
     * Writes open interest.
     *
     * @param sink          where it goes.
     * @param exchTsNs      venue time, or {@link #NULL_VALUE}.
     * @param recvTsNs      receive time.
     * @param oiMantissa    open interest (contracts or base units, as the venue gives) mantissa.
     * @param oiExponent    its exponent.
     * @param valueMantissa its value in the quote or settle currency, or {@link #NULL_MANTISSA}.
     * @param valueExponent its exponent.
     * @return 1, or {@link MessageSink#TOO_LARGE}.
     */
    public int openInterest(
        final MessageSink sink,
        final long exchTsNs,
        final long recvTsNs,
        final long oiMantissa,
        final int oiExponent,
        final long valueMantissa,
        final int valueExponent)
    {
        final int offset = sink.claim(OPEN_INTEREST_LENGTH);
        if (offset < 0)
        {
            return MessageSink.TOO_LARGE;
        }
        openInterest.wrapAndApplyHeader(sink.buffer(), offset, header)
            .instrumentId(0)
            .venue(venue)
            .exchTsNs(exchTsNs)
            .recvTsNs(recvTsNs);
        openInterest.openInterest().mantissa(oiMantissa).exponent(exponent(oiMantissa, oiExponent));
        openInterest.openInterestValue().mantissa(valueMantissa).exponent(exponent(valueMantissa, valueExponent));
        sink.commit(OPEN_INTEREST_LENGTH, symbolBuffer, symbolOffset, symbolLength);
        return 1;
    }

    /**
     * Writes a forced liquidation.
     *
     * @param sink          where it goes.
     * @param side          side of the liquidated order.
     * @param exchTsNs      venue time, or {@link #NULL_VALUE}.
     * @param recvTsNs      receive time.
     * @param priceMantissa price mantissa.
     * @param priceExponent price exponent.
     * @param qtyMantissa   quantity mantissa.
     * @param qtyExponent   quantity exponent.
     * @return 1, or {@link MessageSink#TOO_LARGE}.
     */
    public int liquidation(
        final MessageSink sink,
        final Side side,
        final long exchTsNs,
        final long recvTsNs,
        final long priceMantissa,
        final int priceExponent,
        final long qtyMantissa,
        final int qtyExponent)
    {
        final int offset = sink.claim(LIQUIDATION_LENGTH);
        if (offset < 0)
        {
            return MessageSink.TOO_LARGE;
        }
        liquidation.wrapAndApplyHeader(sink.buffer(), offset, header)
            .instrumentId(0)
            .venue(venue)
            .side(side)
            .exchTsNs(exchTsNs)
            .recvTsNs(recvTsNs);
        liquidation.price().mantissa(priceMantissa).exponent(exponent(priceMantissa, priceExponent));
        liquidation.qty().mantissa(qtyMantissa).exponent(exponent(qtyMantissa, qtyExponent));
        sink.commit(LIQUIDATION_LENGTH, symbolBuffer, symbolOffset, symbolLength);
        return 1;
    }

    /**
     * Writes a long/short ratio.
     *
     * @param sink          where it goes.
     * @param kind          which ratio.
     * @param exchTsNs      venue time, or {@link #NULL_VALUE}.
     * @param recvTsNs      receive time.
     * @param ratioMantissa the long/short (or buy/sell) ratio mantissa.
     * @param ratioExponent its exponent.
     * @param longMantissa  share long (or buy volume), or {@link #NULL_MANTISSA}.
     * @param longExponent  its exponent.
     * @param shortMantissa share short (or sell volume), or {@link #NULL_MANTISSA}.
     * @param shortExponent its exponent.
     * @return 1, or {@link MessageSink#TOO_LARGE}.
     */
    public int ratio(
        final MessageSink sink,
        final RatioKind kind,
        final long exchTsNs,
        final long recvTsNs,
        final long ratioMantissa,
        final int ratioExponent,
        final long longMantissa,
        final int longExponent,
        final long shortMantissa,
        final int shortExponent)
    {
        final int offset = sink.claim(RATIO_LENGTH);
        if (offset < 0)
        {
            return MessageSink.TOO_LARGE;
        }
        ratio.wrapAndApplyHeader(sink.buffer(), offset, header)
            .instrumentId(0)
            .venue(venue)
            .kind(kind)
            .exchTsNs(exchTsNs)
            .recvTsNs(recvTsNs);
        ratio.longShortRatio().mantissa(ratioMantissa).exponent(exponent(ratioMantissa, ratioExponent));
        ratio.longAccount().mantissa(longMantissa).exponent(exponent(longMantissa, longExponent));
        ratio.shortAccount().mantissa(shortMantissa).exponent(exponent(shortMantissa, shortExponent));
        sink.commit(RATIO_LENGTH, symbolBuffer, symbolOffset, symbolLength);
        return 1;
    }

    /**
     * Writes a volatility index value, or a bar of it (open, high, low, close; value = close).
     *
     * @param sink     where it goes.
     * @param exchTsNs venue time, or {@link #NULL_VALUE}.
     * @param recvTsNs receive time.
     * @param values   mantissas of value, open, high, low, close ({@link #NULL_MANTISSA} for absent ones).
     * @param exponents their exponents.
     * @return 1, or {@link MessageSink#TOO_LARGE}.
     */
    public int volatilityIndex(
        final MessageSink sink,
        final long exchTsNs,
        final long recvTsNs,
        final long[] values,
        final int[] exponents)
    {
        final int offset = sink.claim(VOLATILITY_INDEX_LENGTH);
        if (offset < 0)
        {
            return MessageSink.TOO_LARGE;
        }
        volatilityIndex.wrapAndApplyHeader(sink.buffer(), offset, header)
            .instrumentId(0)
            .venue(venue)
            .exchTsNs(exchTsNs)
            .recvTsNs(recvTsNs);
        volatilityIndex.value().mantissa(values[0]).exponent(exponent(values[0], exponents[0]));
        volatilityIndex.openValue().mantissa(values[1]).exponent(exponent(values[1], exponents[1]));
        volatilityIndex.highValue().mantissa(values[2]).exponent(exponent(values[2], exponents[2]));
        volatilityIndex.lowValue().mantissa(values[3]).exponent(exponent(values[3], exponents[3]));
        volatilityIndex.closeValue().mantissa(values[4]).exponent(exponent(values[4], exponents[4]));
        sink.commit(VOLATILITY_INDEX_LENGTH, symbolBuffer, symbolOffset, symbolLength);
        return 1;
    }

    /**
     * Writes a book snapshot or update; the maintained top is left null for normalize to fill in.
     *
     * @param sink     where it goes.
     * @param snapshot true for a snapshot (the space claimed includes the snapshot headroom).
     * @param exchTsNs venue time, or {@link #NULL_VALUE}.
     * @param recvTsNs receive time.
     * @param seq      the venue's id of the message, or {@link #NULL_VALUE}.
     * @param prevSeq  the venue's id of the previous message, or {@link #NULL_VALUE}.
     * @param firstSeq the first id the message covers, or {@link #NULL_VALUE}.
     * @param checksum the venue's checksum of its book after the message, or {@link #NULL_VALUE}.
     * @param bids     bid levels.
     * @param asks     ask levels.
     * @return 1, or {@link MessageSink#TOO_LARGE}.
     */
    public int book(
        final MessageSink sink,
        final boolean snapshot,
        final long exchTsNs,
        final long recvTsNs,
        final long seq,
        final long prevSeq,
        final long firstSeq,
        final long checksum,
        final LevelBuffer bids,
        final LevelBuffer asks)
    {
        final int length = BOOK_FIXED_LENGTH + (bids.count() + asks.count()) * LevelBuffer.LEVEL_LENGTH;
        final int offset = sink.claim(snapshot ? length + snapshotHeadroom : length);
        if (offset < 0)
        {
            return MessageSink.TOO_LARGE;
        }
        book.wrapAndApplyHeader(sink.buffer(), offset, header)
            .instrumentId(0)
            .venue(venue)
            .snapshot(snapshot ? BooleanType.TRUE : BooleanType.FALSE)
            .health(BookHealth.UNKNOWN)
            .exchTsNs(exchTsNs)
            .recvTsNs(recvTsNs)
            .seq(seq)
            .prevSeq(prevSeq)
            .firstSeq(firstSeq)
            .checksum(checksum);
        book.bidPrice().mantissa(NULL_MANTISSA).exponent((byte)0);
        book.bidQty().mantissa(NULL_MANTISSA).exponent((byte)0);
        book.askPrice().mantissa(NULL_MANTISSA).exponent((byte)0);
        book.askQty().mantissa(NULL_MANTISSA).exponent((byte)0);

        // the levels are already group entries: write each group's header, then copy its entries in one go
        book.bidsCount(bids.count());
        book.limit(book.limit() + bids.copyTo(sink.buffer(), book.limit()));
        book.asksCount(asks.count());
        book.limit(book.limit() + asks.copyTo(sink.buffer(), book.limit()));
        sink.commit(length, symbolBuffer, symbolOffset, symbolLength);
        return 1;
    }

    /**
     * Writes a {@code malformed} status for a frame or message that was skipped. It carries no symbol.
     *
     * @param sink     where it goes.
     * @param reason   why.
     * @param detail   where (byte offset into the frame) or how large.
     * @param recvTsNs receive time.
     * @return 1, or 0 when even a status message does not fit.
     */
    public int malformed(final MessageSink sink, final StatusReason reason, final long detail, final long recvTsNs)
    {
        final int offset = sink.claim(STATUS_LENGTH);
        if (offset < 0)
        {
            return 0;
        }
        status.wrapAndApplyHeader(sink.buffer(), offset, header)
            .instrumentId(0)
            .venue(venue)
            .eventType(StatusEvent.MALFORMED)
            .reason(reason)
            .exchTsNs(NULL_VALUE)
            .recvTsNs(recvTsNs)
            .expectedSeq(NULL_VALUE)
            .receivedSeq(NULL_VALUE)
            .detail(detail);
        sink.commit(STATUS_LENGTH, null, 0, 0);
        return 1;
    }

    /**
     * Writes a connection event ({@code CONNECTED}, {@code DISCONNECTED}, {@code SUBSCRIBED}) for the symbol set by
     * {@link #symbol}: normalize forgets that book on {@code DISCONNECTED} (every book of the venue when no symbol is
     * set), so it stays {@code resyncing} until a new snapshot syncs it.
     *
     * @param sink     where it goes.
     * @param event    the event.
     * @param recvTsNs when it happened, ns since the epoch.
     * @return 1, or 0 when it does not fit.
     */
    public int connectionStatus(final MessageSink sink, final StatusEvent event, final long recvTsNs)
    {
        return symbolStatus(sink, event, StatusReason.NONE, NULL_VALUE, recvTsNs);
    }

    /**
     * Writes a staleness check for the book of the symbol set by {@link #symbol}: a {@code STALE} status whose detail
     * is the stale-after time. Normalize passes it on (its detail rewritten to the book's age) only when the book has
     * had no message for at least that long, in ring order, and removes it otherwise.
     *
     * @param sink         where to write.
     * @param staleAfterNs the stale-after time, ns; above 0.
     * @param recvTsNs     now, on the clock of the feed's receive times.
     * @return messages written: 1, or 0 when the sink refused the claim.
     */
    public int staleCheck(final MessageSink sink, final long staleAfterNs, final long recvTsNs)
    {
        return symbolStatus(sink, StatusEvent.STALE, StatusReason.NO_UPDATE, staleAfterNs, recvTsNs);
    }

    private int symbolStatus(
        final MessageSink sink,
        final StatusEvent event,
        final StatusReason reason,
        final long detail,
        final long recvTsNs)
    {
        final int offset = sink.claim(STATUS_LENGTH);
        if (offset < 0)
        {
            return 0;
        }
        status.wrapAndApplyHeader(sink.buffer(), offset, header)
            .instrumentId(0)
            .venue(venue)
            .eventType(event)
            .reason(reason)
            .exchTsNs(NULL_VALUE)
            .recvTsNs(recvTsNs)
            .expectedSeq(NULL_VALUE)
            .receivedSeq(NULL_VALUE)
            .detail(detail);
        sink.commit(STATUS_LENGTH, symbolBuffer, symbolOffset, symbolLength);
        return 1;
    }

    /**
     * @return the exponent to write: 0 for an absent decimal, so that equal messages encode to equal bytes.
     */
    private static byte exponent(final long mantissa, final int exponent)
    {
        return mantissa == NULL_MANTISSA ? 0 : (byte)exponent;
    }

    /**
     * A message header as the header encoder writes it, read back as one little-endian word, so that a hot writer
     * puts it in one write.
     */
    private static long headerWord(final int blockLength, final int templateId, final int schemaId, final int version)
    {
        if (MessageHeaderEncoder.ENCODED_LENGTH != Long.BYTES)
        {
            throw new IllegalStateException("schema changed the message header's length");
        }
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[Long.BYTES]);
        new MessageHeaderEncoder().wrap(scratch, 0)
            .blockLength(blockLength)
            .templateId(templateId)
            .schemaId(schemaId)
            .version(version);
        return scratch.getLong(0, ByteOrder.LITTLE_ENDIAN);
    }
}
