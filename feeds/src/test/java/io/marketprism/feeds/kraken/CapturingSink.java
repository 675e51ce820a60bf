/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import io.marketprism.engine.MessageSink;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A {@link MessageSink} that keeps what a decoder commits (offset, length, symbol) and counts breaches of the
 * claim/commit protocol; it reads messages back with the generated SBE decoders, checking that each message's
 * encoded length is its committed length. In the non-retaining mode every claim is at offset 0 and only counts are
 * kept, so that it allocates nothing.
 */
final class CapturingSink implements MessageSink
{
    /**
     * One committed message.
     *
     * @param offset where it starts.
     * @param length its committed length.
     * @param symbol the symbol committed with it, "" for none.
     */
    record Message(int offset, int length, String symbol)
    {
    }

    private final UnsafeBuffer buffer;
    private final boolean retain;
    private final List<Message> messages = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final BboDecoder bbo = new BboDecoder();
    private final StatusDecoder status = new StatusDecoder();
    private int position;
    private int claimOffset = -1;
    private int claimLength;
    private long commits;
    private long protocolErrors;

    CapturingSink(final int capacity, final boolean retain)
    {
        this.buffer = new UnsafeBuffer(new byte[capacity]);
        this.retain = retain;
    }

    CapturingSink()
    {
        this(16 * 1024 * 1024, true);
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
        final int offset = retain ? position : 0;
        if (offset + length > buffer.capacity())
        {
            return TOO_LARGE;
        }
        claimOffset = offset;
        claimLength = length;
        return offset;
    }

    @Override
    public void commit(final int length, final DirectBuffer symbol, final int symbolOffset, final int symbolLength)
    {
        if (claimOffset < 0 || length > claimLength || length <= 0 || (symbol == null && symbolLength != 0))
        {
            protocolErrors++;
        }
        commits++;
        if (retain)
        {
            messages.add(new Message(claimOffset, length,
                symbolLength == 0 ? "" : symbol.getStringWithoutLengthAscii(symbolOffset, symbolLength)));
            position = claimOffset + length;
        }
        claimOffset = -1;
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

    void clear()
    {
        messages.clear();
        position = 0;
        claimOffset = -1;
        commits = 0;
        protocolErrors = 0;
    }

    List<Message> messages()
    {
        return messages;
    }

    long commits()
    {
        return commits;
    }

    long protocolErrors()
    {
        return protocolErrors;
    }

    boolean claimOpen()
    {
        return claimOffset >= 0;
    }

    int templateId(final int index)
    {
        header.wrap(buffer, messages.get(index).offset());
        return header.templateId();
    }

    TradeDecoder trade(final int index)
    {
        wrap(index, TradeDecoder.TEMPLATE_ID);
        trade.wrap(buffer, bodyOffset(index), header.blockLength(), header.version());
        assertEquals(messages.get(index).length(), header.encodedLength() + trade.sbeDecodedLength(), "length");
        return trade;
    }

    BookUpdateDecoder book(final int index)
    {
        wrap(index, BookUpdateDecoder.TEMPLATE_ID);
        book.wrap(buffer, bodyOffset(index), header.blockLength(), header.version());
        assertEquals(messages.get(index).length(), header.encodedLength() + book.sbeDecodedLength(), "length");
        book.sbeRewind();
        return book;
    }

    BboDecoder bbo(final int index)
    {
        wrap(index, BboDecoder.TEMPLATE_ID);
        bbo.wrap(buffer, bodyOffset(index), header.blockLength(), header.version());
        assertEquals(messages.get(index).length(), header.encodedLength() + bbo.sbeDecodedLength(), "length");
        return bbo;
    }

    StatusDecoder status(final int index)
    {
        wrap(index, StatusDecoder.TEMPLATE_ID);
        status.wrap(buffer, bodyOffset(index), header.blockLength(), header.version());
        assertEquals(messages.get(index).length(), header.encodedLength() + status.sbeDecodedLength(), "length");
        return status;
    }

    private void wrap(final int index, final int templateId)
    {
        header.wrap(buffer, messages.get(index).offset());
        assertEquals(templateId, header.templateId(), "template id of message " + index);
    }

    private int bodyOffset(final int index)
    {
        return messages.get(index).offset() + MessageHeaderDecoder.ENCODED_LENGTH;
    }
}
