/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.book;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ladder book against a trivially correct model (sorted maps of exact decimals, and the book's documented exponent
 * rule computed with big integers) over long random sequences: a drifting and jumping market, levels far from the
 * top, prices off the grid, prices at the ends of the 64-bit range, exponents finer and coarser than the book's, and
 * resets. Small ladders make the window move, overflow and re-grid all the time.
 */
final class OrderBookLadderTest
{
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** Model prices are units x 10^-4; the market's tick is 100 units. */
    private static final int PRICE_SCALE = 4;
    private static final long TICK_UNITS = 100;
    private static final int QTY_SCALE = 6;
    private static final BigDecimal MARKET_TICK = BigDecimal.valueOf(TICK_UNITS, PRICE_SCALE);

    @Test
    void shouldMatchTheModelInADriftingMarket()
    {
        for (final int slots : new int[]{ 64, 1024, 1 << 16 })
        {
            for (final long seed : new long[]{ 7L, 1234L })
            {
                final Run run = new Run(seed, slots, 4, Mix.MARKET);
                run.steps(60_000);
                assertTrue(!run.offMarketGrid, "the ladder's tick is always a multiple of the market's");
                assertTrue(run.marketTicks > 0.95 * run.ladderTicks, "the ladder learnt the market's tick: " +
                    run.marketTicks + " of " + run.ladderTicks + " updates");
            }
        }
    }

    @Test
    void shouldMatchTheModelUnderAdversarialPrices()
    {
        for (final int slots : new int[]{ 64, 256, 1 << 16 })
        {
            for (final long seed : new long[]{ 1L, 99L, 20260403L })
            {
                final Run run = new Run(seed, slots, 8, Mix.ADVERSARIAL);
                run.steps(40_000);
                assertTrue(run.notRepresentable > 100, "refusals exercised: " + run.notRepresentable);
                assertTrue(run.rescales > 10, "rescales exercised: " + run.rescales);
            }
        }
    }

    @Test
    void shouldMatchTheModelWhenPricesSpanTheWholeRange()
    {
        for (final int slots : new int[]{ 64, 4096 })
        {
            final Run run = new Run(5L, slots, 4, Mix.WHOLE_RANGE);
            run.steps(30_000);
        }
    }

    @Test
    void shouldLearnTheGridAndRefineItForAPriceOffIt()
    {
        final OrderBook book = new OrderBook(4, 64);
        book.update(true, 1_000_000, -2, 1, 0);
        assertEquals(0, book.ladderTick(true), "one price: no grid yet");
        book.update(true, 999_900, -2, 1, 0);
        assertEquals(100, book.ladderTick(true));
        book.update(true, 999_950, -2, 1, 0);
        assertEquals(50, book.ladderTick(true), "a price between two ticks halves the tick");
        book.update(true, 999_951, -2, 1, 0);
        assertEquals(1, book.ladderTick(true));
        assertEquals(4, book.bidCount());
        assertEquals(1_000_000, book.bidPrice(0));
        assertEquals(999_951, book.bidPrice(1));
        assertEquals(999_950, book.bidPrice(2));
        assertEquals(999_900, book.bidPrice(3));

        book.clear();
        assertEquals(0, book.ladderTick(true), "clear forgets the grid");
    }

    @Test
    void shouldKeepLevelsFarFromTheTopInOrder()
    {
        final OrderBook book = new OrderBook(4, 64);
        final NavigableMap<BigDecimal, BigDecimal> model = new TreeMap<>(Collections.reverseOrder());
        final long[] prices = { 6_000_000, 5_999_990, 1, 6_000_010, 3_000_000, 7_000_000, 5_999_999_990L, 2 };
        long qty = 1;
        for (final long price : prices)
        {
            final int result = book.update(true, price, -2, qty, 0);
            assertTrue(result == OrderBook.APPLIED || result == OrderBook.GREW, "result " + result);
            model.put(BigDecimal.valueOf(price, 2), BigDecimal.valueOf(qty++));
            OrderBookTest.assertSide(book, true, model, "after " + price);
        }
        for (final long price : prices)
        {
            assertEquals(OrderBook.APPLIED, book.update(true, price, -2, 0, 0));
            model.remove(BigDecimal.valueOf(price, 2));
            OrderBookTest.assertSide(book, true, model, "after deleting " + price);
        }
    }

