/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.engine.MessageSink;
import io.marketprism.sbe.BboDecoder;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.LiquidationDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.VolatilityIndexDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A {@link MessageSink} for decoder tests: records what a decoder commits (offset, length, symbol), checks the
 * claim/commit protocol, and reads each message back with the generated SBE decoders, checking that its encoded
 * length is the committed length. In the counting mode every claim gets offset 0 and nothing is kept but counts, so
 * it allocates nothing.
 */
public final class DecodedMessages implements MessageSink
{
    /**
     * One committed message.
     *
     * @param offset where it starts.
     * @param length committed length.
     * @param symbol the symbol committed with it, "" for none.
     */
    public record Message(int offset, int length, String symbol)
    {
    }

    private final UnsafeBuffer buffer;
    private final boolean retain;
    private final List<Message> messages = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private final BboDecoder bbo = new BboDecoder();
    private final FundingDecoder funding = new FundingDecoder();
    private final StatusDecoder status = new StatusDecoder();
    private final OpenInterestDecoder openInterest = new OpenInterestDecoder();
    private final LiquidationDecoder liquidation = new LiquidationDecoder();
    private final VolatilityIndexDecoder volatilityIndex = new VolatilityIndexDecoder();
    private int position;
    private int claimOffset = -1;
    private int claimLength;
    private long commits;
    private long protocolErrors;

    /**
     * @param capacity bytes.
     * @param retain   false for the counting mode.
     */
    public DecodedMessages(final int capacity, final boolean retain)
    {
        this.buffer = new UnsafeBuffer(new byte[capacity]);
        this.retain = retain;
    }

    /**
     * A retaining sink of 16 MiB.
     */
    public DecodedMessages()
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
            final String text = symbolLength == 0 ? "" : symbol.getStringWithoutLengthAscii(symbolOffset, symbolLength);
            messages.add(new Message(claimOffset, length, text));
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

    /**
     * Forgets everything.
     */
    public void clear()
    {
        messages.clear();
        position = 0;
        claimOffset = -1;
        commits = 0;
        protocolErrors = 0;
    }

    /**
     * @return messages committed, in order.
     */
    public List<Message> messages()
    {
        return messages;
    }

    /**
     * @return commits (counted in both modes).
     */
    public long commits()
    {
        return commits;
    }

    /**
     * @return claim/commit protocol violations seen.
     */
    public long protocolErrors()
    {
        return protocolErrors;
    }

    /**
     * Decodes a frame given as text into this sink.
     *
     * @return what the decoder returned.
     */
    public int decode(final FrameDecoder decoder, final String frame, final long recvTsNs)
    {
        final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        // a frame inside a larger buffer, as in a capture line: the decoder must stop at its length
        final UnsafeBuffer text = new UnsafeBuffer(new byte[bytes.length + 16]);
        text.setMemory(0, text.capacity(), (byte)'}');
        text.putBytes(3, bytes);
        return decoder.decode(text, 3, bytes.length, recvTsNs, this);
    }

    /**
     * @return the template id of message i.
     */
    public int templateId(final int i)
    {
        header.wrap(buffer, messages.get(i).offset());
        return header.templateId();
    }

    /**
     * @return message i as a trade.
     */
    public TradeDecoder trade(final int i)
    {
        final Message message = wrap(i, TradeDecoder.TEMPLATE_ID);
        trade.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + trade.sbeDecodedLength(), "committed length");
        return trade;
    }

    /**
     * @return message i as a book update, rewound.
     */
    public BookUpdateDecoder book(final int i)
    {
        final Message message = wrap(i, BookUpdateDecoder.TEMPLATE_ID);
        book.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + book.sbeDecodedLength(), "committed length");
        book.sbeRewind();
        return book;
    }

    /**
     * @return message i as a bbo.
     */
    public BboDecoder bbo(final int i)
    {
        final Message message = wrap(i, BboDecoder.TEMPLATE_ID);
        bbo.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + bbo.sbeDecodedLength(), "committed length");
        return bbo;
    }

    /**
     * @return message i as funding.
     */
    public FundingDecoder funding(final int i)
    {
        final Message message = wrap(i, FundingDecoder.TEMPLATE_ID);
        funding.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + funding.sbeDecodedLength(), "committed length");
        return funding;
    }

    /**
     * @return message i as a status.
     */
    public StatusDecoder status(final int i)
    {
        final Message message = wrap(i, StatusDecoder.TEMPLATE_ID);
        status.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + status.sbeDecodedLength(), "committed length");
        return status;
    }

    /**
     * @return message i as open interest.
     */
    public OpenInterestDecoder openInterest(final int i)
    {
        final Message message = wrap(i, OpenInterestDecoder.TEMPLATE_ID);
        openInterest.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + openInterest.sbeDecodedLength(), "committed length");
        return openInterest;
    }

    /**
     * @return message i as a liquidation.
     */
    public LiquidationDecoder liquidation(final int i)
    {
        final Message message = wrap(i, LiquidationDecoder.TEMPLATE_ID);
        liquidation.wrap(buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(message.length(), header.encodedLength() + liquidation.sbeDecodedLength(), "committed length");
        return liquidation;
    }

    /**
     * @return message i as a volatility index value or bar.
     */
    public VolatilityIndexDecoder volatilityIndex(final int i)
    {
        final Message message = wrap(i, VolatilityIndexDecoder.TEMPLATE_ID);
        volatilityIndex.wrap(
            buffer, message.offset() + header.encodedLength(), header.blockLength(), header.version());
        assertEquals(
            message.length(), header.encodedLength() + volatilityIndex.sbeDecodedLength(), "committed length");
        return volatilityIndex;
    }

    private Message wrap(final int i, final int templateId)
    {
        final Message message = messages.get(i);
        header.wrap(buffer, message.offset());
        assertEquals(templateId, header.templateId(), "template id of message " + i);
        assertEquals(MessageHeaderDecoder.SCHEMA_ID, header.schemaId(), "schema id");
        return message;
    }

    /**
     * @return the decimal as plain text, e.g. {@code 42500.0} for mantissa 425000, exponent -1.
     */
    public static String text(final long mantissa, final int exponent)
    {
        return new java.math.BigDecimal(java.math.BigInteger.valueOf(mantissa), -exponent).toPlainString();
    }
}
