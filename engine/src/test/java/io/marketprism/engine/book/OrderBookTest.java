/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

final class OrderBookTest
{
    /** Finest price step of the model: prices are ticks x 10^-4. */
    private static final int PRICE_SCALE = 4;
    /** Finest quantity step of the model: quantities are lots x 10^-6. */
    private static final int QTY_SCALE = 6;
    private static final long MID_TICKS = 600_000_000L;

    @Test
    void shouldMatchAReferenceModelUnderRandomUpdates()
    {
        for (final long seed : new long[]{ 1L, 42L, 20260403L })
        {
            runModel(seed, 6_000);
        }
    }

    @Test
    void shouldCutEachSideToItsBestLevelsWhereverTheyLie()
    {
        // levels near the best sit in the ladder, far ones in the deep arrays: a cut crosses both
        final SplittableRandom random = new SplittableRandom(7);
        for (final int keep : new int[]{ 1, 10, 300, 1000 })
        {
            final OrderBook book = new OrderBook(4);
            final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
            final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
            for (int i = 0; i < 2_000; i++)
            {
                final long offset = random.nextInt(1, i % 4 == 0 ? 1_000_000 : 2_000);
                update(book, bids, true, MID_TICKS - offset, -PRICE_SCALE, random.nextLong(1, 1_000_000), -QTY_SCALE);
                update(book, asks, false, MID_TICKS + offset, -PRICE_SCALE, random.nextLong(1, 1_000_000),
                    -QTY_SCALE);
            }
            book.truncate(keep);
            while (bids.size() > keep)
            {
                bids.pollLastEntry();
            }
            while (asks.size() > keep)
            {
                asks.pollLastEntry();
            }
            assertSide(book, true, bids, "bids cut to " + keep);
            assertSide(book, false, asks, "asks cut to " + keep);
            book.truncate(keep);
            assertSide(book, true, bids, "a second cut changes nothing");
        }
    }

    @Test
    void shouldFindEveryPositionInBooksOfEverySize()
    {
        for (int size = 0; size <= 40; size++)
        {
            for (final boolean bid : new boolean[]{ true, false })
            {
                for (int probe = 1; probe <= 2 * size + 1; probe++)
                {
                    final OrderBook book = new OrderBook(4);
                    final NavigableMap<BigDecimal, BigDecimal> model = bid ?
                        new TreeMap<>(Collections.reverseOrder()) : new TreeMap<>();
                    for (int level = 1; level <= size; level++)
                    {
                        update(book, model, bid, 2L * level, 0, level, 0);
                    }
                    update(book, model, bid, probe, 0, 1000 + probe, 0);
                    assertEquals(probe % 2 == 0 ? size : size + 1, count(book, bid), "even probes exist already");
                    assertSide(book, bid, model, "size " + size + " probe " + probe);

                    update(book, model, bid, probe, 0, 0, 0);
                    assertSide(book, bid, model, "delete, size " + size + " probe " + probe);
                    update(book, model, bid, probe, 0, 0, 0);
                    assertSide(book, bid, model, "delete again, size " + size + " probe " + probe);
                }
            }
        }
    }

    @Test
    void shouldReportGrowthOnlyWhenASideOutgrowsItsArrays()
    {
        final OrderBook book = new OrderBook(4);
        int capacity = 4;
        for (int level = 0; level < 100; level++)
        {
            final int result = book.update(true, 1000 - level, 0, 1, 0);
            if (level == capacity)
            {
                assertEquals(OrderBook.GREW, result, "level " + level);
                capacity *= 2;
            }
            else
            {
                assertEquals(OrderBook.APPLIED, result, "level " + level);
            }
        }
        assertEquals(100, book.bidCount());
        assertEquals(1000, book.bidPrice(0));
        assertEquals(901, book.bidPrice(99));
        assertEquals(OrderBook.APPLIED, book.update(false, 2000, 0, 1, 0));
    }

    @Test
    void shouldKeepTheBestLevelsOnTopOfEachSide()
    {
        final OrderBook book = new OrderBook(16);
        book.update(true, 6183763, -2, 378826, -5);
        book.update(true, 6183700, -2, 1, 0);
        book.update(false, 6183764, -2, 154698, -5);
        book.update(false, 6183800, -2, 2, 0);

        assertEquals(-2, book.priceExponent());
        assertEquals(-5, book.qtyExponent());
        assertEquals(6183763, book.bidPrice(0));
        assertEquals(378826, book.bidQty(0));
        assertEquals(6183700, book.bidPrice(1));
        assertEquals(100000, book.bidQty(1));
        assertEquals(6183764, book.askPrice(0));
        assertEquals(154698, book.askQty(0));
        assertEquals(6183800, book.askPrice(1));
        assertEquals(200000, book.askQty(1));
        assertFalse(book.isCrossed());
    }

