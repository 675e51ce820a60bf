/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import io.marketprism.engine.MessageSink;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.Decimal64Decoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.LiquidationDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link MessageSink} that reads back what a decoder commits as plain field maps (decimals as exact strings, times
 * and ids as decimal strings, absent values left out), checking the claim/commit protocol. In the counting mode every
 * claim returns offset 0 and nothing is read back, so that it allocates nothing.
 */
final class DecodedSink implements MessageSink
{
    /**
     * One committed message.
     *
     * @param type   trade, book, bbo, funding or status.
     * @param symbol the venue symbol committed with it, "" when none.
     * @param fields its fields by name.
     * @param bids   book bid levels as {price, qty}.
     * @param asks   book ask levels as {price, qty}.
     */
    record Decoded(String type, String symbol, Map<String, String> fields, List<String[]> bids, List<String[]> asks)
    {
        String get(final String field)
        {
            return fields.get(field);
        }
    }

    private final UnsafeBuffer buffer;
    private final boolean retain;
    private final List<Decoded> messages = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private int claimOffset = -1;
    private int claimLength;
    private long commits;
    private long protocolErrors;

    DecodedSink()
    {
        this(16 * 1024 * 1024, true);
    }

    DecodedSink(final int capacity, final boolean retain)
    {
        this.buffer = new UnsafeBuffer(new byte[capacity]);
        this.retain = retain;
    }

    @Override
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    @Override
    public int claim(final int length)
    {
        if (claimOffset >= 0 || length <= 0)
        {
            protocolErrors++;
        }
        if (length > buffer.capacity())
        {
            return TOO_LARGE;
        }
        claimOffset = 0;
        claimLength = length;
        return 0;
    }

    @Override
    public void commit(final int length, final DirectBuffer symbol, final int symbolOffset, final int symbolLength)
    {
        if (claimOffset < 0 || length > claimLength || length <= 0 || (symbol == null && symbolLength != 0))
        {
            protocolErrors++;
        }
        commits++;
        claimOffset = -1;
        if (retain)
        {
            messages.add(read(symbolLength == 0 ? "" : symbol.getStringWithoutLengthAscii(symbolOffset, symbolLength),
                length));
        }
    }

    @Override
    public void abort()
    {
        if (claimOffset < 0)
        {
            protocolErrors++;
        }
        claimOffset = -1;
    }

    List<Decoded> messages()
    {
        return messages;
    }

    Decoded only()
    {
        if (messages.size() != 1)
        {
            throw new AssertionError("expected exactly one message, got " + messages.size() + ": " + messages);
        }
        return messages.get(0);
    }

    long commits()
    {
        return commits;
    }

    long protocolErrors()
    {
        return protocolErrors;
    }

    void clear()
    {
        messages.clear();
        commits = 0;
        protocolErrors = 0;
        claimOffset = -1;
    }

