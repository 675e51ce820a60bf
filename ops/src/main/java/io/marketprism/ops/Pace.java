/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.feeds.capture.CapturePacer;

/**
 * Parses {@code --pace}: {@code max} (as fast as possible), {@code original} (the recorded pace) or an integer N
 * (N times the recorded pace); or {@code --rate N}, a fixed number of frames per second, which takes precedence.
 */
final class Pace
{
    private Pace()
    {
    }

    static CapturePacer parse(final String pace, final long rate)
    {
        if (rate < 0 || rate > 1_000_000_000L)
        {
            throw new IllegalArgumentException("invalid --rate " + rate + "; expected 0 (use --pace) to 1000000000");
        }
        if (rate > 0)
        {
            return CapturePacer.fixedRate(rate);
        }
        if ("max".equals(pace))
        {
            return CapturePacer.asFastAsPossible();
        }
        if ("original".equals(pace))
        {
            return CapturePacer.recordedPace(1);
        }
        try
        {
            final long speed = Long.parseLong(pace);
            if (speed >= 1)
            {
                return CapturePacer.recordedPace(speed);
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new IllegalArgumentException("invalid --pace '" + pace + "'; expected max, original or an integer >= 1");
    }
}