    @Test
    void shouldDetectACrossedBook()
    {
        final OrderBook book = new OrderBook(8);
        assertFalse(book.isCrossed());
        book.update(true, 100, 0, 1, 0);
        assertFalse(book.isCrossed(), "one side only");
        book.update(false, 1005, -1, 1, 0);
        assertFalse(book.isCrossed());
        book.update(true, 1004, -1, 1, 0);
        assertFalse(book.isCrossed());
        book.update(true, 1005, -1, 1, 0);
        assertTrue(book.isCrossed(), "bid equal to ask");
        book.update(true, 1005, -1, 0, 0);
        assertFalse(book.isCrossed());
        book.update(false, 99, 0, 1, 0);
        assertTrue(book.isCrossed(), "ask below bid");
        book.clear();
        assertFalse(book.isCrossed());
        assertEquals(0, book.bidCount());
        assertEquals(0, book.askCount());
    }

    @Test
    void shouldRefuseValuesThatCannotBeHeldExactlyAndChangeNothing()
    {
        final OrderBook book = new OrderBook(8);
        assertEquals(OrderBook.APPLIED, book.update(true, 1, 0, 1, -8));
        assertEquals(OrderBook.APPLIED, book.update(false, 2, 0, 1, -8));

        assertEquals(OrderBook.NOT_REPRESENTABLE, book.update(true, 1, -19, 1, -8), "price 19 digits finer");
        assertEquals(OrderBook.NOT_REPRESENTABLE, book.update(true, 1, 19, 1, -8), "price overflows");
        assertEquals(OrderBook.NOT_REPRESENTABLE, book.update(false, 1, 0, 1, 11), "quantity overflows");
        assertEquals(OrderBook.NOT_REPRESENTABLE, book.update(false, 3, 0, 1, -30), "quantity 22 digits finer");
        assertEquals(OrderBook.NOT_REPRESENTABLE, book.update(true, 1, 0, Long.MAX_VALUE, -7), "quantity overflows");

        assertEquals(0, book.priceExponent());
        assertEquals(-8, book.qtyExponent());
        assertEquals(1, book.bidCount());
        assertEquals(1, book.askCount());
        assertEquals(1, book.bidPrice(0));
        assertEquals(1, book.bidQty(0));
        assertEquals(2, book.askPrice(0));
        assertEquals(1, book.askQty(0));
    }

    @Test
    void shouldLeaveThePricesUnchangedWhenOnlyOneSideCannotBeRescaled()
    {
        final OrderBook book = new OrderBook(8);
        book.update(true, 1, 0, 1, 0);
        book.update(false, 1_000_000_000_000_000_000L, 0, 1, 0);

        assertEquals(OrderBook.NOT_REPRESENTABLE, book.update(true, 15, -1, 1, 0),
            "the ask cannot be expressed in tenths");
        assertEquals(0, book.priceExponent());
        assertEquals(1, book.bidPrice(0), "bid price still 1 at exponent 0");
        assertEquals(1_000_000_000_000_000_000L, book.askPrice(0));
    }

    @Test
    void shouldLeaveTheQuantitiesUnchangedWhenOnlyOneSideCannotBeRescaled()
    {
        final OrderBook quantities = new OrderBook(8);
        quantities.update(true, 1, 0, 1, 0);
        quantities.update(false, 2, 0, 1_000_000_000_000_000_000L, 0);

        assertEquals(OrderBook.NOT_REPRESENTABLE, quantities.update(true, 1, 0, 15, -1),
            "the ask quantity cannot be expressed in tenths");
        assertEquals(0, quantities.qtyExponent());
        assertEquals(1, quantities.bidQty(0), "bid quantity still 1 at exponent 0");
        assertEquals(1_000_000_000_000_000_000L, quantities.askQty(0));
    }

