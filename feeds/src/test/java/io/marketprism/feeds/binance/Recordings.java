/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.binance;

import io.marketprism.sbe.Venue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * The bundled recordings, read with plain JDK classes (not with the capture readers under test).
 */
final class Recordings
{
    /** Every Binance recording in the hftbacktest format, by the folder that names its venue. */
    static final String[][] BINANCE_HFT_FILES = {
        { "spot", "hftbacktest/spot/btcusdt_20240808.gz" },
        { "spot", "hftbacktest/spot/btcusdt_20240809.gz" },
        { "spot", "hftbacktest/spot/ethusdt_20240808.gz" },
        { "spot", "hftbacktest/spot/ethusdt_20240809.gz" },
        { "spot", "hftbacktest/spot/btcusdt_20230405.dat.gz" },
        { "coinm", "hftbacktest/cm/btcusd_perp_20240808.gz" },
        { "coinm", "hftbacktest/cm/btcusd_perp_20240809.gz" },
        { "usdm", "hftbacktest/usdm/btcusdt_20230404.dat.gz" },
        { "usdm", "hftbacktest/usdm/btcusdt_20230405.dat.gz" } };

    private Recordings()
    {
    }

    /**
     * @param folder a recordings folder: {@code spot}, {@code usdm} or {@code coinm}.
     * @return the Binance venue its captures come from.
     */
    static Venue venue(final String folder)
    {
        switch (folder)
        {
            case "spot":
                return Venue.BINANCE_SPOT;
            case "usdm":
                return Venue.BINANCE_USDM;
            case "coinm":
                return Venue.BINANCE_COINM;
            default:
                throw new IllegalArgumentException(folder);
        }
    }

    static Path dir()
    {
        final String property = System.getProperty("marketprism.recordings");
        final Path dir = property != null ? Paths.get(property) : Paths.get("src", "test", "resources", "recordings");
        if (!Files.isDirectory(dir))
        {
            throw new IllegalStateException("recordings not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    static Path file(final String relative)
    {
        return dir().resolve(relative);
    }

    /**
     * @return every non-empty line of a gzip file.
     */
    static List<String> lines(final String relative)
    {
        final List<String> lines = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file(relative)));
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (!line.isEmpty())
                {
                    lines.add(line);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return lines;
    }

    /**
     * @return the JSON of an hftbacktest line: what follows the receive time.
     */
    static String hftPayload(final String line)
    {
        return line.substring(line.indexOf(' ') + 1);
    }

    /**
     * @return the receive time of an hftbacktest line as written (ns or us).
     */
    static long hftTime(final String line)
    {
        return Long.parseLong(line.substring(0, line.indexOf(' ')));
    }

    /**
     * @return the JSON of the first hftbacktest line matching.
     */
    static String firstHftPayload(final String relative, final Predicate<String> payloadMatch)
    {
        for (final String line : lines(relative))
        {
            final String payload = hftPayload(line);
            if (payloadMatch.test(payload))
            {
                return payload;
            }
        }
        throw new IllegalStateException("no matching line in " + relative);
    }

    /**
     * @return the JSON of the first cryptofeed line (received message or REST response) matching.
     */
    static String firstCryptofeedPayload(final String relative, final Predicate<String> payloadMatch)
    {
        for (final String line : lines(relative))
        {
            final String payload = cryptofeedPayload(line);
            if (payload != null && payloadMatch.test(payload))
            {
                return payload;
            }
        }
        throw new IllegalStateException("no matching line in " + relative);
    }

    /**
     * @return the JSON of a cryptofeed line, or null for connect lines.
     */
    static String cryptofeedPayload(final String line)
    {
        final int separator = line.indexOf(": {");
        if (separator < 0)
        {
            return null;
        }
        return line.substring(separator + 2);
    }

    /**
     * A recorded frame and the venue it came from.
     */
    static final class Sample
    {
        final Venue venue;
        final String text;

        Sample(final Venue venue, final String text)
        {
            this.venue = venue;
            this.text = text;
        }
    }
}
