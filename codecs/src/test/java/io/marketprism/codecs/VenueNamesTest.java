/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.codecs;

import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class VenueNamesTest
{
    private static final List<String> NAMES = List.of(
        "binance-spot", "binance-usdm", "binance-coinm", "okx", "bybit", "deribit", "kraken", "kraken-futures",
        "coinbase");

    @Test
    void shouldNameEveryVenueAsTheContractDoes()
    {
        final Venue[] venues = VenueNames.venues();
        assertEquals(NAMES.size(), venues.length);
        for (int i = 0; i < venues.length; i++)
        {
            assertEquals(i + 1, venues[i].value(), "wire-value order");
            assertEquals(NAMES.get(i), VenueNames.name(venues[i]));
            assertArrayEquals(
                NAMES.get(i).getBytes(StandardCharsets.US_ASCII), VenueNames.nameBytes(venues[i].value()));
            assertSame(venues[i], VenueNames.parse(NAMES.get(i)));
        }
        assertEquals("kraken-futures", VenueNames.name(Venue.KRAKEN_FUTURES));
        assertEquals(Venue.values().length - 1, venues.length, "every venue but NULL_VAL");
    }

    @Test
    void shouldHaveNoNameForValuesNoVenueHas()
    {
        assertNull(VenueNames.nameBytes((short)0));
        assertNull(VenueNames.nameBytes((short)10));
        assertNull(VenueNames.nameBytes((short)255));
    }

    @Test
    void shouldHandOutACopyOfTheVenues()
    {
        final Venue[] venues = VenueNames.venues();
        Arrays.fill(venues, Venue.OKX);
        assertEquals(Venue.BINANCE_SPOT, VenueNames.venues()[0]);
    }

    @Test
    void shouldRejectUnknownNamesNamingTheAllowedValues()
    {
        for (final String name : List.of("binance", "BINANCE-SPOT", "binance_spot", "", " okx"))
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> VenueNames.parse(name));
            assertTrue(ex.getMessage().contains("'" + name + "'"), ex.getMessage());
            for (final String allowed : NAMES)
            {
                assertTrue(ex.getMessage().contains(allowed), ex.getMessage());
            }
        }
    }
}