    @Test
    void shouldRescaleTheBookForAFinerValueKeepingEveryLevel()
    {
        final OrderBook book = new OrderBook(4);
        book.update(true, 61837, 0, 2, 0);
        book.update(true, 61836, 0, 3, 0);
        book.update(false, 61838, 0, 1, 0);
        assertEquals(0, book.priceExponent());

        assertEquals(OrderBook.APPLIED, book.update(true, 6183750, -2, 5, -1));
        assertEquals(-2, book.priceExponent());
        assertEquals(-1, book.qtyExponent());
        assertEquals(3, book.bidCount());
        assertEquals(6183750, book.bidPrice(0));
        assertEquals(5, book.bidQty(0));
        assertEquals(6183700, book.bidPrice(1));
        assertEquals(20, book.bidQty(1));
        assertEquals(6183600, book.bidPrice(2));
        assertEquals(6183800, book.askPrice(0));
        assertEquals(10, book.askQty(0));

        assertEquals(OrderBook.APPLIED, book.update(false, 61838, 0, 0, 0), "delete with a coarser price");
        assertEquals(0, book.askCount());
        assertEquals(OrderBook.APPLIED, book.update(true, 618375000, -4, 0, -3), "delete with a finer zero tail");
        assertEquals(2, book.bidCount());
        assertEquals(-2, book.priceExponent());
    }

    private static void runModel(final long seed, final int steps)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final OrderBook book = new OrderBook(4);
        final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
        final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        final int[] capacity = { 4, 4 };
        int grew = 0;
        int rescales = 0;

