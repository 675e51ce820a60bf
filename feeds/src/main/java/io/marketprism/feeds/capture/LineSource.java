/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a text file line by line into a reused byte array, gzip or plain (told apart by the gzip magic bytes, not
 * the file name). Lines longer than the limit are cut at the limit (the rest of the line is skipped) and flagged, so
 * that one huge line cannot exhaust memory; the decoder then reports it.
 */
final class LineSource implements AutoCloseable
{
    private static final int READ_CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLineLength;
    private final Path path;
    private byte[] chunk = new byte[READ_CHUNK];
    private int chunkPosition;
    private int chunkLimit;
    private byte[] line = new byte[64 * 1024];
    private int lineLength;
    private boolean lineCut;
    private long lineNumber;

    LineSource(final Path path, final int maxLineLength) throws IOException
    {
        this.path = path;
        this.maxLineLength = maxLineLength;
        final InputStream raw = new BufferedInputStream(Files.newInputStream(path), READ_CHUNK);
        raw.mark(2);
        final int b0 = raw.read();
        final int b1 = raw.read();
        raw.reset();
        this.in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, READ_CHUNK) : raw;
    }

    /**
     * @return false at the end of the file.
     */
    boolean nextLine() throws IOException
    {
        lineLength = 0;
        lineCut = false;
        boolean sawAny = false;
        while (true)
        {
            if (chunkPosition == chunkLimit)
            {
                chunkLimit = in.read(chunk, 0, chunk.length);
                chunkPosition = 0;
                if (chunkLimit <= 0)
                {
                    chunkLimit = 0;
                    if (sawAny)
                    {
                        lineNumber++;
                    }
                    return sawAny;
                }
            }
            sawAny = true;
            int end = chunkPosition;
            while (end < chunkLimit && chunk[end] != '\n')
            {
                end++;
            }
            append(chunkPosition, end - chunkPosition);
            if (end < chunkLimit)
            {
                chunkPosition = end + 1;
                if (lineLength > 0 && line[lineLength - 1] == '\r')
                {
                    lineLength--;
                }
                lineNumber++;
                return true;
            }
            chunkPosition = chunkLimit;
        }
    }

    private void append(final int from, final int count)
    {
        final int room = maxLineLength - lineLength;
        final int taken = Math.min(room, count);
        if (taken < count)
        {
            lineCut = true;
        }
        if (taken <= 0)
        {
            return;
        }
        if (lineLength + taken > line.length)
        {
            final byte[] bigger = new byte[Math.min(maxLineLength, Math.max(line.length * 2, lineLength + taken))];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        System.arraycopy(chunk, from, line, lineLength, taken);
        lineLength += taken;
    }

    byte[] line()
    {
        return line;
    }

    int lineLength()
    {
        return lineLength;
    }

    boolean lineCut()
    {
        return lineCut;
    }

    long lineNumber()
    {
        return lineNumber;
    }

    Path path()
    {
        return path;
    }

    @Override
    public void close() throws IOException
    {
        in.close();
        chunk = null;
    }
}
