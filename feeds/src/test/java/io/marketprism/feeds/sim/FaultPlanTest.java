/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --fault} specs: what each one parses to, and a message quoting a bad spec and saying what is wrong.
 */
class FaultPlanTest
{
    @Test
    void shouldParseCountedAndTimedFaults()
    {
        final FaultPlan plan = FaultPlan.parse(List.of("refuse:from=2,times=3", "rest:status=429,retry-after=1500ms",
            "disconnect:period=2s", "stall:at=5,for=250ms"));
        assertFalse(plan.refuses(1));
        assertTrue(plan.refuses(2) && plan.refuses(4));
        assertFalse(plan.refuses(5));
        assertEquals(429, plan.restAnswer(1));
        assertEquals(2, plan.retryAfterSeconds(1));
        assertEquals(FaultPlan.REST_OK, plan.restAnswer(2));
        assertEquals(TimeUnit.SECONDS.toNanos(2), plan.disconnectPeriodNs());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(250), plan.stallNs());
        assertEquals(FaultPlan.REST_TIMEOUT, FaultPlan.parse(List.of("rest:timeout,times=all")).restAnswer(1_000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "explode:at=1|unknown kind 'explode'",
        "drop|give exactly one of at=N and every=N",
        "drop:at=1,every=2|give exactly one of at=N and every=N",
        "drop:at=0|at must be a whole number from 1",
        "drop:at=1,when=now|unknown option 'when'",
        "stall:at=3|stall needs for=T",
        "stall:at=3,for=5|duration needs a unit",
        "rest:status=404|status must be 429, 418, 500 or 503",
        "rest:status=500,retry-after=1s|retry-after goes with status 429 or 418",
        "refuse:times=x|times must be a whole number from 1",
    })
    void shouldRefuseBadSpecsNamingTheProblem(final String spec, final String why)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(List.of(spec)));
        assertTrue(ex.getMessage().startsWith("fault '" + spec + "': "), ex.getMessage());
        assertTrue(ex.getMessage().contains(why), ex.getMessage());
    }
}
