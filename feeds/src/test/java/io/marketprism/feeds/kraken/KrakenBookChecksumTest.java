/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import io.marketprism.engine.book.OrderBook;
import io.marketprism.feeds.RecordedJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checksum against Kraken's own: every {@code book-1000} message of a recorded v1 session (cryptofeed's
 * {@code KRAKEN.ws.50.0}: 10 pairs, 10 snapshots, 4,269 updates carrying {@code c}) is applied to an
 * {@link OrderBook}, and the checksum of the book, at the decimals the pair's snapshot was written with, must equal
 * the message's. Messages are read with the project's capture reader and parsed here with regular expressions and
 * {@link BigDecimal}, independently of any decoder.
 */
final class KrakenBookChecksumTest
{
    private static final Path RECORDING = Path.of("src/test/resources/recordings/cryptofeed/KRAKEN.ws.50.0");
    private static final Pattern PAIR = Pattern.compile("\"book-1000\",\"([^\"]+)\"]$");
    private static final Pattern CHECKSUM = Pattern.compile("\"c\":\"(\\d+)\"");
    private static final Pattern LEVEL = Pattern.compile("\\[\"([^\"]*)\",\"([^\"]*)\",\"[^\"]*\"(?:,\"r\")?]");
    private static final int SUBSCRIBED_DEPTH = 1000;

    @Test
    void shouldMatchEveryChecksumOfARecordedSession() throws Exception
    {
        final Map<String, OrderBook> books = new HashMap<>();
        final Map<String, int[]> decimals = new HashMap<>();
        final KrakenBookChecksum checksum = new KrakenBookChecksum();
        int snapshots = 0;
        int verified = 0;
        for (final BookMessage message : recordedBookMessages())
        {
            final OrderBook book = books.computeIfAbsent(message.pair, p -> new OrderBook(64, 1024));
            if (message.snapshot)
            {
                book.clear();
                decimals.put(message.pair, new int[]{
                    decimalsOf(message.sides.get(0).get(0)[0]), decimalsOf(message.sides.get(0).get(0)[1]) });
                snapshots++;
            }
            for (int s = 0; s < message.sides.size(); s++)
            {
                apply(book, message.bid.get(s), message.sides.get(s));
            }
            assertTrue(book.bidCount() <= SUBSCRIBED_DEPTH && book.askCount() <= SUBSCRIBED_DEPTH,
                "the recording never needs truncating to the subscribed depth");
            if (message.checksum >= 0)
            {
                final int[] pairDecimals = decimals.get(message.pair);
                assertEquals(message.checksum, checksum.checksum(book, pairDecimals[0], pairDecimals[1]),
                    message.text);
                verified++;
            }
        }
        assertEquals(10, snapshots);
        assertEquals(4269, verified);
    }

    @Test
    void shouldNotMatchWhenOneVolumeOfARealMessageChanges() throws Exception
    {
        final List<BookMessage> messages = recordedBookMessages();
        final BookMessage snapshot = messages.stream().filter(m -> m.snapshot).findFirst().orElseThrow();
        final BookMessage update = messages.stream()
            .filter(m -> !m.snapshot && m.checksum >= 0 && m.pair.equals(snapshot.pair)).findFirst().orElseThrow();
        final int priceDecimals = decimalsOf(snapshot.sides.get(0).get(0)[0]);
        final int volumeDecimals = decimalsOf(snapshot.sides.get(0).get(0)[1]);
        final KrakenBookChecksum checksum = new KrakenBookChecksum();

        final OrderBook book = new OrderBook(64, 1024);
        for (int s = 0; s < snapshot.sides.size(); s++)
        {
            apply(book, snapshot.bid.get(s), snapshot.sides.get(s));
        }
        for (int s = 0; s < update.sides.size(); s++)
        {
            apply(book, update.bid.get(s), update.sides.get(s));
        }
        assertEquals(update.checksum, checksum.checksum(book, priceDecimals, volumeDecimals));

        // the best ask's volume, one unit of its last decimal more
        final long priceMantissa = book.askPrice(0);
        final long qtyMantissa = book.askQty(0) + 1;
        book.update(false, priceMantissa, book.priceExponent(), qtyMantissa, book.qtyExponent());
        assertNotEquals(update.checksum, checksum.checksum(book, priceDecimals, volumeDecimals));
    }

