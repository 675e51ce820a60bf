/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.codecs;

import io.marketprism.sbe.BboEncoder;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateEncoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.FundingEncoder;
import io.marketprism.sbe.InstrumentEncoder;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.LiquidationEncoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.OpenInterestEncoder;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.RatioEncoder;
import io.marketprism.sbe.RatioKind;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusEncoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeEncoder;
import io.marketprism.sbe.Venue;
import io.marketprism.sbe.VolatilityIndexEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * One representative message of every template, built with the generated encoders; each method returns the encoded
 * length, header included.
 */
final class SampleMessages
{
    static final long NULL = Long.MIN_VALUE;
    static final int BTC_USDT = 7;
    static final int BTC_USDT_PERP = 8;
    static final int BTC_OPTION = 9;

    private SampleMessages()
    {
    }

    static int spotInstrument(final MutableDirectBuffer buffer, final int offset)
    {
        final InstrumentEncoder encoder = new InstrumentEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(BTC_USDT)
            .venue(Venue.BINANCE_SPOT)
            .kind(InstrumentKind.SPOT)
            .optionType(OptionType.NULL_VAL)
            .recvTsNs(1723161254087000000L)
            .expiryTsNs(NULL);
        encoder.strike().mantissa(NULL).exponent((byte)0);
        encoder.tickSize().mantissa(1).exponent((byte)-2);
        encoder.lotSize().mantissa(1000).exponent((byte)-8);
        encoder.contractSize().mantissa(NULL).exponent((byte)0);
        encoder.symbol("BTC-USDT").venueSymbol("BTCUSDT").baseAsset("BTC").quoteAsset("USDT");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int perpetualInstrument(final MutableDirectBuffer buffer, final int offset)
    {
        final InstrumentEncoder encoder = new InstrumentEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(BTC_USDT_PERP)
            .venue(Venue.BINANCE_USDM)
            .kind(InstrumentKind.PERPETUAL)
            .optionType(OptionType.NULL_VAL)
            .recvTsNs(NULL)
            .expiryTsNs(NULL);
        encoder.strike().mantissa(NULL).exponent((byte)0);
        encoder.tickSize().mantissa(NULL).exponent((byte)0);
        encoder.lotSize().mantissa(NULL).exponent((byte)0);
        encoder.contractSize().mantissa(NULL).exponent((byte)0);
        encoder.symbol("BTC-USDT-PERP").venueSymbol("BTCUSDT").baseAsset("").quoteAsset("");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int optionInstrument(final MutableDirectBuffer buffer, final int offset)
    {
        final InstrumentEncoder encoder = new InstrumentEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(BTC_OPTION)
            .venue(Venue.DERIBIT)
            .kind(InstrumentKind.OPTION)
            .optionType(OptionType.CALL)
            .recvTsNs(1723161254000000001L)
            .expiryTsNs(1727424000000000000L);
        encoder.strike().mantissa(6000000).exponent((byte)-2);
        encoder.tickSize().mantissa(5).exponent((byte)-4);
        encoder.lotSize().mantissa(1).exponent((byte)-1);
        encoder.contractSize().mantissa(1).exponent((byte)0);
        encoder.symbol("BTC-USD-20240927-60000-C").venueSymbol("BTC-27SEP24-60000-C")
            .baseAsset("BTC").quoteAsset("USD");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int trade(final MutableDirectBuffer buffer, final int offset)
    {
        final TradeEncoder encoder = new TradeEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(BTC_USDT)
            .venue(Venue.BINANCE_SPOT)
            .side(Side.SELL)
            .exchTsNs(1723161255342000000L)
            .recvTsNs(1723161254087896568L)
            .tradeId(3735683259L);
        encoder.price().mantissa(6183763000000L).exponent((byte)-8);
        encoder.qty().mantissa(2000000).exponent((byte)-8);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int book(final MutableDirectBuffer buffer, final int offset, final BookHealth health)
    {
        final BookUpdateEncoder encoder = new BookUpdateEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(BTC_USDT)
            .venue(Venue.BINANCE_SPOT)
            .snapshot(BooleanType.FALSE)
            .health(health)
            .exchTsNs(1723161255342000000L)
            .recvTsNs(1723161254087896568L)
            .seq(50093239212L)
            .prevSeq(NULL)
            .firstSeq(50093239200L);
        encoder.bidPrice().mantissa(6183763).exponent((byte)-2);
        encoder.bidQty().mantissa(378826000).exponent((byte)-8);
        encoder.askPrice().mantissa(6183764).exponent((byte)-2);
        encoder.askQty().mantissa(154698).exponent((byte)-5);
        final BookUpdateEncoder.BidsEncoder bids = encoder.bidsCount(2);
        bids.next().price().mantissa(6183763000000L).exponent((byte)-8);
        bids.qty().mantissa(378826000).exponent((byte)-8);
        bids.next().price().mantissa(6183762000000L).exponent((byte)-8);
        bids.qty().mantissa(0).exponent((byte)-8);
        final BookUpdateEncoder.AsksEncoder asks = encoder.asksCount(1);
        asks.next().price().mantissa(6183764000000L).exponent((byte)-8);
        asks.qty().mantissa(154698000).exponent((byte)-8);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int snapshotWithoutAsks(final MutableDirectBuffer buffer, final int offset)
    {
        final BookUpdateEncoder encoder = new BookUpdateEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(BTC_USDT_PERP)
            .venue(Venue.BINANCE_USDM)
            .snapshot(BooleanType.TRUE)
            .health(BookHealth.RESYNCING)
            .exchTsNs(NULL)
            .recvTsNs(1723161254087896999L)
            .seq(1000)
            .prevSeq(999)
            .firstSeq(NULL);
        encoder.bidPrice().mantissa(6183763).exponent((byte)-2);
        encoder.bidQty().mantissa(1).exponent((byte)0);
        encoder.askPrice().mantissa(NULL).exponent((byte)0);
        encoder.askQty().mantissa(NULL).exponent((byte)0);
        final BookUpdateEncoder.BidsEncoder bids = encoder.bidsCount(1);
        bids.next().price().mantissa(5).exponent((byte)3);
        bids.qty().mantissa(100).exponent((byte)0);
        encoder.asksCount(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int bbo(final MutableDirectBuffer buffer, final int offset)
    {
        final BboEncoder encoder = new BboEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(BTC_USDT)
            .venue(Venue.BINANCE_SPOT)
            .exchTsNs(NULL)
            .recvTsNs(1723161254087891268L)
            .seq(50093239212L);
        encoder.bidPrice().mantissa(6183763000000L).exponent((byte)-8);
        encoder.bidQty().mantissa(378826000).exponent((byte)-8);
        encoder.askPrice().mantissa(6183764000000L).exponent((byte)-8);
        encoder.askQty().mantissa(154698000).exponent((byte)-8);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int funding(final MutableDirectBuffer buffer, final int offset)
    {
        final FundingEncoder encoder = new FundingEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(BTC_USDT_PERP)
            .venue(Venue.BINANCE_USDM)
            .exchTsNs(1723161255000000000L)
            .recvTsNs(1723161255100000000L)
            .nextFundingTsNs(1723190400000000000L);
        encoder.markPrice().mantissa(6180012345678L).exponent((byte)-8);
        encoder.indexPrice().mantissa(NULL).exponent((byte)0);
        encoder.fundingRate().mantissa(10000).exponent((byte)-8);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int openInterest(final MutableDirectBuffer buffer, final int offset)
    {
        final OpenInterestEncoder encoder = new OpenInterestEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(BTC_USDT_PERP)
            .venue(Venue.BINANCE_USDM)
            .exchTsNs(1723161255000000000L)
            .recvTsNs(1723161255100000000L);
        encoder.openInterest().mantissa(80123456).exponent((byte)-3);
        encoder.openInterestValue().mantissa(NULL).exponent((byte)0);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int liquidation(final MutableDirectBuffer buffer, final int offset)
    {
        final LiquidationEncoder encoder = new LiquidationEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(BTC_USDT_PERP)
            .venue(Venue.BINANCE_USDM)
            .side(Side.SELL)
            .exchTsNs(1723161255000000000L)
            .recvTsNs(1723161255100000000L);
        encoder.price().mantissa(618001).exponent((byte)-1);
        encoder.qty().mantissa(14).exponent((byte)-3);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int ratio(final MutableDirectBuffer buffer, final int offset)
    {
        final RatioEncoder encoder = new RatioEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(BTC_USDT_PERP)
            .venue(Venue.BINANCE_USDM)
            .kind(RatioKind.TOP_TRADER_POSITIONS)
            .exchTsNs(1723161000000000000L)
            .recvTsNs(1723161255100000000L);
        encoder.longShortRatio().mantissa(12345).exponent((byte)-4);
        encoder.longAccount().mantissa(5525).exponent((byte)-4);
        encoder.shortAccount().mantissa(4475).exponent((byte)-4);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int volatilityIndex(final MutableDirectBuffer buffer, final int offset)
    {
        final VolatilityIndexEncoder encoder = new VolatilityIndexEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(BTC_USDT_PERP)
            .venue(Venue.DERIBIT)
            .exchTsNs(1723161255000000000L)
            .recvTsNs(1723161255100000000L);
        encoder.value().mantissa(5432).exponent((byte)-2);
        encoder.openValue().mantissa(NULL).exponent((byte)0);
        encoder.highValue().mantissa(NULL).exponent((byte)0);
        encoder.lowValue().mantissa(NULL).exponent((byte)0);
        encoder.closeValue().mantissa(NULL).exponent((byte)0);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int status(
        final MutableDirectBuffer buffer,
        final int offset,
        final int instrumentId,
        final StatusEvent event,
        final StatusReason reason,
        final long expectedSeq,
        final long receivedSeq,
        final long detail)
    {
        final StatusEncoder encoder = new StatusEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
            .instrumentId(instrumentId)
            .venue(Venue.BINANCE_SPOT)
            .eventType(event)
            .reason(reason)
            .exchTsNs(NULL)
            .recvTsNs(1723161254087896570L)
            .expectedSeq(expectedSeq)
            .receivedSeq(receivedSeq)
            .detail(detail);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
