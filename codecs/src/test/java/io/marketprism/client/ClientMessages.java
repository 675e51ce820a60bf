/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.client;

import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BookUpdateEncoder;
import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.InstrumentEncoder;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusEncoder;
import io.marketprism.sbe.StatusEvent;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeEncoder;
import io.marketprism.sbe.Venue;
import org.agrona.MutableDirectBuffer;

/**
 * Hand-encoded messages for the client tests. Levels are {price, qty} mantissa pairs at one price and one quantity
 * exponent; a top of {@link #NULL} price means an empty side.
 */
final class ClientMessages
{
    static final long NULL = Long.MIN_VALUE;
    static final long[][] NONE = new long[0][];

    private ClientMessages()
    {
    }

    /**
     * Encodes a BookUpdate; top is {bidPrice, bidQty, askPrice, askQty} (NULL prices for none).
     */
    static int bookUpdate(
        final MutableDirectBuffer buffer,
        final int instrumentId,
        final boolean snapshot,
        final BookHealth health,
        final int priceExp,
        final int qtyExp,
        final long[] top,
        final long[][] bids,
        final long[][] asks)
    {
        final BookUpdateEncoder encoder = new BookUpdateEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .instrumentId(instrumentId)
            .venue(Venue.BINANCE_SPOT)
            .snapshot(snapshot ? BooleanType.TRUE : BooleanType.FALSE)
            .health(health)
            .exchTsNs(1L)
            .recvTsNs(2L)
            .seq(NULL)
            .prevSeq(NULL)
            .firstSeq(NULL)
            .checksum(NULL);
        encoder.bidPrice().mantissa(top[0]).exponent((byte)priceExp);
        encoder.bidQty().mantissa(top[0] == NULL ? NULL : top[1]).exponent((byte)qtyExp);
        encoder.askPrice().mantissa(top[2]).exponent((byte)priceExp);
        encoder.askQty().mantissa(top[2] == NULL ? NULL : top[3]).exponent((byte)qtyExp);
        final BookUpdateEncoder.BidsEncoder bidGroup = encoder.bidsCount(bids.length);
        for (final long[] level : bids)
        {
            bidGroup.next();
            bidGroup.price().mantissa(level[0]).exponent((byte)priceExp);
            bidGroup.qty().mantissa(level[1]).exponent((byte)qtyExp);
        }
        final BookUpdateEncoder.AsksEncoder askGroup = encoder.asksCount(asks.length);
        for (final long[] level : asks)
        {
            askGroup.next();
            askGroup.price().mantissa(level[0]).exponent((byte)priceExp);
            askGroup.qty().mantissa(level[1]).exponent((byte)qtyExp);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /**
     * Wraps a decoder over a message that {@link #bookUpdate} wrote at offset 0.
     */
    static BookUpdateDecoder decode(final MutableDirectBuffer buffer)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        return new BookUpdateDecoder().wrap(
            buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
    }

    static int trade(final MutableDirectBuffer buffer, final int instrumentId, final long tradeId)
    {
        final TradeEncoder encoder = new TradeEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .instrumentId(instrumentId)
            .venue(Venue.BINANCE_SPOT)
            .side(Side.BUY)
            .exchTsNs(1L)
            .recvTsNs(2L)
            .tradeId(tradeId);
        encoder.price().mantissa(6183763).exponent((byte)-2);
        encoder.qty().mantissa(5).exponent((byte)-3);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int status(final MutableDirectBuffer buffer, final int instrumentId, final StatusEvent event)
    {
        final StatusEncoder encoder = new StatusEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .instrumentId(instrumentId)
            .venue(Venue.OKX)
            .eventType(event)
            .reason(StatusReason.SEQUENCE_GAP)
            .exchTsNs(NULL)
            .recvTsNs(3L)
            .expectedSeq(10)
            .receivedSeq(12)
            .detail(NULL);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static int instrument(final MutableDirectBuffer buffer, final int instrumentId, final String symbol)
    {
        final InstrumentEncoder encoder = new InstrumentEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .instrumentId(instrumentId)
            .venue(Venue.BINANCE_SPOT)
            .kind(InstrumentKind.SPOT)
            .optionType(OptionType.NULL_VAL)
            .recvTsNs(1L)
            .expiryTsNs(NULL);
        encoder.strike().mantissa(NULL).exponent((byte)0);
        encoder.tickSize().mantissa(1).exponent((byte)-2);
        encoder.lotSize().mantissa(1).exponent((byte)-5);
        encoder.contractSize().mantissa(NULL).exponent((byte)0);
        encoder.symbol(symbol).venueSymbol(symbol.replace("-", "")).baseAsset("BTC").quoteAsset("USDT");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /**
     * A message of another schema (id 99), which the subscriber must skip.
     */
    static int foreign(final MutableDirectBuffer buffer)
    {
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(8).templateId(1).schemaId(99).version(0);
        buffer.putLong(MessageHeaderEncoder.ENCODED_LENGTH, 42L);
        return MessageHeaderEncoder.ENCODED_LENGTH + 8;
    }
}
