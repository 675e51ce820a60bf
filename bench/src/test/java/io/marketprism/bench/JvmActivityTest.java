/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a latency run prints of the JVM's own work during its measured interval.
 */
final class JvmActivityTest
{
    @Test
    void sinceIsTheDifferenceFromTheEarlierTotalsStartingAtTheirUptime()
    {
        final JvmActivity before = new JvmActivity(100, 3, 40, 5_000);
        final JvmActivity during = new JvmActivity(130, 5, 52, 15_000).since(before);

        assertEquals(30, during.compilationMs);
        assertEquals(2, during.collections);
        assertEquals(12, during.collectionMs);
        assertEquals(5_000, during.uptimeMs);
    }

    @Test
    void countsACollectionTheJvmRan()
    {
        final JvmActivity before = JvmActivity.now();
        System.gc();
        final JvmActivity during = JvmActivity.now().since(before);

        assertTrue(during.collections >= 1, "collections " + during.collections);
        assertTrue(during.collectionMs >= 0 && during.compilationMs >= 0);
        assertTrue(before.uptimeMs > 0);
    }
}
