/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

/**
 * A venue's REST request weight per window (Binance counts weight per minute per IP, and answers {@code 429}, then
 * bans with {@code 418}, past its limit): a request is sent only when its weight fits in what is left of the current
 * window; otherwise it waits for the next window. A {@code 429} or {@code 418} answer pauses every request of the
 * venue until its {@code Retry-After} has passed. Fixed windows from the first request. One thread (the REST thread).
 */
public final class RestWeightBudget
{
    private final int weightPerWindow;
    private final long windowNs;
    private long windowStartNs;
    private boolean started;
    private int used;
    private long pausedUntilNs;
    private boolean paused;

    /**
     * @param weightPerWindow the weight the venue allows per window, at least 1.
     * @param windowNs        the window, above 0.
     */
    public RestWeightBudget(final int weightPerWindow, final long windowNs)
    {
        if (weightPerWindow < 1 || windowNs <= 0)
        {
            throw new IllegalArgumentException("a weight budget needs a weight of at least 1 per window above 0");
        }
        this.weightPerWindow = weightPerWindow;
        this.windowNs = windowNs;
    }

    /**
     * Takes a request's weight when it fits now.
     *
     * @param weight the request's weight; one heavier than the whole window is taken in a window of its own.
     * @param nowNs  the time, {@link System#nanoTime()}.
     * @return 0 when the request may go now (its weight is taken); otherwise ns to wait before asking again.
     */
    public long acquire(final int weight, final long nowNs)
    {
        if (paused)
        {
            if (nowNs - pausedUntilNs < 0)
            {
                return pausedUntilNs - nowNs;
            }
            paused = false;
        }
        if (!started || nowNs - windowStartNs >= windowNs)
        {
            windowStartNs = !started ? nowNs : windowStartNs + (nowNs - windowStartNs) / windowNs * windowNs;
            started = true;
            used = 0;
        }
        if (used == 0 || used + weight <= weightPerWindow)
        {
            used += weight;
            return 0;
        }
        return windowStartNs + windowNs - nowNs;
    }

    /**
     * The venue said to slow down ({@code 429}, {@code 418}): nothing is sent before the time has passed.
     *
     * @param untilNs the end of the pause, {@link System#nanoTime()} time.
     */
    public void pause(final long untilNs)
    {
        if (!paused || untilNs - pausedUntilNs > 0)
        {
            pausedUntilNs = untilNs;
            paused = true;
        }
    }

    /**
     * @return the weight taken in the current window.
     */
    public int used()
    {
        return used;
    }

    /**
     * @return the weight allowed per window.
     */
    public int weightPerWindow()
    {
        return weightPerWindow;
    }
}
