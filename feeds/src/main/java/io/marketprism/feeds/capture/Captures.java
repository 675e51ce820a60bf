/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opens captures by format name.
 */
public final class Captures
{
    /** Longest capture line kept whole: 64 MiB. */
    public static final int MAX_LINE_LENGTH = 64 * 1024 * 1024;

    private Captures()
    {
    }

    /**
     * Opens the files of one capture as one source.
     * <ul>
     *   <li>{@code hftbacktest}: the files are read one after the other, in the order given (a day pair);</li>
     *   <li>{@code cryptofeed}: the files are merged by receive time (a session's WebSocket and REST files);</li>
     *   <li>{@code lines}: one raw frame per line, the files read one after the other ({@link FrameLinesReader}).</li>
     * </ul>
     *
     * @param format {@code hftbacktest}, {@code cryptofeed} or {@code lines}.
     * @param files  the files.
     * @param source source index stamped on every frame.
     * @return a reader.
     * @throws IOException when a file cannot be opened.
     * @throws IllegalArgumentException for an unknown format or a missing file.
     */
    public static CaptureReader open(final String format, final List<Path> files, final int source)
        throws IOException
    {
        if (files.isEmpty())
        {
            throw new IllegalArgumentException("no input files");
        }
        for (final Path file : files)
        {
            if (!Files.isRegularFile(file))
            {
                throw new IllegalArgumentException("input not found: " + file);
            }
        }
        final List<CaptureReader> readers = new ArrayList<>();
        try
        {
            switch (format.toLowerCase(Locale.ROOT))
            {
                case "hftbacktest":
                    for (final Path file : files)
                    {
                        readers.add(new HftBacktestReader(file, source, MAX_LINE_LENGTH));
                    }
                    return new SequentialCaptureReader(readers);

                case "cryptofeed":
                    for (final Path file : files)
                    {
                        readers.add(new CryptofeedReader(file, source, MAX_LINE_LENGTH));
                    }
                    return new MergedCaptureReader(readers);

                case "lines":
                    for (final Path file : files)
                    {
                        readers.add(new FrameLinesReader(file, source, MAX_LINE_LENGTH));
                    }
                    return new SequentialCaptureReader(readers);

                default:
                    throw new IllegalArgumentException(
                        "unknown capture format '" + format + "'; expected hftbacktest, cryptofeed or lines");
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            for (final CaptureReader reader : readers)
            {
                try
                {
                    reader.close();
                }
                catch (final IOException suppressed)
                {
                    ex.addSuppressed(suppressed);
                }
            }
            throw ex;
        }
    }
}
