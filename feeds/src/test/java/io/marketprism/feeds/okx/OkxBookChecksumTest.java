/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.okx;

import io.marketprism.engine.book.OrderBook;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checksum against OKX's own: every {@code books} message of a recorded v5 session (cryptofeed's
 * {@code OKX.ws.1.0}: three instruments, 400 levels, 3 snapshots and 287 updates) is applied to an {@link OrderBook}
 * and the checksum of the book must equal the one the message carries. The messages are read with the project's
 * capture reader and parsed here with regular expressions and {@link BigDecimal}, independently of any decoder.
 */
final class OkxBookChecksumTest
{

    @Test
    void shouldMatchEveryChecksumOfARecordedSession() throws Exception
    {
        final List<OkxRecording.BooksMessage> messages = OkxRecording.booksMessages();
        assertEquals(290, messages.size());

        final Map<String, OrderBook> books = new HashMap<>();
        final OkxBookChecksum checksum = new OkxBookChecksum();
        int verified = 0;
        int snapshots = 0;
        for (final OkxRecording.BooksMessage message : messages)
        {
            final OrderBook book = books.computeIfAbsent(message.instId(), id -> new OrderBook(64, 1024));
            if (message.snapshot())
            {
                book.clear();
                snapshots++;
            }
            apply(book, message);
            assertEquals(message.checksum(), checksum.checksum(book), message.instId() + " " + message.text());
            verified++;
        }
        assertEquals(3, snapshots);
        assertEquals(290, verified);
    }

    @Test
    void shouldComputeWithoutAllocating() throws Exception
    {
        final List<OkxRecording.BooksMessage> messages = OkxRecording.booksMessages();
        final OkxRecording.BooksMessage snapshot = messages.get(0);
        final OrderBook book = new OrderBook(64, 1024);
        apply(book, snapshot);
        final OkxBookChecksum checksum = new OkxBookChecksum();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();

        // Every pass does the same work, so an allocation in the checksum would show in every pass; the JVM charges a
        // few dozen bytes to the thread when the JIT moves a method between tiers, so a pass may be measured again.
        final StringBuilder measured = new StringBuilder();
        int cleanPasses = 0;
        for (int pass = 0; pass < 5 && cleanPasses == 0; pass++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            long sum = 0;
            for (int i = 0; i < 10_000; i++)
            {
                sum += checksum.checksum(book);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(10_000L * snapshot.checksum(), sum);
            measured.append(allocated).append(' ');
            cleanPasses += allocated == 0 ? 1 : 0;
        }
        assertEquals(1, cleanPasses, "bytes allocated per pass of 10,000 checksums: " + measured);
    }

    @Test
    void shouldNotMatchWhenOneQuantityOfARealMessageChanges() throws Exception
    {
        final List<OkxRecording.BooksMessage> messages = OkxRecording.booksMessages();
        final OkxRecording.BooksMessage snapshot = messages.get(0);
        assertTrue(snapshot.snapshot());
        final OkxBookChecksum checksum = new OkxBookChecksum();

        final OrderBook intact = new OrderBook(64, 1024);
        apply(intact, snapshot);
        assertEquals(snapshot.checksum(), checksum.checksum(intact));

        final OrderBook changed = new OrderBook(64, 1024);
        apply(changed, snapshot);
        // the third-best bid's size, one unit of its last digit more
        final BigDecimal qty = decimal(snapshot.bids().get(2)[1]);
        final BigDecimal more = qty.add(BigDecimal.ONE.movePointLeft(Math.max(0, qty.scale())));
        final BigDecimal price = decimal(snapshot.bids().get(2)[0]);
        changed.update(true, price.unscaledValue().longValueExact(), -price.scale(),
            more.unscaledValue().longValueExact(), -more.scale());
        assertNotEquals(snapshot.checksum(), checksum.checksum(changed));
    }

    @Test
    void shouldFollowTheDocumentedExamples()
    {
        // OKX's documentation: bids 3366.1x7, 3366x6; asks 3366.8x9, 3368x8 -> -1881014294
        final OrderBook book = new OrderBook(8, 64);
        book.update(true, 33661, -1, 7, 0);
        book.update(true, 3366, 0, 6, 0);
        book.update(false, 33668, -1, 9, 0);
        book.update(false, 3368, 0, 8, 0);
        final OkxBookChecksum checksum = new OkxBookChecksum();
        assertEquals(-1881014294, checksum.checksum(book));

        // and with fewer bids than asks: 3366.1x7; asks 3366.8x9, 3368x8, 3372x8 -> 831078360
        final OrderBook uneven = new OrderBook(8, 64);
        uneven.update(true, 33661, -1, 7, 0);
        uneven.update(false, 33668, -1, 9, 0);
        uneven.update(false, 3368, 0, 8, 0);
        uneven.update(false, 3372, 0, 8, 0);
        assertEquals(831078360, checksum.checksum(uneven));
    }

    private static void apply(final OrderBook book, final OkxRecording.BooksMessage message)
    {
        for (final String[] level : message.bids())
        {
            update(book, true, level);
        }
        for (final String[] level : message.asks())
        {
            update(book, false, level);
        }
    }

    private static void update(final OrderBook book, final boolean bid, final String[] level)
    {
        final BigDecimal price = decimal(level[0]);
        final BigDecimal qty = decimal(level[1]);
        final int result = book.update(bid, price.unscaledValue().longValueExact(), -price.scale(),
            qty.unscaledValue().longValueExact(), -qty.scale());
        assertTrue(result != OrderBook.NOT_REPRESENTABLE, level[0] + " x " + level[1]);
    }

    private static BigDecimal decimal(final String text)
    {
        final BigDecimal value = new BigDecimal(text);
        return value.scale() < 0 ? value.setScale(0) : value;
    }
}
