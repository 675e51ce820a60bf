/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.bybit;

import io.marketprism.feeds.RecordedJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The bundled Bybit recordings, read with plain JDK classes (not the capture readers under test).
 */
final class BybitRecordings
{
    static final String ARCHIVE = "nautilus/bybit/xrpusdt-ob500.data.zip";
    static final String LEGACY_LINEAR = "cryptofeed/BYBIT.ws.25.0.gz";
    static final String LEGACY_INVERSE = "cryptofeed/BYBIT.ws.26.0.gz";

    private BybitRecordings()
    {
    }

    static Path file(final String relative)
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
     * @param name a nautilus sample, e.g. {@code ws_public_trade.json}.
     * @return its text, as it is (pretty-printed).
     */
    static String sample(final String name)
    {
        try
        {
            return Files.readString(file("nautilus/bybit/" + name), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the non-blank lines of the archive's single entry, line ends removed.
     */
    static List<String> archiveLines()
    {
        final List<String> lines = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file(ARCHIVE))))
        {
            final ZipEntry entry = zip.getNextEntry();
            if (entry == null)
            {
                throw new IllegalStateException("empty archive");
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (!line.isBlank())
                {
                    lines.add(line);
                }
            }
            if (zip.getNextEntry() != null)
            {
                throw new IllegalStateException("the archive has more than one entry");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return lines;
    }

    /**
     * @return the messages received in a cryptofeed session.
     */
    static List<String> received(final String relative)
    {
        try
        {
            return RecordedJson.receivedMessages(file(relative));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
