/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.LiquidationDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.RatioDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.VolatilityIndexDecoder;
import org.agrona.DirectBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reads committed messages back with the generated SBE decoders, checking the header and that the message's encoded
 * length is exactly the committed length.
 */
public final class SbeView
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final BboDecoder bbo = new BboDecoder();
    private final FundingDecoder funding = new FundingDecoder();
    private final StatusDecoder status = new StatusDecoder();
    private final OpenInterestDecoder openInterest = new OpenInterestDecoder();
    private final LiquidationDecoder liquidation = new LiquidationDecoder();
    private final VolatilityIndexDecoder volatilityIndex = new VolatilityIndexDecoder();
    private final RatioDecoder ratio = new RatioDecoder();

    public int templateId(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        header.wrap(buffer, message.offset());
        return header.templateId();
    }

    public TradeDecoder trade(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, TradeDecoder.TEMPLATE_ID, TradeDecoder.BLOCK_LENGTH);
        trade.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + trade.sbeDecodedLength(), "committed length");
        return trade;
    }

    public BookUpdateDecoder book(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, BookUpdateDecoder.TEMPLATE_ID, BookUpdateDecoder.BLOCK_LENGTH);
        book.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + book.sbeDecodedLength(), "committed length");
        book.sbeRewind();
        return book;
    }

    public BboDecoder bbo(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, BboDecoder.TEMPLATE_ID, BboDecoder.BLOCK_LENGTH);
        bbo.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + bbo.sbeDecodedLength(), "committed length");
        return bbo;
    }

    public FundingDecoder funding(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, FundingDecoder.TEMPLATE_ID, FundingDecoder.BLOCK_LENGTH);
        funding.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + funding.sbeDecodedLength(), "committed length");
        return funding;
    }

    public StatusDecoder status(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, StatusDecoder.TEMPLATE_ID, StatusDecoder.BLOCK_LENGTH);
        status.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + status.sbeDecodedLength(), "committed length");
        return status;
    }

    public OpenInterestDecoder openInterest(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, OpenInterestDecoder.TEMPLATE_ID, OpenInterestDecoder.BLOCK_LENGTH);
        openInterest.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + openInterest.sbeDecodedLength(), "committed length");
        return openInterest;
    }

    public LiquidationDecoder liquidation(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, LiquidationDecoder.TEMPLATE_ID, LiquidationDecoder.BLOCK_LENGTH);
        liquidation.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + liquidation.sbeDecodedLength(), "committed length");
        return liquidation;
    }

    public VolatilityIndexDecoder volatilityIndex(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, VolatilityIndexDecoder.TEMPLATE_ID, VolatilityIndexDecoder.BLOCK_LENGTH);
        volatilityIndex.wrap(
            buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(
            message.length(), header.encodedLength() + volatilityIndex.sbeDecodedLength(), "committed length");
        return volatilityIndex;
    }

    public RatioDecoder ratio(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, RatioDecoder.TEMPLATE_ID, RatioDecoder.BLOCK_LENGTH);
        ratio.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + ratio.sbeDecodedLength(), "committed length");
        return ratio;
    }

    private void wrapHeader(
        final DirectBuffer buffer, final RecordingSink.Message message, final int templateId, final int blockLength)
    {
        header.wrap(buffer, message.offset());
        assertEquals(templateId, header.templateId(), "template id");
        assertEquals(blockLength, header.blockLength(), "block length");
        assertEquals(MessageHeaderDecoder.SCHEMA_ID, header.schemaId(), "schema id");
    }
}
