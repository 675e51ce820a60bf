/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import java.io.IOException;
import java.util.List;

/**
 * Several captures read one after the other as one stream, e.g. the two days of an hftbacktest pair, the second of
 * which continues the first.
 */
public final class SequentialCaptureReader implements CaptureReader
{
    private final List<CaptureReader> readers;
    private int current;

    /**
     * @param readers in reading order; closed by this reader.
     */
    public SequentialCaptureReader(final List<CaptureReader> readers)
    {
        this.readers = List.copyOf(readers);
    }

    @Override
    public boolean next(final CaptureFrame frame) throws IOException
    {
        while (current < readers.size())
        {
            if (readers.get(current).next(frame))
            {
                return true;
            }
            current++;
        }
        return false;
    }

    @Override
    public long skippedLines()
    {
        long total = 0;
        for (final CaptureReader reader : readers)
        {
            total += reader.skippedLines();
        }
        return total;
    }

    @Override
    public void close() throws IOException
    {
        IOException failure = null;
        for (final CaptureReader reader : readers)
        {
            try
            {
                reader.close();
            }
            catch (final IOException ex)
            {
                failure = ex;
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }
}