    @Test
    void shouldReadLevelsAtAnyRankInAnyOrder()
    {
        final SplittableRandom random = new SplittableRandom(3);
        final OrderBook book = new OrderBook(16, 256);
        final List<Long> asks = new ArrayList<>();
        for (int i = 0; i < 300; i++)
        {
            final long price = 100_000 + random.nextLong(0, 2_000) * 5;
            book.update(false, price, -2, price, -2);
            if (!asks.contains(price))
            {
                asks.add(price);
            }
        }
        Collections.sort(asks);
        assertEquals(asks.size(), book.askCount());
        for (int i = 0; i < 2_000; i++)
        {
            final int rank = random.nextInt(asks.size());
            assertEquals((long)asks.get(rank), book.askPrice(rank), "rank " + rank);
            assertEquals((long)asks.get(rank), book.askQty(rank), "rank " + rank);
        }
    }

    @Test
    void shouldNotAllocateInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final OrderBook book = new OrderBook(16_384);
        final SplittableRandom random = new SplittableRandom(11);
        long mid = 6_000_000_000L;
        long grew = 0;
        for (int round = 0; round < 3; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 400_000; i++)
            {
                mid += (random.nextInt(3) - 1) * 1_000_000L;
                final boolean bid = random.nextBoolean();
                final long distance = (random.nextInt(8) == 0 ? random.nextLong(1, 20_000) : random.nextLong(1, 400))
                    * 1_000_000L;
                final long price = bid ? mid - distance : mid + distance;
                final long qty = random.nextBoolean() ? 0 : random.nextLong(1, 1_000_000);
                grew += book.update(bid, price, -8, qty, -8);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round > 0)
            {
                assertEquals(0, grew, "the book outgrew 16384 levels a side");
                assertTrue(allocated < 1024, allocated + " bytes allocated by 400000 updates in round " + round);
            }
        }
    }

    private enum Mix
    {
        MARKET, ADVERSARIAL, WHOLE_RANGE
    }

    /**
     * One random sequence applied to the book and to the model side by side.
     */
    private static final class Run
    {
        private final long seed;
        private final SplittableRandom random;
        private final int slots;
        private final Mix mix;
        private final OrderBook book;
        private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
        private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        private final int[] capacity = new int[2];
        private Integer priceExponent;
        private Integer qtyExponent;
        private long midUnits = 600_000_000L;
        private int step;
        int notRepresentable;
        int rescales;
        int ladderTicks;
        int marketTicks;
        boolean offMarketGrid;

        Run(final long seed, final int slots, final int initialLevels, final Mix mix)
        {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            this.slots = slots;
            this.mix = mix;
            this.book = new OrderBook(initialLevels, slots);
            capacity[0] = Math.max(initialLevels, 4);
            capacity[1] = capacity[0];
            reset();
        }

        void steps(final int count)
        {
            for (step = 0; step < count; step++)
            {
                if (random.nextInt(mix == Mix.MARKET ? 20_000 : 3_000) == 0)
                {
                    book.clear();
                    reset();
                    check("after clear");
                }
                moveMarket();
                oneUpdate();
            }
            check("at the end");
        }

        /**
         * Empties the model and forgets its exponents; the book keeps its capacity across a clear.
         */
        private void reset()
        {
            bids.clear();
            asks.clear();
            priceExponent = null;
            qtyExponent = null;
        }

        private void moveMarket()
        {
            final int move = random.nextInt(1000);
            if (move < 300)
            {
                midUnits += (random.nextInt(7) - 3) * TICK_UNITS;
            }
            else if (move < 302)
            {
                midUnits += (random.nextBoolean() ? 1 : -1) * random.nextLong(1, 4L * slots) * TICK_UNITS;
            }
            midUnits = Math.max(midUnits, 1_000_000L);
        }

        private void oneUpdate()
        {
            final boolean bid = random.nextBoolean();
            final NavigableMap<BigDecimal, BigDecimal> side = bid ? bids : asks;
            final boolean delete = random.nextInt(10) < (side.size() > 2_000 ? 7 : 4);

            final long[] price = choosePrice(bid, side);
            final long[] qty = delete ? new long[]{ 0, random.nextInt(-8, 3) } : chooseQty();

            final String where = "seed " + seed + " slots " + slots + " " + mix + " step " + step + ": " +
                (bid ? "bid " : "ask ") + price[0] + "e" + price[1] + " qty " + qty[0] + "e" + qty[1];
            final int countBefore = side.size();
            final Integer priceExponentBefore = priceExponent;
            final Integer qtyExponentBefore = qtyExponent;
            final int expected = expect(bid, price[0], (int)price[1], qty[0], (int)qty[1]);
            final int result = book.update(bid, price[0], (int)price[1], qty[0], (int)qty[1]);
            final int sideIndex = bid ? 0 : 1;
            final int expectedResult;
            if (expected == OrderBook.NOT_REPRESENTABLE)
            {
                notRepresentable++;
                expectedResult = OrderBook.NOT_REPRESENTABLE;
            }
            else if (side.size() > countBefore && countBefore == capacity[sideIndex])
            {
                capacity[sideIndex] *= 2;
                expectedResult = OrderBook.GREW;
            }
            else
            {
                expectedResult = OrderBook.APPLIED;
            }
            assertEquals(expectedResult, result, where);
            final long tick = book.ladderTick(bid);
            if (tick != 0)
            {
                final BigDecimal tickValue = OrderBookTest.decimal(tick, book.priceExponent());
                ladderTicks++;
                marketTicks += tickValue.compareTo(MARKET_TICK) == 0 ? 1 : 0;
                offMarketGrid |= tickValue.remainder(MARKET_TICK).signum() != 0;
            }

            final boolean rescaled = priceExponentBefore != null && !priceExponentBefore.equals(priceExponent) ||
                qtyExponentBefore != null && !qtyExponentBefore.equals(qtyExponent);
            if (rescaled)
            {
                rescales++;
            }
            if (rescaled || expected == OrderBook.NOT_REPRESENTABLE || step % 64 == 0)
            {
                check(where);
            }
            else
            {
                checkTop(where);
            }
        }

        /**
         * @return { mantissa, exponent }.
         */
        private long[] choosePrice(final boolean bid, final NavigableMap<BigDecimal, BigDecimal> side)
        {
            final int kind = random.nextInt(100);
            if (kind < 20 && !side.isEmpty())
            {
                final List<BigDecimal> prices = new ArrayList<>(side.keySet());
                final int index = random.nextInt(4) == 0 ? random.nextInt(prices.size()) :
                    random.nextInt(Math.min(10, prices.size()));
                final BigDecimal value = prices.get(index);
                return exactForm(value);
            }
            final long units;
            if (mix == Mix.WHOLE_RANGE && kind < 70)
            {
                return new long[]{ random.nextLong(-Long.MAX_VALUE, Long.MAX_VALUE), random.nextInt(-6, 1) };
            }
            if (kind < 75)
            {
                final long ticks = random.nextInt(3) == 0 ? random.nextLong(0, 2L * slots) : random.nextLong(0, 50);
                final long distance = (ticks - (random.nextInt(50) == 0 ? 2 : 0)) * TICK_UNITS;
                units = bid ? midUnits - distance : midUnits + distance;
            }
            else if (kind < 88)
            {
                final long distance = random.nextLong(1, 1_000_000_000L) * TICK_UNITS;
                units = bid ? midUnits - distance : midUnits + distance;
            }
            else if (mix == Mix.MARKET || kind < 93)
            {
                units = midUnits + (random.nextInt(2) == 0 ? 1 : -1) * random.nextLong(0, 3L * slots * TICK_UNITS);
                return unitsForm(units - (mix == Mix.MARKET ? units % TICK_UNITS : 0));
            }
            else if (kind < 97)
            {
                final long mantissa = Long.MAX_VALUE - random.nextLong(0, 1_000);
                return new long[]{ random.nextBoolean() ? mantissa : -mantissa, random.nextInt(-6, 3) };
            }
            else
            {
                return new long[]{ random.nextLong(-Long.MAX_VALUE, Long.MAX_VALUE), random.nextInt(-10, 4) };
            }
            return unitsForm(units);
        }

        private long[] unitsForm(final long units)
        {
            return exactForm(BigDecimal.valueOf(units, PRICE_SCALE));
        }

        /**
         * The value at its coarsest exact exponent, or sometimes finer (trailing zeros).
         */
        private long[] exactForm(final BigDecimal value)
        {
            BigDecimal form = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
            if (form.scale() < -2)
            {
                form = form.setScale(-2);
            }
            if (random.nextInt(mix == Mix.MARKET ? 200 : 4) == 0)
            {
                form = form.setScale(form.scale() + random.nextInt(1, 4));
            }
            if (form.unscaledValue().bitLength() > 63)
            {
                form = value;
            }
            return new long[]{ form.unscaledValue().longValueExact(), -form.scale() };
        }

        private long[] chooseQty()
        {
            final long lots = random.nextLong(1, 100_000_000L);
            if (mix != Mix.MARKET && random.nextInt(200) == 0)
            {
                return new long[]{ Long.MAX_VALUE - random.nextInt(100), random.nextInt(-4, 2) };
            }
            final BigDecimal value = BigDecimal.valueOf(lots, QTY_SCALE).stripTrailingZeros();
            final int finer = mix == Mix.MARKET ? 0 : random.nextInt(8) == 0 ? random.nextInt(1, 6) : 0;
            final BigDecimal form = value.setScale(value.scale() + finer);
            return new long[]{ form.unscaledValue().longValueExact(), -form.scale() };
        }

        /**
         * The book's documented exponent rule, then the level change, on the model.
         *
         * @return {@link OrderBook#APPLIED} or {@link OrderBook#NOT_REPRESENTABLE}.
         */
        private int expect(
            final boolean bid, final long priceMantissa, final int priceExp, final long qtyMantissa, final int qtyExp)
        {
            final Integer newPriceExponent = exponentFor(priceMantissa, priceExp, priceExponent, true);
            if (newPriceExponent == null)
            {
                return OrderBook.NOT_REPRESENTABLE;
            }
            priceExponent = newPriceExponent;
            final BigDecimal price = BigDecimal.valueOf(priceMantissa, -priceExp);
            final NavigableMap<BigDecimal, BigDecimal> side = bid ? bids : asks;
            if (qtyMantissa == 0)
            {
                side.remove(price);
                return OrderBook.APPLIED;
            }
            final Integer newQtyExponent = exponentFor(qtyMantissa, qtyExp, qtyExponent, false);
            if (newQtyExponent == null)
            {
                return OrderBook.NOT_REPRESENTABLE;
            }
            qtyExponent = newQtyExponent;
            side.put(price, BigDecimal.valueOf(qtyMantissa, -qtyExp));
            return OrderBook.APPLIED;
        }

        /**
         * @return the book's exponent after taking this value, or null when the value is refused.
         */
        private Integer exponentFor(
            final long mantissa, final int exponent, final Integer current, final boolean prices)
        {
            if (current == null)
            {
                return exponent;
            }
            final BigDecimal value = BigDecimal.valueOf(mantissa, -exponent);
            if (fits(value, current))
            {
                return current;
            }
            if (exponent > current)
            {
                return null;
            }
            for (final NavigableMap<BigDecimal, BigDecimal> side : List.of(bids, asks))
            {
                for (final Map.Entry<BigDecimal, BigDecimal> level : side.entrySet())
                {
                    if (!fits(prices ? level.getKey() : level.getValue(), exponent))
                    {
                        return null;
                    }
                }
            }
            return exponent;
        }

        private static boolean fits(final BigDecimal value, final int exponent)
        {
            final BigDecimal mantissa = value.movePointRight(-exponent);
            if (mantissa.signum() != 0 && mantissa.stripTrailingZeros().scale() > 0)
            {
                return false;
            }
            return mantissa.toBigInteger().abs().compareTo(MAX) <= 0;
        }

        private void checkTop(final String where)
        {
            assertEquals(bids.size(), book.bidCount(), where);
            assertEquals(asks.size(), book.askCount(), where);
            if (!bids.isEmpty())
            {
                OrderBookTest.assertLevel(book, true, 0, bids.firstEntry(), where);
            }
            if (!asks.isEmpty())
            {
                OrderBookTest.assertLevel(book, false, 0, asks.firstEntry(), where);
            }
            final boolean crossed =
                !bids.isEmpty() && !asks.isEmpty() && bids.firstKey().compareTo(asks.firstKey()) >= 0;
            assertEquals(crossed, book.isCrossed(), where);
        }

        private void check(final String where)
        {
            checkTop(where);
            if (priceExponent != null)
            {
                assertEquals((int)priceExponent, book.priceExponent(), where);
            }
            if (qtyExponent != null && (!bids.isEmpty() || !asks.isEmpty()))
            {
                assertEquals((int)qtyExponent, book.qtyExponent(), where);
            }
            OrderBookTest.assertSide(book, true, bids, where);
            OrderBookTest.assertSide(book, false, asks, where);
        }
    }
}
