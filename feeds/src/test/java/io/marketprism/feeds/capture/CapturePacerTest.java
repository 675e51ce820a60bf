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
        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS + 1_000, NANO_TIME_ORIGIN + 250));
        final long halfSecond = TimeUnit.MILLISECONDS.toNanos(500);
        assertEquals(halfSecond / 4, pacer.delayNs(RECORDED_ORIGIN_NS + 1_000 + halfSecond, NANO_TIME_ORIGIN + 250));
    }

    @Test
    void shouldSkipRecordedSilencesLongerThanTheMaximumGap()
    {
        final CapturePacer pacer = CapturePacer.recordedPace(1);
        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS, NANO_TIME_ORIGIN));
        final long sixteenMonths = TimeUnit.DAYS.toNanos(487);
        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS + sixteenMonths, NANO_TIME_ORIGIN),
            "two captures of different days merged: the next day starts at once");
        assertEquals(2_000, pacer.delayNs(RECORDED_ORIGIN_NS + sixteenMonths + 2_000, NANO_TIME_ORIGIN),
            "and keeps its own pace after the jump");
        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS + sixteenMonths + 2_000, NANO_TIME_ORIGIN + 2_000));
        assertEquals(CapturePacer.MAX_GAP_NS, pacer.delayNs(
            RECORDED_ORIGIN_NS + sixteenMonths + 2_000 + CapturePacer.MAX_GAP_NS, NANO_TIME_ORIGIN + 2_000),
            "a silence of exactly the maximum is still reproduced");
    }

    @Test
    void shouldOfferFramesAtAFixedRateWhateverWasRecorded()
    {
        final CapturePacer pacer = CapturePacer.fixedRate(100_000);
        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS, NANO_TIME_ORIGIN));
        assertEquals(10_000, pacer.delayNs(RECORDED_ORIGIN_NS, NANO_TIME_ORIGIN));
        assertEquals(0, pacer.delayNs(RECORDED_ORIGIN_NS + TimeUnit.HOURS.toNanos(1), NANO_TIME_ORIGIN + 10_000));
        assertEquals(-5_000, pacer.delayNs(RECORDED_ORIGIN_NS, NANO_TIME_ORIGIN + 25_000),
            "a late frame does not shift the schedule: the third is due 20 us after the first");
        assertEquals(5_000, pacer.delayNs(RECORDED_ORIGIN_NS, NANO_TIME_ORIGIN + 25_000));
        assertThrows(IllegalArgumentException.class, () -> CapturePacer.fixedRate(0));
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
