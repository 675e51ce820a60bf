/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.quality;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class DataQualityTest
{
    private static final long NULL = Long.MIN_VALUE;
    private static final long SECOND = 1_000_000_000L;
    private static final short VENUE = 4;
    private static final int TRADE = 1;
    private static final int BOOK = 2;

    private final DataQuality quality = new DataQuality(5 * SECOND);

    @Test
    void shouldFlagExchangeTimeGoingBackwardsPerInstrumentAndType()
    {
        assertEquals(DataQuality.OK, quality.checkTimes(1, TRADE, VENUE, 100 * SECOND, 100 * SECOND));
        assertEquals(DataQuality.OK, quality.checkTimes(1, TRADE, VENUE, 100 * SECOND, 100 * SECOND), "equal is fine");
        assertEquals(DataQuality.OK, quality.checkTimes(1, BOOK, VENUE, 99 * SECOND, 100 * SECOND), "another type");
        assertEquals(DataQuality.OK, quality.checkTimes(2, TRADE, VENUE, 98 * SECOND, 100 * SECOND), "another one");
        assertEquals(DataQuality.TIME_BACKWARDS, quality.checkTimes(1, TRADE, VENUE, 100 * SECOND - 7, 100 * SECOND));
        assertEquals(7, quality.backwardsNs());
        assertEquals(DataQuality.OK, quality.checkTimes(1, TRADE, VENUE, 100 * SECOND - 6, 100 * SECOND),
            "compared with the previous message, the one that went back: a clock step back is flagged once");
        assertEquals(DataQuality.OK, quality.checkTimes(1, TRADE, VENUE, 100 * SECOND + 1, 100 * SECOND));
        assertEquals(DataQuality.TIME_BACKWARDS, quality.checkTimes(1, TRADE, VENUE, 100 * SECOND, 100 * SECOND),
            "a message after one from the future is flagged, once");
        assertEquals(1, quality.backwardsNs());
        assertEquals(DataQuality.OK, quality.checkTimes(1, TRADE, VENUE, 100 * SECOND, 100 * SECOND));
        assertEquals(DataQuality.OK, quality.checkTimes(1, TRADE, VENUE, NULL, 100 * SECOND), "no time, no check");
    }

    @Test
    void shouldCountEverySkewedMessageAndMarkTheFirstOfARun()
    {
        final int skewed = DataQuality.CLOCK_SKEW | DataQuality.SKEW_RUN_START;
        assertEquals(DataQuality.OK, quality.checkTimes(1, TRADE, VENUE, 10 * SECOND, 14 * SECOND));
        assertEquals(skewed, quality.checkTimes(1, TRADE, VENUE, 11 * SECOND, 17 * SECOND));
        assertEquals(6 * SECOND, quality.skewNs());
        assertEquals(DataQuality.CLOCK_SKEW, quality.checkTimes(1, TRADE, VENUE, 12 * SECOND, 18 * SECOND));
        assertEquals(DataQuality.OK, quality.checkTimes(1, TRADE, VENUE, 13 * SECOND, 13 * SECOND));
        assertEquals(skewed, quality.checkTimes(1, TRADE, VENUE, 20 * SECOND, 14 * SECOND), "exchange ahead");
        assertEquals(-6 * SECOND, quality.skewNs());
        assertEquals(3, quality.skewed(VENUE));
        assertEquals(5, quality.skewHistogram(VENUE).getTotalCount());
        assertEquals(6_000_000, quality.skewHistogram(VENUE).getMaxValue(), 6_000_000 / 50.0, "microseconds");
    }

    @Test
    void shouldFlagARepeatedRecentTradeIdAndAZeroQuantity()
    {
        assertEquals(DataQuality.OK, quality.checkTrade(1, 500, 3));
        assertEquals(DataQuality.OK, quality.checkTrade(2, 500, 3), "another instrument");
        assertEquals(DataQuality.DUPLICATE_TRADE_ID, quality.checkTrade(1, 500, 3));
        assertEquals(DataQuality.ZERO_QUANTITY, quality.checkTrade(1, 501, 0));
        assertEquals(DataQuality.OK, quality.checkTrade(1, NULL, 3), "no id, no check");
        for (int id = 502; id < 502 + DataQuality.RECENT_TRADE_IDS; id++)
        {
            assertEquals(DataQuality.OK, quality.checkTrade(1, id, 1));
        }
        assertEquals(DataQuality.OK, quality.checkTrade(1, 500, 3), "forgotten after the recent ones");
    }

    @Test
    void shouldGrowForNewInstrumentsWithoutForgettingOldOnes()
    {
        assertEquals(DataQuality.OK, quality.checkTimes(3, TRADE, VENUE, 100 * SECOND, 100 * SECOND));
        assertEquals(DataQuality.OK, quality.checkTimes(5000, TRADE, VENUE, 100 * SECOND, 100 * SECOND));
        assertEquals(DataQuality.TIME_BACKWARDS, quality.checkTimes(3, TRADE, VENUE, 99 * SECOND, 100 * SECOND));
    }
}
