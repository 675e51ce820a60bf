/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.codecs;

import io.marketprism.sbe.Venue;

import java.nio.charset.StandardCharsets;

/**
 * The printed names of venues ({@code binance-spot}, {@code kraken-futures} ...), as used on the command line, in
 * configuration and in JSON lines.
 */
public final class VenueNames
{
    private static final Venue[] VENUES = {
        Venue.BINANCE_SPOT, Venue.BINANCE_USDM, Venue.BINANCE_COINM, Venue.OKX, Venue.BYBIT, Venue.DERIBIT,
        Venue.KRAKEN, Venue.KRAKEN_FUTURES, Venue.COINBASE };

    private static final String[] NAMES = new String[256];
    private static final byte[][] NAME_BYTES = new byte[256][];

    static
    {
        for (final Venue venue : VENUES)
        {
            final String name = venue.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            NAMES[venue.value()] = name;
            NAME_BYTES[venue.value()] = name.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private VenueNames()
    {
    }

    /**
     * @param venue a venue.
     * @return its printed name, e.g. {@code binance-spot}.
     */
    public static String name(final Venue venue)
    {
        return NAMES[venue.value()];
    }

    /**
     * @param rawVenue the venue's wire value.
     * @return its printed name as ASCII bytes, or null for a value no venue has.
     */
    public static byte[] nameBytes(final short rawVenue)
    {
        return NAME_BYTES[rawVenue & 0xFF];
    }

    /**
     * @return every venue, in wire-value order.
     */
    public static Venue[] venues()
    {
        return VENUES.clone();
    }

    /**
     * Parses a printed venue name.
     *
     * @param name e.g. {@code binance-usdm}.
     * @return the venue.
     * @throws IllegalArgumentException naming the allowed values when the name is unknown.
     */
    public static Venue parse(final String name)
    {
        for (final Venue venue : VENUES)
        {
            if (NAMES[venue.value()].equals(name))
            {
                return venue;
            }
        }
        final StringBuilder allowed = new StringBuilder();
        for (final Venue venue : VENUES)
        {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(NAMES[venue.value()]);
        }
        throw new IllegalArgumentException("unknown venue '" + name + "'; expected one of: " + allowed);
    }
}