    private Decoded read(final String symbol, final int length)
    {
        header.wrap(buffer, 0);
        final int body = header.encodedLength();
        final Map<String, String> fields = new LinkedHashMap<>();
        final List<String[]> bids = new ArrayList<>();
        final List<String[]> asks = new ArrayList<>();
        final String type;
        final int decodedLength;
        switch (header.templateId())
        {
            case TradeDecoder.TEMPLATE_ID:
            {
                final TradeDecoder trade =
                    new TradeDecoder().wrap(buffer, body, header.blockLength(), header.version());
                type = "trade";
                fields.put("venue", trade.venue().name());
                fields.put("side", trade.side().name());
                put(fields, "exchTs", trade.exchTsNs(), TradeDecoder.exchTsNsNullValue());
                fields.put("recvTs", Long.toString(trade.recvTsNs()));
                put(fields, "tradeId", trade.tradeId(), TradeDecoder.tradeIdNullValue());
                put(fields, "price", trade.price());
                put(fields, "qty", trade.qty());
                decodedLength = trade.sbeDecodedLength();
                break;
            }
            case BookUpdateDecoder.TEMPLATE_ID:
            {
                final BookUpdateDecoder book =
                    new BookUpdateDecoder().wrap(buffer, body, header.blockLength(), header.version());
                type = "book";
                fields.put("venue", book.venue().name());
                fields.put("snapshot", Boolean.toString(book.snapshotRaw() == 1));
                fields.put("health", book.health().name());
                put(fields, "exchTs", book.exchTsNs(), BookUpdateDecoder.exchTsNsNullValue());
                fields.put("recvTs", Long.toString(book.recvTsNs()));
                put(fields, "seq", book.seq(), BookUpdateDecoder.seqNullValue());
                put(fields, "prevSeq", book.prevSeq(), BookUpdateDecoder.prevSeqNullValue());
                put(fields, "firstSeq", book.firstSeq(), BookUpdateDecoder.firstSeqNullValue());
                put(fields, "checksum", book.checksum(), BookUpdateDecoder.checksumNullValue());
                for (final BookUpdateDecoder.BidsDecoder level : book.bids())
                {
                    bids.add(new String[]{ decimal(level.price()), decimal(level.qty()) });
                }
                for (final BookUpdateDecoder.AsksDecoder level : book.asks())
                {
                    asks.add(new String[]{ decimal(level.price()), decimal(level.qty()) });
                }
                decodedLength = book.sbeDecodedLength();
                break;
            }
            case BboDecoder.TEMPLATE_ID:
            {
                final BboDecoder bbo = new BboDecoder().wrap(buffer, body, header.blockLength(), header.version());
                type = "bbo";
                fields.put("venue", bbo.venue().name());
                put(fields, "exchTs", bbo.exchTsNs(), BboDecoder.exchTsNsNullValue());
                fields.put("recvTs", Long.toString(bbo.recvTsNs()));
                put(fields, "seq", bbo.seq(), BboDecoder.seqNullValue());
                put(fields, "bidPrice", bbo.bidPrice());
                put(fields, "bidQty", bbo.bidQty());
                put(fields, "askPrice", bbo.askPrice());
                put(fields, "askQty", bbo.askQty());
                decodedLength = bbo.sbeDecodedLength();
                break;
            }
            case FundingDecoder.TEMPLATE_ID:
            {
                final FundingDecoder funding =
                    new FundingDecoder().wrap(buffer, body, header.blockLength(), header.version());
                type = "funding";
                fields.put("venue", funding.venue().name());
                put(fields, "exchTs", funding.exchTsNs(), FundingDecoder.exchTsNsNullValue());
                fields.put("recvTs", Long.toString(funding.recvTsNs()));
                put(fields, "nextFundingTs", funding.nextFundingTsNs(), FundingDecoder.nextFundingTsNsNullValue());
                put(fields, "markPrice", funding.markPrice());
                put(fields, "indexPrice", funding.indexPrice());
                put(fields, "fundingRate", funding.fundingRate());
                decodedLength = funding.sbeDecodedLength();
                break;
            }
            case OpenInterestDecoder.TEMPLATE_ID:
            {
                final OpenInterestDecoder oi =
                    new OpenInterestDecoder().wrap(buffer, body, header.blockLength(), header.version());
                type = "open_interest";
                fields.put("venue", oi.venue().name());
                put(fields, "exchTs", oi.exchTsNs(), OpenInterestDecoder.exchTsNsNullValue());
                fields.put("recvTs", Long.toString(oi.recvTsNs()));
                put(fields, "openInterest", oi.openInterest());
                put(fields, "openInterestValue", oi.openInterestValue());
                decodedLength = oi.sbeDecodedLength();
                break;
            }
            case LiquidationDecoder.TEMPLATE_ID:
            {
                final LiquidationDecoder liquidation =
                    new LiquidationDecoder().wrap(buffer, body, header.blockLength(), header.version());
                type = "liquidation";
                fields.put("venue", liquidation.venue().name());
                fields.put("side", liquidation.side().name());
                put(fields, "exchTs", liquidation.exchTsNs(), LiquidationDecoder.exchTsNsNullValue());
                fields.put("recvTs", Long.toString(liquidation.recvTsNs()));
                put(fields, "price", liquidation.price());
                put(fields, "qty", liquidation.qty());
                decodedLength = liquidation.sbeDecodedLength();
                break;
            }
            case StatusDecoder.TEMPLATE_ID:
            {
                final StatusDecoder status =
                    new StatusDecoder().wrap(buffer, body, header.blockLength(), header.version());
                type = "status";
                fields.put("venue", status.venue().name());
                fields.put("event", status.eventType().name());
                fields.put("reason", status.reason().name());
                fields.put("recvTs", Long.toString(status.recvTsNs()));
                put(fields, "detail", status.detail(), StatusDecoder.detailNullValue());
                decodedLength = status.sbeDecodedLength();
                break;
            }
            default:
                throw new AssertionError("unexpected template " + header.templateId());
        }
        if (decodedLength + body != length)
        {
            protocolErrors++;
        }
        return new Decoded(type, symbol, fields, bids, asks);
    }

    private static void put(final Map<String, String> fields, final String name, final long value, final long nullValue)
    {
        if (value != nullValue)
        {
            fields.put(name, Long.toString(value));
        }
    }

    private static void put(final Map<String, String> fields, final String name, final Decimal64Decoder value)
    {
        if (value.mantissa() != Long.MIN_VALUE)
        {
            fields.put(name, decimal(value));
        }
    }

    private static String decimal(final Decimal64Decoder value)
    {
        return BigDecimal.valueOf(value.mantissa(), -value.exponent()).toPlainString();
    }
}
