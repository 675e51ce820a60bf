/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class CapturePacerTest
{
    private static final long RECORDED_ORIGIN_NS = 1_723_161_253_937_085_768L;
    private static final long NANO_TIME_ORIGIN = 987_654_321L;

    @Test
    void shouldNeverWaitWhenAsFastAsPossible()
    {
        final CapturePacer pacer = CapturePacer.asFastAsPossible();
        assertTrue(pacer.isAsFastAsPossible());
        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS, NANO_TIME_ORIGIN));
        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS + TimeUnit.HOURS.toNanos(5), NANO_TIME_ORIGIN));
        assertEquals(0, pacer.delayNs(Long.MAX_VALUE, Long.MIN_VALUE));
        assertEquals(0, pacer.delayNs(0, NANO_TIME_ORIGIN));
    }

    @Test
    void shouldDeliverTheFirstFrameAtOnceAndLaterOnesAtTheRecordedPace()
    {
        final CapturePacer pacer = CapturePacer.recordedPace(1);
        assertFalse(pacer.isAsFastAsPossible());

        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS, NANO_TIME_ORIGIN));
        final long tenMs = TimeUnit.MILLISECONDS.toNanos(10);
        assertEquals(tenMs, pacer.delayNs(RECORDED_ORIGIN_NS + tenMs, NANO_TIME_ORIGIN));
        assertEquals(tenMs - 4_000, pacer.delayNs(RECORDED_ORIGIN_NS + tenMs, NANO_TIME_ORIGIN + 4_000));
        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS + tenMs, NANO_TIME_ORIGIN + tenMs));
        assertEquals(-5, pacer.delayNs(RECORDED_ORIGIN_NS + tenMs, NANO_TIME_ORIGIN + tenMs + 5));
    }

    @Test
    void shouldDivideRecordedIntervalsBySpeed()
    {
        final CapturePacer pacer = CapturePacer.recordedPace(4);

        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS, NANO_TIME_ORIGIN));
        assertEquals(250, pacer.delayNs(RECORDED_ORIGIN_NS + 1_000, NANO_TIME_ORIGIN));
        assertEquals(150, pacer.delayNs(RECORDED_ORIGIN_NS + 1_000, NANO_TIME_ORIGIN + 100));
        final long oneHour = TimeUnit.HOURS.toNanos(1);
        assertEquals(oneHour / 4 - 1_000, pacer.delayNs(RECORDED_ORIGIN_NS + oneHour, NANO_TIME_ORIGIN + 1_000));
    }

    @Test
    void shouldKeepTheFirstFrameAsOriginAcrossCalls()
    {
        final CapturePacer pacer = CapturePacer.recordedPace(2);
        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS, NANO_TIME_ORIGIN));
        // a late delivery does not move the origin: later frames are due relative to the first
        assertEquals(-600, pacer.delayNs(RECORDED_ORIGIN_NS + 800, NANO_TIME_ORIGIN + 1_000));
        assertEquals(1_000, pacer.delayNs(RECORDED_ORIGIN_NS + 4_000, NANO_TIME_ORIGIN + 1_000));
    }

    @Test
    void shouldDeliverFramesRecordedOutOfOrderAtOnce()
    {
        final CapturePacer pacer = CapturePacer.recordedPace(1);
        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS, NANO_TIME_ORIGIN));
        assertTrue(pacer.delayNs(RECORDED_ORIGIN_NS - 1_000, NANO_TIME_ORIGIN) <= 0);
        assertTrue(pacer.delayNs(RECORDED_ORIGIN_NS - 1_000, NANO_TIME_ORIGIN + 50) <= 0);
    }

    @Test
    void shouldRejectSpeedsBelowOne()
    {
        assertThrows(IllegalArgumentException.class, () -> CapturePacer.recordedPace(0));
        assertThrows(IllegalArgumentException.class, () -> CapturePacer.recordedPace(-3));
    }
}
