/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import java.io.IOException;

/**
 * The first frames of another reader: ends after {@code maxFrames} frames or when the other reader ends, whichever
 * comes first. Closing it closes the other reader.
 */
public final class LimitedCaptureReader implements CaptureReader
{
    private final CaptureReader reader;
    private final long maxFrames;
    private long frames;

    /**
     * @param reader    the reader to take frames from.
     * @param maxFrames frames to deliver at most, zero or more.
     */
    public LimitedCaptureReader(final CaptureReader reader, final long maxFrames)
    {
        if (maxFrames < 0)
        {
            throw new IllegalArgumentException("maxFrames must be >= 0: " + maxFrames);
        }
        this.reader = reader;
        this.maxFrames = maxFrames;
    }

    @Override
    public boolean next(final CaptureFrame frame) throws IOException
    {
        if (frames >= maxFrames || !reader.next(frame))
        {
            return false;
        }
        frames++;
        return true;
    }

    @Override
    public long skippedLines()
    {
        return reader.skippedLines();
    }

    @Override
    public void close() throws IOException
    {
        reader.close();
    }
}
