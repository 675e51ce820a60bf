/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.instrument;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.engine.instrument.SymbolCanonicalizer;
import io.marketprism.sbe.Venue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One venue's instruments as its REST metadata describes them, keyed by venue symbol; a {@link SymbolCanonicalizer}
 * that answers from the metadata and falls back to the venue's symbol conventions for symbols it does not list.
 * Loaded at start, read by normalize when it first meets a symbol; never on the steady-state path.
 */
public final class InstrumentCatalog implements SymbolCanonicalizer
{
    /** Reads responses with exact decimals for JSON numbers (Deribit and Kraken Futures send numbers). */
    public static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private final Venue venue;
    private final SymbolCanonicalizer fallback;
    private final Map<String, InstrumentDefinition> byVenueSymbol = new LinkedHashMap<>();

    /**
     * @param venue    the venue.
     * @param fallback its symbol conventions, for symbols the metadata does not list.
     */
    public InstrumentCatalog(final Venue venue, final SymbolCanonicalizer fallback)
    {
        this.venue = venue;
        this.fallback = fallback;
    }

    /**
     * Adds definitions; a later one for the same venue symbol replaces the earlier (a newer response).
     *
     * @param definitions definitions of this venue.
     * @return this.
     */
    public InstrumentCatalog addAll(final Collection<InstrumentDefinition> definitions)
    {
        for (final InstrumentDefinition definition : definitions)
        {
            if (definition.venue() != venue)
            {
                throw new IllegalArgumentException("not a " + venue + " instrument: " + definition);
            }
            byVenueSymbol.put(key(definition.venueSymbol()), definition);
        }
        return this;
    }

    /**
     * Adds the instruments of every metadata response in a capture file in cryptofeed's format (lines
     * {@code <url> -> <time>: <body>}, gzip or plain; other lines are skipped).
     *
     * @param file   the file.
     * @param parser the venue's metadata parser.
     * @return instruments read (repeats included).
     * @throws IOException when the file cannot be read.
     * @throws IllegalArgumentException naming the line when a response is not the venue's metadata.
     */
    public int load(final Path file, final MetadataParser parser) throws IOException
    {
        int count = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) :
            Files.newInputStream(file), StandardCharsets.UTF_8)))
        {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null)
            {
                number++;
                final int arrow = line.indexOf(" -> ");
                final int body = arrow < 0 ? -1 : line.indexOf(": ", arrow);
                if (body < 0)
                {
                    continue;
                }
                try
                {
                    final var definitions = parser.parse(MAPPER.readTree(line.substring(body + 2)));
                    addAll(definitions);
                    count += definitions.size();
                }
                catch (final IllegalArgumentException | IOException ex)
                {
                    throw new IllegalArgumentException(file + ":" + number + ": " + ex.getMessage(), ex);
                }
            }
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
        return count;
    }

    /**
     * @return the venue.
     */
    public Venue venue()
    {
        return venue;
    }

    /**
     * @return every instrument held, one per venue symbol.
     */
    public Collection<InstrumentDefinition> instruments()
    {
        return byVenueSymbol.values();
    }

    @Override
    public InstrumentDefinition define(final int instrumentId, final Venue venue, final String venueSymbol)
    {
        final InstrumentDefinition known = byVenueSymbol.get(key(venueSymbol));
        if (known == null || venue != this.venue)
        {
            return fallback.define(instrumentId, venue, venueSymbol);
        }
        // the stream's spelling of the symbol, which may differ in case from the metadata's
        return known.withVenueSymbol(instrumentId, venueSymbol);
    }

    private static String key(final String venueSymbol)
    {
        return venueSymbol.toUpperCase(Locale.ROOT);
    }
}
