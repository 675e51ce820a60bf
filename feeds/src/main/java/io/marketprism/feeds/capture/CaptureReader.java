/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import java.io.IOException;

/**
 * A source of recorded frames, in recorded order.
 */
public interface CaptureReader extends AutoCloseable
{
    /**
     * Reads the next frame.
     *
     * @param frame filled with a view valid until the next call.
     * @return false at the end of the capture.
     * @throws IOException when the file cannot be read (e.g. a corrupt gzip stream).
     */
    boolean next(CaptureFrame frame) throws IOException;

    /**
     * @return lines that were not frames (connect markers, messages we sent, blank lines), skipped.
     */
    long skippedLines();

    @Override
    void close() throws IOException;
}
