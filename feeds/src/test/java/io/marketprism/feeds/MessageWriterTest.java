/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.engine.MessageSink;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.TradeEncoder;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MessageWriterTest
{
    @Test
    void aTradeIsTheMessageTheGeneratedEncoderWrites()
    {
        final RecordingSink sink = new RecordingSink(1 << 16, true);
        final MessageWriter writer = new MessageWriter(Venue.BINANCE_SPOT, 0);
        writer.symbol(null, 0, 0);
        assertEquals(1, writer.trade(sink, Side.SELL, 1_723_161_255_342_000_000L, 1_723_161_255_343_123_456L,
            3_735_683_259L, 6_183_763_000_000L, -8, 2_000_000L, -8));
        assertTrade(sink.bytes(sink.only()));
    }

    @Test
    void aTradeInMemoryOutsideTheHeapIsTheSameMessageAndOnlyWhereItWasClaimed()
    {
        // a ring's log lives outside the heap: the writer must put the fields at the claimed offset of that memory
        final UnsafeBuffer memory = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
        memory.setMemory(0, memory.capacity(), (byte)0x5A);
        final int claimed = 100;
        final MessageSink sink = new MessageSink()
        {
            public MutableDirectBuffer buffer()
            {
                return memory;
            }

            public int claim(final int length)
            {
                return claimed;
            }

            public void commit(final int length, final DirectBuffer symbol, final int symbolOffset,
                final int symbolLength)
            {
            }

            public void abort()
            {
            }
        };
        final MessageWriter writer = new MessageWriter(Venue.BINANCE_SPOT, 0);
        writer.symbol(null, 0, 0);
        assertEquals(1, writer.trade(sink, Side.SELL, 1_723_161_255_342_000_000L, 1_723_161_255_343_123_456L,
            3_735_683_259L, 6_183_763_000_000L, -8, 2_000_000L, -8));
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + TradeEncoder.BLOCK_LENGTH;
        final byte[] written = new byte[length];
        memory.getBytes(claimed, written);
        assertTrade(written);
        for (int i = 0; i < memory.capacity(); i++)
        {
            if (i < claimed || i >= claimed + length)
            {
                assertEquals((byte)0x5A, memory.getByte(i), "byte " + i + " outside the claim");
            }
        }
    }

    private static void assertTrade(final byte[] written)
    {
        final byte[] expected = new byte[MessageHeaderEncoder.ENCODED_LENGTH + TradeEncoder.BLOCK_LENGTH];
        final TradeEncoder trade = new TradeEncoder()
            .wrapAndApplyHeader(new UnsafeBuffer(expected), 0, new MessageHeaderEncoder())
            .instrumentId(0)
            .venue(Venue.BINANCE_SPOT)
            .side(Side.SELL)
            .exchTsNs(1_723_161_255_342_000_000L)
            .recvTsNs(1_723_161_255_343_123_456L)
            .tradeId(3_735_683_259L);
        trade.price().mantissa(6_183_763_000_000L).exponent((byte)-8);
        trade.qty().mantissa(2_000_000L).exponent((byte)-8);
        assertArrayEquals(expected, Arrays.copyOf(written, expected.length));
        assertEquals(expected.length, written.length);
    }
}
