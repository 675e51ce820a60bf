/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The bundled recordings and small helpers for capture reader tests, built on plain JDK classes.
 */
final class CaptureFiles
{
    private CaptureFiles()
    {
    }

    static Path recording(final String relative)
    {
        final String property = System.getProperty("marketprism.recordings");
        final Path dir = property != null ? Paths.get(property) : Paths.get("src", "test", "resources", "recordings");
        final Path file = dir.resolve(relative);
        if (!Files.isRegularFile(file))
        {
            throw new IllegalStateException("recording not found: " + file.toAbsolutePath());
        }
        return file;
    }

    /**
     * @return every line of a gzip file, blank ones included.
     */
    static List<String> gunzipLines(final Path file) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                lines.add(line);
            }
        }
        return lines;
    }

    static void gunzip(final Path from, final Path to) throws IOException
    {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(from)))
        {
            Files.copy(in, to);
        }
    }

    /**
     * @return the frame's bytes as text.
     */
    static String text(final CaptureFrame frame)
    {
        return frame.buffer().getStringWithoutLengthUtf8(frame.offset(), frame.length());
    }

    /**
     * A frame read from a capture, copied out of the reader's buffer.
     */
    record Read(String text, long recvTsNs, int kind, int source, String contextSymbol)
    {
        static Read of(final CaptureFrame frame)
        {
            return new Read(CaptureFiles.text(frame), frame.recvTsNs(), frame.kind(), frame.source(),
                frame.contextSymbol());
        }
    }

    /**
     * @return every frame of the reader, copied; the reader is closed.
     */
    static List<Read> readAll(final CaptureReader reader) throws IOException
    {
        final List<Read> frames = new ArrayList<>();
        try (reader)
        {
            final CaptureFrame frame = new CaptureFrame();
            while (reader.next(frame))
            {
                frames.add(Read.of(frame));
            }
        }
        return frames;
    }

    /**
     * A capture held in memory: frames of the given receive times, with text naming the source and index.
     */
    static final class ListReader implements CaptureReader
    {
        private final String name;
        private final long[] times;
        private final int source;
        private int next;
        private boolean closed;
        private final long skipped;

        ListReader(final String name, final int source, final long skipped, final long... times)
        {
            this.name = name;
            this.source = source;
            this.skipped = skipped;
            this.times = times.clone();
        }

        @Override
        public boolean next(final CaptureFrame frame)
        {
            if (closed)
            {
                throw new IllegalStateException(name + " read after close");
            }
            if (next == times.length)
            {
                return false;
            }
            final byte[] bytes = (name + next).getBytes(StandardCharsets.US_ASCII);
            frame.buffer.wrap(bytes);
            frame.offset = 0;
            frame.length = bytes.length;
            frame.recvTsNs = times[next];
            frame.kind = CaptureFrame.MESSAGE;
            frame.source = source;
            frame.contextSymbol = name;
            next++;
            return true;
        }

        @Override
        public long skippedLines()
        {
            return skipped;
        }

        @Override
        public void close()
        {
            closed = true;
        }

        boolean closed()
        {
            return closed;
        }
    }
}