        for (int step = 0; step < steps; step++)
        {
            final boolean bid = random.nextInt(2) == 0;
            final NavigableMap<BigDecimal, BigDecimal> side = bid ? bids : asks;
            final long ticks = chooseTicks(random, bid, side);
            final long lots = random.nextInt(10) < 3 || side.size() > 1500 ? 0 : chooseLots(random);
            final int priceExponent = chooseExponent(random, ticks, PRICE_SCALE);
            final long priceMantissa = mantissa(ticks, PRICE_SCALE, priceExponent);
            final int qtyExponent = chooseExponent(random, lots, QTY_SCALE);
            final long qtyMantissa = mantissa(lots, QTY_SCALE, qtyExponent);

            final int countBefore = side.size();
            final int priceExponentBefore = book.priceExponent();
            final int qtyExponentBefore = book.qtyExponent();
            final BigDecimal price = BigDecimal.valueOf(priceMantissa, -priceExponent);
            final boolean inserts = lots != 0 && !side.containsKey(price);
            final int result = book.update(bid, priceMantissa, priceExponent, qtyMantissa, qtyExponent);
            final String where = "seed " + seed + " step " + step + ": " + (bid ? "bid " : "ask ") +
                priceMantissa + "e" + priceExponent + " qty " + qtyMantissa + "e" + qtyExponent;

            final int sideIndex = bid ? 0 : 1;
            if (inserts && countBefore == capacity[sideIndex])
            {
                assertEquals(OrderBook.GREW, result, where);
                capacity[sideIndex] *= 2;
                grew++;
            }
            else
            {
                assertEquals(OrderBook.APPLIED, result, where);
            }

            if (lots == 0)
            {
                side.remove(price);
            }
            else
            {
                side.put(price, BigDecimal.valueOf(qtyMantissa, -qtyExponent));
            }
            assertSide(book, bid, side, where);
            if (book.priceExponent() != priceExponentBefore || book.qtyExponent() != qtyExponentBefore)
            {
                assertSide(book, !bid, bid ? asks : bids, where + " (rescaled)");
                rescales++;
            }
            assertEquals(bids.size(), book.bidCount(), where);
            assertEquals(asks.size(), book.askCount(), where);
            final boolean crossed =
                !bids.isEmpty() && !asks.isEmpty() && bids.firstKey().compareTo(asks.firstKey()) >= 0;
            assertEquals(crossed, book.isCrossed(), where);
        }
        assertSide(book, true, bids, "seed " + seed + " at the end");
        assertSide(book, false, asks, "seed " + seed + " at the end");
        assertTrue(grew >= 8, "the book grew " + grew + " times");
        assertTrue(rescales >= 2, "the book was rescaled " + rescales + " times");
    }

    /**
     * Prices mostly near the best level, some deep in the book, some deleting levels that exist or never did.
     */
    private static long chooseTicks(
        final SplittableRandom random, final boolean bid, final NavigableMap<BigDecimal, BigDecimal> side)
    {
        final int kind = random.nextInt(100);
        final long step = random.nextInt(5) == 0 ? 1 : random.nextInt(4) == 0 ? 10 : 100;
        if (kind < 15 && !side.isEmpty())
        {
            final List<BigDecimal> prices = new ArrayList<>(side.keySet());
            final int index = random.nextInt(3) == 0 ? random.nextInt(prices.size()) :
                random.nextInt(Math.min(12, prices.size()));
            return prices.get(index).movePointRight(PRICE_SCALE).longValueExact();
        }
        final long distance;
        if (kind < 65)
        {
            distance = random.nextLong(1, 40) * step;
        }
        else if (kind < 99)
        {
            distance = random.nextLong(1, 20_000) * step;
        }
        else
        {
            distance = -random.nextLong(0, 5) * step;
        }
        return bid ? MID_TICKS - distance : MID_TICKS + distance;
    }

    private static long chooseLots(final SplittableRandom random)
    {
        final long lots = random.nextLong(1, 100_000_000L);
        return random.nextBoolean() ? lots - lots % 1000 + 1000 : lots;
    }

    /**
     * An exponent at which units x 10^-scale is an integer mantissa: anything from finer than the value needs
     * (trailing zeros) up to its coarsest exact form.
     */
    private static int chooseExponent(final SplittableRandom random, final long units, final int scale)
    {
        int coarsest = -scale;
        long rest = units;
        while (rest != 0 && rest % 10 == 0 && coarsest < 2)
        {
            rest /= 10;
            coarsest++;
        }
        if (units == 0)
        {
            coarsest = random.nextInt(-scale, 3);
        }
        final int finest = -scale - 4;
        return random.nextInt(4) == 0 ? random.nextInt(finest, coarsest + 1) : coarsest;
    }

    private static long mantissa(final long units, final int scale, final int exponent)
    {
        return BigDecimal.valueOf(units, scale).movePointRight(-exponent).toBigIntegerExact().longValueExact();
    }

    private static void update(
        final OrderBook book,
        final NavigableMap<BigDecimal, BigDecimal> model,
        final boolean bid,
        final long price,
        final int priceExponent,
        final long qty,
        final int qtyExponent)
    {
        final int result = book.update(bid, price, priceExponent, qty, qtyExponent);
        assertTrue(result == OrderBook.APPLIED || result == OrderBook.GREW, "result " + result);
        final BigDecimal key = BigDecimal.valueOf(price, -priceExponent);
        if (qty == 0)
        {
            model.remove(key);
        }
        else
        {
            model.put(key, BigDecimal.valueOf(qty, -qtyExponent));
        }
    }

    private static int count(final OrderBook book, final boolean bid)
    {
        return bid ? book.bidCount() : book.askCount();
    }

    /**
     * Asserts a side of the book against a model of it, best level first; shared with {@link OrderBookLadderTest}.
     */
    static void assertSide(
        final OrderBook book, final boolean bid, final NavigableMap<BigDecimal, BigDecimal> model, final String where)
    {
        assertEquals(model.size(), count(book, bid), where);
        final Iterator<Map.Entry<BigDecimal, BigDecimal>> expected = model.entrySet().iterator();
        for (int level = 0; level < model.size(); level++)
        {
            assertLevel(book, bid, level, expected.next(), where);
        }
    }

    /**
     * Asserts one level of the book against the model's entry for it.
     */
    static void assertLevel(
        final OrderBook book,
        final boolean bid,
        final int level,
        final Map.Entry<BigDecimal, BigDecimal> entry,
        final String where)
    {
        final long price = bid ? book.bidPrice(level) : book.askPrice(level);
        final long qty = bid ? book.bidQty(level) : book.askQty(level);
        if (entry.getKey().compareTo(decimal(price, book.priceExponent())) != 0 ||
            entry.getValue().compareTo(decimal(qty, book.qtyExponent())) != 0)
        {
            fail(where + ": " + (bid ? "bid" : "ask") + " level " + level + " is " +
                decimal(price, book.priceExponent()) + " x " + decimal(qty, book.qtyExponent()) +
                ", expected " + entry.getKey() + " x " + entry.getValue());
        }
    }

    static BigDecimal decimal(final long mantissa, final int exponent)
    {
        return new BigDecimal(BigInteger.valueOf(mantissa), -exponent);
    }
}
