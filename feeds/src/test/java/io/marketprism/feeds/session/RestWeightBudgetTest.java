/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RestWeightBudgetTest
{
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void shouldSendWhatFitsInTheWindowAndHoldTheRestUntilTheNext()
    {
        final RestWeightBudget budget = new RestWeightBudget(10, MINUTE);
        final long start = -5_000_000_000L; // nanoTime may be negative
        assertEquals(0, budget.acquire(6, start));
        assertEquals(0, budget.acquire(4, start + 1_000));
        assertEquals(MINUTE - 2_000, budget.acquire(1, start + 2_000), "the window is spent");
        assertEquals(10, budget.used());
        assertEquals(0, budget.acquire(1, start + MINUTE), "a new window");
        assertEquals(1, budget.used());
        assertEquals(0, budget.acquire(10, start + 5 * MINUTE + 7), "windows keep their grid after a quiet spell");
        assertEquals(MINUTE - 14, budget.acquire(1, start + 5 * MINUTE + 14));
    }

    @Test
    void shouldTakeARequestHeavierThanAWindowInAWindowOfItsOwn()
    {
        final RestWeightBudget budget = new RestWeightBudget(10, MINUTE);
        assertEquals(0, budget.acquire(40, 0));
        assertEquals(MINUTE - 1, budget.acquire(1, 1));
    }

    @Test
    void shouldHoldEveryRequestWhileTheVenueSaidToWait()
    {
        final RestWeightBudget budget = new RestWeightBudget(1000, MINUTE);
        assertEquals(0, budget.acquire(1, 100));
        budget.pause(100 + 2_000_000_000L);
        assertEquals(2_000_000_000L - 50, budget.acquire(1, 150));
        budget.pause(1_000); // an earlier end does not shorten the pause
        assertEquals(2_000_000_000L - 60, budget.acquire(1, 160));
        assertEquals(0, budget.acquire(1, 100 + 2_000_000_000L));
    }

    @Test
    void shouldRefuseABudgetThatAllowsNothing()
    {
        assertThrows(IllegalArgumentException.class, () -> new RestWeightBudget(0, MINUTE));
        assertThrows(IllegalArgumentException.class, () -> new RestWeightBudget(10, 0));
    }
}
