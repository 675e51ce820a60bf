/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import java.io.IOException;
import java.util.List;

/**
 * Several captures merged into one stream by receive time, e.g. a cryptofeed session's WebSocket file and the REST
 * snapshots taken during it, or several instruments recorded side by side. Each capture keeps its own order; ties go
 * to the capture listed first.
 */
public final class MergedCaptureReader implements CaptureReader
{
    private final CaptureReader[] readers;
    private final CaptureFrame[] heads;
    private final boolean[] present;
    private final SequentialCaptureReader closer;
    private int lastTaken = -1;

    /**
     * @param readers the captures; closed by this reader.
     * @throws IOException when a first frame cannot be read.
     */
    public MergedCaptureReader(final List<CaptureReader> readers) throws IOException
    {
        this.readers = readers.toArray(new CaptureReader[0]);
        this.heads = new CaptureFrame[this.readers.length];
        this.present = new boolean[this.readers.length];
        this.closer = new SequentialCaptureReader(readers);
        for (int i = 0; i < this.readers.length; i++)
        {
            heads[i] = new CaptureFrame();
            present[i] = this.readers[i].next(heads[i]);
        }
    }

    @Override
    public boolean next(final CaptureFrame frame) throws IOException
    {
        if (lastTaken >= 0)
        {
            present[lastTaken] = readers[lastTaken].next(heads[lastTaken]);
        }
        int best = -1;
        for (int i = 0; i < readers.length; i++)
        {
            if (present[i] && (best < 0 || heads[i].recvTsNs < heads[best].recvTsNs))
            {
                best = i;
            }
        }
        lastTaken = best;
        if (best < 0)
        {
            return false;
        }
        frame.copyFrom(heads[best]);
        return true;
    }

    @Override
    public long skippedLines()
    {
        return closer.skippedLines();
    }

    @Override
    public void close() throws IOException
    {
        closer.close();
    }
}