    @Test
    void shouldRefuseAValueWithMoreDecimalsThanThePair()
    {
        final OrderBook book = new OrderBook(8, 64);
        book.update(true, 3541234, -4, 5, 0);
        final KrakenBookChecksum checksum = new KrakenBookChecksum();
        assertEquals(KrakenBookChecksum.NOT_AT_PAIR_DECIMALS, checksum.checksum(book, 2, 8));
        assertTrue(checksum.checksum(book, 4, 8) >= 0);
    }

    @Test
    void shouldComputeWithoutAllocating() throws Exception
    {
        final BookMessage snapshot = recordedBookMessages().stream().filter(m -> m.snapshot).findFirst().orElseThrow();
        final OrderBook book = new OrderBook(64, 1024);
        for (int s = 0; s < snapshot.sides.size(); s++)
        {
            apply(book, snapshot.bid.get(s), snapshot.sides.get(s));
        }
        final int priceDecimals = decimalsOf(snapshot.sides.get(0).get(0)[0]);
        final int volumeDecimals = decimalsOf(snapshot.sides.get(0).get(0)[1]);
        final KrakenBookChecksum checksum = new KrakenBookChecksum();
        final long expected = checksum.checksum(book, priceDecimals, volumeDecimals);
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
                sum += checksum.checksum(book, priceDecimals, volumeDecimals);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(10_000L * expected, sum);
            measured.append(allocated).append(' ');
            cleanPasses += allocated == 0 ? 1 : 0;
        }
        assertEquals(1, cleanPasses, "bytes allocated per pass of 10,000 checksums: " + measured);
    }

    private static void apply(final OrderBook book, final boolean bid, final List<String[]> levels)
    {
        for (final String[] level : levels)
        {
            final BigDecimal price = new BigDecimal(level[0]);
            final BigDecimal volume = new BigDecimal(level[1]);
            final int result = book.update(bid, price.unscaledValue().longValueExact(), -price.scale(),
                volume.unscaledValue().longValueExact(), -volume.scale());
            assertTrue(result != OrderBook.NOT_REPRESENTABLE, level[0] + " x " + level[1]);
        }
    }

    private static int decimalsOf(final String text)
    {
        final int point = text.indexOf('.');
        return point < 0 ? 0 : text.length() - point - 1;
    }

    private static List<BookMessage> recordedBookMessages() throws Exception
    {
        final List<BookMessage> messages = new ArrayList<>();
        for (final String text : RecordedJson.receivedMessages(RECORDING))
        {
            if (text.startsWith("[") && PAIR.matcher(text).find())
            {
                messages.add(new BookMessage(text));
            }
        }
        return messages;
    }

    private static final class BookMessage
    {
        final String text;
        final String pair;
        final boolean snapshot;
        final long checksum;
        final List<List<String[]>> sides = new ArrayList<>();
        final List<Boolean> bid = new ArrayList<>();

        BookMessage(final String text)
        {
            this.text = text;
            final Matcher pairMatcher = PAIR.matcher(text);
            assertTrue(pairMatcher.find(), text);
            pair = pairMatcher.group(1);
            snapshot = text.contains("\"as\":[") || text.contains("\"bs\":[");
            final Matcher checksumMatcher = CHECKSUM.matcher(text);
            checksum = checksumMatcher.find() ? Long.parseLong(checksumMatcher.group(1)) : -1;
            // the sides in the order they appear: a snapshot's asks then bids, an update's a and/or b objects
            final String[][] keys = snapshot ?
                new String[][]{ { "\"as\":[", "ask" }, { "\"bs\":[", "bid" } } :
                new String[][]{ { "\"a\":[", "ask" }, { "\"b\":[", "bid" } };
            final List<int[]> found = new ArrayList<>();
            for (int k = 0; k < keys.length; k++)
            {
                final int at = text.indexOf(keys[k][0]);
                if (at >= 0)
                {
                    found.add(new int[]{ at, k });
                }
            }
            found.sort((x, y) -> Integer.compare(x[0], y[0]));
            assertTrue(!found.isEmpty(), text);
            for (final int[] side : found)
            {
                final int opening = side[0] + keys[side[1]][0].length() - 1;
                sides.add(RecordedJson.levels(RecordedJson.array(text, opening), LEVEL));
                bid.add("bid".equals(keys[side[1]][1]));
            }
        }
    }
}
