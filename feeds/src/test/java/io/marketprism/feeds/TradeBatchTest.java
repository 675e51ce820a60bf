/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.engine.MessageSink;
import io.marketprism.sbe.LiquidationDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.Side;
import io.marketprism.sbe.StatusDecoder;
import io.marketprism.sbe.StatusReason;
import io.marketprism.sbe.TradeDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradeBatchTest
{
    private static final UnsafeBuffer FRAME = new UnsafeBuffer("BTC-PERPETUAL ETH-PERPETUAL".getBytes(
        StandardCharsets.US_ASCII));

    private final MessageWriter writer = new MessageWriter(Venue.DERIBIT, 0);
    private final SbeView view = new SbeView();

    @Test
    void tradesAreWrittenInOrderWithTheirOwnSymbols()
    {
        final TradeBatch batch = new TradeBatch(1, 100);
        for (int i = 0; i < 5; i++)
        {
            batch.add(i % 2 == 0 ? Side.BUY : Side.SELL, 1_000L + i, 70L + i, 6_500_000L + i, -2, 3L, -1,
                i % 2 == 0 ? 0 : 14, 13);
        }
        assertEquals(5, batch.count(), "grown past the initial capacity of 1");
        final RecordingSink sink = new RecordingSink();
        assertEquals(5, batch.write(writer, sink, FRAME, 9L, 0));
        for (int i = 0; i < 5; i++)
        {
            final TradeDecoder trade = view.trade(sink.buffer(), sink.messages().get(i));
            assertEquals(1_000L + i, trade.exchTsNs());
            assertEquals(70L + i, trade.tradeId());
            assertEquals(6_500_000L + i, trade.price().mantissa());
            assertEquals(i % 2 == 0 ? Side.BUY : Side.SELL, trade.side());
            assertEquals(i % 2 == 0 ? "BTC-PERPETUAL" : "ETH-PERPETUAL", sink.messages().get(i).symbol());
        }
    }

    @Test
    void newestFirstBatchesAreWrittenOldestFirst()
    {
        final TradeBatch batch = new TradeBatch(4, 100);
        batch.add(Side.BUY, 3_000L, 3L, 1L, 0, 1L, 0, 0, 13);
        batch.add(Side.BUY, 2_000L, 2L, 1L, 0, 1L, 0, 0, 13);
        batch.add(Side.BUY, 1_000L, 1L, 1L, 0, 1L, 0, 0, 13);
        final RecordingSink sink = new RecordingSink();
        batch.write(writer, sink, FRAME, 9L, TradeBatch.NEWEST_FIRST);
        for (int i = 0; i < 3; i++)
        {
            assertEquals(i + 1L, view.trade(sink.buffer(), sink.messages().get(i)).tradeId());
        }
    }

    @Test
    void liquidationsAndOpenInterestTakeTheirOwnMessages()
    {
        final TradeBatch batch = new TradeBatch(4, 100);
        batch.add(Side.SELL, 1_000L, MessageWriter.NULL_VALUE, 65_000L, 0, 25L, -1, 14, 13);
        final RecordingSink sink = new RecordingSink();
        batch.write(writer, sink, FRAME, 9L, TradeBatch.LIQUIDATIONS);
        batch.write(writer, sink, FRAME, 9L, TradeBatch.OPEN_INTEREST);
        final LiquidationDecoder liquidation = view.liquidation(sink.buffer(), sink.messages().get(0));
        assertEquals(Side.SELL, liquidation.side());
        assertEquals(65_000L, liquidation.price().mantissa());
        assertEquals(25L, liquidation.qty().mantissa());
        final OpenInterestDecoder openInterest = view.openInterest(sink.buffer(), sink.messages().get(1));
        assertEquals(25L, openInterest.openInterest().mantissa());
        assertEquals(-1, openInterest.openInterest().exponent());
        assertEquals("ETH-PERPETUAL", sink.messages().get(1).symbol());
    }

    @Test
    void aTradeThatDoesNotFitIsReportedAfterThoseWritten()
    {
        final TradeBatch batch = new TradeBatch(4, 100);
        batch.add(Side.BUY, 1_000L, 1L, 1L, 0, 1L, 0, 0, 13);
        batch.add(Side.BUY, 1_000L, 2L, 1L, 0, 1L, 0, 0, 13);
        final RecordingSink recording = new RecordingSink();
        final int[] claims = new int[1];
        final MessageSink refusingTheSecondClaim = new MessageSink()
        {
            public MutableDirectBuffer buffer()
            {
                return recording.buffer();
            }

            public int claim(final int length)
            {
                return ++claims[0] == 2 ? TOO_LARGE : recording.claim(length);
            }

            public void commit(
                final int length, final DirectBuffer symbol, final int symbolOffset, final int symbolLength)
            {
                recording.commit(length, symbol, symbolOffset, symbolLength);
            }

            public void abort()
            {
                recording.abort();
            }
        };
        assertEquals(2, batch.write(writer, refusingTheSecondClaim, FRAME, 9L, 0), "one trade and one status");
        assertEquals(2, recording.messages().size());
        final StatusDecoder status = view.status(recording.buffer(), recording.messages().get(1));
        assertEquals(StatusReason.FRAME_TOO_LARGE, status.reason());
        assertEquals(1, status.detail(), "the index of the trade");
    }

    @Test
    void aFullBatchSaysSoAndAWarmBatchAllocatesNothing()
    {
        final TradeBatch batch = new TradeBatch(2, 3);
        for (int i = 0; i < 3; i++)
        {
            assertFalse(batch.isFull());
            batch.add(Side.BUY, 1L, i, 1L, 0, 1L, 0, 0, 13);
        }
        assertTrue(batch.isFull());
        final RecordingSink sink = new RecordingSink(1 << 16, false);
        Allocations.assertNone(() ->
        {
            for (int round = 0; round < 10_000; round++)
            {
                batch.clear();
                for (int i = 0; i < 3; i++)
                {
                    batch.add(Side.BUY, 1L, i, 1L, 0, 1L, 0, 0, 13);
                }
                sink.clear();
                batch.write(writer, sink, FRAME, 9L, 0);
            }
        });
        assertEquals(3, sink.commits());
    }
}
