/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.TradeDecoder;
import org.agrona.DirectBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reads committed messages back with the generated SBE decoders, checking the header and that the message's encoded
 * length is exactly the committed length.
 */
final class SbeView
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final BboDecoder bbo = new BboDecoder();
    private final FundingDecoder funding = new FundingDecoder();
    private final StatusDecoder status = new StatusDecoder();

    int templateId(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        header.wrap(buffer, message.offset());
        return header.templateId();
    }

    TradeDecoder trade(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, TradeDecoder.TEMPLATE_ID, TradeDecoder.BLOCK_LENGTH);
        trade.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + trade.sbeDecodedLength(), "committed length");
        return trade;
    }

    BookUpdateDecoder book(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, BookUpdateDecoder.TEMPLATE_ID, BookUpdateDecoder.BLOCK_LENGTH);
        book.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + book.sbeDecodedLength(), "committed length");
        book.sbeRewind();
        return book;
    }

    BboDecoder bbo(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, BboDecoder.TEMPLATE_ID, BboDecoder.BLOCK_LENGTH);
        bbo.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + bbo.sbeDecodedLength(), "committed length");
        return bbo;
    }

    FundingDecoder funding(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, FundingDecoder.TEMPLATE_ID, FundingDecoder.BLOCK_LENGTH);
        funding.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + funding.sbeDecodedLength(), "committed length");
        return funding;
    }

    StatusDecoder status(final DirectBuffer buffer, final RecordingSink.Message message)
    {
        wrapHeader(buffer, message, StatusDecoder.TEMPLATE_ID, StatusDecoder.BLOCK_LENGTH);
        status.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + status.sbeDecodedLength(), "committed length");
        return status;
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
