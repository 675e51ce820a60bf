/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import io.marketprism.feeds.json.JsonCursor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads captures that hold one raw venue frame per line and nothing else (format {@code lines}), gzip, zip or plain:
 * Bybit's daily order book archives ({@code 2024-12-01_XRPUSDT_ob500.data.zip}, one v5 {@code orderbook} message per
 * line), or any frame dump made with {@code jq -c}. Blank lines are skipped.
 * <p>
 * Such files record no receive time. Each frame gets the venue's own time instead: its top-level {@code "ts"} field,
 * an integer (or a string holding one) of milliseconds since the epoch, as Bybit's messages carry it; it is found by
 * walking the top-level members only, so a {@code ts} nested in the data is never taken. A frame without one (or one
 * that does not parse: the decoder will report it) gets the previous frame's time, 0 before the first. The receive
 * times are therefore the exchange's clock, non-decreasing only as far as the venue's are, and {@code --pace original}
 * replays at the venue's rhythm.
 */
public final class FrameLinesReader implements CaptureReader
{
    private static final long NS_PER_MS = 1_000_000L;

    private final LineSource lines;
    private final int source;
    private final JsonCursor cursor = new JsonCursor();
    private long lastTsNs;
    private long skipped;

    /**
     * @param path          the capture file.
     * @param source        source index stamped on frames.
     * @param maxLineLength longest line kept whole.
     * @throws IOException when the file cannot be opened.
     */
    public FrameLinesReader(final Path path, final int source, final int maxLineLength) throws IOException
    {
        this.lines = new LineSource(path, maxLineLength);
        this.source = source;
    }

    @Override
    public boolean next(final CaptureFrame frame) throws IOException
    {
        while (lines.nextLine())
        {
            final byte[] line = lines.line();
            final int length = lines.lineLength();
            int start = 0;
            while (start < length && (line[start] == ' ' || line[start] == '\t'))
            {
                start++;
            }
            if (start == length)
            {
                skipped++;
                continue;
            }
            frame.buffer.wrap(line, 0, length);
            frame.offset = start;
            frame.length = length - start;
            frame.kind = CaptureFrame.MESSAGE;
            frame.source = source;
            frame.contextSymbol = null;
            frame.contextUrl = null;
            final long tsMs = topLevelTsMs(frame);
            if (tsMs > 0)
            {
                lastTsNs = tsMs * NS_PER_MS;
            }
            frame.recvTsNs = lastTsNs;
            return true;
        }
        return false;
    }

    /**
     * @return the frame's top-level {@code ts} in ms, or -1 when it has none that parses.
     */
    private long topLevelTsMs(final CaptureFrame frame)
    {
        cursor.wrap(frame.buffer, frame.offset, frame.length);
        if (cursor.enterObject() != JsonCursor.OK)
        {
            return -1;
        }
        boolean first = true;
        while (cursor.nextField(first) == JsonCursor.OK)
        {
            first = false;
            if (cursor.keyLength() == 2 && cursor.keyByte(0) == 't' && cursor.keyByte(1) == 's')
            {
                final long ms = cursor.parseLong() == JsonCursor.OK ? cursor.longValue() : -1;
                return ms > 0 && ms <= Long.MAX_VALUE / NS_PER_MS ? ms : -1;
            }
            if (cursor.skipValue() != JsonCursor.OK)
            {
                return -1;
            }
        }
        return -1;
    }

    @Override
    public long skippedLines()
    {
        return skipped;
    }

    @Override
    public void close() throws IOException
    {
        lines.close();
    }
}
