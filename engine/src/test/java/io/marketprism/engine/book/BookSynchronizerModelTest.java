/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

import io.marketprism.sbe.BooleanType;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.BookUpdateEncoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A synchronised book against a {@code TreeMap<BigDecimal, BigDecimal>} per side: random snapshots and updates (levels
 * in price order either way, inserts, changes, deletes of present and absent levels, mixed exponents), every level of
 * both sides compared best first after each message.
 */
class BookSynchronizerModelTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 20]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final BookUpdateEncoder encoder = new BookUpdateEncoder();
    private final BookUpdateDecoder decoder = new BookUpdateDecoder();

    @Test
    void booksMatchTheModel()
    {
        final Random random = new Random(42);
        final BookSequenceRule everyUpdateApplies = new BookSequenceRule()
        {
            @Override
            public int classify(final long bookSeq, final boolean first, final long firstSeq, final long seq,
                final long prevSeq)
            {
                return APPLY;
            }

            @Override
            public long expectedSeq(final long bookSeq, final boolean first)
            {
                return bookSeq + 1;
            }

            @Override
            public long receivedSeq(final boolean first, final long firstSeq, final long seq, final long prevSeq)
            {
                return seq;
            }
        };
        for (int run = 0; run < 20; run++)
        {
            final BookSynchronizer sync = new BookSynchronizer(everyUpdateApplies, 16, 64, 1024, 1 << 20);
            final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>();
            final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
            final int base = 50_000 + random.nextInt(10_000);
            long seq = 1;

            final long[][] snapshotBids = randomLevels(random, 200 + random.nextInt(1000), base, true, false);
            final long[][] snapshotAsks = randomLevels(random, 200 + random.nextInt(1000), base, false, false);
            apply(bids, snapshotBids);
            apply(asks, snapshotAsks);
            encode(true, seq, snapshotBids, snapshotAsks);
            assertEquals(BookSynchronizer.SNAPSHOT_APPLIED, sync.onSnapshot(decoder));
            check(sync.book(), bids, asks);

            for (int message = 0; message < 2_000; message++)
            {
                final long[][] updateBids = randomLevels(random, random.nextInt(40), base, true, true);
                final long[][] updateAsks = randomLevels(random, random.nextInt(40), base, false, true);
                apply(bids, updateBids);
                apply(asks, updateAsks);
                encode(false, ++seq, updateBids, updateAsks);
                final int result = sync.onUpdate(decoder, buffer, 0, encoder.encodedLength() + 8);
                final boolean crossed =
                    !bids.isEmpty() && !asks.isEmpty() && bids.lastKey().compareTo(asks.firstKey()) >= 0;
                assertEquals(crossed ? BookSynchronizer.CROSSED : BookSynchronizer.APPLIED, result);
                if (crossed)
                {
                    break;
                }
                check(sync.book(), bids, asks);
            }
        }
    }

    /**
     * Levels as {price mantissa, price exponent, qty mantissa, qty exponent}, sorted by price one way or the other;
     * prices on a 0.01 grid around base, written at exponent -2 or, when it is exact, -1 or -8.
     */
    private static long[][] randomLevels(
        final Random random, final int count, final int base, final boolean bid, final boolean deletes)
    {
        final TreeMap<Long, long[]> byPrice = new TreeMap<>();
        for (int i = 0; i < count; i++)
        {
            final int depth = random.nextInt(8) == 0 ? random.nextInt(5000) : random.nextInt(100);
            final long cents = (bid ? base * 100L - 1 - depth : base * 100L + 1 + depth);
            final long qty = deletes && random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(100_000);
            final int shape = random.nextInt(3);
            final long[] level;
            if (shape == 0 && cents % 10 == 0)
            {
                level = new long[]{ cents / 10, -1, qty, -3 };
            }
            else if (shape == 1)
            {
                level = new long[]{ cents * 1_000_000L, -8, qty * 100_000L, -8 };
            }
            else
            {
                level = new long[]{ cents, -2, qty, -3 };
            }
            byPrice.put(cents, level);
        }
        final long[][] levels = byPrice.values().toArray(new long[0][]);
        if (random.nextBoolean())
        {
            java.util.Collections.reverse(java.util.Arrays.asList(levels));
        }
        return levels;
    }

    private static void apply(final TreeMap<BigDecimal, BigDecimal> side, final long[][] levels)
    {
        for (final long[] level : levels)
        {
            final BigDecimal price = BigDecimal.valueOf(level[0], (int)-level[1]).stripTrailingZeros();
            if (level[2] == 0)
            {
                side.remove(price);
            }
            else
            {
                side.put(price, BigDecimal.valueOf(level[2], (int)-level[3]));
            }
        }
    }

    private void encode(final boolean snapshot, final long seq, final long[][] bids, final long[][] asks)
    {
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .snapshot(snapshot ? BooleanType.TRUE : BooleanType.FALSE)
            .seq(seq)
            .firstSeq(seq)
            .prevSeq(seq - 1);
        final BookUpdateEncoder.BidsEncoder bidsEncoder = encoder.bidsCount(bids.length);
        for (final long[] level : bids)
        {
            bidsEncoder.next().price().mantissa(level[0]).exponent((byte)level[1]);
            bidsEncoder.qty().mantissa(level[2]).exponent((byte)level[3]);
        }
        final BookUpdateEncoder.AsksEncoder asksEncoder = encoder.asksCount(asks.length);
        for (final long[] level : asks)
        {
            asksEncoder.next().price().mantissa(level[0]).exponent((byte)level[1]);
            asksEncoder.qty().mantissa(level[2]).exponent((byte)level[3]);
        }
        headerDecoder.wrap(buffer, 0);
        decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
    }

    private static void check(
        final OrderBook book, final TreeMap<BigDecimal, BigDecimal> bids, final TreeMap<BigDecimal, BigDecimal> asks)
    {
        assertEquals(bids.size(), book.bidCount());
        assertEquals(asks.size(), book.askCount());
        int level = 0;
        final Iterator<Map.Entry<BigDecimal, BigDecimal>> bestBids = bids.descendingMap().entrySet().iterator();
        while (bestBids.hasNext())
        {
            final Map.Entry<BigDecimal, BigDecimal> entry = bestBids.next();
            assertEquals(0, entry.getKey().compareTo(decimal(book.bidPrice(level), book.priceExponent())));
            assertEquals(0, entry.getValue().compareTo(decimal(book.bidQty(level), book.qtyExponent())));
            level++;
        }
        level = 0;
        for (final Map.Entry<BigDecimal, BigDecimal> entry : asks.entrySet())
        {
            assertEquals(0, entry.getKey().compareTo(decimal(book.askPrice(level), book.priceExponent())));
            assertEquals(0, entry.getValue().compareTo(decimal(book.askQty(level), book.qtyExponent())));
            level++;
        }
    }

    private static BigDecimal decimal(final long mantissa, final int exponent)
    {
        return BigDecimal.valueOf(mantissa, -exponent);
    }
}
