/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

/**
 * When to deliver a recorded frame:
 * <ul>
 *   <li>as fast as possible;</li>
 *   <li>at the recorded pace sped up by an integer factor: a frame recorded {@code d} ns after the previous one is
 *       due {@code d / speed} ns after it. A recorded silence longer than {@link #MAX_GAP_NS} (a capture's overnight
 *       break, or two captures of different days merged) is skipped rather than waited out; frames recorded out of
 *       order are due at once;</li>
 *   <li>at a fixed rate: frame {@code k} is due {@code k / rate} seconds after the first, whatever was recorded.</li>
 * </ul>
 */
public final class CapturePacer
{
    /**
     * Longest recorded silence that is reproduced; longer ones are skipped.
     */
    public static final long MAX_GAP_NS = 1_000_000_000L;

    private static final int FAST = 0;
    private static final int RECORDED = 1;
    private static final int FIXED_RATE = 2;

    private final int mode;
    private final long speed;
    private final long intervalNs;
    private boolean started;
    private long lastRecordedNs;
    private long lastDueNanoTime;
    private long frames;
    private long originNanoTime;

    private CapturePacer(final int mode, final long speed, final long intervalNs)
    {
        this.mode = mode;
        this.speed = speed;
        this.intervalNs = intervalNs;
    }

    /**
     * @return a pacer that never waits.
     */
    public static CapturePacer asFastAsPossible()
    {
        return new CapturePacer(FAST, 0, 0);
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
        return new CapturePacer(RECORDED, speed, 0);
    }

    /**
     * @param framesPerSecond offered rate, 1 to 1,000,000,000.
     * @return a pacer.
     */
    public static CapturePacer fixedRate(final long framesPerSecond)
    {
        if (framesPerSecond < 1 || framesPerSecond > 1_000_000_000L)
        {
            throw new IllegalArgumentException("rate must be from 1 to 1000000000 per second: " + framesPerSecond);
        }
        return new CapturePacer(FIXED_RATE, 0, 1_000_000_000L / framesPerSecond);
    }

    /**
     * @return true when this pacer never waits.
     */
    public boolean isAsFastAsPossible()
    {
        return mode == FAST;
    }

    /**
     * Asks whether the next frame is due; once it returns zero or less, the frame counts as delivered.
     *
     * @param recordedNs  the frame's recorded receive time.
     * @param nowNanoTime System.nanoTime() now.
     * @return nanoseconds until the frame is due; zero or less means deliver now.
     */
    public long delayNs(final long recordedNs, final long nowNanoTime)
    {
        if (mode == FAST)
        {
            return 0;
        }
        if (!started)
        {
            started = true;
            originNanoTime = nowNanoTime;
            lastDueNanoTime = nowNanoTime;
            lastRecordedNs = recordedNs;
            frames = 1;
            return 0;
        }

        final long dueNanoTime;
        if (mode == FIXED_RATE)
        {
            dueNanoTime = originNanoTime + frames * intervalNs;
        }
        else
        {
            final long gapNs = recordedNs - lastRecordedNs;
            dueNanoTime = gapNs <= 0 || gapNs > MAX_GAP_NS ? lastDueNanoTime : lastDueNanoTime + gapNs / speed;
        }
        final long delay = dueNanoTime - nowNanoTime;
        if (delay <= 0)
        {
            lastDueNanoTime = dueNanoTime;
            lastRecordedNs = recordedNs;
            frames++;
        }
        return delay;
    }
}
