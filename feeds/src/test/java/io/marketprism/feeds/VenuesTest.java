/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.engine.instrument.VenueRules;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every venue of the schema is wired: a decoder, symbol conventions and a book rule.
 */
final class VenuesTest
{
    @Test
    void shouldWireEveryVenue()
    {
        final VenueRules rules = Venues.rules();
        for (final Venue venue : Venue.values())
        {
            if (venue == Venue.NULL_VAL)
            {
                continue;
            }
            assertTrue(Venues.isSupported(venue), venue::toString);
            assertNotNull(Venues.newDecoder(venue), venue::toString);
            assertNotNull(rules.canonicalizer(venue.value()), venue::toString);
            assertNotNull(rules.bookRule(venue.value()), venue::toString);
        }
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> Venues.newDecoder(Venue.NULL_VAL));
        assertTrue(error.getMessage().contains("supported: binance-spot"), error.getMessage());
    }
}
