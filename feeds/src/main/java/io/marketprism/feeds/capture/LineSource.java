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
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a text file line by line into a reused byte array, gzip, zip or plain (told apart by their magic bytes, not
 * the file name; the entries of a zip archive are read one after the other, in archive order, directories skipped).
 * Lines longer than the limit are cut at the limit (the rest of the line is skipped) and flagged, so that one huge
 * line cannot exhaust memory; the decoder then reports it.
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
        raw.mark(4);
        final int b0 = raw.read();
        final int b1 = raw.read();
        final int b2 = raw.read();
        final int b3 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b)
        {
            this.in = new GZIPInputStream(raw, READ_CHUNK);
        }
        else if (b0 == 'P' && b1 == 'K' && b2 == 3 && b3 == 4)
        {
            this.in = new ZipEntriesInputStream(new ZipInputStream(raw));
        }
        else
        {
            this.in = raw;
        }
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

    /**
     * The contents of every file entry of a zip archive, one after the other.
     */
    private static final class ZipEntriesInputStream extends InputStream
    {
        private final ZipInputStream zip;
        private boolean inEntry;

        ZipEntriesInputStream(final ZipInputStream zip)
        {
            this.zip = zip;
        }

        @Override
        public int read() throws IOException
        {
            final byte[] one = new byte[1];
            final int read = read(one, 0, 1);
            return read <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(final byte[] bytes, final int offset, final int length) throws IOException
        {
            while (true)
            {
                if (!inEntry)
                {
                    final ZipEntry entry = zip.getNextEntry();
                    if (entry == null)
                    {
                        return -1;
                    }
                    if (entry.isDirectory())
                    {
                        continue;
                    }
                    inEntry = true;
                }
                final int read = zip.read(bytes, offset, length);
                if (read >= 0)
                {
                    return read;
                }
                inEntry = false;
            }
        }

        @Override
        public void close() throws IOException
        {
            zip.close();
        }
    }
}
