/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

/**
 * When to deliver a recorded frame: as fast as possible, or at the recorded pace sped up by an integer factor. The
 * first frame sets the origin; a frame recorded {@code d} ns after the first is due {@code d / speed} ns after the
 * first was delivered. Frames recorded out of order are due at once.
 */
public final class CapturePacer
{
    private final long speed;
    private long originRecordedNs;
    private long originNanoTime;
    private boolean started;

    private CapturePacer(final long speed)
    {
        this.speed = speed;
    }

    /**
     * @return a pacer that never waits.
     */
    public static CapturePacer asFastAsPossible()
    {
        return new CapturePacer(0);
    }

    /**
     * @param speed 1 for the recorded pace, N for N times faster.
     * @return a pacer.
     */
    public static CapturePacer recordedPace(final long speed)
    {
        if (speed < 1)
        {
            throw new IllegalArgumentException("speed must be at least 1: " + speed);
        }
        return new CapturePacer(speed);
    }

    /**
     * @return true when this pacer never waits.
     */
    public boolean isAsFastAsPossible()
    {
        return speed == 0;
    }

    /**
     * @param recordedNs the frame's recorded receive time.
     * @param nowNanoTime System.nanoTime() now.
     * @return nanoseconds until the frame is due; zero or less means deliver now.
     */
    public long delayNs(final long recordedNs, final long nowNanoTime)
    {
        if (speed == 0)
        {
            return 0;
        }
        if (!started)
        {
            started = true;
            originRecordedNs = recordedNs;
            originNanoTime = nowNanoTime;
            return 0;
        }
        final long dueNanoTime = originNanoTime + (recordedNs - originRecordedNs) / speed;
        return dueNanoTime - nowNanoTime;
    }
}
